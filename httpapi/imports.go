package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/hubspot"
	"github.com/kamgraph/kamgraph/graph/ingest/load"
	"github.com/kamgraph/kamgraph/graph/ingest/mapping"
	"github.com/kamgraph/kamgraph/graph/ingest/salesforce"
)

// Multipart fields with a fixed meaning: "files" may carry any import
// file, named by the part's file name, and "mapping.json" carries the
// mapping file of a CRM export.
const (
	filesField   = "files"
	mappingField = "mapping.json"
)

// importRequest is the validated query of POST /api/v1/imports.
type importRequest struct {
	format    string
	dryRun    bool
	keepGoing bool
	asOf      time.Time
	halfLife  time.Duration
}

// createImport reads the uploaded files in the requested format and
// imports them, or only validates and counts them when dry_run is true.
func (s *Server) createImport(c echo.Context) error {
	req, err := parseImportRequest(c.QueryParams())
	if err != nil {
		return err
	}
	upload, err := s.readUploads(c.Request(), req.format)
	if err != nil {
		return err
	}

	rep, err := s.runImport(c, req, upload)
	if err != nil {
		return err
	}
	msg := "import applied"
	if rep.DryRun {
		msg = "import checked, dry run wrote nothing"
	} else {
		s.metrics.imports.WithLabelValues(rep.Format, "read").Add(float64(rep.Rows.RowsRead))
		s.metrics.imports.WithLabelValues(rep.Format, "rejected").Add(float64(rep.Rows.RowsRejected + rep.RecordsRejected))
	}
	s.logger.Info(msg,
		slog.String("format", rep.Format),
		slog.Int("rows_read", rep.Rows.RowsRead),
		slog.Int("rows_rejected", rep.Rows.RowsRejected+rep.RecordsRejected),
		countsAttr("accounts", rep.Accounts),
		countsAttr("people", rep.People),
		countsAttr("relationships", rep.Relationships),
		slog.String("request_id", requestID(c)))
	return c.JSON(http.StatusOK, rep)
}

// runImport hands the upload to the reader of its format and imports the
// result.
func (s *Server) runImport(c echo.Context, req importRequest, upload *uploads) (*load.Report, error) {
	ctx := c.Request().Context()
	opts := load.Options{Format: req.format, DryRun: req.dryRun}
	opts.KeepGoing = req.keepGoing

	var res *ingest.Result
	var err error
	switch req.format {
	case load.FormatInteractions:
		return load.Interactions(ctx, s.store, upload.readers(), load.InteractionOptions{
			Options: opts, AsOf: req.asOf, HalfLife: req.halfLife})
	case load.FormatKamgraph:
		res, err = load.ReadKamgraph(upload.readers(), opts.Options)
	case load.FormatSalesforce:
		res, err = salesforce.Read(upload.objects(), upload.mapping, opts.Options)
	case load.FormatHubSpot:
		res, err = hubspot.Read(upload.readers(), upload.mapping, opts.Options)
	}
	if err != nil {
		return nil, err
	}
	return load.Dataset(ctx, s.store, res, opts)
}

// parseImportRequest validates the query parameters: format (default
// kamgraph), dry_run, keep_going, and for interactions as_of and
// half_life_days.
func parseImportRequest(query url.Values) (importRequest, error) {
	req := importRequest{format: load.FormatKamgraph}
	if v, ok, err := single(query, "format"); err != nil {
		return req, err
	} else if ok {
		if req.format, err = load.ParseFormat(v); err != nil {
			return req, invalidf("%v", err)
		}
	}
	var err error
	if req.dryRun, err = parseBool(query, "dry_run"); err != nil {
		return req, err
	}
	if req.keepGoing, err = parseBool(query, "keep_going"); err != nil {
		return req, err
	}

	asOf, hasAsOf, err := single(query, "as_of")
	if err != nil {
		return req, err
	}
	halfLife, hasHalfLife, err := single(query, "half_life_days")
	if err != nil {
		return req, err
	}
	if req.format != load.FormatInteractions {
		if hasAsOf || hasHalfLife {
			return req, invalidf("as_of and half_life_days apply to format=interactions, not to format=%s", req.format)
		}
		return req, nil
	}
	if !hasAsOf {
		return req, invalidf("missing as_of: format=interactions needs the time at which strengths are measured, such as as_of=2026-06-30")
	}
	if req.asOf, err = ingest.ParseTime(asOf); err != nil {
		return req, invalidf("invalid as_of: %v", err)
	}
	if hasHalfLife {
		days, err := strconv.ParseFloat(halfLife, 64)
		if err == nil {
			req.halfLife, err = load.HalfLifeDays(days)
		}
		if err != nil {
			return req, invalidf("invalid half_life_days %q: use a number of days from %g to %g, such as 90",
				halfLife, load.MinHalfLifeDays, load.MaxHalfLifeDays)
		}
	}
	return req, nil
}

// single returns the value of a query parameter and whether it was
// given. A parameter given more than once is a KindInvalid error.
func single(query url.Values, name string) (string, bool, error) {
	values := query[name]
	switch len(values) {
	case 0:
		return "", false, nil
	case 1:
		return values[0], true, nil
	}
	return "", false, invalidf("query parameter %s given %d times: give it once", name, len(values))
}

// parseBool parses a boolean query parameter. An absent parameter means
// false.
func parseBool(query url.Values, name string) (bool, error) {
	v, ok, err := single(query, name)
	if err != nil || !ok {
		return false, err
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, invalidf("invalid %s %q: use true or false", name, v)
	}
	return b, nil
}

// uploads are the files of one import request, read into memory, which
// the upload limit bounds.
type uploads struct {
	files   map[string][]byte // by file name
	mapping *mapping.Mapping  // nil unless a mapping.json part came
}

func (u *uploads) readers() map[string]io.Reader {
	out := make(map[string]io.Reader, len(u.files))
	for name, content := range u.files {
		out[name] = bytes.NewReader(content)
	}
	return out
}

// objects returns the files keyed by Salesforce object name, the file
// name without ".csv", as salesforce.Read expects them.
func (u *uploads) objects() map[string]io.Reader {
	out := make(map[string]io.Reader, len(u.files))
	for name, content := range u.files {
		out[strings.TrimSuffix(name, path.Ext(name))] = bytes.NewReader(content)
	}
	return out
}

// readUploads reads the import files of a multipart/form-data body. A
// file arrives either in a field named after it, such as people.csv or
// Contact.csv, or in a field named "files" whose part has the file name.
// A CRM export may add its mapping file in a field named mapping.json.
// It counts the data rows of the files as it reads them and stops with a
// graph.KindTooLarge error at the first row past Limits.MaxImportRows.
func (s *Server) readUploads(req *http.Request, format string) (*uploads, error) {
	mediaType, _, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if err != nil || mediaType != echo.MIMEMultipartForm {
		return nil, echo.NewHTTPError(http.StatusUnsupportedMediaType,
			"request body must be multipart/form-data with the import files: "+expectedFiles(format))
	}
	reader, err := req.MultipartReader()
	if err != nil {
		return nil, invalidf("invalid multipart body: %v", err)
	}

	u := &uploads{files: map[string][]byte{}}
	rows := &load.RowLimit{Max: s.cfg.Limits.MaxImportRows, Format: format, Neo4j: s.cfg.StoreIsNeo4j}
	for {
		part, err := reader.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, s.uploadReadError(req.Context(), err)
		}
		if err := s.readPart(req.Context(), u, part, format, rows); err != nil {
			return nil, err
		}
	}
	// The multipart reader may stop at the closing boundary before the end
	// of the body. net/http watches the connection, and cancels the
	// request's context when the client leaves, only once the body has
	// been read to its end, so the import would otherwise run on after the
	// client closed the connection.
	if _, err := io.Copy(io.Discard, req.Body); err != nil {
		return nil, s.uploadReadError(req.Context(), err)
	}
	if len(u.files) == 0 {
		return nil, invalidf("no import files in the upload: send %s as multipart file fields", expectedFiles(format))
	}
	return u, nil
}

// partReader is the part of a multipart body that readPart reads.
type partReader interface {
	io.Reader
	FormName() string
	FileName() string
}

func (s *Server) readPart(ctx context.Context, u *uploads, part partReader, format string, rows *load.RowLimit) error {
	if part.FormName() == mappingField {
		if format != load.FormatSalesforce && format != load.FormatHubSpot {
			return invalidf("a mapping.json part applies to format=salesforce and format=hubspot, not to format=%s", format)
		}
		if u.mapping != nil {
			return invalidf("mapping.json uploaded twice: send the mapping once")
		}
		m, err := mapping.Parse(part)
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return s.bodyTooLarge()
			}
			return invalidf("invalid mapping.json: %v", err)
		}
		u.mapping = m
		return nil
	}
	name, err := uploadFileName(part.FormName(), part.FileName(), format)
	if err != nil {
		return err
	}
	if _, dup := u.files[name]; dup {
		return invalidf("%s uploaded twice: send each import file once", name)
	}
	content, err := io.ReadAll(rows.Reader(name, part))
	var tooManyRows *load.RowLimitError
	if errors.As(err, &tooManyRows) {
		s.logger.Warn("import rejected: too many rows",
			slog.Int("max_import_rows", tooManyRows.Limit), slog.String("file", tooManyRows.File))
		return err
	}
	if err != nil {
		return s.uploadReadError(ctx, err)
	}
	u.files[name] = content
	return nil
}

// uploadFileName returns the import file that a multipart part carries,
// when format reads a file of that name.
func uploadFileName(field, fileName, format string) (string, error) {
	name := field
	if field == filesField {
		if fileName == "" {
			return "", invalidf("multipart field %q has no file name: name the part after the file, such as %s", filesField, exampleFile(format))
		}
		// Some clients send a path; only its last element names the file.
		name = path.Base(strings.ReplaceAll(fileName, `\`, "/"))
	}
	if format == load.FormatSalesforce {
		// Salesforce file names match in any case, so Account.csv and
		// account.csv are one file.
		for _, object := range salesforce.Objects {
			if strings.EqualFold(name, object+".csv") {
				return object + ".csv", nil
			}
		}
	}
	if !acceptsFile(format, name) {
		fields := "files"
		if format == load.FormatSalesforce || format == load.FormatHubSpot {
			fields = mappingField + " or files"
		}
		return "", invalidf("unknown multipart field %q (file name %q) for format=%s: name the fields after the files (%s), or use %s",
			field, fileName, format, expectedFiles(format), fields)
	}
	return name, nil
}

// acceptsFile reports whether the reader of format reads a file named
// name.
func acceptsFile(format, name string) bool {
	switch format {
	case load.FormatKamgraph:
		return slices.Contains(csvimport.FileNames, name)
	case load.FormatSalesforce:
		return false // uploadFileName accepts the object files
	case load.FormatHubSpot:
		return strings.EqualFold(path.Ext(name), ".csv")
	}
	return load.IsLogFile(name)
}

func expectedFiles(format string) string {
	switch format {
	case load.FormatSalesforce:
		names := make([]string, len(salesforce.Objects))
		for i, o := range salesforce.Objects {
			names[i] = o + ".csv"
		}
		return strings.Join(names, ", ")
	case load.FormatHubSpot:
		return "the companies, contacts and users exports (.csv)"
	case load.FormatInteractions:
		return "interaction logs (.csv, .jsonl, .ndjson or .json)"
	}
	return "accounts.csv, people.csv or relationships.csv"
}

func exampleFile(format string) string {
	switch format {
	case load.FormatSalesforce:
		return "Contact.csv"
	case load.FormatHubSpot:
		return "contacts.csv"
	case load.FormatInteractions:
		return "log.csv"
	}
	return "people.csv"
}

// uploadReadError maps a failure to read the body to 413 when the upload
// limit cut it short, to an error that wraps context.Canceled when the
// client closed the connection, and to 400 otherwise. A closed connection
// shows as a canceled request context with a read error other than a
// timeout: net/http cancels the context on every failed read, and a read
// past --read-timeout fails with os.ErrDeadlineExceeded.
func (s *Server) uploadReadError(ctx context.Context, err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return s.bodyTooLarge()
	}
	if errors.Is(ctx.Err(), context.Canceled) && !errors.Is(err, os.ErrDeadlineExceeded) {
		return fmt.Errorf("read upload: %w: %w", context.Canceled, err)
	}
	return invalidf("invalid multipart body: %v", err)
}

// countsAttr returns the import counts of one record kind as a log group.
func countsAttr(name string, c graph.Counts) slog.Attr {
	return slog.Group(name,
		slog.Int("created", c.Created),
		slog.Int("updated", c.Updated),
		slog.Int("unchanged", c.Unchanged))
}

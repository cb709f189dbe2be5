package httpapi

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
)

// filesField is the multipart field that may carry any import file, named
// by the part's file name.
const filesField = "files"

// createImport reads the uploaded CSV files, then imports them whole or
// not at all, or only validates and counts them when dry_run is true.
func (s *Server) createImport(c echo.Context) error {
	dryRun, err := parseDryRun(c.QueryParams()["dry_run"])
	if err != nil {
		return err
	}
	files, err := s.readUploads(c.Request())
	if err != nil {
		return err
	}

	readers := make(map[string]io.Reader, len(files))
	for name, content := range files {
		readers[name] = bytes.NewReader(content)
	}
	ds, err := csvimport.ReadFiles(readers)
	if err != nil {
		return err
	}

	summary, err := s.store.Import(c.Request().Context(), ds, graph.ImportOptions{DryRun: dryRun})
	if err != nil {
		return err
	}
	msg := "import applied"
	if summary.DryRun {
		msg = "import checked, dry run wrote nothing"
	}
	s.logger.Info(msg,
		countsAttr("accounts", summary.Accounts),
		countsAttr("people", summary.People),
		countsAttr("relationships", summary.Relationships),
		slog.String("request_id", requestID(c)))
	return c.JSON(http.StatusOK, summary)
}

// parseDryRun parses the dry_run query parameter. An absent parameter
// means false.
func parseDryRun(values []string) (bool, error) {
	switch len(values) {
	case 0:
		return false, nil
	case 1:
		dryRun, err := strconv.ParseBool(values[0])
		if err != nil {
			return false, invalidf("invalid dry_run %q: use true or false", values[0])
		}
		return dryRun, nil
	}
	return false, invalidf("query parameter dry_run given %d times: give it once", len(values))
}

// readUploads reads the import files of a multipart/form-data body into
// memory, keyed by file name. A file arrives either in a field named after
// it (accounts.csv, people.csv, relationships.csv) or in a field named
// "files" whose part has that file name.
func (s *Server) readUploads(req *http.Request) (map[string][]byte, error) {
	mediaType, _, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if err != nil || mediaType != echo.MIMEMultipartForm {
		return nil, echo.NewHTTPError(http.StatusUnsupportedMediaType,
			"request body must be multipart/form-data with the files accounts.csv, people.csv or relationships.csv")
	}
	reader, err := req.MultipartReader()
	if err != nil {
		return nil, invalidf("invalid multipart body: %v", err)
	}

	files := map[string][]byte{}
	for {
		part, err := reader.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, s.uploadReadError(err)
		}
		name, err := uploadFileName(part.FormName(), part.FileName())
		if err != nil {
			return nil, err
		}
		if _, dup := files[name]; dup {
			return nil, invalidf("%s uploaded twice: send each import file once", name)
		}
		content, err := io.ReadAll(part)
		if err != nil {
			return nil, s.uploadReadError(err)
		}
		files[name] = content
	}

	if len(files) == 0 {
		return nil, invalidf("no import files in the upload: send accounts.csv, people.csv or relationships.csv as multipart file fields")
	}
	return files, nil
}

// uploadFileName returns the import file that a multipart part carries.
func uploadFileName(field, fileName string) (string, error) {
	name := field
	if field == filesField {
		if fileName == "" {
			return "", invalidf("multipart field %q has no file name: name the part accounts.csv, people.csv or relationships.csv", filesField)
		}
		// Some clients send a path; only its last element names the file.
		name = path.Base(strings.ReplaceAll(fileName, `\`, "/"))
	}
	if !slices.Contains(csvimport.FileNames, name) {
		return "", invalidf("unknown multipart field %q (file name %q): use fields accounts.csv, people.csv, relationships.csv or files", field, fileName)
	}
	return name, nil
}

// uploadReadError maps a failure to read the body to 413 when the upload
// limit cut it short, and to 400 otherwise.
func (s *Server) uploadReadError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return s.bodyTooLarge()
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

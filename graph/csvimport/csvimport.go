package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kamgraph/kamgraph/graph"
)

// FileNames lists the files of an import folder in the order they are read.
var FileNames = []string{graph.AccountsFile, graph.PeopleFile, graph.RelationshipsFile}

// ReadDir reads the import files found in dir. Files other than the three
// import files are ignored, and any of the three may be missing, but at
// least one must be present. It returns an *graph.ImportError when any
// value is malformed.
func ReadDir(dir string) (*graph.Dataset, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "cannot read import folder %q: %v", dir, err)
	}
	if !info.IsDir() {
		return nil, graph.Errorf(graph.KindInvalid, "import path %q is not a folder: pass the folder that contains accounts.csv, people.csv and relationships.csv", dir)
	}

	files := make(map[string]io.Reader)
	for _, name := range FileNames {
		f, err := os.Open(filepath.Join(dir, name))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, graph.Errorf(graph.KindInvalid, "cannot open %s: %v", filepath.Join(dir, name), err)
		}
		defer f.Close()
		files[name] = f
	}
	if len(files) == 0 {
		return nil, graph.Errorf(graph.KindInvalid, "folder %q contains none of accounts.csv, people.csv, relationships.csv: add at least one", dir)
	}
	return ReadFiles(files)
}

// ReadFiles reads import files given by name; names must be among
// FileNames. Each reader is consumed once, record by record.
func ReadFiles(files map[string]io.Reader) (*graph.Dataset, error) {
	if len(files) == 0 {
		return nil, graph.Errorf(graph.KindInvalid, "no import files given: send accounts.csv, people.csv or relationships.csv")
	}
	var unknown []string
	for name := range files {
		if !isImportFile(name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, graph.Errorf(graph.KindInvalid, "unknown import file %s: use accounts.csv, people.csv or relationships.csv", strings.Join(quoteAll(unknown), ", "))
	}

	ds := &graph.Dataset{Origin: &graph.Origin{
		AccountsFile:      graph.AccountsFile,
		PeopleFile:        graph.PeopleFile,
		RelationshipsFile: graph.RelationshipsFile,
	}}
	errs := &graph.ImportError{}
	for _, name := range FileNames {
		r, ok := files[name]
		if !ok {
			continue
		}
		p := &fileParser{name: name, errs: errs, ds: ds}
		p.parse(r)
	}
	if err := errs.ErrOrNil(); err != nil {
		return nil, err
	}
	return ds, nil
}

func isImportFile(name string) bool {
	for _, n := range FileNames {
		if n == name {
			return true
		}
	}
	return false
}

func quoteAll(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = strconv.Quote(v)
	}
	return out
}

// schema lists a file's columns; required columns must appear in the
// header and hold a non-empty value in every row.
type schema struct {
	columns  []string
	required map[string]bool
}

var schemas = map[string]schema{
	graph.AccountsFile: {
		columns:  []string{"account_id", "name", "tier", "arr", "renewal_date", "owner_id"},
		required: map[string]bool{"account_id": true, "name": true},
	},
	graph.PeopleFile: {
		columns: []string{"person_id", "name", "side", "account_id", "title", "function",
			"business_unit", "geography", "seniority", "role", "status", "departed_on", "email", "manager_id"},
		required: map[string]bool{"person_id": true, "name": true, "side": true},
	},
	graph.RelationshipsFile: {
		columns:  []string{"person_a", "person_b", "strength", "type", "last_interaction", "source"},
		required: map[string]bool{"person_a": true, "person_b": true, "strength": true},
	},
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// MaxFieldLength is the maximum length of one CSV value in bytes. Ids,
// names, titles and the other columns are short, so a longer value is
// almost always a file with broken quoting.
const MaxFieldLength = 1024

// fileParser reads one import file into the dataset.
type fileParser struct {
	name string
	errs *graph.ImportError
	ds   *graph.Dataset

	index map[string]int // column name to field position
	line  int            // line of the current record
}

func (p *fileParser) parse(r io.Reader) {
	cr := csv.NewReader(skipBOM(r))
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err == io.EOF {
		p.fileProblem("file is empty: the first line must be the header row")
		return
	}
	if err != nil {
		p.csvProblem(err)
		return
	}
	if !p.readHeader(header) {
		return
	}
	for {
		record, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			p.csvProblem(err)
			// A quoting error leaves the reader's position uncertain, so
			// the rest of the file is not read.
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				continue
			}
			return
		}
		p.line, _ = cr.FieldPos(0)
		p.parseRecord(record)
	}
}

// skipBOM drops a UTF-8 byte-order mark at the start of r, which
// spreadsheet programs often write.
func skipBOM(r io.Reader) io.Reader {
	buf := make([]byte, len(utf8BOM))
	n, err := io.ReadFull(r, buf)
	if err == nil && bytes.Equal(buf, utf8BOM) {
		return r
	}
	return io.MultiReader(bytes.NewReader(buf[:n]), r)
}

// readHeader indexes the header row and reports unknown, duplicate and
// missing columns. It returns false when the file cannot be read further.
func (p *fileParser) readHeader(header []string) bool {
	s := schemas[p.name]
	known := make(map[string]bool, len(s.columns))
	for _, c := range s.columns {
		known[c] = true
	}

	p.index = make(map[string]int, len(header))
	var unknown []string
	ok := true
	for i, raw := range header {
		col := strings.TrimSpace(raw)
		if !known[col] {
			unknown = append(unknown, col)
			continue
		}
		if _, dup := p.index[col]; dup {
			p.errs.Add(graph.Problem{File: p.name, Line: 1, Column: col, Value: col,
				Message: fmt.Sprintf("duplicate column %q in the header: keep one", col)})
			ok = false
			continue
		}
		p.index[col] = i
	}
	if len(unknown) > 0 {
		p.errs.Add(graph.Problem{File: p.name, Line: 1, Value: strings.Join(unknown, ","),
			Message: fmt.Sprintf("unknown column %s: the allowed columns are %s",
				strings.Join(quoteAll(unknown), ", "), strings.Join(s.columns, ", "))})
		ok = false
	}
	for _, c := range s.columns {
		if _, present := p.index[c]; s.required[c] && !present {
			p.errs.Add(graph.Problem{File: p.name, Line: 1, Column: c,
				Message: fmt.Sprintf("missing required column %q in the header", c)})
			ok = false
		}
	}
	return ok
}

func (p *fileParser) parseRecord(record []string) {
	switch p.name {
	case graph.AccountsFile:
		p.parseAccount(record)
	case graph.PeopleFile:
		p.parsePerson(record)
	case graph.RelationshipsFile:
		p.parseRelationship(record)
	}
}

// value returns the trimmed field of the named column, or "" when the file
// has no such column. A required column with an empty value is reported.
func (p *fileParser) value(record []string, col string) string {
	i, ok := p.index[col]
	if !ok {
		return ""
	}
	v := strings.TrimSpace(record[i])
	switch {
	case !utf8.ValidString(v):
		p.problem(col, strings.ToValidUTF8(v, "\uFFFD"), "invalid UTF-8: save the file as UTF-8")
		return ""
	case strings.IndexByte(v, 0) >= 0:
		p.problem(col, strings.ReplaceAll(v, "\x00", "\\0"), "value contains a NUL byte: remove it")
		return ""
	case len(v) > MaxFieldLength:
		p.problem(col, v[:40]+"...", fmt.Sprintf("value is %d bytes long, over the limit of %d: shorten it", len(v), MaxFieldLength))
		return ""
	}
	if v == "" && schemas[p.name].required[col] {
		p.problem(col, "", fmt.Sprintf("missing value for required column %q", col))
	}
	return v
}

func (p *fileParser) problem(col, value, msg string) {
	p.errs.Add(graph.Problem{File: p.name, Line: p.line, Column: col, Value: value, Message: msg})
}

func (p *fileParser) fileProblem(msg string) {
	p.errs.Add(graph.Problem{File: p.name, Message: msg})
}

func (p *fileParser) csvProblem(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		p.errs.Add(graph.Problem{File: p.name, Line: pe.StartLine,
			Message: fmt.Sprintf("malformed CSV: %v", pe.Err)})
		return
	}
	p.fileProblem(fmt.Sprintf("cannot read: %v", err))
}

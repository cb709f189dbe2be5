package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/kamgraph/kamgraph/graph"
)

// MaxValueLength is the maximum length in bytes of a value that an import
// reads. CRM text fields that kamgraph uses (names, titles, emails, ids)
// are far shorter; a longer value is a sign of a broken file. Columns that
// no mapping reads may be longer.
const MaxValueLength = 1024

// Fields maps a kamgraph field name to the source columns that may hold
// it, in order of preference. The first of those columns that the file has
// and that holds a non-empty value supplies the field.
type Fields map[string][]string

// Table reads a CSV export row by row. Header names match
// case-insensitively and after trimming spaces. It accepts a UTF-8
// byte-order mark, CRLF line ends, quoted values with commas or line
// breaks, and a trailing blank line. Columns that Fields does not name are
// ignored.
type Table struct {
	file     string
	fields   Fields
	problems *Problems
	progress func(Progress)

	count   *countingReader
	csv     *csv.Reader
	columns map[string]int // lower-cased header name to position
	headers []string       // header names as written
	record  []string
	line    int // line of the current record
	rows    int // data rows read so far
	failed  bool
	done    bool
}

// OpenTable reads the header row of r, which is named file in problems.
// It returns nil when the header cannot be read; the problem is then
// already recorded.
func OpenTable(file string, r io.Reader, fields Fields, problems *Problems, opts Options) *Table {
	count := &countingReader{r: r}
	t := &Table{file: file, fields: fields, problems: problems, progress: opts.Progress, count: count}
	t.csv = csv.NewReader(skipBOM(count))
	t.csv.FieldsPerRecord = 0
	t.csv.ReuseRecord = true

	header, err := t.csv.Read()
	if err == io.EOF {
		t.fileProblem(0, "", "", "file is empty: the first line must be the header row")
		return nil
	}
	if err != nil {
		t.csvProblem(err)
		return nil
	}
	if !t.readHeader(header) {
		return nil
	}
	return t
}

func (t *Table) readHeader(header []string) bool {
	t.headers = make([]string, len(header))
	t.columns = make(map[string]int, len(header))
	duplicates := map[string]bool{}
	for i, h := range header {
		name := strings.TrimSpace(h)
		t.headers[i] = name
		key := strings.ToLower(name)
		if _, dup := t.columns[key]; dup {
			duplicates[key] = true
			continue
		}
		t.columns[key] = i
	}
	if len(header) == 1 {
		if sep := guessDelimiter(header[0]); sep != "" {
			t.fileProblem(1, "", header[0], fmt.Sprintf(
				"the header row has one column and contains %s: the file looks %s-separated; export it comma-separated", quoteRune(sep), sepName(sep)))
			return false
		}
	}
	ok := true
	for field, cols := range t.fields {
		for _, col := range cols {
			if duplicates[strings.ToLower(col)] {
				t.fileProblem(1, col, col, fmt.Sprintf("duplicate column %q in the header, read for %s: keep one", col, field))
				ok = false
			}
		}
	}
	return ok
}

func guessDelimiter(header string) string {
	for _, sep := range []string{";", "\t", "|"} {
		if strings.Contains(header, sep) {
			return sep
		}
	}
	return ""
}

func sepName(sep string) string {
	switch sep {
	case ";":
		return "semicolon"
	case "\t":
		return "tab"
	}
	return "pipe"
}

func quoteRune(sep string) string {
	if sep == "\t" {
		return "tabs"
	}
	return fmt.Sprintf("%q", sep)
}

// File returns the file name used in problems.
func (t *Table) File() string { return t.file }

// Has reports whether the header has a column for field.
func (t *Table) Has(field string) bool {
	for _, col := range t.fields[field] {
		if _, ok := t.columns[strings.ToLower(col)]; ok {
			return true
		}
	}
	return false
}

// Require records a problem for each field that has no column in the
// header and reports whether all are present.
func (t *Table) Require(fields ...string) bool {
	ok := true
	for _, f := range fields {
		if t.Has(f) {
			continue
		}
		cols := t.fields[f]
		msg := fmt.Sprintf("missing column for %s: the header needs one of %s", f, strings.Join(quoteAll(cols), ", "))
		if len(cols) == 0 {
			msg = fmt.Sprintf("missing column for %s: the mapping names no column for it", f)
		}
		t.fileProblem(1, firstOf(cols), "", msg)
		ok = false
	}
	return ok
}

func firstOf(cols []string) string {
	if len(cols) == 0 {
		return ""
	}
	return cols[0]
}

func quoteAll(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// Next advances to the next data row and reports whether there is one.
// Rows with the wrong number of fields are recorded as problems and
// skipped. A quoting error ends the file, because the reader cannot tell
// where the next row starts.
func (t *Table) Next() bool {
	for !t.done {
		record, err := t.csv.Read()
		if err == io.EOF {
			t.finish()
			return false
		}
		if err != nil {
			t.rows++
			t.csvProblem(err)
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				continue
			}
			t.finish()
			return false
		}
		t.line, _ = t.csv.FieldPos(0)
		t.rows++
		if isBlank(record) {
			t.rows--
			continue
		}
		t.record = record
		t.failed = false
		t.report(false)
		return true
	}
	return false
}

// isBlank reports whether a record holds nothing but one empty field, as
// the trailing blank line of some exports reads.
func isBlank(record []string) bool {
	return len(record) == 1 && strings.TrimSpace(record[0]) == ""
}

func (t *Table) finish() {
	t.done = true
	t.report(true)
}

func (t *Table) report(done bool) {
	if t.progress == nil || (!done && t.rows%ProgressEvery != 0) {
		return
	}
	t.progress(Progress{File: t.file, Rows: t.rows, Bytes: t.count.n, Done: done})
}

// Rows returns how many data rows have been read.
func (t *Table) Rows() int { return t.rows }

// Line returns the line on which the current row starts, counting the
// header as line 1.
func (t *Table) Line() int { return t.line }

// Get returns the value of field in the current row and the column it came
// from: the first column of the field's list that is present and holds a
// non-empty value. It records a problem, and returns "", for a value that
// is not valid UTF-8 or is longer than MaxValueLength.
func (t *Table) Get(field string) (value, column string) {
	for _, col := range t.fields[field] {
		i, ok := t.columns[strings.ToLower(col)]
		if !ok || i >= len(t.record) {
			continue
		}
		v := strings.TrimSpace(t.record[i])
		if v == "" {
			continue
		}
		return t.check(t.headers[i], v), t.headers[i]
	}
	return "", firstOf(t.fields[field])
}

// Value returns the value of field in the current row; see Get.
func (t *Table) Value(field string) string {
	v, _ := t.Get(field)
	return v
}

func (t *Table) check(column, v string) string {
	if !utf8.ValidString(v) {
		t.Problem(column, strings.ToValidUTF8(v, "\uFFFD"), "invalid UTF-8: save the file with UTF-8 encoding")
		return ""
	}
	if len(v) > MaxValueLength {
		t.Problem(column, strings.ToValidUTF8(v[:64], "")+"…", fmt.Sprintf("value is %d bytes long, more than the maximum of %d", len(v), MaxValueLength))
		return ""
	}
	return v
}

// Failed reports whether the current row has a problem.
func (t *Table) Failed() bool { return t.failed }

// Problem records a problem with column of the current row, which rejects
// the row.
func (t *Table) Problem(column, value, msg string) {
	t.failed = true
	t.problems.AddRow(graph.Problem{File: t.file, Line: t.line, Column: column, Value: value, Message: msg})
}

// Location returns the file and line of the current row.
func (t *Table) Location() Location { return Location{File: t.file, Line: t.line} }

func (t *Table) fileProblem(line int, column, value, msg string) {
	t.problems.AddFile(graph.Problem{File: t.file, Line: line, Column: column, Value: value, Message: msg})
}

func (t *Table) csvProblem(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		t.fileProblem(0, "", "", fmt.Sprintf("cannot read: %v", err))
		return
	}
	msg := fmt.Sprintf("malformed CSV: %v", pe.Err)
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		t.problems.AddRow(graph.Problem{File: t.file, Line: pe.StartLine, Message: msg + ": the header has a different number of columns"})
		return
	}
	t.fileProblem(pe.StartLine, "", "", msg)
}

// Location is the place of a row in the input.
type Location struct {
	File string
	Line int
}

// Problem returns a problem at l.
func (l Location) Problem(column, value, msg string) graph.Problem {
	return graph.Problem{File: l.File, Line: l.Line, Column: column, Value: value, Message: msg}
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// skipBOM drops a UTF-8 byte-order mark at the start of r.
func skipBOM(r io.Reader) io.Reader {
	buf := make([]byte, len(utf8BOM))
	n, err := io.ReadFull(r, buf)
	if err == nil && bytes.Equal(buf, utf8BOM) {
		return r
	}
	return io.MultiReader(bytes.NewReader(buf[:n]), r)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

package load

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
)

// RowLimit counts the data rows of the files of one import as they are
// read and fails the read that passes Max. Data rows are the records of a
// CSV file after its header row, and the non-blank lines of a JSON lines
// file (.jsonl, .ndjson or .json). The count runs on the raw bytes, so a
// file is never parsed twice and an oversized one is not read to its end.
//
// The CSV count follows RFC 4180 quoting: a line break inside a quoted
// value does not end a record, and blank lines are not records, as in
// encoding/csv. A file with a stray quote may count fewer rows than its
// reader later finds, but such a file is rejected by that reader.
type RowLimit struct {
	Max  int // maximum data rows of all files together; 0 means no limit
	rows int
}

// Rows returns the data rows counted so far over all files.
func (l *RowLimit) Rows() int { return l.rows }

// Reader returns r with the data rows of the file named name counted
// against l. Its Read fails with a *RowLimitError, which graph.KindOf
// classifies as graph.KindTooLarge, once the count passes l.Max.
func (l *RowLimit) Reader(name string, r io.Reader) io.Reader {
	return &rowCountingReader{limit: l, file: name, r: r, jsonLines: isJSONLines(name)}
}

// RowLimitError reports an import with more data rows than the limit.
type RowLimitError struct {
	Limit int    // the RowLimit.Max that was passed
	Rows  int    // rows counted when reading stopped: Limit + 1
	File  string // file whose row passed the limit
}

func (e *RowLimitError) Error() string {
	return fmt.Sprintf("the import has more than %d data rows (reading stopped at row %d, in %s): "+
		"split the files by account into several imports, or raise the row limit (--max-import-rows) "+
		"together with Neo4j's heap, because the import runs in one transaction", e.Limit, e.Rows, e.File)
}

// Unwrap returns a graph.KindTooLarge error with the same message, so that
// graph.KindOf and graph.MessageOf classify e.
func (e *RowLimitError) Unwrap() error {
	return &graph.Error{Kind: graph.KindTooLarge, Message: e.Error()}
}

func isJSONLines(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".json":
		return true
	}
	return false
}

// rowCountingReader counts the records of one file while passing its bytes
// through unchanged.
type rowCountingReader struct {
	limit     *RowLimit
	file      string
	r         io.Reader
	jsonLines bool

	inQuotes   bool // inside a quoted CSV value
	hasContent bool // the current line has a byte other than CR
	records    int  // records of this file, the CSV header included
	err        error
}

func (c *rowCountingReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.r.Read(p)
	for _, b := range p[:n] {
		if c.count(b) {
			// Pass on no bytes of the read that passed the limit, so that
			// the caller keeps nothing past it.
			return 0, c.err
		}
	}
	if err == io.EOF && c.hasContent {
		// The last record has no line break after it.
		c.hasContent = false
		if c.endRecord() {
			return 0, c.err
		}
	}
	return n, err
}

// count takes the next byte of the file and reports whether the limit is
// passed.
func (c *rowCountingReader) count(b byte) bool {
	switch {
	case b == '\n' && !c.inQuotes:
		if !c.hasContent {
			return false
		}
		c.hasContent = false
		return c.endRecord()
	case b == '\r':
		return false
	case b == '"' && !c.jsonLines:
		c.inQuotes = !c.inQuotes
	case (b == ' ' || b == '\t') && c.jsonLines:
		return false // a line of spaces is blank in JSON lines
	}
	c.hasContent = true
	return false
}

// endRecord counts a finished record and reports whether the limit is
// passed.
func (c *rowCountingReader) endRecord() bool {
	c.records++
	if !c.jsonLines && c.records == 1 {
		return false // the header row
	}
	c.limit.rows++
	if c.limit.Max > 0 && c.limit.rows > c.limit.Max {
		c.err = &RowLimitError{Limit: c.limit.Max, Rows: c.limit.rows, File: c.file}
		return true
	}
	return false
}

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
	Max int // maximum data rows of all files together; 0 means no limit
	// Format is the import format of the files, one of Formats, which the
	// error's advice on splitting the import follows. Empty means
	// FormatKamgraph.
	Format string
	// Neo4j states that the import goes to Neo4j, whose heap bounds the
	// last transaction of an import. Without it the error's advice
	// speaks of the in-memory store.
	Neo4j bool

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
	Limit  int    // the RowLimit.Max that was passed
	Rows   int    // rows counted when reading stopped: Limit + 1
	File   string // file whose row passed the limit
	Format string // the RowLimit.Format
	Neo4j  bool   // the RowLimit.Neo4j
}

// Error names what was uploaded, where reading stopped, how to split the
// input of its format and how to raise the limit on the store in use.
func (e *RowLimitError) Error() string {
	var subject, split string
	switch e.Format {
	case FormatInteractions:
		subject = "the interaction logs have"
		split = "split the logs by time range into several imports, which gives the same strengths " +
			"because each import recomputes them from all stored interactions"
	case FormatSalesforce:
		subject = "the Salesforce export has"
		split = "split the export into several imports of a few accounts each, with their contacts"
	case FormatHubSpot:
		subject = "the HubSpot export has"
		split = "split the export into several imports of a few accounts each, with their contacts"
	default:
		subject = "the import files have"
		split = "split the files by account into several imports"
	}
	raise := "raise the row limit (--max-import-rows, 0 for no limit), which on the in-memory store " +
		"bounds only the server's memory"
	if e.Neo4j {
		raise = "raise the row limit (--max-import-rows) together with Neo4j's heap, " +
			"because the last transaction of an import holds all of its new people and changed records"
	}
	return fmt.Sprintf("%s more than %d data rows (reading stopped at row %d, in %s): %s, or %s",
		subject, e.Limit, e.Rows, e.File, split, raise)
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
		c.err = &RowLimitError{Limit: c.limit.Max, Rows: c.limit.rows, File: c.file,
			Format: c.limit.Format, Neo4j: c.limit.Neo4j}
		return true
	}
	return false
}

package load_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest/load"
)

func TestRowLimitCounts(t *testing.T) {
	cases := []struct {
		name, file, content string
		rows                int
	}{
		{"csv", "people.csv", "id,name\n1,Ann\n2,Bob\n", 2},
		{"csv header only", "people.csv", "id,name\n", 0},
		{"csv quoted line break", "people.csv", "id,note\n1,\"two\nlines\"\n2,\"a \"\"quoted\"\"\nword\"\n", 2},
		{"csv crlf and blank lines", "people.csv", "id\r\n1\r\n\r\n\r\n2\r\n", 2},
		{"csv no final line break", "people.csv", "id\n1\n2", 2},
		{"csv byte-order mark", "Contact.csv", "\ufeff\"Id\"\n\"1\"\n", 1},
		{"jsonl", "log.jsonl", "{\"from\":\"a\"}\n\n   \n{\"from\":\"b\"}", 2},
		{"json quotes do not span lines", "log.json", "{\"note\":\"\\\"\"}\n{\"note\":\"x\"}\n", 2},
		{"ndjson crlf", "log.ndjson", "{}\r\n{}\r\n{}\r\n", 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			limit := &load.RowLimit{}
			got, err := io.ReadAll(limit.Reader(c.file, strings.NewReader(c.content)))
			if err != nil {
				t.Fatalf("read without a limit: %v", err)
			}
			if string(got) != c.content {
				t.Errorf("bytes changed: got %q, want %q", got, c.content)
			}
			if limit.Rows() != c.rows {
				t.Errorf("rows %d, want %d", limit.Rows(), c.rows)
			}

			// The same content at a limit of exactly its rows passes.
			exact := &load.RowLimit{Max: c.rows}
			if c.rows > 0 {
				if _, err := io.ReadAll(exact.Reader(c.file, strings.NewReader(c.content))); err != nil {
					t.Errorf("read at a limit of %d rows: %v", c.rows, err)
				}
			}
		})
	}
}

func TestRowLimitSpansFiles(t *testing.T) {
	limit := &load.RowLimit{Max: 3}
	if _, err := io.ReadAll(limit.Reader("accounts.csv", strings.NewReader("id\na\nb\n"))); err != nil {
		t.Fatalf("first file, 2 rows of 3: %v", err)
	}
	_, err := io.ReadAll(limit.Reader("people.csv", strings.NewReader("id\nc\nd\n")))
	var rowErr *load.RowLimitError
	if !errors.As(err, &rowErr) {
		t.Fatalf("second file: error %v, want a *load.RowLimitError", err)
	}
	if rowErr.Limit != 3 {
		t.Errorf("Limit %d, want 3", rowErr.Limit)
	}
	if rowErr.Rows != 4 {
		t.Errorf("Rows %d, want 4", rowErr.Rows)
	}
	if rowErr.File != "people.csv" {
		t.Errorf("File %q, want people.csv", rowErr.File)
	}
	if kind := graph.KindOf(err); kind != graph.KindTooLarge {
		t.Errorf("kind %s, want %s", kind, graph.KindTooLarge)
	}
	msg := graph.MessageOf(err)
	for _, want := range []string{"more than 3 data rows", "row 4", "people.csv", "split the files by account", "--max-import-rows"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not contain %q", msg, want)
		}
	}
}

// endlessRows is a CSV file with a header and rows without end, which
// counts the bytes read from it.
type endlessRows struct {
	read    int
	started bool
}

func (e *endlessRows) Read(p []byte) (int, error) {
	n := 0
	if !e.started {
		e.started = true
		n = copy(p, "id\n")
	}
	for n+2 <= len(p) {
		n += copy(p[n:], "x\n")
	}
	e.read += n
	return n, nil
}

func TestRowLimitStopsReading(t *testing.T) {
	source := &endlessRows{}
	limit := &load.RowLimit{Max: 1000}
	n, err := io.Copy(io.Discard, limit.Reader("people.csv", source))
	var rowErr *load.RowLimitError
	if !errors.As(err, &rowErr) {
		t.Fatalf("error %v, want a *load.RowLimitError", err)
	}
	// 1,000 rows are 2,000 bytes after the header; io.Copy reads 32 KiB
	// at a time, so reading must stop within the first two buffers.
	if source.read > 64<<10 {
		t.Errorf("read %d bytes of the endless file, want reading to stop soon after row 1,001", source.read)
	}
	if n > int64(source.read) {
		t.Errorf("passed on %d bytes, more than the %d read", n, source.read)
	}
}

func TestRowLimitErrorNamesUploadAndStore(t *testing.T) {
	cases := []struct {
		format, file, content string
		neo4j                 bool
		want, wantNot         []string
	}{
		{load.FormatKamgraph, "people.csv", "id\na\nb\n", false,
			[]string{"the import files have more than 1 data rows", "row 2, in people.csv", "split the files by account",
				"--max-import-rows, 0 for no limit", "in-memory store"},
			[]string{"Neo4j", "heap", "transaction"}},
		{"", "people.csv", "id\na\nb\n", true,
			[]string{"the import files have", "split the files by account", "Neo4j's heap", "last transaction"},
			[]string{"in-memory"}},
		{load.FormatInteractions, "log.jsonl", "{}\n{}\n", false,
			[]string{"the interaction logs have more than 1 data rows", "in log.jsonl", "split the logs by time range",
				"in-memory store"},
			[]string{"account", "Neo4j", "heap", "import files"}},
		{load.FormatInteractions, "log.csv", "time\n1\n2\n", true,
			[]string{"the interaction logs have", "split the logs by time range", "Neo4j's heap"},
			[]string{"account", "in-memory"}},
		{load.FormatSalesforce, "Contact.csv", "Id\n1\n2\n", true,
			[]string{"the Salesforce export has", "in Contact.csv", "a few accounts each", "Neo4j's heap"},
			[]string{"in-memory"}},
		{load.FormatHubSpot, "contacts.csv", "id\n1\n2\n", false,
			[]string{"the HubSpot export has", "a few accounts each", "in-memory store"},
			[]string{"Neo4j"}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s neo4j=%t", c.format, c.neo4j), func(t *testing.T) {
			limit := &load.RowLimit{Max: 1, Format: c.format, Neo4j: c.neo4j}
			_, err := io.ReadAll(limit.Reader(c.file, strings.NewReader(c.content)))
			var rowErr *load.RowLimitError
			if !errors.As(err, &rowErr) {
				t.Fatalf("error %v, want a *load.RowLimitError", err)
			}
			msg := graph.MessageOf(err)
			for _, want := range c.want {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not contain %q", msg, want)
				}
			}
			for _, unwanted := range c.wantNot {
				if strings.Contains(msg, unwanted) {
					t.Errorf("message %q contains %q", msg, unwanted)
				}
			}
		})
	}
}

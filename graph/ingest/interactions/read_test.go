package interactions_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
)

func readLogs(t *testing.T, files map[string]string, opts interactions.Options) (*ingest.Result, *interactions.Stats, error) {
	t.Helper()
	readers := make(map[string]io.Reader, len(files))
	for name, content := range files {
		readers[name] = strings.NewReader(content)
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = asOf
	}
	return interactions.Read(readers, opts)
}

func TestReadCSVAndJSONLinesAgree(t *testing.T) {
	csvLog := "\ufefftimestamp,from_id,to_id,type,direction,message_id\r\n" +
		"2026-06-30T12:00:00Z,a,b;c,email,,m1\r\n" +
		"2026-06-30 12:00:00,b,a,EMAIL,outbound,m2\r\n" +
		"2026-04-01,a,c,meeting,,\r\n" +
		"46112,c,a,call,inbound,\r\n"
	jsonLog := `{"time": "2026-06-30T12:00:00Z", "from": "a", "to": ["b", "c"], "type": "email", "subject": "ignored"}` + "\n" +
		"\n" +
		`{"time": "2026-06-30 12:00:00", "from": "b", "to": "a"}` + "\n" +
		`{"time": "2026-04-01", "from": "a", "to": "c", "type": "meeting"}` + "\n" +
		`{"time": "46112", "from": "c", "to": ["a"], "type": "call", "direction": "inbound"}` + "\n"

	fromCSV, _, err := readLogs(t, map[string]string{"log.csv": csvLog}, interactions.Options{})
	if err != nil {
		t.Fatalf("CSV: %v", err)
	}
	fromJSON, _, err := readLogs(t, map[string]string{"log.jsonl": jsonLog}, interactions.Options{})
	if err != nil {
		t.Fatalf("JSON lines: %v", err)
	}
	a, b := fromCSV.Dataset.Relationships, fromJSON.Dataset.Relationships
	if len(a) != 2 || len(b) != 2 {
		t.Fatalf("relationships = %+v and %+v, want two each", a, b)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("relationship %d: CSV %+v, JSON %+v", i, a[i], b[i])
		}
	}
	if fromCSV.Summary.RowsRead != 4 || fromJSON.Summary.RowsRead != 4 {
		t.Errorf("rows read = %d and %d, want 4", fromCSV.Summary.RowsRead, fromJSON.Summary.RowsRead)
	}
}

func TestReadRejectsBadRows(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		content  string
		wantLine int
		wantCol  string
		wantText string
	}{
		{"UnknownType", "log.csv", "time,from,to,type\n2026-01-01,a,b,fax\n", 2, "type", `invalid type "fax"`},
		{"UnknownDirection", "log.csv", "time,from,to,direction\n2026-01-01,a,b,sideways\n", 2, "direction", "invalid direction"},
		{"AmbiguousDate", "log.csv", "time,from,to\n01/02/2026,a,b\n", 2, "time", "ambiguous date"},
		{"MissingTo", "log.csv", "time,from,to\n2026-01-01,a,\n", 2, "to", "missing to"},
		{"MissingColumn", "log.csv", "time,from\n2026-01-01,a\n", 1, "to", "missing column for to"},
		{"Semicolons", "log.csv", "time;from;to\n2026-01-01;a;b\n", 1, "", "semicolon-separated"},
		{"InvalidUTF8", "log.csv", "time,from,to\n2026-01-01,a\xfe,b\n", 2, "from", "invalid UTF-8"},
		{"Empty", "log.csv", "", 0, "", "file is empty"},
		{"JSONSyntax", "log.jsonl", "{\"time\": \"2026-01-01\", \"from\": \"a\", \"to\": \"b\"}\n{\"time\": \n", 2, "", "invalid JSON"},
		{"JSONToNumber", "log.jsonl", `{"time": "2026-01-01", "from": "a", "to": 7}` + "\n", 1, "to", "invalid to"},
		{"JSONInvalidUTF8", "log.jsonl", "{\"time\": \"2026-01-01\", \"from\": \"a\xff\", \"to\": \"b\"}\n", 1, "", "invalid UTF-8"},
		{"JSONLongLine", "log.jsonl", `{"time": "2026-01-01", "from": "` + strings.Repeat("a", interactions.MaxLineLength) + `", "to": "b"}` + "\n", 1, "", "longer than the maximum"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := readLogs(t, map[string]string{tc.file: tc.content}, interactions.Options{})
			var ie *graph.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error = %v, want *graph.ImportError", err)
			}
			p := ie.Problems[0]
			if p.File != tc.file || p.Line != tc.wantLine || p.Column != tc.wantCol {
				t.Errorf("problem at %s:%d column %q, want %s:%d column %q", p.File, p.Line, p.Column, tc.file, tc.wantLine, tc.wantCol)
			}
			if !strings.Contains(p.Message, tc.wantText) {
				t.Errorf("message = %q, want it to contain %q", p.Message, tc.wantText)
			}
		})
	}
}

func TestReadKeepGoingSkipsWholeRows(t *testing.T) {
	log := "time,from,to,type\n" +
		"2026-06-30T12:00:00Z,a,b,meeting\n" +
		"2026-06-30T12:00:00Z,a,c,fax\n" + // rejected whole: no a-c pair
		"2026-06-30T12:00:00Z,b,c,meeting\n"
	res, _, err := readLogs(t, map[string]string{"log.csv": log}, interactions.Options{Options: ingest.Options{KeepGoing: true}})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if n := len(res.Dataset.Relationships); n != 2 {
		t.Errorf("relationships = %+v, want a-b and b-c", res.Dataset.Relationships)
	}
	if res.Summary.RowsRejected != 1 || len(res.Problems) != 1 || res.Problems[0].Line != 3 {
		t.Errorf("rejected = %d, problems = %+v; want line 3 only", res.Summary.RowsRejected, res.Problems)
	}
}

func TestReadResolvesEmails(t *testing.T) {
	people := []graph.Person{
		{ID: "P1", Email: "Ann@Example.com"},
		{ID: "P2", Email: "bob@example.com"},
	}
	index := ingest.NewPeopleIndex(people)
	log := "time,from,to\n2026-06-30T12:00:00Z,ann@example.com,BOB@example.com;carol@example.com\n"
	res, stats, err := readLogs(t, map[string]string{"log.csv": log}, interactions.Options{Resolve: index.Resolve})
	if err != nil {
		t.Fatal(err)
	}
	rels := res.Dataset.Relationships
	if len(rels) != 1 || rels[0].PersonA != "P1" || rels[0].PersonB != "P2" {
		t.Errorf("relationships = %+v, want P1-P2", rels)
	}
	if stats.Unresolved != 1 {
		t.Errorf("unresolved = %d, want 1 (carol)", stats.Unresolved)
	}
}

func TestReadRequiresAsOf(t *testing.T) {
	_, err := interactions.NewReader(interactions.Options{})
	if err == nil || !strings.Contains(err.Error(), "as_of is required") {
		t.Errorf("error = %v, want it to ask for as_of", err)
	}
}

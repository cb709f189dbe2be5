package csvimport

import (
	"bytes"
	"encoding/csv"
	"io"
	"reflect"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
)

// TestRowParserMatchesReadFiles parses rows, good and bad, one at a time
// and as a file of a header and the one row, and expects the same record
// or the same problems.
func TestRowParserMatchesReadFiles(t *testing.T) {
	files := map[string]struct {
		header []string
		rows   [][]string
	}{
		graph.PeopleFile: {
			header: []string{"person_id", "name", "side", "account_id", "seniority", "departed_on", "manager_id"},
			rows: [][]string{
				{"c1", "Ann", "customer", "acme", "director", "", "c2"},
				{" v1 ", " Bob ", "vendor", "", "", "2025-02-30", ""},
				{"", "No Id", "alien", "", "boss", "", ""},
			},
		},
		graph.RelationshipsFile: {
			header: []string{"person_a", "person_b", "strength", "last_interaction"},
			rows: [][]string{
				{"c1", "v1", "0.5", "2025-01-31"},
				{"c1", "v1", "1.5", "yesterday"},
				{"c1", "", "", ""},
			},
		},
		graph.AccountsFile: {
			header: []string{"account_id", "name", "tier", "arr"},
			rows: [][]string{
				{"acme", "Acme", "2", "1000.5"},
				{"acme", "Acme", "7", "$12"},
			},
		},
	}
	for name, f := range files {
		parser, err := NewRowParser(name, f.header)
		if err != nil {
			t.Fatalf("NewRowParser(%s): %v", name, err)
		}
		for i, row := range f.rows {
			got, gotErr := parser.Parse(2, row)
			want, wantErr := ReadFiles(map[string]io.Reader{name: bytes.NewReader(encode(t, f.header, row))})
			if !reflect.DeepEqual(gotErr, wantErr) {
				t.Errorf("%s row %d: Parse error %v, ReadFiles error %v", name, i, gotErr, wantErr)
				continue
			}
			if wantErr != nil {
				continue
			}
			want.Origin = &graph.Origin{AccountLines: want.Origin.AccountLines, PersonLines: want.Origin.PersonLines,
				RelationshipLines: want.Origin.RelationshipLines}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s row %d: Parse = %+v, ReadFiles = %+v", name, i, got, want)
			}
		}
	}
}

func TestRowParserRejectsBadHeader(t *testing.T) {
	if _, err := NewRowParser(graph.PeopleFile, []string{"person_id", "nickname"}); err == nil {
		t.Error("NewRowParser accepted an unknown column and no name or side")
	}
	if _, err := NewRowParser("contacts.csv", []string{"id"}); err == nil {
		t.Error("NewRowParser accepted an unknown file")
	}
}

func encode(t *testing.T, rows ...[]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

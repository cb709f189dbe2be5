package httpapi_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// interactionLines is a JSON lines log about the people of peopleCSV, with
// a blank line that is not a row.
const interactionLines = `{"time":"2026-06-30T00:00:00Z","from":"v-ann","to":"g-it","type":"meeting"}

{"time":"2026-04-01T00:00:00Z","from":"v-ann","to":["g-cfo"],"type":"call"}
`

// dataRows counts the data rows of the import parts with encoding/csv
// and, for JSON lines, by non-blank lines, independently of the server's
// counting on raw bytes.
func dataRows(t *testing.T, parts []upload) int {
	t.Helper()
	rows := 0
	for _, p := range parts {
		name := p.fileName
		switch {
		case p.field == "mapping.json":
			continue
		case strings.HasSuffix(name, ".jsonl"):
			for line := range strings.SplitSeq(p.content, "\n") {
				if strings.TrimSpace(line) != "" {
					rows++
				}
			}
		default:
			content := strings.TrimPrefix(p.content, "\ufeff") // the byte-order mark of Salesforce exports
			records, err := csv.NewReader(strings.NewReader(content)).ReadAll()
			if err != nil {
				t.Fatalf("count the rows of %s: %v", name, err)
			}
			rows += len(records) - 1
		}
	}
	return rows
}

func TestImportRowLimitPerFormat(t *testing.T) {
	cases := []struct {
		name, query string
		parts       func(t *testing.T) []upload
		seed        bool // import validUploads first, for the people that logs name
		// upload and split are what the 413 detail calls the upload and
		// how it advises splitting it.
		upload, split string
	}{
		{"kamgraph", "", func(*testing.T) []upload { return validUploads() }, false,
			"the import files have", "split the files by account"},
		{"salesforce", "?format=salesforce", func(t *testing.T) []upload {
			return folderUploads(t, filepath.Join(ingestData, "salesforce_export"), mappingUpload(t, "salesforce_mapping.json"))
		}, false, "the Salesforce export has", "a few accounts each"},
		{"hubspot", "?format=hubspot", func(t *testing.T) []upload {
			return folderUploads(t, filepath.Join(ingestData, "hubspot_export"), mappingUpload(t, "hubspot_mapping.json"))
		}, false, "the HubSpot export has", "a few accounts each"},
		{"interactions csv", "?format=interactions&as_of=2026-06-30", func(*testing.T) []upload {
			return []upload{{"files", "log.csv", interactionLog}}
		}, true, "the interaction logs have", "split the logs by time range"},
		{"interactions jsonl", "?format=interactions&as_of=2026-06-30", func(*testing.T) []upload {
			return []upload{{"files", "log.jsonl", interactionLines}}
		}, true, "the interaction logs have", "split the logs by time range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parts := c.parts(t)
			rows := dataRows(t, parts)
			if rows < 2 {
				t.Fatalf("the %s upload has %d data rows: the test needs at least 2", c.name, rows)
			}

			// One row over the limit: 413, and the store keeps what it had.
			over := newRowLimitServer(t, rows-1, c.seed)
			before, err := over.store.Export(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			p := decodeProblem(t, over.do(uploadRequest(t, c.query, parts...)), http.StatusRequestEntityTooLarge)
			for _, want := range []string{
				fmt.Sprintf("%s more than %d data rows", c.upload, rows-1),
				fmt.Sprintf("stopped at row %d", rows),
				c.split,
				"--max-import-rows",
				"in-memory store",
			} {
				if !strings.Contains(p.Detail, want) {
					t.Errorf("detail %q does not contain %q", p.Detail, want)
				}
			}
			if strings.Contains(p.Detail, "Neo4j") {
				t.Errorf("detail %q speaks of Neo4j on the in-memory store", p.Detail)
			}
			after, err := over.store.Export(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(after, before) {
				t.Errorf("the rejected import changed the store: %d people and %d relationships, before %d and %d",
					len(after.People), len(after.Relationships), len(before.People), len(before.Relationships))
			}

			// Exactly at the limit: imported.
			at := newRowLimitServer(t, rows, c.seed)
			var rep importReport
			decode(t, at.do(uploadRequest(t, c.query, parts...)), http.StatusOK, &rep)
			if rep.Rows.RowsRead != rows {
				t.Errorf("rows read %d, want %d", rep.Rows.RowsRead, rows)
			}
		})
	}
}

// newRowLimitServer returns a server over an empty memstore with the row
// limit maxRows. With seed, the store first gets the people of
// validUploads, imported through a server without a row limit.
func newRowLimitServer(t *testing.T, maxRows int, seed bool) *testServer {
	t.Helper()
	store := memstore.New()
	if seed {
		seeder := newTestServerWith(t, httpapi.Config{Store: store})
		decode(t, seeder.do(uploadRequest(t, "", validUploads()...)), http.StatusOK, &importReport{})
	}
	return newTestServerWith(t, httpapi.Config{Store: store, Limits: httpapi.Limits{MaxImportRows: maxRows}})
}

func TestImportRowLimitSpansFiles(t *testing.T) {
	parts := validUploads()
	rows := dataRows(t, parts)
	ts := newRowLimitServer(t, rows-1, false)
	p := decodeProblem(t, ts.do(uploadRequest(t, "", parts...)), http.StatusRequestEntityTooLarge)
	if !strings.Contains(p.Detail, fmt.Sprintf("more than %d data rows", rows-1)) {
		t.Errorf("detail %q does not name the limit of %d rows over all files", p.Detail, rows-1)
	}
}

func TestImportRowLimitNeo4jAdvice(t *testing.T) {
	parts := []upload{{"files", "log.jsonl", interactionLines}}
	ts := newTestServerWith(t, httpapi.Config{Store: memstore.New(), StoreIsNeo4j: true,
		Limits: httpapi.Limits{MaxImportRows: 1}})
	p := decodeProblem(t, ts.do(uploadRequest(t, "?format=interactions&as_of=2026-06-30", parts...)),
		http.StatusRequestEntityTooLarge)
	for _, want := range []string{"the interaction logs have more than 1 data rows", "Neo4j's heap", "last transaction"} {
		if !strings.Contains(p.Detail, want) {
			t.Errorf("detail %q does not contain %q", p.Detail, want)
		}
	}
	for _, unwanted := range []string{"in-memory", "account"} {
		if strings.Contains(p.Detail, unwanted) {
			t.Errorf("detail %q contains %q", p.Detail, unwanted)
		}
	}
}

func TestImportRowLimitRejectsNegative(t *testing.T) {
	_, err := httpapi.New(httpapi.Config{Store: memstore.New(), Limits: httpapi.Limits{MaxImportRows: -1}})
	if err == nil || !strings.Contains(err.Error(), "MaxImportRows -1") {
		t.Errorf("New with MaxImportRows -1: %v, want an error that names the value", err)
	}
}

func TestImportRowLimitZeroMeansNone(t *testing.T) {
	ts := newRowLimitServer(t, 0, false)
	var summary graph.ImportSummary
	decode(t, ts.do(uploadRequest(t, "", validUploads()...)), http.StatusOK, &summary)
	if summary.People.Created != 3 {
		t.Errorf("summary %+v, want 3 people created", summary)
	}
}

package httpapi_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

func newEmptyServer(t *testing.T) *testServer {
	t.Helper()
	return newTestServerWith(t, httpapi.Config{Store: memstore.New()})
}

func TestImportByFieldName(t *testing.T) {
	ts := newEmptyServer(t)
	var summary graph.ImportSummary
	decode(t, ts.do(uploadRequest(t, "", validUploads()...)), http.StatusOK, &summary)

	want := graph.ImportSummary{
		Accounts:      graph.Counts{Created: 1},
		People:        graph.Counts{Created: 3},
		Relationships: graph.Counts{Created: 2},
	}
	if summary != want {
		t.Errorf("summary %+v, want %+v", summary, want)
	}
	ag, err := ts.store.AccountGraph(context.Background(), "globex")
	if err != nil {
		t.Fatalf("imported account not stored: %v", err)
	}
	if len(ag.People) != 3 {
		t.Errorf("stored account has %d people, want 3", len(ag.People))
	}
}

func TestImportByFilesField(t *testing.T) {
	ts := newEmptyServer(t)
	req := uploadRequest(t, "",
		upload{"files", "accounts.csv", accountsCSV},
		upload{"files", `C:\exports\people.csv`, peopleCSV},
		upload{"files", "exports/relationships.csv", relationshipsCSV},
	)
	var summary graph.ImportSummary
	decode(t, ts.do(req), http.StatusOK, &summary)
	if summary.People.Created != 3 || summary.Relationships.Created != 2 {
		t.Errorf("summary %+v, want 3 people and 2 relationships created", summary)
	}
}

func TestImportTwiceChangesNothing(t *testing.T) {
	ts := newEmptyServer(t)
	decode(t, ts.do(uploadRequest(t, "", validUploads()...)), http.StatusOK, &graph.ImportSummary{})

	var again graph.ImportSummary
	decode(t, ts.do(uploadRequest(t, "", validUploads()...)), http.StatusOK, &again)
	want := graph.ImportSummary{
		Accounts:      graph.Counts{Unchanged: 1},
		People:        graph.Counts{Unchanged: 3},
		Relationships: graph.Counts{Unchanged: 2},
	}
	if again != want {
		t.Errorf("second import %+v, want %+v", again, want)
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	ts := newEmptyServer(t)
	var summary graph.ImportSummary
	decode(t, ts.do(uploadRequest(t, "?dry_run=true", validUploads()...)), http.StatusOK, &summary)

	if !summary.DryRun || summary.Accounts.Created != 1 {
		t.Errorf("summary %+v, want a dry run that would create 1 account", summary)
	}
	accounts, err := ts.store.Accounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts) != 0 {
		t.Errorf("dry run stored %d accounts, want 0", len(accounts))
	}
}

func TestImportInvalidFilesListsProblems(t *testing.T) {
	ts := newEmptyServer(t)
	badPeople := strings.Replace(peopleCSV, "director,champion", "chief,champion", 1)
	req := uploadRequest(t, "",
		upload{"accounts.csv", "accounts.csv", accountsCSV},
		upload{"people.csv", "people.csv", badPeople},
		upload{"relationships.csv", "relationships.csv", relationshipsCSV},
	)
	p := decodeProblem(t, ts.do(req), http.StatusUnprocessableEntity)

	if len(p.Problems) != 1 {
		t.Fatalf("problems %+v, want exactly one", p.Problems)
	}
	got := p.Problems[0]
	want := graph.Problem{File: "people.csv", Line: 4, Column: "seniority", Value: "chief"}
	if got.File != want.File || got.Line != want.Line || got.Column != want.Column || got.Value != want.Value {
		t.Errorf("problem %+v, want file, line, column and value of %+v", got, want)
	}
	if got.Message == "" {
		t.Error("problem has no message")
	}
	accounts, _ := ts.store.Accounts(context.Background())
	if len(accounts) != 0 {
		t.Errorf("rejected import stored %d accounts, want 0", len(accounts))
	}
}

func TestImportUnknownReference(t *testing.T) {
	ts := newEmptyServer(t)
	req := uploadRequest(t, "", upload{"relationships.csv", "relationships.csv", relationshipsCSV})
	p := decodeProblem(t, ts.do(req), http.StatusUnprocessableEntity)
	if len(p.Problems) == 0 {
		t.Fatal("no problems listed for relationships between unknown people")
	}
	if p.Problems[0].File != "relationships.csv" || p.Problems[0].Line != 2 {
		t.Errorf("first problem %+v, want relationships.csv line 2", p.Problems[0])
	}
}

func TestImportRejectsBadRequests(t *testing.T) {
	cases := []struct {
		name   string
		req    func(t *testing.T) *http.Request
		status int
		detail string
	}{
		{"no files", func(t *testing.T) *http.Request { return uploadRequest(t, "") },
			http.StatusBadRequest, "no import files"},
		{"unknown field", func(t *testing.T) *http.Request {
			return uploadRequest(t, "", upload{"contacts.csv", "contacts.csv", "a,b\n"})
		}, http.StatusBadRequest, `"contacts.csv"`},
		{"unknown file name", func(t *testing.T) *http.Request {
			return uploadRequest(t, "", upload{"files", "notes.txt", "hello\n"})
		}, http.StatusBadRequest, `"notes.txt"`},
		{"text field", func(t *testing.T) *http.Request {
			return uploadRequest(t, "", upload{"dry_run", "", "true"})
		}, http.StatusBadRequest, `"dry_run"`},
		{"file twice", func(t *testing.T) *http.Request {
			return uploadRequest(t, "",
				upload{"accounts.csv", "accounts.csv", accountsCSV},
				upload{"files", "accounts.csv", accountsCSV})
		}, http.StatusBadRequest, "accounts.csv uploaded twice"},
		{"bad dry_run", func(t *testing.T) *http.Request {
			return uploadRequest(t, "?dry_run=maybe", validUploads()...)
		}, http.StatusBadRequest, `"maybe"`},
		{"not multipart", func(t *testing.T) *http.Request {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/imports", strings.NewReader(accountsCSV))
			req.Header.Set("Content-Type", "text/csv")
			return req
		}, http.StatusUnsupportedMediaType, "multipart/form-data"},
		{"truncated multipart", func(t *testing.T) *http.Request {
			req := uploadRequest(t, "", validUploads()...)
			body, _ := io.ReadAll(req.Body)
			req.Body = io.NopCloser(bytes.NewReader(body[:len(body)/2]))
			req.ContentLength = int64(len(body) / 2)
			return req
		}, http.StatusBadRequest, "multipart"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := newEmptyServer(t)
			p := decodeProblem(t, ts.do(c.req(t)), c.status)
			if !strings.Contains(p.Detail, c.detail) {
				t.Errorf("detail %q does not contain %q", p.Detail, c.detail)
			}
		})
	}
}

func TestImportBodyLimit(t *testing.T) {
	ts := newTestServerWith(t, httpapi.Config{Store: memstore.New(), MaxUploadBytes: 1024})
	big := accountsCSV + strings.Repeat("filler,Filler Inc,3,1000,,\n", 100)

	withLength := uploadRequest(t, "", upload{"accounts.csv", "accounts.csv", big})
	p := decodeProblem(t, ts.do(withLength), http.StatusRequestEntityTooLarge)
	if !strings.Contains(p.Detail, "1 KiB") {
		t.Errorf("detail %q does not name the 1 KiB limit", p.Detail)
	}

	// Without Content-Length the limit applies while the body is read.
	chunked := uploadRequest(t, "", upload{"accounts.csv", "accounts.csv", big})
	chunked.ContentLength = -1
	decodeProblem(t, ts.do(chunked), http.StatusRequestEntityTooLarge)

	small := uploadRequest(t, "", upload{"accounts.csv", "accounts.csv", "account_id,name\nsmall,Small Co\n"})
	decode(t, ts.do(small), http.StatusOK, &graph.ImportSummary{})
}

// ingestData is the folder of the CRM exports and their equivalent native
// folders.
var ingestData = filepath.Join("..", "graph", "ingest", "testdata")

// folderUploads returns one part per file of dir, each in a field named
// after the file, plus extra.
func folderUploads(t *testing.T, dir string, extra ...upload) []upload {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var parts []upload
	for _, e := range entries {
		content, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, upload{e.Name(), e.Name(), string(content)})
	}
	return append(parts, extra...)
}

func mappingUpload(t *testing.T, name string) upload {
	t.Helper()
	content, err := os.ReadFile(filepath.Join(ingestData, name))
	if err != nil {
		t.Fatal(err)
	}
	return upload{"mapping.json", "mapping.json", string(content)}
}

// importReport is the part of a load.Report the tests read.
type importReport struct {
	graph.ImportSummary
	Format string `json:"format"`
	Rows   struct {
		RowsRead     int `json:"rows_read"`
		RowsRejected int `json:"rows_rejected"`
	} `json:"rows"`
	RecordsRejected int                       `json:"records_rejected"`
	Merge           *ingest.MergeReport       `json:"merge"`
	Interactions    *graph.InteractionSummary `json:"interactions"`
	Strengths       *graph.StrengthSummary    `json:"strengths"`
	Problems        []graph.Problem           `json:"problems"`
}

func TestImportCRMExportsMatchNativeFolders(t *testing.T) {
	cases := []struct{ format, export, mapping, native string }{
		{"salesforce", "salesforce_export", "salesforce_mapping.json", "kamgraph_salesforce"},
		{"hubspot", "hubspot_export", "hubspot_mapping.json", "kamgraph_hubspot"},
	}
	for _, c := range cases {
		t.Run(c.format, func(t *testing.T) {
			ts := newEmptyServer(t)
			req := uploadRequest(t, "?format="+c.format,
				folderUploads(t, filepath.Join(ingestData, c.export), mappingUpload(t, c.mapping))...)
			var rep importReport
			decode(t, ts.do(req), http.StatusOK, &rep)
			if rep.Format != c.format || rep.Merge == nil || len(rep.Merge.New) == 0 {
				t.Errorf("report %+v, want format %s and a merge that lists the new people", rep, c.format)
			}

			native := newEmptyServer(t)
			decode(t, native.do(uploadRequest(t, "", folderUploads(t, filepath.Join(ingestData, c.native))...)),
				http.StatusOK, &importReport{})
			got, _ := ts.store.Export(context.Background())
			want, _ := native.store.Export(context.Background())
			if !reflect.DeepEqual(got, want) {
				t.Errorf("stored data:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// interactionLog is a log about the people of peopleCSV: a meeting on
// as_of between the account manager, named by email, and the champion,
// and a call with the CFO one half-life (90 days) before.
const interactionLog = `time,from,to,type
2026-06-30T00:00:00Z,ANN@VENDOR.EXAMPLE,g-it,meeting
2026-04-01T00:00:00Z,v-ann,g-cfo,call
`

func TestImportInteractions(t *testing.T) {
	ts := newEmptyServer(t)
	decode(t, ts.do(uploadRequest(t, "", validUploads()...)), http.StatusOK, &importReport{})

	var rep importReport
	decode(t, ts.do(uploadRequest(t, "?format=interactions&as_of=2026-06-30",
		upload{"files", "log.csv", interactionLog})), http.StatusOK, &rep)
	if rep.Interactions == nil || rep.Interactions.Added != 2 {
		t.Fatalf("interactions %+v, want 2 added", rep.Interactions)
	}
	if rep.Strengths == nil || rep.Strengths.Pairs != 2 || rep.Strengths.HalfLifeDays != 90 {
		t.Fatalf("strengths %+v, want 2 pairs at the default half-life of 90 days", rep.Strengths)
	}

	// The meeting gives x = 1 and the call x = 0.5 * 2^-1 = 0.25.
	want := map[graph.PairKey]float64{graph.Pair("v-ann", "g-it"): 0.6321, graph.Pair("v-ann", "g-cfo"): 0.2212}
	ds, _ := ts.store.Export(context.Background())
	found := 0
	for _, r := range ds.Relationships {
		s, ok := want[graph.Pair(r.PersonA, r.PersonB)]
		if !ok {
			continue
		}
		found++
		if r.Strength != s || r.Source != "interactions" {
			t.Errorf("relationship %+v, want strength %v from interactions", r, s)
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the %d relationships from interactions in %+v", found, len(want), ds.Relationships)
	}

	var again importReport
	decode(t, ts.do(uploadRequest(t, "?format=interactions&as_of=2026-06-30&half_life_days=30",
		upload{"log.csv", "log.csv", interactionLog})), http.StatusOK, &again)
	if again.Interactions.Added != 0 || again.Interactions.Duplicates != 2 {
		t.Errorf("second upload %+v, want the 2 interactions found stored", again.Interactions)
	}
	if again.Strengths.HalfLifeDays != 30 {
		t.Errorf("half-life %v days, want 30", again.Strengths.HalfLifeDays)
	}
}

func TestImportKeepGoingListsProblems(t *testing.T) {
	ts := newEmptyServer(t)
	badPeople := strings.Replace(peopleCSV, "director,champion", "chief,champion", 1)
	req := uploadRequest(t, "?keep_going=true",
		upload{"accounts.csv", "accounts.csv", accountsCSV},
		upload{"people.csv", "people.csv", badPeople},
		upload{"relationships.csv", "relationships.csv", relationshipsCSV})
	var rep importReport
	decode(t, ts.do(req), http.StatusOK, &rep)

	if rep.Rows.RowsRejected != 1 || rep.People.Created != 2 {
		t.Errorf("report %+v, want 1 row rejected and 2 people created", rep)
	}
	if len(rep.Problems) < 2 {
		t.Fatalf("problems %+v, want the bad person and the relationship that depends on them", rep.Problems)
	}
	if p := rep.Problems[0]; p.File != "people.csv" || p.Line != 4 || p.Column != "seniority" || p.Value != "chief" {
		t.Errorf("first problem %+v, want people.csv line 4, column seniority, value chief", p)
	}
}

func TestImportRejectsBadParameters(t *testing.T) {
	logPart := upload{"files", "log.csv", interactionLog}
	cases := []struct {
		name   string
		req    func(t *testing.T) *http.Request
		detail string
	}{
		{"UnknownFormat", func(t *testing.T) *http.Request {
			return uploadRequest(t, "?format=excel", validUploads()...)
		}, `invalid format "excel"`},
		{"InteractionsWithoutAsOf", func(t *testing.T) *http.Request {
			return uploadRequest(t, "?format=interactions", logPart)
		}, "missing as_of"},
		{"AmbiguousAsOf", func(t *testing.T) *http.Request {
			return uploadRequest(t, "?format=interactions&as_of=06/30/2026", logPart)
		}, "ambiguous date"},
		{"NegativeHalfLife", func(t *testing.T) *http.Request {
			return uploadRequest(t, "?format=interactions&as_of=2026-06-30&half_life_days=-1", logPart)
		}, "invalid half_life_days"},
		{"AsOfWithCSV", func(t *testing.T) *http.Request {
			return uploadRequest(t, "?as_of=2026-06-30", validUploads()...)
		}, "apply to format=interactions"},
		{"MappingWithCSV", func(t *testing.T) *http.Request {
			return uploadRequest(t, "", append(validUploads(), upload{"mapping.json", "mapping.json", "{}"})...)
		}, "mapping.json part applies to format=salesforce"},
		{"InvalidMapping", func(t *testing.T) *http.Request {
			return uploadRequest(t, "?format=salesforce",
				upload{"Contact.csv", "Contact.csv", "Id,Name\n1,A\n"}, upload{"mapping.json", "mapping.json", `{"salesforce": {"Lead": {}}}`})
		}, "invalid mapping.json"},
		{"WrongFileForFormat", func(t *testing.T) *http.Request {
			return uploadRequest(t, "?format=salesforce", upload{"files", "people.csv", peopleCSV})
		}, `"people.csv"`},
		{"KeepGoingTwice", func(t *testing.T) *http.Request {
			return uploadRequest(t, "?keep_going=true&keep_going=false", validUploads()...)
		}, "keep_going given 2 times"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := decodeProblem(t, newEmptyServer(t).do(c.req(t)), http.StatusBadRequest)
			if !strings.Contains(p.Detail, c.detail) {
				t.Errorf("detail %q does not contain %q", p.Detail, c.detail)
			}
		})
	}
}

func TestImportFormatsMatchOpenAPI(t *testing.T) {
	spec := loadSpec(t)
	ts := newEmptyServer(t)
	mustStatus := func(req *http.Request, status int) documentedCase {
		return documentedCase{"/api/v1/imports", req, status}
	}
	for _, c := range []documentedCase{
		mustStatus(uploadRequest(t, "?format=salesforce", folderUploads(t, filepath.Join(ingestData, "salesforce_export"),
			mappingUpload(t, "salesforce_mapping.json"))...), http.StatusOK),
		mustStatus(uploadRequest(t, "?format=hubspot&dry_run=true", folderUploads(t, filepath.Join(ingestData, "hubspot_export"))...),
			http.StatusOK),
		mustStatus(uploadRequest(t, "?format=interactions&as_of=2026-06-30",
			upload{"files", "log.jsonl", `{"time": "2026-06-01", "from": "005J8000001U1AAA", "to": ["003J8000002C1AAA"]}` + "\n"}),
			http.StatusOK),
		mustStatus(uploadRequest(t, "?format=interactions&as_of=2026-06-30&dry_run=true",
			upload{"files", "log.csv", interactionLog}), http.StatusOK),
		mustStatus(uploadRequest(t, "?format=interactions&as_of=2026-06-30",
			upload{"files", "log.csv", "time,from\n2026-06-01,a\n"}), http.StatusUnprocessableEntity),
		mustStatus(uploadRequest(t, "?format=interactions", upload{"files", "log.csv", interactionLog}), http.StatusBadRequest),
	} {
		checkDocumented(t, spec, ts, c)
	}
}

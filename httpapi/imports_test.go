package httpapi_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
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

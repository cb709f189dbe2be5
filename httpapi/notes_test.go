package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/graph/storetest"
	"github.com/kamgraph/kamgraph/httpapi"
)

// noteServer is a test server over a memstore that holds storetest.Fixture
// and reads note times from clock.
type noteServer struct {
	*testServer
	clock *storetest.Clock
}

func newNoteServer(t *testing.T) *noteServer {
	t.Helper()
	clock := storetest.NewClock()
	store := memstore.New(memstore.WithClock(clock.Now))
	if _, err := store.Import(context.Background(), storetest.Fixture(), graph.ImportOptions{}); err != nil {
		t.Fatalf("import fixture: %v", err)
	}
	return &noteServer{testServer: newTestServerWith(t, httpapi.Config{Store: store}), clock: clock}
}

// noteJSONRequest returns a request with body as its JSON body.
func noteJSONRequest(t *testing.T, method, target string, body any) *http.Request {
	t.Helper()
	var text string
	if s, ok := body.(string); ok {
		text = s
	} else {
		out, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		text = string(out)
	}
	req := httptest.NewRequest(method, target, strings.NewReader(text))
	req.Header.Set("Content-Type", "application/json")
	return req
}

// create posts a note and returns it.
func (ts *noteServer) create(t *testing.T, n graph.NewNote) graph.Note {
	t.Helper()
	var note graph.Note
	decode(t, ts.do(noteJSONRequest(t, http.MethodPost, "/api/v1/notes", n)), http.StatusCreated, &note)
	return note
}

func (ts *noteServer) list(t *testing.T, target string) []graph.Note {
	t.Helper()
	var body httpapi.NoteList
	decode(t, ts.get(target), http.StatusOK, &body)
	return body.Notes
}

func noteTexts(notes []graph.Note) []string {
	out := []string{}
	for _, n := range notes {
		out = append(out, n.Text)
	}
	return out
}

func checkTexts(t *testing.T, description string, notes []graph.Note, want ...string) {
	t.Helper()
	got := noteTexts(notes)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s = %q, want %q", description, got, want)
	}
}

var acmeTarget = graph.NoteTarget{Kind: graph.TargetAccount, ID: "ACME"}

func TestNoteLifecycle(t *testing.T) {
	ts := newNoteServer(t)

	rec := ts.do(noteJSONRequest(t, http.MethodPost, "/api/v1/notes",
		graph.NewNote{Target: acmeTarget, Author: "Vera", Kind: graph.NoteRisk, Text: "Budget freeze until Q3."}))
	var created graph.Note
	decode(t, rec, http.StatusCreated, &created)
	if got, want := rec.Header().Get("Location"), "/api/v1/notes/"+created.ID; got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	if created.Version != 1 || len(created.History) != 1 || created.AccountID != "ACME" {
		t.Errorf("created note = %+v, want version 1 of an ACME note with its history", created)
	}

	var fetched graph.Note
	decode(t, ts.get("/api/v1/notes/"+created.ID), http.StatusOK, &fetched)
	if fetched.Text != created.Text || len(fetched.History) != 1 {
		t.Errorf("GET note = %+v, want the created note with its history", fetched)
	}

	ts.clock.Advance(time.Minute)
	edit := graph.NoteEdit{BaseVersion: 1, Author: "Victor", Text: "Budget freeze lifted."}
	var edited graph.Note
	decode(t, ts.do(noteJSONRequest(t, http.MethodPut, "/api/v1/notes/"+created.ID, edit)), http.StatusOK, &edited)
	if edited.Version != 2 || edited.Kind != graph.NoteRisk || len(edited.History) != 2 || edited.History[0].Text != created.Text {
		t.Errorf("edited note = %+v, want version 2 of kind risk that keeps version 1", edited)
	}

	p := decodeProblem(t, ts.do(noteJSONRequest(t, http.MethodPut, "/api/v1/notes/"+created.ID, edit)), http.StatusConflict)
	if !strings.Contains(p.Detail, "version 2") {
		t.Errorf("conflict detail %q does not give the current version", p.Detail)
	}

	var deleted graph.Note
	decode(t, ts.do(httptest.NewRequest(http.MethodDelete, "/api/v1/notes/"+created.ID+"?author=Vera", nil)), http.StatusOK, &deleted)
	if deleted.DeletedAt == nil || deleted.DeletedBy != "Vera" || deleted.Version != 2 {
		t.Errorf("deleted note = %+v, want it marked deleted by Vera at version 2", deleted)
	}
	checkTexts(t, "live notes", ts.list(t, "/api/v1/notes"))
	checkTexts(t, "every note", ts.list(t, "/api/v1/notes?include_deleted=true"), "Budget freeze lifted.")
	checkTexts(t, "search after deletion", ts.list(t, "/api/v1/notes/search?q=budget"))
	decodeProblem(t, ts.do(noteJSONRequest(t, http.MethodPut, "/api/v1/notes/"+created.ID,
		graph.NoteEdit{BaseVersion: 2, Author: "Vera", Text: "x"})), http.StatusConflict)

	var logged []string
	for _, record := range ts.logs.records(t) {
		if msg, _ := record["msg"].(string); strings.HasPrefix(msg, "note ") && record["note_id"] == created.ID {
			logged = append(logged, msg)
		}
	}
	if got := strings.Join(logged, ", "); got != "note created, note edited, note deleted" {
		t.Errorf("logged %q, want note created, note edited, note deleted", got)
	}
}

func TestCreateNoteRejects(t *testing.T) {
	ts := newNoteServer(t)
	tests := []struct {
		name   string
		req    *http.Request
		status int
		detail string
	}{
		{"MalformedJSON", noteJSONRequest(t, http.MethodPost, "/api/v1/notes", `{"target":`), http.StatusBadRequest, "invalid JSON body"},
		{"UnknownField", noteJSONRequest(t, http.MethodPost, "/api/v1/notes", `{"txt":"x"}`), http.StatusBadRequest, "txt"},
		{"EmptyBody", noteJSONRequest(t, http.MethodPost, "/api/v1/notes", ""), http.StatusBadRequest, "missing JSON body"},
		{"BlankText", noteJSONRequest(t, http.MethodPost, "/api/v1/notes",
			graph.NewNote{Target: acmeTarget, Author: "Vera", Text: "  "}), http.StatusBadRequest, "missing note text"},
		{"TextTooLong", noteJSONRequest(t, http.MethodPost, "/api/v1/notes",
			graph.NewNote{Target: acmeTarget, Author: "Vera", Text: strings.Repeat("x", graph.MaxNoteLength+5)}),
			http.StatusBadRequest, "10005 bytes, over the limit of 10000 bytes"},
		{"MissingAuthor", noteJSONRequest(t, http.MethodPost, "/api/v1/notes",
			graph.NewNote{Target: acmeTarget, Text: "x"}), http.StatusBadRequest, "missing author"},
		{"UnknownKind", noteJSONRequest(t, http.MethodPost, "/api/v1/notes",
			graph.NewNote{Target: acmeTarget, Author: "Vera", Kind: "gossip", Text: "x"}), http.StatusBadRequest, `"gossip"`},
		{"UnknownTarget", noteJSONRequest(t, http.MethodPost, "/api/v1/notes",
			graph.NewNote{Target: graph.NoteTarget{Kind: graph.TargetPerson, ID: "NOBODY"}, Author: "Vera", Text: "x"}),
			http.StatusNotFound, `person "NOBODY" not found`},
		{"UnknownRelationship", noteJSONRequest(t, http.MethodPost, "/api/v1/notes",
			graph.NewNote{Target: graph.NoteTarget{Kind: graph.TargetRelationship, ID: "V3", OtherID: "C2"}, Author: "Vera", Text: "x"}),
			http.StatusNotFound, `relationship between "C2" and "V3" not found`},
		{"PlainText", func() *http.Request {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/notes", strings.NewReader("hello"))
			req.Header.Set("Content-Type", "text/plain")
			return req
		}(), http.StatusUnsupportedMediaType, "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := decodeProblem(t, ts.do(tt.req), tt.status)
			if !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("detail %q does not contain %q", p.Detail, tt.detail)
			}
		})
	}
	checkTexts(t, "notes after the rejected requests", ts.list(t, "/api/v1/notes?include_deleted=true"))
}

func TestNoteRoutesRejectBadRequests(t *testing.T) {
	ts := newNoteServer(t)
	note := ts.create(t, graph.NewNote{Target: acmeTarget, Author: "Vera", Text: "Budget freeze."})
	tests := []struct {
		name   string
		req    *http.Request
		status int
		detail string
	}{
		{"GetUnknown", httptest.NewRequest(http.MethodGet, "/api/v1/notes/nope", nil), http.StatusNotFound, `note "nope" not found`},
		{"EditUnknown", noteJSONRequest(t, http.MethodPut, "/api/v1/notes/nope", graph.NoteEdit{BaseVersion: 1, Author: "Vera", Text: "x"}),
			http.StatusNotFound, `note "nope" not found`},
		{"EditWithoutBase", noteJSONRequest(t, http.MethodPut, "/api/v1/notes/"+note.ID, `{"author":"Vera","text":"x"}`),
			http.StatusBadRequest, "base_version 0"},
		{"EditFractionalBase", noteJSONRequest(t, http.MethodPut, "/api/v1/notes/"+note.ID, `{"base_version":1.5,"author":"Vera","text":"x"}`),
			http.StatusBadRequest, "invalid base_version 1.5"},
		{"EditQuotedBase", noteJSONRequest(t, http.MethodPut, "/api/v1/notes/"+note.ID, `{"base_version":"1","author":"Vera","text":"x"}`),
			http.StatusBadRequest, `invalid base_version "1"`},
		{"DeleteWithoutAuthor", httptest.NewRequest(http.MethodDelete, "/api/v1/notes/"+note.ID, nil),
			http.StatusBadRequest, "missing query parameter author"},
		{"DeleteBlankAuthor", httptest.NewRequest(http.MethodDelete, "/api/v1/notes/"+note.ID+"?author=%20", nil),
			http.StatusBadRequest, "missing author"},
		{"DeleteUnknown", httptest.NewRequest(http.MethodDelete, "/api/v1/notes/nope?author=Vera", nil),
			http.StatusNotFound, `note "nope" not found`},
		{"ListUnknownAccount", httptest.NewRequest(http.MethodGet, "/api/v1/notes?account_id=NOPE", nil),
			http.StatusNotFound, `account "NOPE" not found`},
		{"ListTargetWithoutKind", httptest.NewRequest(http.MethodGet, "/api/v1/notes?target_id=C1", nil),
			http.StatusBadRequest, "missing target_kind"},
		{"ListOtherWithoutTarget", httptest.NewRequest(http.MethodGet, "/api/v1/notes?other_id=C1", nil),
			http.StatusBadRequest, "without target_id"},
		{"ListRelationshipWithoutOther", httptest.NewRequest(http.MethodGet, "/api/v1/notes?target_kind=relationship&target_id=C1", nil),
			http.StatusBadRequest, "other_id"},
		{"ListUnknownKind", httptest.NewRequest(http.MethodGet, "/api/v1/notes?kind=gossip", nil), http.StatusBadRequest, `"gossip"`},
		{"ListBadIncludeDeleted", httptest.NewRequest(http.MethodGet, "/api/v1/notes?include_deleted=maybe", nil),
			http.StatusBadRequest, `include_deleted "maybe"`},
		{"ListRepeatedParameter", httptest.NewRequest(http.MethodGet, "/api/v1/notes?kind=risk&kind=context", nil),
			http.StatusBadRequest, "kind given 2 times"},
		{"SearchWithoutQuery", httptest.NewRequest(http.MethodGet, "/api/v1/notes/search", nil),
			http.StatusBadRequest, "missing query parameter q"},
		{"SearchWithoutWords", httptest.NewRequest(http.MethodGet, "/api/v1/notes/search?q=%2A%3A", nil),
			http.StatusBadRequest, "no words"},
		{"SearchLimitZero", httptest.NewRequest(http.MethodGet, "/api/v1/notes/search?q=budget&limit=0", nil),
			http.StatusBadRequest, `invalid limit "0"`},
		{"SearchLimitTooHigh", httptest.NewRequest(http.MethodGet, "/api/v1/notes/search?q=budget&limit=101", nil),
			http.StatusBadRequest, "from 1 to 100"},
		{"SearchLimitNotNumber", httptest.NewRequest(http.MethodGet, "/api/v1/notes/search?q=budget&limit=ten", nil),
			http.StatusBadRequest, `invalid limit "ten"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := decodeProblem(t, ts.do(tt.req), tt.status)
			if !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("detail %q does not contain %q", p.Detail, tt.detail)
			}
		})
	}
}

func TestEditNoteBaseVersionForms(t *testing.T) {
	ts := newNoteServer(t)
	note := ts.create(t, graph.NewNote{Target: acmeTarget, Author: "Vera", Text: "Budget freeze."})
	// JSON Schema counts 1.0 and 2e0 as integers, so both name a version.
	for i, base := range []string{"1.0", "2e0"} {
		body := `{"base_version":` + base + `,"author":"Vera","text":"edit ` + base + `"}`
		var edited graph.Note
		decode(t, ts.do(noteJSONRequest(t, http.MethodPut, "/api/v1/notes/"+note.ID, body)), http.StatusOK, &edited)
		if edited.Version != i+2 {
			t.Errorf("base_version %s: edited version %d, want %d", base, edited.Version, i+2)
		}
	}
}

func TestListNotesFilters(t *testing.T) {
	ts := newNoteServer(t)
	add := func(target graph.NoteTarget, kind graph.NoteKind, text string) {
		t.Helper()
		ts.clock.Advance(time.Minute)
		ts.create(t, graph.NewNote{Target: target, Author: "Vera", Kind: kind, Text: text})
	}
	add(acmeTarget, graph.NoteRisk, "acme")
	add(graph.NoteTarget{Kind: graph.TargetPerson, ID: "C1"}, graph.NoteContext, "c1")
	add(graph.NoteTarget{Kind: graph.TargetPerson, ID: "V1"}, graph.NoteOpportunity, "v1")
	add(graph.NoteTarget{Kind: graph.TargetRelationship, ID: "V1", OtherID: "C1"}, graph.NoteRisk, "c1-v1")
	add(graph.NoteTarget{Kind: graph.TargetAccount, ID: "GLOBEX"}, graph.NoteContext, "globex")

	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"acme", "c1", "v1", "c1-v1", "globex"}},
		{"?account_id=ACME", []string{"acme", "c1", "c1-v1"}},
		{"?account_id=ACME&kind=risk", []string{"acme", "c1-v1"}},
		{"?target_kind=person", []string{"c1", "v1"}},
		{"?target_kind=person&target_id=V1", []string{"v1"}},
		{"?target_kind=relationship&target_id=V1&other_id=C1", []string{"c1-v1"}},
		{"?target_kind=relationship&target_id=C1&other_id=V1", []string{"c1-v1"}},
		{"?account_id=GLOBEX&target_kind=person", []string{}},
	}
	for _, tt := range tests {
		checkTexts(t, "GET /api/v1/notes"+tt.query, ts.list(t, "/api/v1/notes"+tt.query), tt.want...)
	}
}

func TestSearchNotes(t *testing.T) {
	ts := newNoteServer(t)
	for _, text := range []string{"Budget freeze announced.", "Budget review in March.", `Pricing: "renewal" AND discount.`} {
		ts.clock.Advance(time.Minute)
		ts.create(t, graph.NewNote{Target: acmeTarget, Author: "Vera", Text: text})
	}

	checkTexts(t, "search budget freeze", ts.list(t, "/api/v1/notes/search?q=budget+freeze"),
		"Budget freeze announced.", "Budget review in March.")
	checkTexts(t, "search with limit 1", ts.list(t, "/api/v1/notes/search?q=budget+freeze&limit=1"), "Budget freeze announced.")
	checkTexts(t, "search with syntax", ts.list(t, `/api/v1/notes/search?q=%22renewal%22+AND+pricing%3A`),
		`Pricing: "renewal" AND discount.`)
	checkTexts(t, "search without a match", ts.list(t, "/api/v1/notes/search?q=procurement"))
}

func TestGetAccountIncludesNotes(t *testing.T) {
	ts := newNoteServer(t)
	ts.create(t, graph.NewNote{Target: acmeTarget, Author: "Vera", Text: "Renewal at risk."})
	ts.clock.Advance(time.Minute)
	ts.create(t, graph.NewNote{Target: graph.NoteTarget{Kind: graph.TargetPerson, ID: "C1"}, Author: "Vera", Text: "Champion."})
	ts.clock.Advance(time.Minute)
	gone := ts.create(t, graph.NewNote{Target: acmeTarget, Author: "Vera", Text: "Deleted."})
	ts.do(httptest.NewRequest(http.MethodDelete, "/api/v1/notes/"+gone.ID+"?author=Vera", nil))
	ts.create(t, graph.NewNote{Target: graph.NoteTarget{Kind: graph.TargetAccount, ID: "GLOBEX"}, Author: "Vera", Text: "Other account."})

	var view struct {
		graph.AccountGraph
		Notes []graph.Note `json:"notes"`
	}
	decode(t, ts.get("/api/v1/accounts/ACME"), http.StatusOK, &view)
	checkTexts(t, "notes of ACME", view.Notes, "Renewal at risk.", "Champion.")
	if view.Account.ID != "ACME" || len(view.People) == 0 || len(view.Relationships) == 0 {
		t.Errorf("account view lost the account graph: %+v", view.AccountGraph)
	}
	for _, n := range view.Notes {
		if n.History != nil {
			t.Errorf("note %q of the account view has a history, want none", n.Text)
		}
	}
}

// storeWithoutNotes hides every method of a memstore but those of
// graph.Store.
type storeWithoutNotes struct{ graph.Store }

func TestNoteRoutesNotImplemented(t *testing.T) {
	store := memstore.New()
	if _, err := store.Import(context.Background(), storetest.Fixture(), graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ts := newTestServerWith(t, httpapi.Config{Store: storeWithoutNotes{store}})
	newNote := graph.NewNote{Target: acmeTarget, Author: "Vera", Text: "x"}
	for _, req := range []*http.Request{
		httptest.NewRequest(http.MethodGet, "/api/v1/notes", nil),
		noteJSONRequest(t, http.MethodPost, "/api/v1/notes", newNote),
		httptest.NewRequest(http.MethodGet, "/api/v1/notes/search?q=x", nil),
		httptest.NewRequest(http.MethodGet, "/api/v1/notes/n1", nil),
		noteJSONRequest(t, http.MethodPut, "/api/v1/notes/n1", graph.NoteEdit{BaseVersion: 1, Author: "Vera", Text: "x"}),
		httptest.NewRequest(http.MethodDelete, "/api/v1/notes/n1?author=Vera", nil),
	} {
		p := decodeProblem(t, ts.do(req), http.StatusNotImplemented)
		if !strings.Contains(p.Detail, "does not keep notes") {
			t.Errorf("%s %s: detail %q does not say that the store keeps no notes", req.Method, req.URL, p.Detail)
		}
	}

	var view map[string]any
	decode(t, ts.get("/api/v1/accounts/ACME"), http.StatusOK, &view)
	if notes, ok := view["notes"].([]any); !ok || len(notes) != 0 {
		t.Errorf("account view notes = %v, want an empty list", view["notes"])
	}
}

func TestNoteResponsesMatchOpenAPI(t *testing.T) {
	spec := loadSpec(t)
	ts := newNoteServer(t)
	note := ts.create(t, graph.NewNote{Target: graph.NoteTarget{Kind: graph.TargetRelationship, ID: "V1", OtherID: "C1"},
		Author: "Vera", Kind: graph.NoteRisk, Text: "Calls got rare."})
	gone := ts.create(t, graph.NewNote{Target: acmeTarget, Author: "Vera", Text: "To delete."})
	edit := graph.NoteEdit{BaseVersion: 1, Author: "Vera", Text: "Calls resumed."}
	get := func(template, target string, status int) documentedCase {
		return documentedCase{template, httptest.NewRequest(http.MethodGet, target, nil), status}
	}

	cases := []documentedCase{
		{"/api/v1/notes", noteJSONRequest(t, http.MethodPost, "/api/v1/notes", graph.NewNote{Target: acmeTarget, Author: "Vera", Text: "x"}),
			http.StatusCreated},
		{"/api/v1/notes", noteJSONRequest(t, http.MethodPost, "/api/v1/notes", graph.NewNote{Target: acmeTarget, Text: "x"}),
			http.StatusBadRequest},
		{"/api/v1/notes", noteJSONRequest(t, http.MethodPost, "/api/v1/notes",
			graph.NewNote{Target: graph.NoteTarget{Kind: graph.TargetAccount, ID: "NOPE"}, Author: "Vera", Text: "x"}),
			http.StatusNotFound},
		{"/api/v1/notes/{id}", noteJSONRequest(t, http.MethodPut, "/api/v1/notes/"+note.ID, edit), http.StatusOK},
		{"/api/v1/notes/{id}", noteJSONRequest(t, http.MethodPut, "/api/v1/notes/"+note.ID, edit), http.StatusConflict},
		{"/api/v1/notes/{id}", httptest.NewRequest(http.MethodDelete, "/api/v1/notes/"+gone.ID+"?author=Vera", nil), http.StatusOK},
		{"/api/v1/notes/{id}", httptest.NewRequest(http.MethodDelete, "/api/v1/notes/"+gone.ID, nil), http.StatusBadRequest},
		get("/api/v1/notes/{id}", "/api/v1/notes/"+note.ID, http.StatusOK),
		get("/api/v1/notes/{id}", "/api/v1/notes/"+gone.ID, http.StatusOK),
		get("/api/v1/notes/{id}", "/api/v1/notes/nope", http.StatusNotFound),
		get("/api/v1/notes", "/api/v1/notes?include_deleted=true", http.StatusOK),
		get("/api/v1/notes", "/api/v1/notes?account_id=NOPE", http.StatusNotFound),
		get("/api/v1/notes", "/api/v1/notes?kind=gossip", http.StatusBadRequest),
		get("/api/v1/notes/search", "/api/v1/notes/search?q=calls", http.StatusOK),
		get("/api/v1/notes/search", "/api/v1/notes/search?q=calls&limit=0", http.StatusBadRequest),
		get("/api/v1/accounts/{id}", "/api/v1/accounts/ACME", http.StatusOK),
	}
	for _, c := range cases {
		checkDocumented(t, spec, ts.testServer, c)
	}

	plain := httptest.NewRequest(http.MethodPost, "/api/v1/notes", strings.NewReader("x"))
	plain.Header.Set("Content-Type", "text/plain")
	checkDocumented(t, spec, ts.testServer, documentedCase{"/api/v1/notes", plain, http.StatusUnsupportedMediaType})

	none := newTestServerWith(t, httpapi.Config{Store: storeWithoutNotes{memstore.New()}})
	checkDocumented(t, spec, none, get("/api/v1/notes", "/api/v1/notes", http.StatusNotImplemented))
	checkDocumented(t, spec, none, get("/api/v1/notes/search", "/api/v1/notes/search?q=x", http.StatusNotImplemented))
}

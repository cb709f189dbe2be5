package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// demoSeed is the demo portfolio the tests load.
const demoSeed = 1

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a
// server's log handler.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records returns the JSON log records written so far.
func (b *syncBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		out = append(out, rec)
	}
	return out
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer is a Server over a store, with its log captured.
type testServer struct {
	handler http.Handler
	store   graph.Store
	logs    *syncBuffer
}

// newTestServer returns a server over a memstore loaded with the demo
// portfolio.
func newTestServer(t *testing.T) *testServer {
	t.Helper()
	store := memstore.New()
	if _, err := store.Import(context.Background(), demo.Generate(demoSeed), graph.ImportOptions{}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	return newTestServerWith(t, httpapi.Config{Store: store})
}

// newTestServerWith returns a server for cfg, logging JSON at debug level
// into a buffer.
func newTestServerWith(t *testing.T, cfg httpapi.Config) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	cfg.Logger = newJSONLogger(logs)
	s, err := httpapi.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &testServer{handler: s.Handler(), store: cfg.Store, logs: logs}
}

// newJSONLogger returns a logger that writes JSON records of every level
// to w.
func newJSONLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// do sends req to the server and returns the recorded response.
func (ts *testServer) do(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	ts.handler.ServeHTTP(rec, req)
	return rec
}

func (ts *testServer) get(target string) *httptest.ResponseRecorder {
	return ts.do(httptest.NewRequest(http.MethodGet, target, nil))
}

// decode unmarshals the response body into v, failing on a wrong status.
func decode(t *testing.T, rec *httptest.ResponseRecorder, wantStatus int, v any) {
	t.Helper()
	if rec.Code != wantStatus {
		t.Fatalf("status %d, want %d; body: %s", rec.Code, wantStatus, rec.Body.String())
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("decode body %q: %v", rec.Body.String(), err)
	}
}

// decodeProblem checks that the response is a problem with the status and
// returns it.
func decodeProblem(t *testing.T, rec *httptest.ResponseRecorder, wantStatus int) httpapi.Problem {
	t.Helper()
	if got := rec.Header().Get("Content-Type"); got != httpapi.ProblemContentType {
		t.Errorf("Content-Type %q, want %q", got, httpapi.ProblemContentType)
	}
	var p httpapi.Problem
	decode(t, rec, wantStatus, &p)
	if p.Status != wantStatus {
		t.Errorf("problem status %d, want %d", p.Status, wantStatus)
	}
	if p.Type != "about:blank" {
		t.Errorf("problem type %q, want about:blank", p.Type)
	}
	if p.Title != http.StatusText(wantStatus) {
		t.Errorf("problem title %q, want %q", p.Title, http.StatusText(wantStatus))
	}
	if p.Detail == "" {
		t.Error("problem detail is empty")
	}
	if p.RequestID == "" || p.RequestID != rec.Header().Get(httpapi.RequestIDHeader) {
		t.Errorf("problem request_id %q, want the %s header %q", p.RequestID, httpapi.RequestIDHeader, rec.Header().Get(httpapi.RequestIDHeader))
	}
	return p
}

// upload is one multipart part.
type upload struct {
	field, fileName, content string
}

// uploadRequest returns a POST /api/v1/imports request with the parts.
func uploadRequest(t *testing.T, query string, parts ...upload) *http.Request {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, p := range parts {
		var part io.Writer
		var err error
		if p.fileName == "" {
			part, err = w.CreateFormField(p.field)
		} else {
			part, err = w.CreateFormFile(p.field, p.fileName)
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(part, p.content); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/imports"+query, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return req
}

// A small valid import: one account, its owner, two customer people and
// two relationships.
const (
	accountsCSV = `account_id,name,tier,arr,renewal_date,owner_id
globex,Globex Corporation,1,1250000,2027-03-31,v-ann
`
	peopleCSV = `person_id,name,side,account_id,title,function,business_unit,geography,seniority,role,status,email,manager_id
v-ann,Ann Vendor,vendor,,Account Manager,Sales,Revenue,EMEA,manager,,active,ann@vendor.example,
g-cfo,Carla Finance,customer,globex,CFO,Finance,Group,EMEA,c_level,economic_buyer,active,carla@globex.example,
g-it,Ivan Tech,customer,globex,IT Director,IT,Group,EMEA,director,champion,active,ivan@globex.example,g-cfo
`
	relationshipsCSV = `person_a,person_b,strength,type,last_interaction,source
v-ann,g-it,0.8,working,2026-10-01,crm
g-it,g-cfo,0.6,colleague,,manual
`
)

func validUploads() []upload {
	return []upload{
		{"accounts.csv", "accounts.csv", accountsCSV},
		{"people.csv", "people.csv", peopleCSV},
		{"relationships.csv", "relationships.csv", relationshipsCSV},
	}
}

// failingStore is a memstore whose Accounts, AccountGraph and Ping fail
// with err, standing in for a broken or unreachable database. With panic
// set, Accounts panics instead.
type failingStore struct {
	*memstore.Store
	err   error
	panic bool
}

func (s *failingStore) Accounts(ctx context.Context) ([]graph.Account, error) {
	if s.panic {
		panic("failing store: " + s.err.Error())
	}
	return nil, s.err
}

func (s *failingStore) AccountGraph(ctx context.Context, id string) (*graph.AccountGraph, error) {
	return nil, s.err
}

func (s *failingStore) Ping(ctx context.Context) error { return s.err }

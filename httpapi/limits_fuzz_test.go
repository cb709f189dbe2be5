package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

// The fuzz targets below check that no input makes the API panic or
// respond with a server error, and that every error is a problem
// document. RELIABILITY.md gives the command that fuzzes each briefly.

// fuzzAdminToken is the bootstrap admin token of fuzzServer.
var fuzzAdminToken = strings.Repeat("f", 40)

// fuzzServer returns a server over the demo portfolio with authentication
// on and the bootstrap admin token fuzzAdminToken.
func fuzzServer(f *testing.F) *Server {
	f.Helper()
	store := memstore.New()
	if _, err := store.Import(context.Background(), demo.Generate(1), graph.ImportOptions{}); err != nil {
		f.Fatalf("import demo: %v", err)
	}
	s, err := New(Config{Store: store, Auth: AuthConfig{Enabled: true, AdminToken: fuzzAdminToken},
		Limits: Limits{RequestTimeout: 10 * time.Second}})
	if err != nil {
		f.Fatal(err)
	}
	return s
}

// postJSON sends body to target as the admin and checks that the
// response is not a server error and that an error is a problem document.
func postJSON(t *testing.T, s *Server, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+fuzzAdminToken)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)

	if rec.Code >= http.StatusInternalServerError {
		t.Fatalf("POST %s with %q: status %d: %s", target, body, rec.Code, rec.Body)
	}
	if rec.Code >= http.StatusBadRequest {
		var p Problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != rec.Code || p.Detail == "" {
			t.Fatalf("POST %s with %q: status %d with a body that is not a problem: %s", target, body, rec.Code, rec.Body)
		}
	}
	return rec
}

func FuzzReportQuery(f *testing.F) {
	for _, seed := range []string{
		"", "threshold=0.5", "threshold=0", "threshold=1e308", "threshold=NaN", "threshold=-0",
		"expected_functions=finance,,IT", "departed_from=2026-01-01&departed_to=2025-01-01",
		"threshold=0.3&threshold=0.4", "departed_from=2026-02-30", "%zz",
		"betweenness_samples=100&betweenness_seed=18446744073709551615", "betweenness_samples=10001",
		"betweenness_seed=3", "betweenness_samples=0x10",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		query, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		opts, err := reportOptions(query)
		if err != nil {
			if graph.KindOf(err) != graph.KindInvalid {
				t.Fatalf("reportOptions(%q): error of kind %s, want invalid: %v", raw, graph.KindOf(err), err)
			}
			return
		}
		if err := opts.Validate(); err != nil {
			t.Fatalf("reportOptions(%q) returned options that fail Validate: %v", raw, err)
		}
		if opts.Threshold <= 0 || opts.Threshold > 1 {
			t.Fatalf("reportOptions(%q): threshold %v outside (0, 1]", raw, opts.Threshold)
		}
		if opts.BetweennessSamples < 0 || opts.BetweennessSamples > MaxBetweennessSamples {
			t.Fatalf("reportOptions(%q): betweenness samples %d outside [0, %d]", raw, opts.BetweennessSamples, MaxBetweennessSamples)
		}
	})
}

func FuzzReportRequest(f *testing.F) {
	s := fuzzServer(f)
	for _, seed := range []string{"threshold=0.9", "threshold=0.01&expected_functions=x", "departed_from=2026-01-01"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/accounts/acct-01/report", nil)
		req.URL.RawQuery = raw
		req.Header.Set("Authorization", "Bearer "+fuzzAdminToken)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
			t.Fatalf("GET report?%s: status %d, want 200 or 400: %s", raw, rec.Code, rec.Body)
		}
	})
}

func FuzzSimulateBody(f *testing.F) {
	s := fuzzServer(f)
	for _, seed := range []string{
		`{"remove":["v-01"]}`, `{"remove":[]}`, `{"remove":["v-01"],"threshold":0}`,
		`{"remove":["acct-01-p01","acct-01-p01"],"expected_functions":[]}`, `{"remove":null}`,
		`{"remove":["v-01"]} {}`, `[]`, `{"remove":[1]}`, `{"threshold":1e400}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		postJSON(t, s, "/api/v1/accounts/acct-01/simulate", body)
		postJSON(t, s, "/api/v1/simulate", body)
	})
}

func FuzzNoteBody(f *testing.F) {
	s := fuzzServer(f)
	for _, seed := range []string{
		`{"target":{"kind":"account","id":"acct-01"},"author":"a","text":"t"}`,
		`{"target":{"kind":"relationship","id":"v-01","other_id":"acct-01-p01"},"author":"a","text":"t","kind":"risk"}`,
		`{"target":{"kind":"person","id":"nobody"},"author":"a","text":"t"}`,
		`{"target":{"kind":"account","id":"acct-01"},"author":"","text":"   "}`,
		`{"target":{"kind":"planet","id":"x"},"author":"a","text":"t"}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		rec := postJSON(t, s, "/api/v1/notes", body)
		if rec.Code == http.StatusCreated {
			var note graph.Note
			if err := json.Unmarshal(rec.Body.Bytes(), &note); err != nil || note.ID == "" {
				t.Fatalf("POST /api/v1/notes with %q: 201 without a note: %s", body, rec.Body)
			}
		}
	})
}

func FuzzKeyBody(f *testing.F) {
	s := fuzzServer(f)
	for _, seed := range []string{
		`{"name":"n","role":"leader"}`, `{"name":"n","role":"account_manager","person_id":"v-01"}`,
		`{"name":"n","role":"account_manager","person_id":"acct-01-p01"}`,
		`{"name":"n","role":"admin","expires_at":"2999-01-01T00:00:00Z"}`,
		`{"name":"n","role":"admin","expires_at":"yesterday"}`, `{"name":"","role":""}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		rec := postJSON(t, s, "/api/v1/keys", body)
		if rec.Code != http.StatusCreated {
			return
		}
		var created CreatedKey
		if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil {
			t.Fatalf("POST /api/v1/keys with %q: 201 without a key: %s", body, rec.Body)
		}
		id, secret, ok := graph.ParseToken(created.Token)
		if !ok || id != created.Key.ID {
			t.Fatalf("POST /api/v1/keys with %q: token %q does not parse to key %s", body, created.Token, created.Key.ID)
		}
		stored, err := s.access.keys.Key(context.Background(), id)
		if err != nil || !stored.Verify(secret) {
			t.Fatalf("POST /api/v1/keys with %q: the stored key does not verify its token: %v", body, err)
		}
	})
}

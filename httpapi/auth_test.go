package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
	"github.com/kamgraph/kamgraph/httpapi/authtest"
)

var adminToken = strings.Repeat("0123456789abcdef", 3)

func newAuthServer(t *testing.T, clock *authtest.Clock) (*testServer, *memstore.Store) {
	t.Helper()
	store := memstore.New()
	ts := newTestServerWith(t, httpapi.Config{Store: store,
		Auth: httpapi.AuthConfig{Enabled: true, AdminToken: adminToken, Now: clock.Now}})
	return ts, store
}

func authorized(method, target, token, body string) *http.Request {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

func createKey(t *testing.T, ts *testServer, body string) httpapi.CreatedKey {
	t.Helper()
	var created httpapi.CreatedKey
	decode(t, ts.do(authorized(http.MethodPost, "/api/v1/keys", adminToken, body)), http.StatusCreated, &created)
	return created
}

func TestKeyLifecycleOverHTTP(t *testing.T) {
	clock := authtest.NewClock(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	ts, store := newAuthServer(t, clock)

	created := createKey(t, ts, `{"name":"dashboard","role":"leader"}`)
	if !strings.HasPrefix(created.Token, graph.TokenPrefix+created.Key.ID+"_") {
		t.Errorf("token %q does not start with kg_ and the key id %s", created.Token, created.Key.ID)
	}
	if rec := ts.do(authorized(http.MethodGet, "/api/v1/accounts", created.Token, "")); rec.Code != http.StatusOK {
		t.Errorf("GET /api/v1/accounts with the new key: status %d, want 200", rec.Code)
	}

	rec := ts.do(authorized(http.MethodGet, "/api/v1/keys", adminToken, ""))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/keys: status %d", rec.Code)
	}
	stored, err := store.Key(context.Background(), created.Key.ID)
	if err != nil {
		t.Fatal(err)
	}
	secret := strings.TrimPrefix(created.Token, graph.TokenPrefix+created.Key.ID+"_")
	for _, leak := range []string{created.Token, secret, "salt", "hash"} {
		if strings.Contains(rec.Body.String(), leak) {
			t.Errorf("GET /api/v1/keys holds %q: %s", leak, rec.Body)
		}
	}
	if string(stored.Hash) == secret || len(stored.Hash) != 32 || len(stored.Salt) != graph.KeySaltBytes {
		t.Errorf("stored key has hash %x and salt %x, want a SHA-256 and a 16-byte salt", stored.Hash, stored.Salt)
	}

	if rec := ts.do(authorized(http.MethodDelete, "/api/v1/keys/"+created.Key.ID, adminToken, "")); rec.Code != http.StatusNoContent {
		t.Fatalf("DELETE key: status %d, want 204", rec.Code)
	}
	rec = ts.do(authorized(http.MethodGet, "/api/v1/accounts", created.Token, ""))
	decodeProblem(t, rec, http.StatusUnauthorized)
	if got := rec.Header().Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
		t.Errorf("WWW-Authenticate %q, want the Bearer scheme", got)
	}
	if strings.Contains(ts.logs.String(), created.Token) || strings.Contains(ts.logs.String(), adminToken) {
		t.Error("the log holds a token")
	}
}

func TestAuthenticationFailures(t *testing.T) {
	clock := authtest.NewClock(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	ts, _ := newAuthServer(t, clock)
	created := createKey(t, ts, `{"name":"short-lived","role":"analyst","expires_at":"2026-11-02T10:00:00Z"}`)
	wrongSecret := created.Token[:len(created.Token)-2] + "AA"
	if wrongSecret == created.Token {
		wrongSecret = created.Token[:len(created.Token)-2] + "BB"
	}

	cases := map[string]string{
		"no header":    "",
		"basic scheme": "Basic dXNlcjpwYXNz",
		"not a token":  "Bearer hello",
		"wrong secret": "Bearer " + wrongSecret,
		"unknown key":  "Bearer " + graph.TokenPrefix + "ffffffffffffffff_" + strings.Repeat("A", 43),
		"admin prefix": "Bearer " + adminToken[:40],
	}
	for name, header := range cases {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/accounts", nil)
		if header != "" {
			req.Header.Set("Authorization", header)
		}
		if rec := ts.do(req); rec.Code != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, rec.Code)
		}
	}

	if rec := ts.do(authorized(http.MethodGet, "/api/v1/accounts", created.Token, "")); rec.Code != http.StatusOK {
		t.Errorf("before expiry: status %d, want 200", rec.Code)
	}
	clock.Advance(time.Hour)
	p := decodeProblem(t, ts.do(authorized(http.MethodGet, "/api/v1/accounts", created.Token, "")), http.StatusUnauthorized)
	if !strings.Contains(p.Detail, "expired") {
		t.Errorf("detail %q does not say the key expired", p.Detail)
	}
	if rec := ts.get("/healthz"); rec.Code != http.StatusOK {
		t.Errorf("GET /healthz without a key: status %d, want 200", rec.Code)
	}
}

func TestLastUsedWrittenAtMostOncePerMinute(t *testing.T) {
	clock := authtest.NewClock(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	ts, store := newAuthServer(t, clock)
	created := createKey(t, ts, `{"name":"poller","role":"leader"}`)
	lastUsed := func() time.Time {
		k, err := store.Key(context.Background(), created.Key.ID)
		if err != nil {
			t.Fatal(err)
		}
		return k.LastUsedAt
	}
	use := func() {
		if rec := ts.do(authorized(http.MethodGet, "/api/v1/accounts", created.Token, "")); rec.Code != http.StatusOK {
			t.Fatalf("status %d, want 200", rec.Code)
		}
	}

	use()
	first := clock.Now()
	if !lastUsed().Equal(first) {
		t.Fatalf("LastUsedAt after the first use = %s, want %s", lastUsed(), first)
	}
	clock.Advance(30 * time.Second)
	use()
	if !lastUsed().Equal(first) {
		t.Errorf("LastUsedAt 30s later = %s, want it unchanged at %s", lastUsed(), first)
	}
	clock.Advance(31 * time.Second)
	use()
	if !lastUsed().Equal(clock.Now()) {
		t.Errorf("LastUsedAt 61s later = %s, want %s", lastUsed(), clock.Now())
	}
}

func TestCreateKeyValidation(t *testing.T) {
	clock := authtest.NewClock(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	ts, _ := newAuthServer(t, clock)
	cases := map[string]string{
		"missing name":       `{"role":"leader"}`,
		"unknown role":       `{"name":"x","role":"root"}`,
		"am without person":  `{"name":"x","role":"account_manager"}`,
		"person on a leader": `{"name":"x","role":"leader","person_id":"v-01"}`,
		"unknown person":     `{"name":"x","role":"account_manager","person_id":"nobody"}`,
		"expiry in the past": `{"name":"x","role":"leader","expires_at":"2020-01-01T00:00:00Z"}`,
		"unknown field":      `{"name":"x","role":"leader","hash":"00"}`,
	}
	for name, body := range cases {
		if rec := ts.do(authorized(http.MethodPost, "/api/v1/keys", adminToken, body)); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400: %s", name, rec.Code, rec.Body)
		}
	}
}

func TestNewRejectsAuthWithoutKeys(t *testing.T) {
	_, err := httpapi.New(httpapi.Config{Store: &failingStore{Store: memstore.New()}, Auth: httpapi.AuthConfig{Enabled: true, AdminToken: "short"}})
	if err == nil || !strings.Contains(err.Error(), "too short") {
		t.Errorf("New with a short admin token: %v, want an error that says too short", err)
	}
}

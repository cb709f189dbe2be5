package neo4jstore_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/httpapi"
	"github.com/kamgraph/kamgraph/httpapi/authtest"
)

// These tests check the API key cache of package httpapi against keys in
// Neo4j, with a second store instance standing in for another process
// such as 'kamgraph keys revoke'.

const keyCacheAdminToken = "0123456789abcdef0123456789abcdef0123456789abcdef"

// keyCacheFixture is a server over a store on the test database, and a
// second store on the same database.
type keyCacheFixture struct {
	handler http.Handler
	store   graph.KeyStore
	other   graph.KeyStore
	clock   *authtest.Clock
}

func newKeyCacheFixture(t *testing.T, ttl time.Duration) *keyCacheFixture {
	t.Helper()
	store, server := openStore(t)
	other := openWithClock(t, server, nil)
	clock := authtest.NewClock(time.Now().UTC())
	s, err := httpapi.New(httpapi.Config{
		Store:  store,
		Logger: slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn})),
		Auth: httpapi.AuthConfig{Enabled: true, AdminToken: keyCacheAdminToken, Now: clock.Now,
			KeyCacheTTL: ttl},
	})
	if err != nil {
		t.Fatalf("httpapi.New: %v", err)
	}
	return &keyCacheFixture{handler: s.Handler(), store: store, other: other, clock: clock}
}

// createKey stores a new analyst key and returns it with its token.
func (f *keyCacheFixture) createKey(t *testing.T) (graph.APIKey, string) {
	t.Helper()
	key, token, err := graph.GenerateAPIKey(graph.NewAPIKey{Name: "cache test", Role: graph.KeyRoleAnalyst}, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.CreateKey(context.Background(), key); err != nil {
		t.Fatalf("CreateKey: %v", err)
	}
	return key, token
}

// status returns the status of a request with token.
func (f *keyCacheFixture) status(method, target, token string) int {
	req := httptest.NewRequest(method, target, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	return rec.Code
}

func (f *keyCacheFixture) wantStatus(t *testing.T, step, token string, want int) {
	t.Helper()
	if got := f.status(http.MethodGet, "/api/v1/accounts", token); got != want {
		t.Errorf("%s: GET /api/v1/accounts: status %d, want %d", step, got, want)
	}
}

func TestKeyCacheRevokeByOtherStore(t *testing.T) {
	const ttl = time.Second
	f := newKeyCacheFixture(t, ttl)
	key, token := f.createKey(t)
	f.wantStatus(t, "before the revoke", token, http.StatusOK)

	if err := f.other.DeleteKey(context.Background(), key.ID); err != nil {
		t.Fatalf("DeleteKey through the second store: %v", err)
	}
	if _, err := f.store.Key(context.Background(), key.ID); graph.KindOf(err) != graph.KindNotFound {
		t.Fatalf("Key after the delete: %v, want not found", err)
	}
	f.clock.Advance(ttl - time.Nanosecond)
	f.wantStatus(t, "1 ns before the cache time ends", token, http.StatusOK)
	f.clock.Advance(time.Nanosecond)
	f.wantStatus(t, "when the cache time ends", token, http.StatusUnauthorized)
}

func TestKeyCacheRevokeThroughAPIOnNeo4j(t *testing.T) {
	f := newKeyCacheFixture(t, time.Hour)
	key, token := f.createKey(t)
	f.wantStatus(t, "before the revoke", token, http.StatusOK)

	if got := f.status(http.MethodDelete, "/api/v1/keys/"+key.ID, keyCacheAdminToken); got != http.StatusNoContent {
		t.Fatalf("DELETE /api/v1/keys/%s: status %d, want 204", key.ID, got)
	}
	f.wantStatus(t, "right after the revoke", token, http.StatusUnauthorized)
}

func TestKeyCacheOffOnNeo4j(t *testing.T) {
	f := newKeyCacheFixture(t, 0)
	key, token := f.createKey(t)
	f.wantStatus(t, "before the revoke", token, http.StatusOK)

	if err := f.other.DeleteKey(context.Background(), key.ID); err != nil {
		t.Fatalf("DeleteKey through the second store: %v", err)
	}
	f.wantStatus(t, "right after the revoke", token, http.StatusUnauthorized)
	if !strings.HasPrefix(token, graph.TokenPrefix+key.ID) {
		t.Errorf("token %q does not carry key id %s", token, key.ID)
	}
}

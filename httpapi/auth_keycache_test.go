package httpapi_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
	"github.com/kamgraph/kamgraph/httpapi/authtest"
)

// countingKeys is a key store that counts the calls of Key.
type countingKeys struct {
	graph.KeyStore
	lookups atomic.Int64
}

func (k *countingKeys) Key(ctx context.Context, id string) (graph.APIKey, error) {
	k.lookups.Add(1)
	return k.KeyStore.Key(ctx, id)
}

// keyCacheServer is a server with the key cache over a memstore, whose
// key lookups it counts.
type keyCacheServer struct {
	*testServer
	store *memstore.Store
	keys  *countingKeys
	clock *authtest.Clock
}

func newKeyCacheServer(t *testing.T, ttl time.Duration, maxEntries int) *keyCacheServer {
	t.Helper()
	store := memstore.New()
	keys := &countingKeys{KeyStore: store}
	clock := authtest.NewClock(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	ts := newTestServerWith(t, httpapi.Config{Store: store, Auth: httpapi.AuthConfig{
		Enabled: true, Keys: keys, AdminToken: adminToken, Now: clock.Now,
		KeyCacheTTL: ttl, KeyCacheMaxEntries: maxEntries,
	}})
	return &keyCacheServer{testServer: ts, store: store, keys: keys, clock: clock}
}

// status returns the status of GET /api/v1/accounts with token.
func (s *keyCacheServer) status(token string) int {
	return s.do(authorized(http.MethodGet, "/api/v1/accounts", token, "")).Code
}

// wantStatus checks the status of GET /api/v1/accounts with token and
// the number of key lookups made so far.
func (s *keyCacheServer) wantStatus(t *testing.T, step, token string, status int, lookups int64) {
	t.Helper()
	if got := s.status(token); got != status {
		t.Errorf("%s: status %d, want %d", step, got, status)
	}
	if got := s.keys.lookups.Load(); got != lookups {
		t.Errorf("%s: %d key lookups so far, want %d", step, got, lookups)
	}
}

func TestKeyCacheHitSkipsStore(t *testing.T) {
	s := newKeyCacheServer(t, time.Second, 0)
	created := createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`)

	s.wantStatus(t, "first request", created.Token, http.StatusOK, 1)
	s.wantStatus(t, "second request", created.Token, http.StatusOK, 1)
	s.clock.Advance(999 * time.Millisecond)
	s.wantStatus(t, "request 0.999 s after the read", created.Token, http.StatusOK, 1)
	s.clock.Advance(time.Millisecond)
	s.wantStatus(t, "request 1 s after the read", created.Token, http.StatusOK, 2)
	s.wantStatus(t, "request after the new read", created.Token, http.StatusOK, 2)
}

func TestKeyCacheRejectsWrongSecret(t *testing.T) {
	s := newKeyCacheServer(t, time.Second, 0)
	created := createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`)
	s.wantStatus(t, "right token", created.Token, http.StatusOK, 1)

	// The same key id with another valid-looking secret.
	id, secret, ok := graph.ParseToken(created.Token)
	if !ok {
		t.Fatalf("ParseToken(%q) failed", created.Token)
	}
	secret[0] ^= 1
	wrong := forgeToken(t, id, secret)
	s.wantStatus(t, "wrong secret for a cached key", wrong, http.StatusUnauthorized, 1)
	s.wantStatus(t, "right token after a wrong one", created.Token, http.StatusOK, 1)
}

// forgeToken returns a token for key id with the given secret, built the
// way GenerateAPIKey builds tokens.
func forgeToken(t *testing.T, id string, secret []byte) string {
	t.Helper()
	token := graph.TokenPrefix + id + "_" + base64.RawURLEncoding.EncodeToString(secret)
	if gotID, _, ok := graph.ParseToken(token); !ok || gotID != id {
		t.Fatalf("forged token %q does not parse to key %s", token, id)
	}
	return token
}

func TestKeyCacheSkipsUnknownKeys(t *testing.T) {
	s := newKeyCacheServer(t, time.Second, 0)
	created := createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`)
	_, secret, _ := graph.ParseToken(created.Token)
	unknown := forgeToken(t, strings.Repeat("ab", 8), secret)

	s.wantStatus(t, "unknown key", unknown, http.StatusUnauthorized, 1)
	s.wantStatus(t, "unknown key again", unknown, http.StatusUnauthorized, 2)
}

func TestKeyCacheRevokeThroughAPI(t *testing.T) {
	s := newKeyCacheServer(t, time.Hour, 0)
	created := createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`)
	s.wantStatus(t, "before the revoke", created.Token, http.StatusOK, 1)
	s.wantStatus(t, "cached", created.Token, http.StatusOK, 1)

	rec := s.do(authorized(http.MethodDelete, "/api/v1/keys/"+created.Key.ID, adminToken, ""))
	if rec.Code != http.StatusNoContent {
		t.Fatalf("DELETE /api/v1/keys/%s: status %d, want 204", created.Key.ID, rec.Code)
	}
	s.wantStatus(t, "after the revoke", created.Token, http.StatusUnauthorized, 2)
}

func TestKeyCacheRevokeElsewhereWithinTTL(t *testing.T) {
	const ttl = 800 * time.Millisecond
	s := newKeyCacheServer(t, ttl, 0)
	created := createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`)
	s.wantStatus(t, "before the revoke", created.Token, http.StatusOK, 1)

	// Another process deletes the key in the store, past this server.
	s.clock.Advance(300 * time.Millisecond)
	if err := s.store.DeleteKey(context.Background(), created.Key.ID); err != nil {
		t.Fatal(err)
	}
	s.clock.Advance(ttl - 300*time.Millisecond - time.Nanosecond)
	s.wantStatus(t, "1 ns before the cache time ends", created.Token, http.StatusOK, 1)
	s.clock.Advance(time.Nanosecond)
	s.wantStatus(t, "when the cache time ends", created.Token, http.StatusUnauthorized, 2)
}

func TestKeyCacheChecksExpiry(t *testing.T) {
	s := newKeyCacheServer(t, time.Hour, 0)
	expiresAt := s.clock.Now().Add(time.Minute)
	key, token, err := graph.GenerateAPIKey(graph.NewAPIKey{Name: "temp", Role: graph.KeyRoleLeader, ExpiresAt: expiresAt}, s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.store.CreateKey(context.Background(), key); err != nil {
		t.Fatal(err)
	}
	s.wantStatus(t, "before the expiry", token, http.StatusOK, 1)
	s.clock.Advance(time.Minute - time.Nanosecond)
	s.wantStatus(t, "1 ns before the expiry", token, http.StatusOK, 1)
	s.clock.Advance(time.Nanosecond)
	rec := s.do(authorized(http.MethodGet, "/api/v1/accounts", token, ""))
	if problem := decodeProblem(t, rec, http.StatusUnauthorized); !strings.Contains(problem.Detail, "expired") {
		t.Errorf("detail %q does not say the key expired", problem.Detail)
	}
	if got := s.keys.lookups.Load(); got != 1 {
		t.Errorf("%d key lookups after the expiry, want 1 from the cache", got)
	}
}

func TestKeyCacheOff(t *testing.T) {
	s := newKeyCacheServer(t, 0, 0)
	created := createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`)
	for i := int64(1); i <= 3; i++ {
		s.wantStatus(t, "request", created.Token, http.StatusOK, i)
	}
	if err := s.store.DeleteKey(context.Background(), created.Key.ID); err != nil {
		t.Fatal(err)
	}
	s.wantStatus(t, "after a delete in the store", created.Token, http.StatusUnauthorized, 4)
}

func TestKeyCacheCap(t *testing.T) {
	s := newKeyCacheServer(t, time.Hour, 2)
	tokens := make([]string, 3)
	for i := range tokens {
		tokens[i] = createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`).Token
	}
	for i, token := range tokens {
		s.wantStatus(t, "first use", token, http.StatusOK, int64(i+1))
	}
	// The third key is cached, and one of the first two was evicted to
	// make room for it.
	s.wantStatus(t, "third key again", tokens[2], http.StatusOK, 3)
	s.status(tokens[0])
	s.status(tokens[1])
	if got := s.keys.lookups.Load(); got != 4 && got != 5 {
		t.Errorf("%d key lookups after using the first two keys again, want 4 or 5 with room for 2 keys", got)
	}
}

func TestKeyCacheConfigErrors(t *testing.T) {
	cases := []struct {
		name string
		auth httpapi.AuthConfig
		want string
	}{
		{"negative TTL", httpapi.AuthConfig{Enabled: true, AdminToken: adminToken, KeyCacheTTL: -time.Second}, "invalid KeyCacheTTL -1s"},
		{"negative cap", httpapi.AuthConfig{Enabled: true, AdminToken: adminToken, KeyCacheTTL: time.Second, KeyCacheMaxEntries: -1}, "invalid KeyCacheMaxEntries -1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := httpapi.New(httpapi.Config{Store: memstore.New(), Auth: c.auth})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("New: %v, want an error with %q", err, c.want)
			}
		})
	}
}

func TestKeyCacheConcurrentRevoke(t *testing.T) {
	s := newKeyCacheServer(t, time.Hour, 0)
	created := createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`)

	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				s.status(created.Token)
			}
		}()
	}
	rec := s.do(authorized(http.MethodDelete, "/api/v1/keys/"+created.Key.ID, adminToken, ""))
	wg.Wait()
	if rec.Code != http.StatusNoContent {
		t.Fatalf("DELETE /api/v1/keys/%s: status %d, want 204", created.Key.ID, rec.Code)
	}
	if got := s.status(created.Token); got != http.StatusUnauthorized {
		t.Errorf("request after a revoke during concurrent requests: status %d, want 401", got)
	}
}

// wantCacheCounts checks the key cache counters of /metrics.
func (s *keyCacheServer) wantCacheCounts(t *testing.T, step string, hits, misses, evictions float64) {
	t.Helper()
	if got := metricValue(t, s.testServer, "kamgraph_key_cache_hits_total"); got != hits {
		t.Errorf("%s: key cache hits = %v, want %v", step, got, hits)
	}
	if got := metricValue(t, s.testServer, "kamgraph_key_cache_misses_total"); got != misses {
		t.Errorf("%s: key cache misses = %v, want %v", step, got, misses)
	}
	if got := metricValue(t, s.testServer, "kamgraph_key_cache_evictions_total"); got != evictions {
		t.Errorf("%s: key cache evictions = %v, want %v", step, got, evictions)
	}
}

func TestKeyCacheMetrics(t *testing.T) {
	s := newKeyCacheServer(t, time.Second, 0)
	created := createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`)
	s.wantCacheCounts(t, "before any key request", 0, 0, 0)

	s.wantStatus(t, "first request", created.Token, http.StatusOK, 1)
	s.wantCacheCounts(t, "first request", 0, 1, 0)
	s.wantStatus(t, "second request", created.Token, http.StatusOK, 1)
	s.wantCacheCounts(t, "second request", 1, 1, 0)

	id, secret, _ := graph.ParseToken(created.Token)
	secret[0] ^= 1
	s.wantStatus(t, "wrong secret for the cached key", forgeToken(t, id, secret), http.StatusUnauthorized, 1)
	s.wantCacheCounts(t, "wrong secret", 2, 1, 0)

	s.wantStatus(t, "unknown key", forgeToken(t, strings.Repeat("ab", 8), secret), http.StatusUnauthorized, 2)
	s.wantCacheCounts(t, "unknown key", 2, 2, 0)

	s.clock.Advance(time.Second)
	s.wantStatus(t, "request after the TTL", created.Token, http.StatusOK, 3)
	s.wantCacheCounts(t, "request after the TTL", 2, 3, 0)

	// The bootstrap admin token never reaches the key cache.
	s.do(authorized(http.MethodGet, "/api/v1/accounts", adminToken, ""))
	s.wantCacheCounts(t, "admin token", 2, 3, 0)
}

func TestKeyCacheMetricsEvictions(t *testing.T) {
	s := newKeyCacheServer(t, time.Hour, 2)
	tokens := make([]string, 3)
	for i := range tokens {
		tokens[i] = createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`).Token
	}
	for i, token := range tokens {
		s.wantStatus(t, "first use", token, http.StatusOK, int64(i+1))
	}
	// The third key found the cache full of two fresh keys and evicted one.
	s.wantCacheCounts(t, "three keys into a cap of 2", 0, 3, 1)

	s.status(tokens[0])
	s.status(tokens[1])
	// Every lookup of the store is a miss, and every miss past the first
	// two filled a full cache and evicted one key.
	lookups := float64(s.keys.lookups.Load())
	s.wantCacheCounts(t, "first two keys again", 5-lookups, lookups, lookups-2)
}

func TestKeyCacheMetricsOffWithoutCache(t *testing.T) {
	s := newKeyCacheServer(t, 0, 0)
	created := createKey(t, s.testServer, `{"name":"dashboard","role":"analyst"}`)
	s.wantStatus(t, "first request", created.Token, http.StatusOK, 1)
	s.wantStatus(t, "second request", created.Token, http.StatusOK, 2)
	s.wantCacheCounts(t, "TTL 0", 0, 0, 0)
}

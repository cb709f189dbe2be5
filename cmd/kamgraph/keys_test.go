package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// fakeKeyStore makes the keys subcommands use an in-memory store loaded
// with the demo portfolio.
func fakeKeyStore(t *testing.T) *memstore.Store {
	t.Helper()
	store := memstore.New()
	if _, err := store.Import(context.Background(), demo.Generate(1), graph.ImportOptions{}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	previous := openKeyStore
	openKeyStore = func(ctx context.Context, n neo4jFlags, logger *slog.Logger) (keyStores, func(), error) {
		return store, func() {}, nil
	}
	t.Cleanup(func() { openKeyStore = previous })
	return store
}

func runKeysCommand(t *testing.T, args ...string) result {
	t.Helper()
	return runKamgraph(t, append([]string{"keys"}, append(args, "--neo4j-uri", "bolt://127.0.0.1:1")...)...)
}

func TestKeysCreateListRevoke(t *testing.T) {
	store := fakeKeyStore(t)

	r := runKeysCommand(t, "create", "--name", "ci", "--role", "analyst", "--format", "json")
	r.wantCode(t, exitOK)
	var created struct {
		Key   graph.APIKey `json:"key"`
		Token string       `json:"token"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &created); err != nil {
		t.Fatalf("create output is not JSON: %v\n%s", err, r.stdout)
	}
	id, secret, ok := graph.ParseToken(created.Token)
	if !ok || id != created.Key.ID {
		t.Fatalf("token %q does not parse to key id %s", created.Token, created.Key.ID)
	}
	stored, err := store.Key(context.Background(), id)
	if err != nil {
		t.Fatalf("Key: %v", err)
	}
	if !stored.Verify(secret) {
		t.Error("the stored key does not verify the printed token")
	}
	if strings.Contains(r.stdout, string(stored.Hash)) || strings.Contains(r.stdout, "salt") {
		t.Errorf("create output holds the hash or the salt:\n%s", r.stdout)
	}

	r = runKeysCommand(t, "list")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, id) || !strings.Contains(r.stdout, "analyst") {
		t.Errorf("list lacks the key %s:\n%s", id, r.stdout)
	}
	if strings.Contains(r.stdout, created.Token) {
		t.Errorf("list prints the token:\n%s", r.stdout)
	}

	runKeysCommand(t, "revoke", id).wantCode(t, exitOK)
	if _, err := store.Key(context.Background(), id); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("Key after revoke: %v, want kind not_found", err)
	}
	runKeysCommand(t, "revoke", id).wantCode(t, exitFailure)
}

func TestKeysCreateAccountManager(t *testing.T) {
	fakeKeyStore(t)
	owner := demo.Generate(1).Accounts[0].OwnerID

	r := runKeysCommand(t, "create", "--name", "am", "--role", "account_manager", "--person", owner)
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "token, shown only this once:\n"+graph.TokenPrefix) {
		t.Errorf("create output lacks the token:\n%s", r.stdout)
	}

	r = runKeysCommand(t, "create", "--name", "am", "--role", "account_manager", "--person", "acct-01-p01")
	r.wantCode(t, exitFailure)
	if !strings.Contains(r.stderr, "is a customer") {
		t.Errorf("stderr lacks the reason:\n%s", r.stderr)
	}
	r = runKeysCommand(t, "create", "--name", "am", "--role", "account_manager")
	r.wantCode(t, exitFailure)
	if !strings.Contains(r.stderr, "missing person id") {
		t.Errorf("stderr lacks the reason:\n%s", r.stderr)
	}
}

func TestKeysUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"keys", "create", "--name", "x", "--role", "admin"}, "missing Neo4j URI"},
		{[]string{"keys", "create", "--neo4j-uri", "bolt://127.0.0.1:1", "--role", "admin"}, "give --name and --role"},
		{[]string{"keys", "create", "--neo4j-uri", "bolt://127.0.0.1:1", "--name", "x", "--role", "root"}, `invalid value "root" for flag -role`},
		{[]string{"keys", "create", "--neo4j-uri", "bolt://127.0.0.1:1", "--name", "x", "--role", "admin", "--expires-in", "-1h"}, "invalid --expires-in"},
		{[]string{"keys", "revoke", "--neo4j-uri", "bolt://127.0.0.1:1"}, "exactly one key id"},
		{[]string{"keys", "rotate"}, `unknown subcommand "rotate"`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := runKamgraph(t, c.args...)
			r.wantCode(t, exitUsage)
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, r.stderr)
			}
		})
	}
}

func TestServeAuthDecision(t *testing.T) {
	token := strings.Repeat("t", 40)
	withKey := memstore.New()
	key, _, err := graph.GenerateAPIKey(graph.NewAPIKey{Name: "k", Role: graph.KeyRoleLeader}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := withKey.CreateKey(context.Background(), key); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		flags   serveAuthFlags
		addr    string
		store   graph.Store
		enabled bool
		err     string
	}{
		{"loopback without keys", serveAuthFlags{}, "127.0.0.1:8080", memstore.New(), false, ""},
		{"localhost without keys", serveAuthFlags{}, "localhost:8080", memstore.New(), false, ""},
		{"IPv6 loopback without keys", serveAuthFlags{}, "[::1]:8080", memstore.New(), false, ""},
		{"loopback with stored keys", serveAuthFlags{}, "127.0.0.1:8080", withKey, true, ""},
		{"loopback with --auth and a token", serveAuthFlags{auth: true, adminToken: token}, "127.0.0.1:8080", memstore.New(), true, ""},
		{"--auth without keys", serveAuthFlags{auth: true}, "127.0.0.1:8080", memstore.New(), false, "no API keys"},
		{"every interface without keys", serveAuthFlags{}, ":8080", memstore.New(), false, "refusing to serve"},
		{"public address without keys", serveAuthFlags{}, "0.0.0.0:8080", memstore.New(), false, "refusing to serve"},
		{"public address, insecure", serveAuthFlags{insecureNoAuth: true}, "0.0.0.0:8080", withKey, false, ""},
		{"public address with a token", serveAuthFlags{adminToken: token}, "0.0.0.0:8080", memstore.New(), true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := c.flags.resolve(context.Background(), c.addr, c.store, slog.New(slog.DiscardHandler))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("resolve: %v, want an error with %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("resolve: %v", err)
			}
			if cfg.Enabled != c.enabled {
				t.Errorf("Enabled = %v, want %v", cfg.Enabled, c.enabled)
			}
		})
	}
}

func TestServeAuthFlagErrors(t *testing.T) {
	cases := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--auth", "--insecure-no-auth"}, nil, "use one"},
		{nil, map[string]string{"KAMGRAPH_ADMIN_TOKEN": "short"}, "too short"},
		{[]string{"--insecure-no-auth"}, map[string]string{"KAMGRAPH_ADMIN_TOKEN": strings.Repeat("x", 32)}, "drop one"},
		{[]string{"--rate-limit", "-1"}, nil, "invalid --rate-limit"},
		{[]string{"--rate-burst", "0"}, nil, "invalid --rate-burst"},
		{[]string{"--request-timeout", "0s"}, nil, "invalid --request-timeout"},
		{[]string{"--import-timeout", "0s"}, nil, "invalid --import-timeout"},
		{nil, map[string]string{"KAMGRAPH_IMPORT_TIMEOUT": "-1m"}, "invalid --import-timeout"},
		{[]string{"--key-cache-ttl", "-1s"}, nil, "invalid --key-cache-ttl"},
		{nil, map[string]string{"KAMGRAPH_KEY_CACHE_TTL": "-500ms"}, "invalid --key-cache-ttl"},
		{[]string{"--key-cache-entries", "0"}, nil, "invalid --key-cache-entries 0: use a whole number of at least 1"},
		{[]string{"--key-cache-entries", "-3"}, nil, "invalid --key-cache-entries -3"},
		{[]string{"--key-cache-entries", "many"}, nil, `invalid value "many" for flag -key-cache-entries`},
		{nil, map[string]string{"KAMGRAPH_KEY_CACHE_ENTRIES": "0"}, "invalid --key-cache-entries 0"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var stdout, stderr syncBuffer
			code := runWithEnv(t, context.Background(), c.env, &stdout, &stderr, append([]string{"serve"}, c.args...)...)
			if code != exitUsage {
				t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitUsage, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, stderr.String())
			}
		})
	}
}

func TestServeWithAdminToken(t *testing.T) {
	token := strings.Repeat("k", 48)
	s := startServe(t, map[string]string{"KAMGRAPH_ADMIN_TOKEN": token}, "--demo")

	var body map[string]any
	s.getJSON(t, "/healthz", http.StatusOK, &body)
	s.getJSON(t, "/api/v1/accounts", http.StatusUnauthorized, &body)

	req, err := http.NewRequest(http.MethodGet, s.baseURL+"/api/v1/keys", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /api/v1/keys with the admin token: status %d, want 200", resp.StatusCode)
	}
	if strings.Contains(s.stderr.String(), token) {
		t.Error("the log holds the admin token")
	}
}

func TestServeKeyCacheTTL(t *testing.T) {
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want time.Duration
	}{
		{"default", nil, nil, httpapi.DefaultKeyCacheTTL},
		{"flag", []string{"--key-cache-ttl", "250ms"}, nil, 250 * time.Millisecond},
		{"flag 0 turns the cache off", []string{"--key-cache-ttl", "0"}, nil, 0},
		{"environment", nil, map[string]string{"KAMGRAPH_KEY_CACHE_TTL": "2s"}, 2 * time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := &cli{stdout: io.Discard, stderr: io.Discard, lookupEnv: func(name string) (string, bool) {
				v, ok := c.env[name]
				return v, ok
			}}
			cfg, err := cl.parseServe(append([]string{"--auth"}, c.args...))
			if err != nil {
				t.Fatalf("parseServe: %v", err)
			}
			if cfg.auth.keyCacheTTL != c.want {
				t.Errorf("key cache TTL = %s, want %s", cfg.auth.keyCacheTTL, c.want)
			}
			cfg.auth.adminToken = strings.Repeat("t", 40)
			auth, err := cfg.auth.resolve(context.Background(), cfg.addr, memstore.New(), slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatalf("resolve: %v", err)
			}
			if auth.KeyCacheTTL != c.want {
				t.Errorf("AuthConfig.KeyCacheTTL = %s, want %s", auth.KeyCacheTTL, c.want)
			}
		})
	}
}

func TestServeKeyCacheEntries(t *testing.T) {
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want int
	}{
		{"default", nil, nil, httpapi.DefaultKeyCacheMaxEntries},
		{"flag", []string{"--key-cache-entries", "250"}, nil, 250},
		{"environment", nil, map[string]string{"KAMGRAPH_KEY_CACHE_ENTRIES": "7"}, 7},
		{"flag over environment", []string{"--key-cache-entries", "3"}, map[string]string{"KAMGRAPH_KEY_CACHE_ENTRIES": "7"}, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := &cli{stdout: io.Discard, stderr: io.Discard, lookupEnv: func(name string) (string, bool) {
				v, ok := c.env[name]
				return v, ok
			}}
			cfg, err := cl.parseServe(append([]string{"--auth"}, c.args...))
			if err != nil {
				t.Fatalf("parseServe: %v", err)
			}
			cfg.auth.adminToken = strings.Repeat("t", 40)
			auth, err := cfg.auth.resolve(context.Background(), cfg.addr, memstore.New(), slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatalf("resolve: %v", err)
			}
			if auth.KeyCacheMaxEntries != c.want {
				t.Errorf("AuthConfig.KeyCacheMaxEntries = %d, want %d", auth.KeyCacheMaxEntries, c.want)
			}
		})
	}
}

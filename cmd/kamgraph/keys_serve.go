package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"net"
	"strings"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/httpapi"
)

// Defaults of the rate limit of serve.
const (
	defaultRateLimit = 20 // requests per second per API key or client address
	defaultRateBurst = 40
)

// serveAuthFlags are the authentication settings of serve.
type serveAuthFlags struct {
	auth            bool
	insecureNoAuth  bool
	adminToken      string // from KAMGRAPH_ADMIN_TOKEN or the first line of adminTokenFile
	adminTokenFile  string
	keyCacheTTL     time.Duration
	keyCacheEntries int // maximum number of cached keys
}

func (a *serveAuthFlags) register(fs *flag.FlagSet, env envFallbacks) {
	fs.BoolVar(&a.auth, "auth", false, "require an API key on every route but /healthz, /readyz, /metrics and /api/v1/openapi.json, even on a loopback address")
	fs.BoolVar(&a.insecureNoAuth, "insecure-no-auth", false, "serve without authentication on a non-loopback address, for a network that is protected otherwise")
	fs.StringVar(&a.adminTokenFile, "admin-token-file", "", "`file` whose first line is a bootstrap admin token of at least 32 characters; KAMGRAPH_ADMIN_TOKEN sets the token itself")
	fs.DurationVar(&a.keyCacheTTL, "key-cache-ttl", httpapi.DefaultKeyCacheTTL, "`duration` for which a verified API key is reused without reading the store again; a key revoked by another process, such as 'kamgraph keys revoke', keeps working for up to this long. 0 reads the key on every request")
	fs.IntVar(&a.keyCacheEntries, "key-cache-entries", httpapi.DefaultKeyCacheMaxEntries, "maximum `number` of verified API keys cached for --key-cache-ttl; when the cache is full, expired entries go first, else a random one")
	env["auth"] = "KAMGRAPH_AUTH"
	env["admin-token-file"] = "KAMGRAPH_ADMIN_TOKEN_FILE"
	env["key-cache-ttl"] = "KAMGRAPH_KEY_CACHE_TTL"
	env["key-cache-entries"] = "KAMGRAPH_KEY_CACHE_ENTRIES"
}

// validate checks the combination of flags and reads the admin token
// file.
func (a *serveAuthFlags) validate() error {
	if a.auth && a.insecureNoAuth {
		return usagef("both --auth and --insecure-no-auth are set: use one")
	}
	if a.keyCacheTTL < 0 {
		return usagef("invalid --key-cache-ttl %s: use a duration such as 1s, or 0 to read the key on every request", a.keyCacheTTL)
	}
	if a.keyCacheEntries < 1 {
		return usagef("invalid --key-cache-entries %d: use a whole number of at least 1, or --key-cache-ttl 0 to turn the cache off", a.keyCacheEntries)
	}
	if a.adminTokenFile != "" {
		if a.adminToken != "" {
			return usagef("both KAMGRAPH_ADMIN_TOKEN and --admin-token-file are set: use one")
		}
		token, err := readPasswordFile(a.adminTokenFile)
		if err != nil {
			return fmt.Errorf("read admin token file: %w", err)
		}
		a.adminToken = token
	}
	if a.adminToken != "" && len(a.adminToken) < httpapi.MinAdminTokenLength {
		return usagef("admin token of %d characters is too short: use at least %d random characters, such as the output of 'openssl rand -hex 32'",
			len(a.adminToken), httpapi.MinAdminTokenLength)
	}
	if a.adminToken != "" && a.insecureNoAuth {
		return usagef("an admin token is set with --insecure-no-auth: drop one of them")
	}
	return nil
}

// isLoopback reports whether the host of a host:port address is a
// loopback address or localhost. An empty host listens on every
// interface, so it is not.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// resolve decides whether serve authenticates and returns the httpapi
// setting. Authentication is on with --auth, with an admin token, when
// the store holds API keys, and on every non-loopback address unless
// --insecure-no-auth is set. It returns an error when authentication is on
// without any way to authenticate, and when a non-loopback address would
// be served without it by default.
func (a *serveAuthFlags) resolve(ctx context.Context, addr string, store graph.Store, logger *slog.Logger) (httpapi.AuthConfig, error) {
	keys, _ := store.(graph.KeyStore)
	if a.insecureNoAuth {
		logger.Warn("authentication is off (--insecure-no-auth): every client has full access", slog.String("addr", addr))
		return httpapi.AuthConfig{}, nil
	}
	stored := 0
	if keys != nil {
		list, err := keys.Keys(ctx)
		if err != nil {
			return httpapi.AuthConfig{}, fmt.Errorf("read API keys: %w", err)
		}
		stored = len(list)
	}
	enabled := a.auth || a.adminToken != "" || stored > 0
	loopback := isLoopback(addr)
	switch {
	case enabled && stored == 0 && a.adminToken == "":
		return httpapi.AuthConfig{}, fmt.Errorf("authentication is on but there are no API keys: " +
			"set KAMGRAPH_ADMIN_TOKEN or --admin-token-file, or create a key with 'kamgraph keys create' against Neo4j")
	case !enabled && !loopback:
		return httpapi.AuthConfig{}, fmt.Errorf("refusing to serve %s without authentication: it is not a loopback address; "+
			"pass --auth with an admin token or stored API keys, or --insecure-no-auth when the network is protected otherwise", addr)
	case !enabled:
		logger.Warn("authentication is off: the address is loopback and there are no API keys; pass --auth to require keys",
			slog.String("addr", addr))
		return httpapi.AuthConfig{}, nil
	}
	logger.Info("authentication is on", slog.Int("stored_keys", stored), slog.Bool("admin_token", a.adminToken != ""),
		slog.Duration("key_cache_ttl", a.keyCacheTTL), slog.Int("key_cache_entries", a.keyCacheEntries))
	return httpapi.AuthConfig{Enabled: true, Keys: keys, AdminToken: a.adminToken,
		KeyCacheTTL: a.keyCacheTTL, KeyCacheMaxEntries: a.keyCacheEntries}, nil
}

// serveLimitFlags are the request limits of serve.
type serveLimitFlags struct {
	rateLimit      float64
	rateBurst      int
	requestTimeout time.Duration
	importTimeout  time.Duration
	maxBody        byteSize
	maxImportRows  int
}

func (l *serveLimitFlags) register(fs *flag.FlagSet, env envFallbacks) {
	l.maxBody = byteSize(httpapi.DefaultMaxBodyBytes)
	fs.Float64Var(&l.rateLimit, "rate-limit", defaultRateLimit, "steady request `rate` per API key, or per client address without authentication, in requests per second; 0 turns the limit off")
	fs.IntVar(&l.rateBurst, "rate-burst", defaultRateBurst, "`requests` a client may send at once above the steady rate")
	fs.DurationVar(&l.requestTimeout, "request-timeout", httpapi.DefaultRequestTimeout, "maximum `duration` of a request other than an import; slower ones get 503")
	fs.DurationVar(&l.importTimeout, "import-timeout", httpapi.DefaultImportTimeout, "maximum `duration` of an import; slower ones get 503, and --write-timeout does not cut the reply of a longer import")
	fs.Var(&l.maxBody, "max-body-size", "maximum request body of routes other than imports, in `bytes` or with KiB, MiB or GiB")
	registerMaxImportRows(fs, env, &l.maxImportRows, "an import with more gets 413 and writes nothing")
	env["rate-limit"] = "KAMGRAPH_RATE_LIMIT"
	env["rate-burst"] = "KAMGRAPH_RATE_BURST"
	env["request-timeout"] = "KAMGRAPH_REQUEST_TIMEOUT"
	env["import-timeout"] = "KAMGRAPH_IMPORT_TIMEOUT"
	env["max-body-size"] = "KAMGRAPH_MAX_BODY_SIZE"
}

func (l *serveLimitFlags) validate() error {
	switch {
	case l.rateLimit < 0 || math.IsNaN(l.rateLimit) || math.IsInf(l.rateLimit, 0):
		return usagef("invalid --rate-limit %v: use a positive number of requests per second, or 0 for no limit", l.rateLimit)
	case l.rateBurst < 1:
		return usagef("invalid --rate-burst %d: use a whole number of at least 1", l.rateBurst)
	case l.requestTimeout <= 0:
		return usagef("invalid --request-timeout %s: use a positive duration such as 30s", l.requestTimeout)
	case l.importTimeout <= 0:
		return usagef("invalid --import-timeout %s: use a positive duration such as 15m", l.importTimeout)
	}
	return validateMaxImportRows(l.maxImportRows)
}

func (l *serveLimitFlags) limits() httpapi.Limits {
	return httpapi.Limits{
		RateLimit:      l.rateLimit,
		RateBurst:      l.rateBurst,
		RequestTimeout: l.requestTimeout,
		ImportTimeout:  l.importTimeout,
		MaxBodyBytes:   int64(l.maxBody),
		MaxImportRows:  l.maxImportRows,
	}
}

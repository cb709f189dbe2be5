package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
)

// AuthConfig configures API key authentication. With Enabled false every
// request acts with full rights, which suits a server on a loopback
// address only.
type AuthConfig struct {
	Enabled bool
	// Keys stores the API keys. Nil uses Config.Store when it implements
	// graph.KeyStore.
	Keys graph.KeyStore
	// AdminToken, when set, is a bootstrap token with the admin role,
	// which needs no stored key. It must be at least
	// MinAdminTokenLength bytes long.
	AdminToken string
	// Now is the clock of expiry checks and last-used times; nil means
	// time.Now.
	Now func() time.Time
	// KeyCacheTTL is how long a key that authenticated a request is
	// reused without reading Keys again (see auth_keycache.go). A key
	// deleted by another process, such as 'kamgraph keys revoke', keeps
	// working for less than KeyCacheTTL after the delete commits. Keys
	// deleted through this server stop working at once. Zero reads the
	// key on every request.
	KeyCacheTTL time.Duration
	// KeyCacheMaxEntries caps the number of cached keys. Zero means
	// DefaultKeyCacheMaxEntries.
	KeyCacheMaxEntries int
}

// MinAdminTokenLength is the minimum length of AuthConfig.AdminToken, in
// bytes, so that a bootstrap token cannot be guessed.
const MinAdminTokenLength = 32

// touchInterval is the minimum time between two writes of a key's
// last-used time, so that a busy key does not cost a write per request.
const touchInterval = time.Minute

// principal is who sends a request: the key that authenticated it, or the
// bootstrap admin token.
type principal struct {
	keyID    string // empty for the bootstrap admin token
	name     string
	role     graph.KeyRole
	personID string // the vendor person of an account_manager key
}

// contextKeyPrincipal holds the *principal of an authenticated request.
const contextKeyPrincipal = "kamgraph.principal"

// accessControl authenticates requests and holds the state of
// last-used updates.
type accessControl struct {
	enabled   bool
	keys      graph.KeyStore
	adminHash []byte // SHA-256 of the bootstrap admin token; nil without one
	now       func() time.Time
	cache     *keyCache // nil when AuthConfig.KeyCacheTTL is 0
	metrics   *serverMetrics
	touchMu   sync.Mutex
	lastTouch map[string]time.Time // key id to the last-used time last written
}

func newAccessControl(cfg AuthConfig, store graph.Store, metrics *serverMetrics) (*accessControl, error) {
	a := &accessControl{enabled: cfg.Enabled, keys: cfg.Keys, now: cfg.Now, metrics: metrics, lastTouch: map[string]time.Time{}}
	if a.now == nil {
		a.now = time.Now
	}
	if a.keys == nil {
		a.keys, _ = store.(graph.KeyStore)
	}
	if cfg.AdminToken != "" {
		if len(cfg.AdminToken) < MinAdminTokenLength {
			return nil, errors.New("httpapi: admin token too short: use at least 32 random characters, such as the output of 'openssl rand -hex 32'")
		}
		sum := sha256.Sum256([]byte(cfg.AdminToken))
		a.adminHash = sum[:]
	}
	if a.enabled && a.keys == nil && a.adminHash == nil {
		return nil, errors.New("httpapi: authentication is on but there is neither a key store nor an admin token")
	}
	switch {
	case cfg.KeyCacheTTL < 0:
		return nil, fmt.Errorf("httpapi: invalid KeyCacheTTL %s: use a positive duration, or 0 to read the key on every request", cfg.KeyCacheTTL)
	case cfg.KeyCacheMaxEntries < 0:
		return nil, fmt.Errorf("httpapi: invalid KeyCacheMaxEntries %d: use a positive count or 0 for the default", cfg.KeyCacheMaxEntries)
	}
	if cfg.KeyCacheTTL > 0 {
		maxEntries := cfg.KeyCacheMaxEntries
		if maxEntries == 0 {
			maxEntries = DefaultKeyCacheMaxEntries
		}
		a.cache = newKeyCache(cfg.KeyCacheTTL, maxEntries, metrics.keyCacheEvictions.Inc)
	}
	return a, nil
}

// authenticate identifies the sender of every request to a route that is
// not public, from the bearer token of its Authorization header, and
// rejects the request with 401 when the token is missing, unknown,
// expired or wrong. With authentication off it lets every request pass.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !s.access.enabled {
			return next(c)
		}
		policy, ok := s.policyOf(c)
		if !ok || policy.public {
			return next(c)
		}
		p, err := s.principalOf(c)
		if err != nil {
			if s.limiter != nil && !s.limiter.allowFailure(clientAddress(c)) {
				return s.tooManyRequests(c, s.limiter.retryAfter())
			}
			return err
		}
		c.Set(contextKeyPrincipal, p)
		return next(c)
	}
}

// principalOf checks the bearer token of the request.
func (s *Server) principalOf(c echo.Context) (*principal, error) {
	token, ok := bearerToken(c.Request().Header.Get(echo.HeaderAuthorization))
	if !ok {
		return nil, unauthorized(c, "missing bearer token: send the header Authorization: Bearer TOKEN with an API key")
	}
	a := s.access
	if a.adminHash != nil {
		sum := sha256.Sum256([]byte(token))
		if subtle.ConstantTimeCompare(sum[:], a.adminHash) == 1 {
			return &principal{name: "bootstrap admin token", role: graph.KeyRoleAdmin}, nil
		}
	}
	id, secret, ok := graph.ParseToken(token)
	if !ok || a.keys == nil {
		return nil, unauthorized(c, "invalid API key: use a token that 'kamgraph keys create' or POST /api/v1/keys returned")
	}

	key, verified, err := a.verifiedKey(c, id, secret)
	switch {
	case err != nil:
		return nil, err
	case !verified:
		return nil, unauthorized(c, "invalid API key: the key does not exist or was revoked")
	case key.Expired(a.now()):
		return nil, unauthorized(c, "expired API key: ask an admin for a new key")
	}
	s.touchKey(c, key)
	return &principal{keyID: key.ID, name: key.Name, role: key.Role, personID: key.PersonID}, nil
}

// verifiedKey returns the key with the given id and whether secret
// matches it, with false for an unknown id. It reads the key from the key
// cache, or from the key store, and caches a key from the store only once
// secret matched it and it has not expired. So unknown ids read the store
// every time, and the cache holds only keys that authenticated a request.
// A wrong secret for a cached id is rejected without a read, which is
// exact because no KeyStore method changes the salt or hash of a key.
// The caller checks the expiry.
func (a *accessControl) verifiedKey(c echo.Context, id string, secret []byte) (graph.APIKey, bool, error) {
	ctx := c.Request().Context()
	if a.cache == nil {
		key, err := a.keys.Key(ctx, id)
		return verifyKey(key, err, secret)
	}
	readFrom := a.now()
	if key, ok := a.cache.get(id, readFrom); ok {
		a.metrics.keyCacheHits.Inc()
		return key, key.Verify(secret), nil
	}
	a.metrics.keyCacheMisses.Inc()
	generation := a.cache.begin()
	key, err := a.keys.Key(ctx, id)
	key, verified, err := verifyKey(key, err, secret)
	if verified && !key.Expired(a.now()) {
		a.cache.put(key, readFrom, generation)
	}
	return key, verified, err
}

// verifyKey checks secret against the result of KeyStore.Key. It
// returns false without an error when the key was not found.
func verifyKey(key graph.APIKey, err error, secret []byte) (graph.APIKey, bool, error) {
	switch {
	case graph.KindOf(err) == graph.KindNotFound:
		return graph.APIKey{}, false, nil
	case err != nil:
		return graph.APIKey{}, false, err
	}
	return key, key.Verify(secret), nil
}

// forgetKey makes the next request with the key of the given id read
// the key store. Handlers call it after they change or delete a key.
func (a *accessControl) forgetKey(id string) {
	if a.cache != nil {
		a.cache.drop(id)
	}
}

// touchKey records the use of key unless it was recorded less than
// touchInterval ago. A failed write is logged and does not fail the
// request.
func (s *Server) touchKey(c echo.Context, key graph.APIKey) {
	a := s.access
	now := a.now().UTC()
	a.touchMu.Lock()
	last := a.lastTouch[key.ID]
	if key.LastUsedAt.After(last) {
		last = key.LastUsedAt
	}
	due := now.Sub(last) >= touchInterval
	if due {
		a.lastTouch[key.ID] = now
	}
	a.touchMu.Unlock()
	if !due {
		return
	}
	if err := a.keys.TouchKey(c.Request().Context(), key.ID, now); err != nil {
		s.logger.Warn("record API key use failed", slog.String("key_id", key.ID),
			slog.String("request_id", requestID(c)), slog.Any("error", err))
	}
}

// bearerToken returns the token of an "Authorization: Bearer TOKEN"
// header. The scheme compares case-insensitively, as HTTP auth schemes do.
func bearerToken(header string) (string, bool) {
	scheme, token, found := strings.Cut(header, " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// unauthorized returns the 401 error with detail, and sets the
// WWW-Authenticate header with the Bearer scheme, which a 401 response
// must carry.
func unauthorized(c echo.Context, detail string) error {
	c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="kamgraph"`)
	return echo.NewHTTPError(http.StatusUnauthorized, detail)
}

// principalFrom returns the principal of an authenticated request, or
// nil when authentication is off or the route is public.
func principalFrom(c echo.Context) *principal {
	p, _ := c.Get(contextKeyPrincipal).(*principal)
	return p
}

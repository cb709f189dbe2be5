package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// Defaults of Limits.
const (
	DefaultMaxBodyBytes   = 1 << 20 // 1 MiB
	DefaultRequestTimeout = 30 * time.Second
	DefaultImportTimeout  = 15 * time.Minute

	// DefaultMaxImportRows is the row limit of kamgraph serve and kamgraph
	// import when --max-import-rows is not given. The largest import
	// measured on the 1 GB heap of scripts/neo4j-local had 1,100,005 rows:
	// five generated accounts with 100,000 people and 1,000,000
	// relationships (BENCHMARKS.md). Neo4j writes a large import in
	// stages, but its last transaction still holds all new people and
	// changed records, so another mix of rows may need more heap.
	DefaultMaxImportRows = 1_200_000
)

// importReplyTime is the time allowed for writing an import's reply after
// ImportTimeout: the 503 problem of a timed-out import, or the summary of
// an import that finished just before the timeout.
const importReplyTime = 30 * time.Second

// Limits caps what one client may ask of the server.
type Limits struct {
	// RateLimit is the steady rate of requests each API key, or each
	// client address when authentication is off, may send, in requests
	// per second. Zero turns rate limiting off.
	RateLimit float64
	// RateBurst is how many requests a client may send at once above the
	// steady rate. Zero means twice RateLimit, rounded up.
	RateBurst int
	// MaxBodyBytes caps the body of every route except POST
	// /api/v1/imports, which Config.MaxUploadBytes caps. Zero means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// RequestTimeout caps how long a request other than an import may
	// run. A request that passes it gets 503. Zero means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// ImportTimeout is the deadline of the context of POST
	// /api/v1/imports, counted from when the server starts handling it.
	// An import that passes it gets 503. The Neo4j store, which imports in
	// one transaction, rolls back at it, but the in-memory store checks it
	// only before it starts. Reading the upload is bounded by
	// Config.ReadTimeout instead. The connection's
	// write deadline moves past ImportTimeout, so that Config.WriteTimeout
	// does not cut the reply of a longer import. Zero means
	// DefaultImportTimeout.
	ImportTimeout time.Duration
	// MaxImportRows caps the data rows of one POST /api/v1/imports, over
	// all its files. The server counts them while it reads the upload,
	// stops at the first row past the limit and responds 413 without
	// writing anything. Zero means no limit, unlike the other fields,
	// because a Neo4j store with a large heap may take imports of any size.
	// kamgraph serve passes DefaultMaxImportRows unless --max-import-rows
	// sets another.
	MaxImportRows int
}

func (l *Limits) withDefaults() error {
	switch {
	case l.RateLimit < 0 || math.IsNaN(l.RateLimit) || math.IsInf(l.RateLimit, 0):
		return fmt.Errorf("httpapi: invalid RateLimit %v: use a positive rate or 0 for no limit", l.RateLimit)
	case l.RateBurst < 0:
		return fmt.Errorf("httpapi: invalid RateBurst %d: use a positive count or 0 for the default", l.RateBurst)
	case l.MaxBodyBytes < 0:
		return fmt.Errorf("httpapi: invalid MaxBodyBytes %d: use a positive size or 0 for the default", l.MaxBodyBytes)
	case l.RequestTimeout < 0:
		return fmt.Errorf("httpapi: invalid RequestTimeout %s: use a positive duration or 0 for the default", l.RequestTimeout)
	case l.ImportTimeout < 0:
		return fmt.Errorf("httpapi: invalid ImportTimeout %s: use a positive duration or 0 for the default", l.ImportTimeout)
	case l.MaxImportRows < 0:
		return fmt.Errorf("httpapi: invalid MaxImportRows %d: use a positive count or 0 for no limit", l.MaxImportRows)
	}
	if l.RateBurst == 0 {
		l.RateBurst = int(math.Ceil(2 * l.RateLimit))
	}
	if l.MaxBodyBytes == 0 {
		l.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if l.RequestTimeout == 0 {
		l.RequestTimeout = DefaultRequestTimeout
	}
	if l.ImportTimeout == 0 {
		l.ImportTimeout = DefaultImportTimeout
	}
	return nil
}

// initProtection builds the authentication, rate limiting and metrics
// state of s from its configuration.
func (s *Server) initProtection() error {
	metrics, err := newServerMetrics(s.cfg.Metrics)
	if err != nil {
		return err
	}
	s.metrics = metrics
	access, err := newAccessControl(s.cfg.Auth, s.store, metrics)
	if err != nil {
		return err
	}
	s.access = access
	if s.cfg.Limits.RateLimit > 0 {
		s.limiter = newRateLimiter(s.cfg.Limits.RateLimit, s.cfg.Limits.RateBurst, access.now)
	}
	return nil
}

// isImport reports whether the request matched POST /api/v1/imports,
// which has its own body limit and runs under ImportTimeout instead of
// RequestTimeout.
func isImport(c echo.Context) bool {
	return c.Request().Method == http.MethodPost && c.Path() == APIPrefix+"/imports"
}

// limitRequestBody caps the body of every route except imports at
// Limits.MaxBodyBytes.
func (s *Server) limitRequestBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if isImport(c) || req.Body == nil || req.Body == http.NoBody {
			return next(c)
		}
		limit := s.cfg.Limits.MaxBodyBytes
		if req.ContentLength > limit {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge,
				fmt.Sprintf("request body larger than %s: send only the fields the route documents", formatBytes(limit)))
		}
		req.Body = http.MaxBytesReader(c.Response(), req.Body, limit)
		return next(c)
	}
}

// limitDuration gives every request a deadline: Limits.ImportTimeout for
// imports and Limits.RequestTimeout for the rest. Handlers pass the
// request's context to the store and to analytics, which stop at the
// deadline, and problemFor turns the context error into 503.
func (s *Server) limitDuration(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		timeout := s.cfg.Limits.RequestTimeout
		if isImport(c) {
			timeout = s.cfg.Limits.ImportTimeout
			s.extendWriteDeadline(c, timeout+importReplyTime)
		}
		ctx, cancel := context.WithTimeout(c.Request().Context(), timeout)
		defer cancel()
		c.SetRequest(c.Request().WithContext(ctx))
		return next(c)
	}
}

// extendWriteDeadline moves the write deadline of the request's
// connection to d from now, unless Config.WriteTimeout already allows
// longer. http.Server counts WriteTimeout from the end of the request
// headers, and a reply written after it is lost: the client sees the
// connection close without a response. A ResponseWriter without deadlines,
// such as httptest.ResponseRecorder, is left as it is.
func (s *Server) extendWriteDeadline(c echo.Context, d time.Duration) {
	d = max(d, s.cfg.WriteTimeout)
	err := http.NewResponseController(c.Response()).SetWriteDeadline(time.Now().Add(d))
	if err != nil && !errors.Is(err, http.ErrNotSupported) {
		s.logger.Warn("extend write deadline failed: the server's write timeout may cut the reply",
			slog.Any("error", err), slog.String("request_id", requestID(c)))
	}
}

// limitRate rejects a request with 429 when its API key, or its client
// address without a key, has used up its tokens. Public routes are
// exempt, so that health probes and metric scrapes always pass.
func (s *Server) limitRate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.limiter == nil {
			return next(c)
		}
		if policy, ok := s.policyOf(c); ok && policy.public {
			return next(c)
		}
		client := "addr " + clientAddress(c)
		if p := principalFrom(c); p != nil {
			client = "key " + p.keyID
		}
		if wait, ok := s.limiter.take(client); !ok {
			return s.tooManyRequests(c, wait)
		}
		return next(c)
	}
}

// tooManyRequests returns the 429 error with a Retry-After header of wait
// rounded up to whole seconds.
func (s *Server) tooManyRequests(c echo.Context, wait time.Duration) error {
	seconds := max(1, int(math.Ceil(wait.Seconds())))
	c.Response().Header().Set("Retry-After", strconv.Itoa(seconds))
	return echo.NewHTTPError(http.StatusTooManyRequests,
		fmt.Sprintf("rate limit of %g requests per second exceeded: retry after %d s", s.cfg.Limits.RateLimit, seconds))
}

// clientAddress returns the IP address of the connection. It ignores
// X-Forwarded-For, which any client can set.
func clientAddress(c echo.Context) string {
	host, _, err := net.SplitHostPort(c.Request().RemoteAddr)
	if err != nil {
		return c.Request().RemoteAddr
	}
	return host
}

// maxBuckets caps the number of clients the rate limiter tracks. Beyond
// it, take drops the buckets that have refilled, which then behave as
// new ones.
const maxBuckets = 10000

// rateLimiter is a token bucket per client: each holds up to burst
// tokens, refills at rate tokens per second, and every request takes one.
type rateLimiter struct {
	rate  float64
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was last computed
}

func newRateLimiter(rate float64, burst int, now func() time.Time) *rateLimiter {
	return &rateLimiter{rate: rate, burst: float64(burst), now: now, buckets: map[string]*bucket{}}
}

// take takes a token of client. When none is left it returns false and
// how long until one is.
func (l *rateLimiter) take(client string) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()

	now := l.now()
	b, ok := l.buckets[client]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.dropFull(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[client] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) / l.rate * float64(time.Second)), false
	}
	b.tokens--
	return 0, true
}

// allowFailure takes a token of the client address after a failed
// authentication, so that guessing tokens is as slow as the rate limit.
func (l *rateLimiter) allowFailure(address string) bool {
	_, ok := l.take("addr " + address)
	return ok
}

// retryAfter returns the time one token takes to refill.
func (l *rateLimiter) retryAfter() time.Duration {
	return time.Duration(float64(time.Second) / l.rate)
}

// dropFull removes the buckets that would be full at now.
func (l *rateLimiter) dropFull(now time.Time) {
	for client, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
			delete(l.buckets, client)
		}
	}
}

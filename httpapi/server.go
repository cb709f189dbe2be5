package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/portfolio"
)

// Defaults for the zero values of Config.
const (
	DefaultMaxUploadBytes    = 128 << 20 // 128 MiB: 1,100,005 generated kamgraph CSV rows took 70 MB
	DefaultReadinessTimeout  = 2 * time.Second
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 60 * time.Second
	DefaultWriteTimeout      = 120 * time.Second
	DefaultIdleTimeout       = 120 * time.Second
	DefaultShutdownTimeout   = 15 * time.Second
)

// Config configures a Server. Zero durations and sizes take the defaults
// above.
type Config struct {
	Store  graph.Store  // required
	Logger *slog.Logger // nil discards logs
	// StoreIsNeo4j states that Store is Neo4j, whose heap bounds the last
	// transaction of an import. The 413 response of
	// Limits.MaxImportRows then advises raising the heap with the limit,
	// and otherwise speaks of the in-memory store.
	StoreIsNeo4j bool

	// MaxUploadBytes caps the body of POST /api/v1/imports, in bytes.
	MaxUploadBytes int64
	// ReadinessTimeout caps how long GET /readyz waits for Store.Ping.
	ReadinessTimeout time.Duration

	// Timeouts of the http.Server that Serve runs; see net/http.Server.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	// ShutdownTimeout caps how long Serve waits for requests in flight
	// once its context is done.
	ShutdownTimeout time.Duration

	// Portfolio serves the portfolio routes; nil builds one over Store
	// with the default options.
	Portfolio *portfolio.Service

	// Auth turns on API key authentication; see auth.go.
	Auth AuthConfig
	// Limits caps request rates, bodies and analytics time; see limits.go.
	Limits Limits
	// Metrics, when set, receives the server's Prometheus metrics, which
	// GET /metrics serves. Nil uses a new registry of the server's own.
	Metrics *prometheus.Registry
	// ReportCache sizes or turns off the cache of account reports (see
	// reportcache.go).
	ReportCache ReportCacheConfig
}

// withDefaults returns c with every zero value replaced by its default,
// or an error naming the first negative value.
func (c Config) withDefaults() (Config, error) {
	if c.Store == nil {
		return c, errors.New("httpapi: Config.Store is nil")
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.MaxUploadBytes < 0 {
		return c, fmt.Errorf("httpapi: invalid MaxUploadBytes %d: use a positive size or 0 for the default", c.MaxUploadBytes)
	}
	if c.MaxUploadBytes == 0 {
		c.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if err := c.Limits.withDefaults(); err != nil {
		return c, err
	}
	if err := c.ReportCache.withDefaults(); err != nil {
		return c, err
	}
	durations := []struct {
		name  string
		value *time.Duration
		def   time.Duration
	}{
		{"ReadinessTimeout", &c.ReadinessTimeout, DefaultReadinessTimeout},
		{"ReadHeaderTimeout", &c.ReadHeaderTimeout, DefaultReadHeaderTimeout},
		{"ReadTimeout", &c.ReadTimeout, DefaultReadTimeout},
		{"WriteTimeout", &c.WriteTimeout, DefaultWriteTimeout},
		{"IdleTimeout", &c.IdleTimeout, DefaultIdleTimeout},
		{"ShutdownTimeout", &c.ShutdownTimeout, DefaultShutdownTimeout},
	}
	for _, d := range durations {
		if *d.value < 0 {
			return c, fmt.Errorf("httpapi: invalid %s %s: use a positive duration or 0 for the default", d.name, *d.value)
		}
		if *d.value == 0 {
			*d.value = d.def
		}
	}
	return c, nil
}

// Server serves the HTTP API over one graph.Store.
type Server struct {
	cfg    Config
	store  graph.Store
	logger *slog.Logger
	echo   *echo.Echo

	portfolio *portfolio.Service

	access  *accessControl
	limiter *rateLimiter
	metrics *serverMetrics
	reports *reportCache // nil when the report cache is off
	// reportFlights shares the computation of a report among concurrent
	// cache misses.
	reportFlights reportFlights
}

// New returns a Server for cfg, or an error when cfg has no store or a
// negative limit.
func New(cfg Config) (*Server, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	s := &Server{cfg: cfg, store: cfg.Store, logger: cfg.Logger, echo: e, portfolio: cfg.Portfolio}
	if s.portfolio == nil {
		if s.portfolio, err = portfolio.New(portfolio.Config{Store: cfg.Store, Logger: cfg.Logger}); err != nil {
			return nil, err
		}
	}
	e.HTTPErrorHandler = s.handleError
	if err := s.initProtection(); err != nil {
		return nil, err
	}
	if !cfg.ReportCache.Disabled {
		s.reports = newReportCache(cfg.ReportCache, cfg.Store, cfg.Limits.RequestTimeout, s.metrics.reportCacheEvictions.Inc)
	}
	s.routes()
	if err := s.checkPolicies(); err != nil {
		return nil, err
	}
	return s, nil
}

// Handler returns the http.Handler that serves every route.
func (s *Server) Handler() http.Handler { return s.echo }

// Serve accepts connections on ln until ctx is done, then shuts down
// gracefully: it stops accepting, waits up to ShutdownTimeout for requests
// in flight, and closes the rest. It returns nil after a graceful
// shutdown and an error when serving or shutting down fails.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	s.logger.Info("http server started", slog.String("addr", ln.Addr().String()))

	select {
	case err := <-served:
		s.logger.Error("http server failed", slog.Any("error", err))
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}

	s.logger.Info("http server stopping", slog.Duration("timeout", s.cfg.ShutdownTimeout))
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		s.logger.Error("http server shutdown timed out, closing open connections", slog.Any("error", err))
		_ = srv.Close()
		<-served
		return fmt.Errorf("http server shutdown: %w", err)
	}
	<-served
	s.logger.Info("http server stopped")
	return nil
}

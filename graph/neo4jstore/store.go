package neo4jstore

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/kamgraph/kamgraph/graph"
)

// Config is the connection settings of Open.
type Config struct {
	// URI is the Bolt address of the server, such as
	// bolt://127.0.0.1:7687 or neo4j+s://db.example.com.
	URI string
	// Username and Password authenticate with basic auth. An empty
	// Username connects without authentication.
	Username string
	Password string
	// Database is the name of the database to use. Empty means the server's
	// default database.
	Database string
	// Logger receives start, stop, retry and error events. Nil discards
	// them.
	Logger *slog.Logger
	// MaxRetryTime is how long the driver keeps retrying a transaction
	// that fails to connect or fails transiently: its
	// MaxTransactionRetryTime. Zero means DefaultMaxRetryTime. Driver
	// v5.28 waits about 2 s before the first retry and doubles each wait,
	// and it runs the attempt that follows a wait even when the wait
	// passed MaxRetryTime. So a call to an unreachable server without a
	// deadline fails after about 2 s when MaxRetryTime is below 2 s. With
	// the default it fails after about 6 s: 5.5 to 6.5 s in the tests
	// against a closed port on 127.0.0.1.
	MaxRetryTime time.Duration
	// Now is the clock of the times that notes record. Nil means time.Now.
	Now func() time.Time
	// ConnectTimeout bounds Open's first contact with the server, so that
	// a server that accepts connections but never responds fails Open
	// instead of hanging it. Zero means DefaultConnectTimeout.
	ConnectTimeout time.Duration
	// AccountGraphCacheRecords bounds the people plus relationships of the
	// account graphs that AccountGraph keeps in memory. Zero means
	// DefaultAccountGraphCacheRecords, and a negative value keeps none.
	AccountGraphCacheRecords int
	// StagedImportRecords is the largest import, in accounts plus people
	// plus relationships, that is written in one transaction. A larger
	// import is written in stages and made visible by one last
	// transaction, so Neo4j never holds all of it in memory at once. Other
	// imports wait for it. Zero means DefaultStagedImportRecords, and
	// a negative value writes every import in one transaction.
	StagedImportRecords int
}

// DefaultConnectTimeout is the ConnectTimeout of a Config that sets none.
const DefaultConnectTimeout = 15 * time.Second

// DefaultMaxRetryTime is the MaxRetryTime of a Config that sets none. It is
// shorter than the driver's own default of 30 s, so that a request fails
// within seconds when Neo4j is down.
const DefaultMaxRetryTime = 5 * time.Second

// Store is a graph.Store backed by Neo4j. It is safe for concurrent use.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	uri      string // Config.URI with any password redacted, for messages and logs
	logger   *slog.Logger
	now      func() time.Time
	graphs   *graphCache // nil when account graphs are not cached
	// stagedRecords is Config.StagedImportRecords with the default applied.
	stagedRecords int
}

var _ graph.Store = (*Store)(nil)

// Open connects to the Neo4j server of cfg, checks that it responds and
// creates the constraints the store relies on when they are missing. It
// returns a *graph.Error of kind KindInvalid when cfg is incomplete and of
// kind KindUnavailable when the server cannot be reached.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	s, err := newStore(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.verifyConnectivity(ctx, cfg.ConnectTimeout); err != nil {
		s.closeAfterFailedOpen(ctx)
		return nil, err
	}
	if err := s.ensureSchema(ctx); err != nil {
		s.closeAfterFailedOpen(ctx)
		return nil, err
	}
	if err := s.ensureHistory(ctx); err != nil {
		s.closeAfterFailedOpen(ctx)
		return nil, err
	}
	if err := s.ensureNoteSchema(ctx); err != nil {
		s.closeAfterFailedOpen(ctx)
		return nil, err
	}
	if err := s.ensureKeySchema(ctx); err != nil {
		s.closeAfterFailedOpen(ctx)
		return nil, err
	}
	if err := s.removeAbandonedStaging(ctx); err != nil {
		s.closeAfterFailedOpen(ctx)
		return nil, err
	}
	s.logger.Info("neo4j store opened", slog.String("uri", s.uri), slog.String("database", s.database))
	return s, nil
}

// newStore creates a Store with a driver for cfg without contacting the
// server.
func newStore(cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, graph.Errorf(graph.KindInvalid, "neo4j: missing URI: set the Bolt address, such as bolt://127.0.0.1:7687")
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	parsed, err := url.Parse(cfg.URI)
	if err != nil {
		// The parse error would repeat the URI, which may hold a password.
		return nil, graph.Errorf(graph.KindInvalid, "neo4j: invalid URI: use a Bolt address such as bolt://127.0.0.1:7687")
	}
	uri := parsed.Redacted()
	retryTime := cfg.MaxRetryTime
	switch {
	case retryTime < 0:
		return nil, graph.Errorf(graph.KindInvalid,
			"neo4j: invalid MaxRetryTime %s: use a positive duration, or 0 for the default of %s", retryTime, DefaultMaxRetryTime)
	case retryTime == 0:
		retryTime = DefaultMaxRetryTime
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}

	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.UserAgent = "kamgraph"
		c.MaxTransactionRetryTime = retryTime
	})
	if err != nil {
		return nil, &graph.Error{
			Kind:    graph.KindInvalid,
			Message: fmt.Sprintf("neo4j: invalid URI %s: use a Bolt address such as bolt://127.0.0.1:7687", uri),
			Err:     err,
		}
	}
	cacheRecords := cfg.AccountGraphCacheRecords
	if cacheRecords == 0 {
		cacheRecords = DefaultAccountGraphCacheRecords
	}
	stagedRecords := cfg.StagedImportRecords
	if stagedRecords == 0 {
		stagedRecords = DefaultStagedImportRecords
	}
	return &Store{driver: driver, database: cfg.Database, uri: uri, logger: logger, now: now,
		graphs: newGraphCache(cacheRecords), stagedRecords: stagedRecords}, nil
}

func (s *Store) closeAfterFailedOpen(ctx context.Context) {
	if err := s.driver.Close(ctx); err != nil {
		s.logger.Warn("neo4j: close driver after failed open", slog.String("uri", s.uri), slog.Any("error", err))
	}
}

// Ping checks that the server runs a trivial query on the store's
// database. It returns a *graph.Error of kind KindUnavailable when the
// server cannot be reached.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return s.wrapError("ping", err)
	}
	session := s.readSession(ctx)
	defer s.closeSession(ctx, session)

	// An auto-commit query is not retried, so a failing server fails Ping
	// at once.
	result, err := session.Run(ctx, queryPing, nil)
	if err == nil {
		_, err = result.Consume(ctx)
	}
	return s.wrapError("ping", err)
}

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error {
	if err := s.driver.Close(ctx); err != nil {
		return s.wrapError("close", err)
	}
	s.logger.Info("neo4j store closed", slog.String("uri", s.uri))
	return nil
}

func (s *Store) readSession(ctx context.Context) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName: s.database,
		AccessMode:   neo4j.AccessModeRead,
	})
}

func (s *Store) writeSession(ctx context.Context) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName: s.database,
		AccessMode:   neo4j.AccessModeWrite,
	})
}

// closeSession closes a session whose work has already succeeded or
// failed, so a failure to close is logged rather than returned.
func (s *Store) closeSession(ctx context.Context, session neo4j.SessionWithContext) {
	if err := session.Close(ctx); err != nil {
		s.logger.Warn("neo4j: close session", slog.String("uri", s.uri), slog.Any("error", err))
	}
}

// verifyConnectivity checks that the server answers within timeout, or
// DefaultConnectTimeout when timeout is zero.
func (s *Store) verifyConnectivity(ctx context.Context, timeout time.Duration) error {
	if timeout <= 0 {
		timeout = DefaultConnectTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	err := s.driver.VerifyConnectivity(ctx)
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return &graph.Error{Kind: graph.KindUnavailable, Err: err,
			Message: fmt.Sprintf("neo4j at %s did not respond within %s: check that the URI names a running Neo4j server", s.uri, timeout)}
	}
	return s.wrapError("connect", err)
}

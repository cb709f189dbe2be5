package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/httpapi"
)

// serveConfig is the validated configuration of kamgraph serve.
type serveConfig struct {
	addr      string
	neo4j     neo4jFlags
	dataDir   string
	demo      bool
	demoSeed  int64
	logFormat *choiceValue
	logLevel  *choiceValue
	maxUpload byteSize
	alerts    serveAlertFlags
	auth      serveAuthFlags
	limits    serveLimitFlags
	cache     serveCacheFlags

	readHeaderTimeout, readTimeout, writeTimeout, idleTimeout, shutdownTimeout time.Duration
}

// storeCloseTimeout caps how long serve waits for the store to close.
const storeCloseTimeout = 10 * time.Second

func (c *cli) serve(ctx context.Context, args []string) int {
	cfg, err := c.parseServe(args)
	if err != nil {
		return c.fail("serve", err)
	}
	logger := newLogger(c.stderr, cfg.logFormat.value, cfg.logLevel.value)

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := runServer(ctx, cfg, logger); err != nil {
		logger.Error("kamgraph serve failed", slog.Any("error", err))
		return exitFailure
	}
	return exitOK
}

func (c *cli) parseServe(args []string) (*serveConfig, error) {
	fs := newFlagSet("serve", "kamgraph serve [flags]",
		`Runs the HTTP API until SIGINT or SIGTERM, then shuts down gracefully.
Without a Neo4j URI the data lives in memory and is lost on exit; --data
and --demo load data at start, into Neo4j when a URI is given.
The API is described at /api/v1/openapi.json.`)
	cfg := &serveConfig{
		logFormat: newChoice("text", "text", "json"),
		logLevel:  newChoice("info", "debug", "info", "warn", "error"),
		maxUpload: byteSize(httpapi.DefaultMaxUploadBytes),
	}
	env := envFallbacks{}
	cfg.register(fs, env)
	env.annotate(fs)

	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return nil, err
	}
	if len(positional) > 0 {
		return nil, usagef("unexpected argument %q: serve takes only flags", positional[0])
	}
	if err := env.apply(fs, c.lookupEnv); err != nil {
		return nil, err
	}
	cfg.auth.adminToken, _ = c.lookupEnv("KAMGRAPH_ADMIN_TOKEN")
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// register adds the flags of serve to fs and their environment fallbacks
// to env.
func (cfg *serveConfig) register(fs *flag.FlagSet, env envFallbacks) {
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "TCP `address` to listen on, host:port; port 0 picks a free port")
	cfg.neo4j.register(fs, env)
	cfg.alerts.register(fs, env)
	cfg.auth.register(fs, env)
	cfg.limits.register(fs, env)
	cfg.cache.register(fs, env)
	fs.StringVar(&cfg.dataDir, "data", "", "import the CSV `folder` (accounts.csv, people.csv, relationships.csv) at start")
	fs.BoolVar(&cfg.demo, "demo", false, "load the generated demo portfolio of 20 accounts at start")
	fs.Int64Var(&cfg.demoSeed, "demo-seed", 1, "`seed` of the demo portfolio; the same seed gives the same data")
	fs.Var(cfg.logFormat, "log-format", "log `format`: text or json")
	fs.Var(cfg.logLevel, "log-level", "minimum log `level`: debug, info, warn or error")
	fs.Var(&cfg.maxUpload, "max-upload-size", "maximum request body of POST /api/v1/imports, in `bytes` or with KiB, MiB or GiB")
	fs.DurationVar(&cfg.readHeaderTimeout, "read-header-timeout", httpapi.DefaultReadHeaderTimeout, "maximum `duration` to read a request's headers")
	fs.DurationVar(&cfg.readTimeout, "read-timeout", httpapi.DefaultReadTimeout, "maximum `duration` to read a whole request, body included")
	fs.DurationVar(&cfg.writeTimeout, "write-timeout", httpapi.DefaultWriteTimeout, "maximum `duration` from the end of the request headers to the end of the response; keep it longer than --request-timeout, or a slow request loses its reply. Imports extend it to --import-timeout plus 30s")
	fs.DurationVar(&cfg.idleTimeout, "idle-timeout", httpapi.DefaultIdleTimeout, "maximum `duration` an idle keep-alive connection stays open")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", httpapi.DefaultShutdownTimeout, "maximum `duration` to wait for requests in flight on shutdown")
	for name, variable := range map[string]string{
		"addr": "KAMGRAPH_ADDR", "data": "KAMGRAPH_DATA", "demo": "KAMGRAPH_DEMO", "demo-seed": "KAMGRAPH_DEMO_SEED",
		"log-format": "KAMGRAPH_LOG_FORMAT", "log-level": "KAMGRAPH_LOG_LEVEL", "max-upload-size": "KAMGRAPH_MAX_UPLOAD_SIZE",
		"read-header-timeout": "KAMGRAPH_READ_HEADER_TIMEOUT", "read-timeout": "KAMGRAPH_READ_TIMEOUT",
		"write-timeout": "KAMGRAPH_WRITE_TIMEOUT", "idle-timeout": "KAMGRAPH_IDLE_TIMEOUT",
		"shutdown-timeout": "KAMGRAPH_SHUTDOWN_TIMEOUT",
	} {
		env[name] = variable
	}
}

func (cfg *serveConfig) validate() error {
	if _, _, err := net.SplitHostPort(cfg.addr); err != nil {
		return usagef("invalid listen address %q: use host:port, such as 127.0.0.1:8080", cfg.addr)
	}
	durations := map[string]time.Duration{
		"read-header-timeout": cfg.readHeaderTimeout, "read-timeout": cfg.readTimeout,
		"write-timeout": cfg.writeTimeout, "idle-timeout": cfg.idleTimeout, "shutdown-timeout": cfg.shutdownTimeout,
	}
	for name, d := range durations {
		if d <= 0 {
			return usagef("invalid --%s %s: use a positive duration such as 30s", name, d)
		}
	}
	if cfg.dataDir != "" {
		if info, err := os.Stat(cfg.dataDir); err != nil || !info.IsDir() {
			return usagef("invalid --data %q: not a readable folder: pass the folder that contains accounts.csv, people.csv and relationships.csv", cfg.dataDir)
		}
	}
	if err := cfg.alerts.validate(); err != nil {
		return err
	}
	if err := cfg.auth.validate(); err != nil {
		return err
	}
	if err := cfg.limits.validate(); err != nil {
		return err
	}
	if err := cfg.cache.validate(); err != nil {
		return err
	}
	return cfg.neo4j.validate()
}

// runServer opens the store, loads the start-up data and serves until ctx
// is done.
func runServer(ctx context.Context, cfg *serveConfig, logger *slog.Logger) error {
	logger.Info("kamgraph starting", slog.String("version", buildVersion()))
	cfg.warnWriteTimeout(logger)
	store, description, err := openStore(ctx, cfg.neo4j, logger)
	if err != nil {
		return err
	}
	logger.Info("store opened", slog.String("store", description))
	defer closeStore(store, logger)

	if err := loadStartupData(ctx, store, cfg, logger); err != nil {
		return err
	}

	service, err := cfg.alerts.start(ctx, store, logger)
	if err != nil {
		return err
	}
	auth, err := cfg.auth.resolve(ctx, cfg.addr, store, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	server, err := httpapi.New(httpapi.Config{
		Store:             store,
		StoreIsNeo4j:      cfg.neo4j.uri != "",
		Logger:            logger,
		MaxUploadBytes:    int64(cfg.maxUpload),
		ReadHeaderTimeout: cfg.readHeaderTimeout,
		ReadTimeout:       cfg.readTimeout,
		WriteTimeout:      cfg.writeTimeout,
		IdleTimeout:       cfg.idleTimeout,
		ShutdownTimeout:   cfg.shutdownTimeout,
		Portfolio:         service,
		Auth:              auth,
		Limits:            cfg.limits.limits(),
		ReportCache:       cfg.cache.config(),
	})
	if err != nil {
		ln.Close()
		return err
	}
	return server.Serve(ctx, ln)
}

// replyMargin is the time that serve's start-up warning suggests adding
// to --request-timeout for --write-timeout, so that writing the reply
// of a request that ran to its timeout, such as the 503, fits as well.
const replyMargin = 30 * time.Second

// warnWriteTimeout logs a warning when --write-timeout is not longer than
// --request-timeout. http.Server counts the write timeout from the end
// of the request headers and drops a reply written after it, so a request
// that runs past --write-timeout ends with a closed connection instead
// of its response or 503. Faster requests still get their response, which is
// why this is a warning and not a usage error. Imports need no check,
// because they move their write deadline past --import-timeout.
func (cfg *serveConfig) warnWriteTimeout(logger *slog.Logger) {
	if cfg.writeTimeout > cfg.limits.requestTimeout {
		return
	}
	logger.Warn("--write-timeout is not longer than --request-timeout, so a request that runs past --write-timeout "+
		"loses its reply and its client sees the connection close: raise --write-timeout above --request-timeout, "+
		"or lower --request-timeout",
		slog.String("write_timeout", cfg.writeTimeout.String()),
		slog.String("request_timeout", cfg.limits.requestTimeout.String()),
		slog.String("suggested_write_timeout", (cfg.limits.requestTimeout+replyMargin).String()))
}

func loadStartupData(ctx context.Context, store graph.Store, cfg *serveConfig, logger *slog.Logger) error {
	if cfg.demo {
		summary, err := store.Import(ctx, demo.Generate(cfg.demoSeed), graph.ImportOptions{})
		if err != nil {
			return fmt.Errorf("load demo portfolio: %w", err)
		}
		logImport(logger, "demo portfolio loaded", summary, slog.Int64("seed", cfg.demoSeed))
	}
	if cfg.dataDir != "" {
		summary, err := loadFolder(ctx, store, cfg.dataDir, problemLogger{logger, cfg.dataDir})
		if err != nil {
			return fmt.Errorf("import %s: %w", cfg.dataDir, err)
		}
		logImport(logger, "data folder imported", summary, slog.String("dir", cfg.dataDir))
	}
	return nil
}

func logImport(logger *slog.Logger, msg string, s graph.ImportSummary, attr slog.Attr) {
	logger.Info(msg, attr,
		countsAttr("accounts", s.Accounts),
		countsAttr("people", s.People),
		countsAttr("relationships", s.Relationships))
}

// countsAttr returns the import counts of one record kind as a log group.
func countsAttr(name string, c graph.Counts) slog.Attr {
	return slog.Group(name,
		slog.Int("created", c.Created),
		slog.Int("updated", c.Updated),
		slog.Int("unchanged", c.Unchanged))
}

// problemLogger logs each line that reportProblems writes as one error
// record, so that a rejected start-up import shows every problem.
type problemLogger struct {
	logger *slog.Logger
	dir    string
}

func (p problemLogger) Write(line []byte) (int, error) {
	p.logger.Error("invalid import file", slog.String("dir", p.dir), slog.String("problem", string(trimNewline(line))))
	return len(line), nil
}

func trimNewline(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

func closeStore(store graph.Store, logger *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), storeCloseTimeout)
	defer cancel()
	if err := store.Close(ctx); err != nil {
		logger.Warn("close store failed", slog.Any("error", err))
	}
}

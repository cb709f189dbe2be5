// Package neo4jtest provides the Neo4j server that the tests of package
// neo4jstore run against.
//
// The server is the one at KAMGRAPH_TEST_NEO4J_URI (authenticated with
// KAMGRAPH_TEST_NEO4J_USERNAME and KAMGRAPH_TEST_NEO4J_PASSWORD when set).
// The tests delete everything in that database, so they never read the
// service's own NEO4J_URI. Without it, a container of the image
// neo4j:5.26-community is started when a Docker engine responds. Otherwise
// tests that need Neo4j skip, unless KAMGRAPH_REQUIRE_NEO4J=1, which makes
// them fail, so that CI cannot pass without running them.
//
// Tests share one database, so they must not run in parallel, and each one
// calls Server.Reset to start from an empty database.
package neo4jtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"

	"github.com/kamgraph/kamgraph/cypher"
)

// Environment variables that choose the server.
const (
	EnvURI      = "KAMGRAPH_TEST_NEO4J_URI"
	EnvUsername = "KAMGRAPH_TEST_NEO4J_USERNAME"
	EnvPassword = "KAMGRAPH_TEST_NEO4J_PASSWORD"
	EnvRequire  = "KAMGRAPH_REQUIRE_NEO4J"
)

const (
	image = "neo4j:5.26-community"
	// connectTimeout bounds the wait for the server at KAMGRAPH_TEST_NEO4J_URI, which CI
	// may have started just before the tests.
	connectTimeout = 20 * time.Second
	// containerTimeout bounds the start of a container, image pull included.
	containerTimeout = 5 * time.Minute
	// deleteBatch is the number of nodes Reset deletes per transaction.
	deleteBatch = 10000
)

// Server is a running Neo4j server.
type Server struct {
	URI      string
	Username string
	Password string

	driver    neo4j.DriverWithContext
	container testcontainers.Container // nil unless this package started it
}

var (
	current     *Server
	unavailable string // the reason current is nil
)

// Main finds or starts the server, runs the tests and stops any container
// it started. Call it from TestMain as os.Exit(neo4jtest.Main(m)).
func Main(m *testing.M) int {
	ctx := context.Background()
	server, err := find(ctx)
	if err != nil {
		unavailable = err.Error()
		fmt.Fprintf(os.Stderr, "neo4jtest: no Neo4j for the tests: %s\n", unavailable)
	}
	current = server

	code := m.Run()

	if server != nil {
		server.close(ctx)
	}
	return code
}

// Require returns the server. When there is none it fails t if
// KAMGRAPH_REQUIRE_NEO4J=1 and skips t otherwise.
func Require(t testing.TB) *Server {
	t.Helper()
	if current != nil {
		return current
	}
	reason := unavailable
	if reason == "" {
		reason = "neo4jtest.Main did not run: call it from TestMain"
	}
	if os.Getenv(EnvRequire) == "1" {
		t.Fatalf("Neo4j is required (%s=1) but unavailable: %s", EnvRequire, reason)
	}
	t.Skipf("Neo4j unavailable, skipping: %s (start one with scripts/neo4j-local start and set %s=bolt://127.0.0.1:7687)",
		reason, EnvURI)
	return nil
}

// find returns the server at KAMGRAPH_TEST_NEO4J_URI, or a new container when the
// variable is unset and Docker responds.
func find(ctx context.Context) (*Server, error) {
	if uri := os.Getenv(EnvURI); uri != "" {
		server := &Server{URI: uri, Username: os.Getenv(EnvUsername), Password: os.Getenv(EnvPassword)}
		if err := server.connect(ctx); err != nil {
			return nil, fmt.Errorf("%s=%s: %w", EnvURI, uri, err)
		}
		return server, nil
	}
	if err := dockerHealth(ctx); err != nil {
		return nil, fmt.Errorf("%s is not set and no Docker engine responded: %w", EnvURI, err)
	}
	return startContainer(ctx)
}

// dockerHealth reports whether a Docker engine responds, as
// testcontainers.SkipIfProviderIsNotHealthy checks it.
func dockerHealth(ctx context.Context) (err error) {
	defer func() {
		// testcontainers panics on some broken Docker configurations.
		if r := recover(); r != nil {
			err = fmt.Errorf("testcontainers: %v", r)
		}
	}()
	provider, err := testcontainers.ProviderDefault.GetProvider()
	if err != nil {
		return err
	}
	defer provider.Close()
	return provider.Health(ctx)
}

func startContainer(ctx context.Context) (*Server, error) {
	ctx, cancel := context.WithTimeout(ctx, containerTimeout)
	defer cancel()

	container, err := testcontainers.Run(ctx, image,
		testcontainers.WithEnv(map[string]string{
			"NEO4J_AUTH":                         "none",
			"NEO4J_server_memory_heap_max__size": "1G",
			"NEO4J_server_memory_pagecache_size": "256M",
		}),
		testcontainers.WithExposedPorts("7687/tcp"),
		testcontainers.WithWaitStrategy(wait.ForAll(
			wait.ForLog("Started."),
			wait.ForListeningPort("7687/tcp"),
		)),
	)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("start container %s: %w", image, err), testcontainers.TerminateContainer(container))
	}
	uri, err := container.PortEndpoint(ctx, "7687/tcp", "bolt")
	if err != nil {
		return nil, errors.Join(fmt.Errorf("read Bolt address of container %s: %w", image, err), testcontainers.TerminateContainer(container))
	}
	server := &Server{URI: uri, container: container}
	if err := server.connect(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("container %s at %s: %w", image, uri, err), testcontainers.TerminateContainer(container))
	}
	return server, nil
}

// connect creates the server's driver and waits until the server responds
// or connectTimeout passes.
func (s *Server) connect(ctx context.Context) error {
	auth := neo4j.NoAuth()
	if s.Username != "" {
		auth = neo4j.BasicAuth(s.Username, s.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(s.URI, auth)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	for {
		err = driver.VerifyConnectivity(ctx)
		if err == nil {
			s.driver = driver
			return nil
		}
		select {
		case <-ctx.Done():
			_ = driver.Close(context.Background())
			return fmt.Errorf("unreachable after %s: %w", connectTimeout, err)
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func (s *Server) close(ctx context.Context) {
	if err := s.driver.Close(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "neo4jtest: close driver: %v\n", err)
	}
	if s.container != nil {
		if err := testcontainers.TerminateContainer(s.container); err != nil {
			fmt.Fprintf(os.Stderr, "neo4jtest: stop container: %v\n", err)
		}
	}
}

// Reset deletes every node and relationship, in batches so that a large
// graph does not need one huge transaction. Constraints stay.
func (s *Server) Reset(t testing.TB) {
	t.Helper()
	for {
		records := s.Query(t, "test_delete_nodes", map[string]any{"limit": deleteBatch})
		deleted, _ := records[0].Get("deleted")
		if deleted == int64(0) {
			return
		}
	}
}

// Query runs the statement name of package cypher in its own transaction
// and returns its records. It fails t on any error.
func (s *Server) Query(t testing.TB, name string, params map[string]any) []*neo4j.Record {
	t.Helper()
	result, err := neo4j.ExecuteQuery(context.Background(), s.driver, cypher.MustGet(name), params,
		neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("run %s: %v", name, err)
	}
	return result.Records
}

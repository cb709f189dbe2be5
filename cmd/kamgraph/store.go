package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/graph/neo4jstore"
)

// neo4jFlags are the connection settings shared by serve and import.
type neo4jFlags struct {
	uri, user, password, passwordFile, database string
}

// register adds the Neo4j flags to fs and their environment fallbacks to
// env.
func (n *neo4jFlags) register(fs *flag.FlagSet, env envFallbacks) {
	fs.StringVar(&n.uri, "neo4j-uri", "", "Bolt `URI` of Neo4j, such as bolt://127.0.0.1:7687")
	fs.StringVar(&n.user, "neo4j-user", "", "Neo4j user `name`; empty connects without authentication")
	fs.StringVar(&n.password, "neo4j-password", "", "Neo4j `password`; prefer NEO4J_PASSWORD or --neo4j-password-file, which stay out of the process list")
	fs.StringVar(&n.passwordFile, "neo4j-password-file", "", "`file` whose first line is the Neo4j password")
	fs.StringVar(&n.database, "neo4j-database", "", "Neo4j database `name`; empty uses the server's default")
	env["neo4j-uri"] = "NEO4J_URI"
	env["neo4j-user"] = "NEO4J_USERNAME"
	env["neo4j-password"] = "NEO4J_PASSWORD"
	env["neo4j-password-file"] = "NEO4J_PASSWORD_FILE"
	env["neo4j-database"] = "NEO4J_DATABASE"
}

// validate checks the combination of settings and reads the password
// file. It returns a usage error for contradictory settings.
func (n *neo4jFlags) validate() error {
	if n.uri == "" {
		return nil
	}
	if n.password != "" && n.passwordFile != "" {
		return usagef("both a Neo4j password and a password file are set: use one")
	}
	if n.passwordFile != "" {
		password, err := readPasswordFile(n.passwordFile)
		if err != nil {
			return err
		}
		n.password = password
	}
	if n.password != "" && n.user == "" {
		return usagef("a Neo4j password is set without a user: set --neo4j-user or NEO4J_USERNAME")
	}
	return nil
}

// readPasswordFile returns the first line of the file, without its line
// ending.
func readPasswordFile(path string) (string, error) {
	content, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read Neo4j password file: %w", err)
	}
	password, _, _ := strings.Cut(string(content), "\n")
	password = strings.TrimSuffix(password, "\r")
	if password == "" {
		return "", fmt.Errorf("Neo4j password file %s is empty: write the password on its first line", path)
	}
	return password, nil
}

// openStore opens Neo4j when a URI is set, else an empty in-memory store.
// It returns the store and a description for logs and messages that never
// contains the password.
func openStore(ctx context.Context, n neo4jFlags, logger *slog.Logger) (graph.Store, string, error) {
	if n.uri == "" {
		return memstore.New(), "in-memory store", nil
	}
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{
		URI:      n.uri,
		Username: n.user,
		Password: n.password,
		Database: n.database,
		Logger:   logger,
	})
	if err != nil {
		return nil, "", err
	}
	return store, "Neo4j at " + redactURI(n.uri), nil
}

// redactURI hides a password written into the URI itself.
func redactURI(uri string) string {
	parsed, err := url.Parse(uri)
	if err != nil {
		return "(invalid URI)"
	}
	return parsed.Redacted()
}

// readFolder reads an import folder. On invalid files it prints each
// problem to w and returns an error with the number of problems.
func readFolder(dir string, w io.Writer) (*graph.Dataset, error) {
	ds, err := csvimport.ReadDir(dir)
	if err != nil {
		return nil, reportProblems(dir, err, w)
	}
	return ds, nil
}

// reportProblems prints the problems of an *graph.ImportError to w, one a
// line as "FILE:LINE: column COLUMN: MESSAGE" with FILE inside dir, and
// returns a one-line summary error. Other errors pass through.
func reportProblems(dir string, err error, w io.Writer) error {
	var importErr *graph.ImportError
	if !errors.As(err, &importErr) {
		return err
	}
	for _, p := range importErr.Problems {
		if p.File != "" && dir != "" {
			p.File = filepath.Join(dir, p.File)
		}
		fmt.Fprintln(w, p.String())
	}
	count := countOf(len(importErr.Problems), "problem", "problems")
	if importErr.Truncated {
		count = "more than " + count
	}
	return fmt.Errorf("import rejected with %s, nothing was written", count)
}

// loadFolder reads dir and imports it into store.
func loadFolder(ctx context.Context, store graph.Store, dir string, w io.Writer) (graph.ImportSummary, error) {
	ds, err := readFolder(dir, w)
	if err != nil {
		return graph.ImportSummary{}, err
	}
	summary, err := store.Import(ctx, ds, graph.ImportOptions{})
	if err != nil {
		return graph.ImportSummary{}, reportProblems(dir, err, w)
	}
	return summary, nil
}

// countOf returns "1 problem" or "N problems" for countOf(n, "problem",
// "problems").
func countOf(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return fmt.Sprintf("%d %s", n, plural)
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"

	"github.com/kamgraph/kamgraph/graph"
)

func (c *cli) importFolder(ctx context.Context, args []string) int {
	fs := newFlagSet("import", "kamgraph import [flags] DIR",
		`Reads accounts.csv, people.csv and relationships.csv from DIR (any of
them may be missing), validates them and imports them into Neo4j whole or
not at all. Records are upserted by id, so importing the same folder again
changes nothing. Without a Neo4j URI, or with --dry-run, nothing is
written: the command checks the files and prints what an import would do.
Problems are printed one a line as FILE:LINE: column COLUMN: MESSAGE.`)
	env := envFallbacks{}
	var n neo4jFlags
	n.register(fs, env)
	dryRun := fs.Bool("dry-run", false, "validate and count against the stored data, but write nothing")
	format := newChoice("text", "text", "json")
	fs.Var(format, "format", "output `format` of the summary: text or json")
	env.annotate(fs)

	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return c.fail("import", err)
	}
	if len(positional) != 1 {
		return c.fail("import", usagef("expected one folder argument, got %d", len(positional)))
	}
	if err := env.apply(fs, c.lookupEnv); err != nil {
		return c.fail("import", err)
	}
	if err := n.validate(); err != nil {
		return c.fail("import", err)
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	summary, target, err := c.runImport(ctx, positional[0], n, *dryRun)
	if err != nil {
		return c.fail("import", err)
	}
	if err := printSummary(c.stdout, format.value, summary, target); err != nil {
		return c.fail("import", err)
	}
	return exitOK
}

// runImport reads dir and imports it, as a dry run unless a Neo4j URI is
// set and dryRun is false. It returns the summary and the store it used.
func (c *cli) runImport(ctx context.Context, dir string, n neo4jFlags, dryRun bool) (graph.ImportSummary, string, error) {
	ds, err := readFolder(dir, c.stderr)
	if err != nil {
		return graph.ImportSummary{}, "", err
	}

	logger := newLogger(c.stderr, "text", "warn")
	store, description, err := openStore(ctx, n, logger)
	if err != nil {
		return graph.ImportSummary{}, "", err
	}
	defer closeStore(store, logger)

	opts := graph.ImportOptions{DryRun: dryRun || n.uri == ""}
	summary, err := store.Import(ctx, ds, opts)
	if err != nil {
		return graph.ImportSummary{}, "", reportProblems(dir, err, c.stderr)
	}
	if n.uri == "" {
		description = "no Neo4j URI given"
	}
	return summary, description, nil
}

// printSummary writes what an import did, or would do, in format "text"
// or "json".
func printSummary(w io.Writer, format string, s graph.ImportSummary, target string) error {
	if format == "json" {
		out, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", out)
		return err
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\tcreated\tupdated\tunchanged")
	rows := []struct {
		name   string
		counts graph.Counts
	}{{"accounts", s.Accounts}, {"people", s.People}, {"relationships", s.Relationships}}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", r.name, r.counts.Created, r.counts.Updated, r.counts.Unchanged)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if s.DryRun {
		_, err := fmt.Fprintf(w, "Check only (%s): the files are valid and nothing was written.\n", target)
		return err
	}
	_, err := fmt.Fprintf(w, "Imported into %s.\n", target)
	return err
}

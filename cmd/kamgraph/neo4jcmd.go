package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// neo4jCommandFlags are the flags of a subcommand whose data lives only in
// Neo4j, such as keys and notes: the connection flags and --format.
type neo4jCommandFlags struct {
	neo4j  neo4jFlags
	format *choiceValue
	env    envFallbacks
	// missingURI is the usage error that parse returns without a URI.
	missingURI string
}

func newNeo4jCommandFlags(fs *flag.FlagSet, missingURI string) *neo4jCommandFlags {
	f := &neo4jCommandFlags{format: newChoice("text", "text", "json"), env: envFallbacks{}, missingURI: missingURI}
	f.neo4j.register(fs, f.env)
	fs.Var(f.format, "format", "output `format`: text or json")
	return f
}

// parse parses args, applies the environment fallbacks and checks that a
// Neo4j URI is set. It returns the positional arguments.
func (f *neo4jCommandFlags) parse(c *cli, fs *flag.FlagSet, args []string) ([]string, error) {
	f.env.annotate(fs)
	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return nil, err
	}
	if err := f.env.apply(fs, c.lookupEnv); err != nil {
		return nil, err
	}
	if f.neo4j.uri == "" {
		return nil, usagef("%s", f.missingURI)
	}
	return positional, f.neo4j.validate()
}

// openStoreAs opens the store of n and returns it as S with the function
// that closes it. contents names what S stores, for the error when the
// store does not implement S.
func openStoreAs[S any](ctx context.Context, n neo4jFlags, logger *slog.Logger, contents string) (S, func(), error) {
	var zero S
	store, description, err := openStore(ctx, n, logger)
	if err != nil {
		return zero, nil, err
	}
	typed, ok := store.(S)
	if !ok {
		closeStore(store, logger)
		return zero, nil, fmt.Errorf("%s does not store %s", description, contents)
	}
	return typed, func() { closeStore(store, logger) }, nil
}

// runWithStore opens a store with open, calls fn with it until an
// interrupt or SIGTERM cancels the context, and reports the error of
// either as the failure of the subcommand name.
func runWithStore[S any](ctx context.Context, c *cli, name string, f *neo4jCommandFlags,
	open func(context.Context, neo4jFlags, *slog.Logger) (S, func(), error), fn func(context.Context, S) error) int {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := newLogger(c.stderr, "text", "warn")
	store, closeFn, err := open(ctx, f.neo4j, logger)
	if err != nil {
		return c.fail(name, err)
	}
	defer closeFn()
	if err := fn(ctx, store); err != nil {
		return c.fail(name, err)
	}
	return exitOK
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
	"github.com/kamgraph/kamgraph/graph/ingest/load"
)

// interactionLogFlags let an offline command derive relationship strengths
// from an interaction log, as kamgraph import --format interactions does,
// before it computes anything.
type interactionLogFlags struct {
	path     string
	asOf     string
	halfLife float64 // days
	at       time.Time
}

func (l *interactionLogFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&l.path, "interactions", "", "interaction log `file` or folder of logs (.csv, .jsonl, .ndjson, .json); its strengths replace those of the pairs it covers")
	fs.StringVar(&l.asOf, "as-of", "", "`time` at which interaction strengths are measured, YYYY-MM-DD (midnight UTC) or an RFC 3339 timestamp; required with --interactions")
	fs.Float64Var(&l.halfLife, "half-life", interactions.DefaultHalfLife.Hours()/24, "`days` after which an interaction counts half")
}

func (l *interactionLogFlags) validate() error {
	if l.path == "" {
		if l.asOf != "" {
			return usagef("--as-of applies only with --interactions")
		}
		return nil
	}
	if l.asOf == "" {
		return usagef("missing --as-of: --interactions needs the time at which strengths are measured, such as --as-of 2026-06-30")
	}
	t, err := ingest.ParseTime(l.asOf)
	if err != nil {
		return usagef("invalid --as-of: %v", err)
	}
	if _, err := load.HalfLifeDays(l.halfLife); err != nil {
		return usagef("invalid --half-life: %v", err)
	}
	l.at = t
	return nil
}

// apply stores the log's interactions in store and recomputes the
// strengths, when --interactions is set. It prints the log's problems and
// a one-line summary to w.
func (l *interactionLogFlags) apply(ctx context.Context, store graph.Store, w io.Writer) error {
	if l.path == "" {
		return nil
	}
	input, err := openImportInput(l.path, load.FormatInteractions)
	if err != nil {
		return err
	}
	defer input.close()
	halfLife, _ := load.HalfLifeDays(l.halfLife) // checked by validate
	rep, err := load.Interactions(ctx, store, input.files, load.InteractionOptions{
		Options:  load.Options{Format: load.FormatInteractions},
		AsOf:     l.at,
		HalfLife: halfLife,
	})
	if err != nil {
		return fmt.Errorf("read interactions: %w", reportProblems(input.dir, err, w))
	}
	fmt.Fprintf(w, "Interactions: %d stored, %s matched no person; strengths of %d pairs as of %s.\n",
		rep.Interactions.Added, countOf(rep.Log.Unresolved, "participant", "participants"),
		rep.Strengths.Pairs, rep.Strengths.AsOf.Format(time.RFC3339))
	return nil
}

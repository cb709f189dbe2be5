package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
)

// InteractionOptions are the Options of an interactions import and the
// parameters of the strength formula.
type InteractionOptions struct {
	Options
	AsOf     time.Time     // required: strengths are measured at this time
	HalfLife time.Duration // 0 means interactions.DefaultHalfLife
}

// IsLogFile reports whether name is read as an interaction log: a .csv,
// .jsonl, .ndjson or .json file.
func IsLogFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".jsonl", ".ndjson", ".json":
		return true
	}
	return false
}

// Interactions reads the logs in files, by file name, and stores their
// interactions in store, which must implement graph.InteractionStore.
// Participants are matched with the stored people by id or by email
// without regard to case. An interaction left without a matched pair is
// not stored, and Report.Log counts the participants that matched no one.
//
// The interactions are stored in one transaction. Then the strengths of
// every pair are recomputed from all stored interactions in a second one
// (see graph.InteractionStore.RecomputeStrengths). When the recompute
// fails, the interactions stay stored and the next import recomputes. A
// dry run reads and checks the logs, counts what it would add, and
// recomputes nothing.
func Interactions(ctx context.Context, store graph.Store, files map[string]io.Reader, opts InteractionOptions) (*Report, error) {
	is, ok := store.(graph.InteractionStore)
	if !ok {
		return nil, graph.Errorf(graph.KindInvalid, "this store keeps no interactions: use the Neo4j or the in-memory store")
	}
	stored, err := store.Export(ctx)
	if err != nil {
		return nil, err
	}
	people := ingest.NewPeopleIndex(stored.People)

	// emit is set by the sequence that AddInteractions reads, and the
	// reader calls it with each valid interaction. Once a problem has
	// doomed the import, the reader goes on only to find more problems.
	var emit func(interactions.Interaction)
	doomed := false
	readerOpts := opts.Options.Options
	readerOpts.OnProblem = func(p graph.Problem) {
		doomed = doomed || !opts.KeepGoing
		if opts.OnProblem != nil {
			opts.OnProblem(p)
		}
	}
	reader, err := interactions.NewReader(interactions.Options{
		Options:       readerOpts,
		AsOf:          opts.AsOf,
		HalfLife:      opts.HalfLife,
		Resolve:       people.Resolve,
		OnInteraction: func(in interactions.Interaction) { emit(in) },
	})
	if err != nil {
		return nil, err
	}

	var res *ingest.Result
	var stats *interactions.Stats
	var readErr error
	seq := func(yield func(graph.Interaction, error) bool) {
		stopped := false
		emit = func(in interactions.Interaction) {
			if doomed {
				return
			}
			for _, one := range interactions.Stored(in, people.Resolve) {
				if stopped || !yield(one, nil) {
					stopped = true
					return
				}
			}
		}
		readLogs(reader, files, &stopped)
		if stopped {
			return
		}
		if res, stats, readErr = reader.Result(); readErr != nil {
			yield(graph.Interaction{}, readErr)
		}
	}

	added, err := is.AddInteractions(ctx, seq, graph.InteractionOptions{DryRun: opts.DryRun})
	if err != nil {
		// The reader's problems went to OnProblem as it found them.
		var importErr *graph.ImportError
		if err != readErr && errors.As(err, &importErr) {
			emitProblems(opts.Options, importErr.Problems)
		}
		return nil, err
	}
	rep := newReport(res, opts.Options)
	rep.Interactions, rep.Log = &added, stats
	if opts.DryRun {
		return rep, nil
	}
	opts.phase("recompute relationship strengths from all stored interactions")
	strengths, err := is.RecomputeStrengths(ctx, opts.AsOf, opts.HalfLife)
	if err != nil {
		return nil, err
	}
	rep.Strengths = &strengths
	rep.count(graph.ImportSummary{Relationships: strengths.Relationships})
	return rep, nil
}

// readLogs reads the files in name order until stopped is set: names
// ending in .jsonl, .ndjson or .json as JSON lines and others as CSV.
func readLogs(reader *interactions.Reader, files map[string]io.Reader, stopped *bool) {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if *stopped {
			return
		}
		switch strings.ToLower(filepath.Ext(name)) {
		case ".jsonl", ".ndjson", ".json":
			reader.ReadJSONLines(name, files[name])
		default:
			reader.ReadCSV(name, files[name])
		}
	}
}

// Bounds of a half-life in days: a minute, below which the decay would
// leave nothing of a day-old interaction, and a million days, far past any
// log.
const (
	MinHalfLifeDays = 1.0 / (24 * 60)
	MaxHalfLifeDays = 1e6
)

// HalfLifeDays returns a half-life given in days as a duration, or an
// error naming the bounds when days is outside them.
func HalfLifeDays(days float64) (time.Duration, error) {
	if !(days >= MinHalfLifeDays && days <= MaxHalfLifeDays) {
		return 0, fmt.Errorf("invalid half-life of %v days: use a number of days from %g to %g, such as 90",
			days, MinHalfLifeDays, MaxHalfLifeDays)
	}
	return time.Duration(days * 24 * float64(time.Hour)), nil
}

package ingest

import (
	"context"
	"sort"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest/titles"
)

// Options changes how a reader treats bad input and reports progress.
type Options struct {
	// KeepGoing imports the rows that are valid and reports the others in
	// Result.Problems. Without it, any problem rejects the whole import
	// with a *graph.ImportError. A row is always taken whole or not at
	// all, and so is everything that depends on a rejected row.
	KeepGoing bool

	// Progress, when set, is called from the reading goroutine every
	// ProgressEvery rows of a file and once when the file ends.
	Progress func(Progress)

	// OnProblem, when set, is called with every problem as it is found,
	// also beyond the graph.MaxProblems that Result.Problems keeps, so that
	// an error report can list them all.
	OnProblem func(graph.Problem)
}

// ProgressEvery is how many rows a reader reads between two calls of
// Options.Progress.
const ProgressEvery = 1000

// Progress is the state of a running import, passed to Options.Progress.
type Progress struct {
	File  string // the file being read
	Rows  int    // data rows read from File so far
	Bytes int64  // bytes read from File so far, for a progress bar over its size
	Done  bool   // File has been read to the end
}

// Summary counts what an import read and what it produced.
type Summary struct {
	RowsRead     int `json:"rows_read"`     // data rows read, over all files
	RowsSkipped  int `json:"rows_skipped"`  // valid rows that kamgraph has no use for; see Skipped
	RowsRejected int `json:"rows_rejected"` // rows left out because of a problem; KeepGoing only

	Accounts      int `json:"accounts"`      // accounts in the resulting dataset
	People        int `json:"people"`        // people in the resulting dataset
	Relationships int `json:"relationships"` // relationships in the resulting dataset

	// Created, Updated and Unchanged count records after Apply has written
	// the dataset to a store, summed over accounts, people and
	// relationships.
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`

	// Skipped counts skipped rows by reason, such as "IsDeleted is 1".
	Skipped map[string]int `json:"skipped,omitempty"`
}

// Result is the output of a CRM or interaction reader: the dataset, its
// summary and the problems and titles to review.
type Result struct {
	Dataset *graph.Dataset
	Summary Summary

	// Problems lists the problems of the rows left out with KeepGoing, up
	// to graph.MaxProblems. ProblemsTruncated is set when there were more.
	Problems          []graph.Problem
	ProblemsTruncated bool

	// Titles lists the job titles from which title inference could not
	// tell the function or the seniority that the source left empty.
	Titles titles.Report
}

// Apply imports the result's dataset into store and adds the store's
// counts to the summary.
func (r *Result) Apply(ctx context.Context, store graph.Store, opts graph.ImportOptions) (graph.ImportSummary, error) {
	s, err := store.Import(ctx, r.Dataset, opts)
	if err != nil {
		return s, err
	}
	for _, c := range []graph.Counts{s.Accounts, s.People, s.Relationships} {
		r.Summary.Created += c.Created
		r.Summary.Updated += c.Updated
		r.Summary.Unchanged += c.Unchanged
	}
	return s, nil
}

// Problems collects the problems of one import. Readers add every problem
// to it and ask it at the end whether the import fails.
type Problems struct {
	keepGoing bool
	onProblem func(graph.Problem)
	list      graph.ImportError
	rows      map[rowKey]bool // rows with at least one problem
	fatal     bool            // a problem outside any row, such as a missing column
}

type rowKey struct {
	file string
	line int
}

// NewProblems returns an empty collector for an import run with opts.
func NewProblems(opts Options) *Problems {
	return &Problems{keepGoing: opts.KeepGoing, onProblem: opts.OnProblem, rows: make(map[rowKey]bool)}
}

// AddRow records a problem of the data row at p.File and p.Line, which
// rejects that row.
func (c *Problems) AddRow(p graph.Problem) {
	c.rows[rowKey{p.File, p.Line}] = true
	c.add(p)
}

// AddFile records a problem that concerns a whole file, such as a missing
// column. It fails the import even with KeepGoing, because no row of the
// file can be trusted.
func (c *Problems) AddFile(p graph.Problem) {
	c.fatal = true
	c.add(p)
}

func (c *Problems) add(p graph.Problem) {
	if c.onProblem != nil {
		c.onProblem(p)
	}
	c.list.Add(p)
}

// RowsRejected returns how many distinct rows have a problem.
func (c *Problems) RowsRejected() int { return len(c.rows) }

// Err returns the *graph.ImportError that ends the import, or nil when the
// import may go on: there are no problems, or KeepGoing is set and every
// problem belongs to a row.
func (c *Problems) Err() error {
	if len(c.list.Problems) == 0 || (c.keepGoing && !c.fatal) {
		return nil
	}
	return &c.list
}

// Finish fills the result's problem list and counts. Call it after Err
// returned nil.
func (c *Problems) Finish(r *Result) {
	r.Problems = c.list.Problems
	r.ProblemsTruncated = c.list.Truncated
	r.Summary.RowsRejected = c.RowsRejected()
	if r.Dataset != nil {
		r.Summary.Accounts = len(r.Dataset.Accounts)
		r.Summary.People = len(r.Dataset.People)
		r.Summary.Relationships = len(r.Dataset.Relationships)
	}
}

// Skip counts a valid row that the import leaves out, under reason.
func (s *Summary) Skip(reason string) {
	if s.Skipped == nil {
		s.Skipped = make(map[string]int)
	}
	s.Skipped[reason]++
	s.RowsSkipped++
}

// SkipReasons returns the reasons of Skipped, sorted.
func (s *Summary) SkipReasons() []string {
	reasons := make([]string, 0, len(s.Skipped))
	for r := range s.Skipped {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	return reasons
}

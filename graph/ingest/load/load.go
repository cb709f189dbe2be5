package load

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
	"github.com/kamgraph/kamgraph/graph/ingest/titles"
)

// Import formats.
const (
	FormatKamgraph     = "kamgraph"     // accounts.csv, people.csv and relationships.csv
	FormatSalesforce   = "salesforce"   // a Salesforce export, one file per object
	FormatHubSpot      = "hubspot"      // HubSpot companies, contacts and users exports
	FormatInteractions = "interactions" // e-mail, meeting and call logs, CSV or JSON lines
)

// Formats lists the import formats.
var Formats = []string{FormatKamgraph, FormatSalesforce, FormatHubSpot, FormatInteractions}

// ParseFormat returns the format named by s, in any case.
func ParseFormat(s string) (string, error) {
	for _, f := range Formats {
		if strings.EqualFold(strings.TrimSpace(s), f) {
			return f, nil
		}
	}
	return "", fmt.Errorf("invalid format %q: use one of %s", s, strings.Join(Formats, ", "))
}

// Options changes how an import writes and reports.
type Options struct {
	ingest.Options // KeepGoing, Progress and OnProblem, passed to the readers as well

	Format string // one of Formats, recorded in the Report
	DryRun bool   // validate and count against the store, write nothing

	// Phase, when set, is called when the import starts a step that
	// reports no progress of its own, with a short description such as
	// "write to the store".
	Phase func(description string)
}

func (o Options) phase(description string) {
	if o.Phase != nil {
		o.Phase(description)
	}
}

// Report is the summary of an import, or of what a dry run would do. The
// embedded ImportSummary counts the accounts, people and relationships
// that the store created, updated and left unchanged.
type Report struct {
	graph.ImportSummary
	Format string `json:"format"`

	// Rows counts the rows the readers read, skipped and rejected, the
	// records they produced, and the records created, updated and left
	// unchanged, summed over accounts, people and relationships.
	Rows ingest.Summary `json:"rows"`
	// RecordsRejected counts the records left out with KeepGoing because
	// the store's validation rejected them or a record they depend on.
	RecordsRejected int `json:"records_rejected"`

	Merge  *ingest.MergeReport `json:"merge,omitempty"`  // CRM formats only
	Titles *titles.Report      `json:"titles,omitempty"` // CRM formats only

	Interactions *graph.InteractionSummary `json:"interactions,omitempty"` // interactions only
	Log          *interactions.Stats       `json:"log,omitempty"`          // interactions only
	Strengths    *graph.StrengthSummary    `json:"strengths,omitempty"`    // interactions only, not in a dry run

	// Problems lists the problems of the rows and records left out with
	// KeepGoing, up to graph.MaxProblems. ProblemsTruncated is set when
	// there were more; Options.OnProblem receives them all.
	Problems          []graph.Problem `json:"problems"`
	ProblemsTruncated bool            `json:"problems_truncated"`
}

func newReport(res *ingest.Result, opts Options) *Report {
	rep := &Report{Format: opts.Format, Problems: []graph.Problem{}}
	rep.DryRun = opts.DryRun
	if res != nil {
		rep.Rows = res.Summary
		rep.addProblems(res.Problems, res.ProblemsTruncated)
	}
	return rep
}

func (r *Report) addProblems(problems []graph.Problem, truncated bool) {
	for _, p := range problems {
		if len(r.Problems) >= graph.MaxProblems {
			r.ProblemsTruncated = true
			break
		}
		r.Problems = append(r.Problems, p)
	}
	r.ProblemsTruncated = r.ProblemsTruncated || truncated
}

// count adds the store's counts to the row summary, as Result.Apply does.
func (r *Report) count(s graph.ImportSummary) {
	r.ImportSummary = s
	for _, c := range []graph.Counts{s.Accounts, s.People, s.Relationships} {
		r.Rows.Created += c.Created
		r.Rows.Updated += c.Updated
		r.Rows.Unchanged += c.Unchanged
	}
}

// Dataset imports the dataset of res into store, or validates it against
// the store in a dry run. Unless opts.Format is FormatKamgraph, the
// dataset is first merged with the stored people and accounts by
// MergeWithStored, and the report lists the merge. Problems that the
// store's validation finds go to opts.OnProblem; without KeepGoing they
// end the import with a *graph.ImportError and nothing is written.
func Dataset(ctx context.Context, store graph.Store, res *ingest.Result, opts Options) (*Report, error) {
	rep := newReport(res, opts)
	if opts.Format != FormatKamgraph {
		t := res.Titles
		rep.Titles = &t
	}
	ds := res.Dataset
	if opts.Format != FormatKamgraph {
		opts.phase("match people and accounts with the stored ones")
		stored, err := store.Export(ctx)
		if err != nil {
			return nil, err
		}
		merged, report := MergeWithStored(ds, stored)
		ds, rep.Merge = merged, &report
	}

	if opts.DryRun {
		opts.phase("validate against the store")
	} else {
		opts.phase("validate and write to the store")
	}
	summary, rejected, err := apply(ctx, store, ds, opts)
	if err != nil {
		var importErr *graph.ImportError
		if errors.As(err, &importErr) {
			emitProblems(opts, importErr.Problems)
		}
		return nil, err
	}
	rep.count(summary)
	rep.RecordsRejected = len(rejected)
	rep.addProblems(rejected, false)
	return rep, nil
}

func emitProblems(opts Options, problems []graph.Problem) {
	if opts.OnProblem == nil {
		return
	}
	for _, p := range problems {
		opts.OnProblem(p)
	}
}

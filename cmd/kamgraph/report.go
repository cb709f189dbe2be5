package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// reportFlags are the settings of kamgraph report.
type reportFlags struct {
	dataDir           string
	demo              bool
	demoSeed          int64
	account           string
	threshold         thresholdValue
	format            *choiceValue
	expectedFunctions string
	departedFrom      string
	departedTo        string
	interactions      interactionLogFlags

	betweennessSamples samplesValue
	betweennessSeed    seedValue
}

func (c *cli) report(ctx context.Context, args []string) int {
	fs := newFlagSet("report", "kamgraph report (--data DIR | --demo) --account ID [flags]",
		`Loads a CSV folder (or the demo portfolio) into memory, computes the
resilience report of one account and prints it. With --interactions, the
relationship strengths of the pairs that the log covers are first derived
from it, measured at --as-of. Nothing is written
anywhere. The json format is the report contract that the API also
serves; the text format is a summary for people. On large accounts,
--betweenness-samples estimates betweenness from sampled sources, and
the report states the estimate's error bound.`)
	f := reportFlags{
		threshold: thresholdValue(analytics.DefaultThreshold),
		format:    newChoice("text", "text", "json"),
	}
	fs.StringVar(&f.dataDir, "data", "", "CSV `folder` with accounts.csv, people.csv and relationships.csv")
	fs.BoolVar(&f.demo, "demo", false, "use the generated demo portfolio instead of --data")
	fs.Int64Var(&f.demoSeed, "demo-seed", 1, "`seed` of the demo portfolio")
	fs.StringVar(&f.account, "account", "", "`id` of the account to report on (required)")
	fs.Var(&f.threshold, "threshold", "minimum `strength` of a qualifying relationship, greater than 0 and at most 1")
	fs.Var(f.format, "format", "output `format`: text or json")
	fs.StringVar(&f.expectedFunctions, "expected-functions", strings.Join(analytics.DefaultExpectedFunctions, ","),
		"comma-separated `functions` the account should have; those without people are reported as uncharted; empty checks none")
	fs.StringVar(&f.departedFrom, "departed-from", "", "list departures on or after this `date`, YYYY-MM-DD; empty leaves the period open")
	fs.StringVar(&f.departedTo, "departed-to", "", "list departures on or before this `date`, YYYY-MM-DD; empty leaves the period open")
	f.interactions.register(fs)
	f.registerBetweennessFlags(fs)

	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return c.fail("report", err)
	}
	if err := f.validate(positional); err != nil {
		return c.fail("report", err)
	}

	ag, report, err := c.computeReport(ctx, f)
	if err != nil {
		return c.fail("report", err)
	}
	if f.format.value == "json" {
		err = writeJSONReport(c.stdout, report)
	} else {
		err = writeTextReport(c.stdout, ag, report)
	}
	if err != nil {
		return c.fail("report", err)
	}
	return exitOK
}

func (f *reportFlags) validate(positional []string) error {
	if len(positional) > 0 {
		return usagef("unexpected argument %q: name the folder with --data", positional[0])
	}
	if f.account == "" {
		return usagef("missing --account: name the account to report on")
	}
	if (f.dataDir == "") == !f.demo {
		return usagef("give exactly one of --data DIR and --demo")
	}
	for _, d := range []struct{ name, value string }{{"departed-from", f.departedFrom}, {"departed-to", f.departedTo}} {
		if _, err := graph.ParseDate(d.value); err != nil {
			return usagef("invalid --%s: %v", d.name, err)
		}
	}
	if f.departedFrom != "" && f.departedTo != "" && f.departedFrom > f.departedTo {
		return usagef("invalid departure period: --departed-from %s is after --departed-to %s", f.departedFrom, f.departedTo)
	}
	if err := f.validateBetweenness(); err != nil {
		return err
	}
	return f.interactions.validate()
}

// computeReport loads the data into a memory store and computes the
// report of the account.
func (c *cli) computeReport(ctx context.Context, f reportFlags) (*graph.AccountGraph, *analytics.Report, error) {
	store := memstore.New()
	if f.demo {
		if _, err := store.Import(ctx, demo.Generate(f.demoSeed), graph.ImportOptions{}); err != nil {
			return nil, nil, fmt.Errorf("load demo portfolio: %w", err)
		}
	} else if _, err := loadFolder(ctx, store, f.dataDir, c.stderr); err != nil {
		return nil, nil, err
	}
	if err := f.interactions.apply(ctx, store, c.stderr); err != nil {
		return nil, nil, err
	}

	ag, err := store.AccountGraph(ctx, f.account)
	if graph.KindOf(err) == graph.KindNotFound {
		return nil, nil, accountNotFound(ctx, store, f.account)
	}
	if err != nil {
		return nil, nil, err
	}
	opts := analytics.Options{
		Threshold:         float64(f.threshold),
		ExpectedFunctions: httpapi.SplitList(f.expectedFunctions),
		DeparturesFrom:    graph.Date(f.departedFrom),
		DeparturesTo:      graph.Date(f.departedTo),

		BetweennessSamples: int(f.betweennessSamples),
		BetweennessSeed:    f.betweennessSeed.seed,
	}
	report, err := analytics.Compute(ctx, ag, opts)
	if err != nil {
		return nil, nil, err
	}
	return ag, report, nil
}

// maxListedAccounts caps how many account ids a not-found error lists.
const maxListedAccounts = 10

// accountNotFound returns an error that lists some of the accounts that
// do exist.
func accountNotFound(ctx context.Context, store graph.Store, id string) error {
	accounts, err := store.Accounts(ctx)
	if err != nil || len(accounts) == 0 {
		return fmt.Errorf("account %q not found: the data contains no accounts", id)
	}
	var ids []string
	for _, a := range accounts[:min(len(accounts), maxListedAccounts)] {
		ids = append(ids, a.ID)
	}
	list := strings.Join(ids, ", ")
	if len(accounts) > maxListedAccounts {
		list += fmt.Sprintf(" and %d more", len(accounts)-maxListedAccounts)
	}
	return fmt.Errorf("account %q not found: known accounts are %s", id, list)
}

func writeJSONReport(w io.Writer, report *analytics.Report) error {
	out, err := json.MarshalIndent(report, "", "  ")
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", out)
	return err
}

// thresholdValue is a qualifying-strength flag, validated by
// analytics.Options.Validate.
type thresholdValue float64

func (t *thresholdValue) String() string { return strconv.FormatFloat(float64(*t), 'g', -1, 64) }

func (t *thresholdValue) Set(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err == nil {
		err = analytics.Options{Threshold: v}.Validate()
	}
	if err != nil {
		return errors.New("use a number greater than 0 and at most 1, such as 0.25")
	}
	*t = thresholdValue(v)
	return nil
}

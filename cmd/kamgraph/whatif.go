package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// memorySource is the data that an offline command loads into memory: a
// CSV folder or the demo portfolio.
type memorySource struct {
	dataDir  string
	demo     bool
	demoSeed int64
}

func (m *memorySource) register(fs *flag.FlagSet) {
	fs.StringVar(&m.dataDir, "data", "", "CSV `folder` with accounts.csv, people.csv and relationships.csv")
	fs.BoolVar(&m.demo, "demo", false, "use the generated demo portfolio instead of --data")
	fs.Int64Var(&m.demoSeed, "demo-seed", 1, "`seed` of the demo portfolio")
}

func (m *memorySource) validate() error {
	if (m.dataDir == "") == !m.demo {
		return usagef("give exactly one of --data DIR and --demo")
	}
	return nil
}

// open loads the data into a new memory store. Problems of an invalid
// folder are printed to w.
func (m *memorySource) open(ctx context.Context, w io.Writer) (*memstore.Store, error) {
	store := memstore.New()
	if m.demo {
		if _, err := store.Import(ctx, demo.Generate(m.demoSeed), graph.ImportOptions{}); err != nil {
			return nil, fmt.Errorf("load demo portfolio: %w", err)
		}
		return store, nil
	}
	if _, err := loadFolder(ctx, store, m.dataDir, w); err != nil {
		return nil, err
	}
	return store, nil
}

// whatifFlags are the settings of kamgraph whatif.
type whatifFlags struct {
	source            memorySource
	account           string
	remove            string
	threshold         thresholdValue
	format            *choiceValue
	expectedFunctions string
}

func (c *cli) whatif(ctx context.Context, args []string) int {
	fs := newFlagSet("whatif", "kamgraph whatif (--data DIR | --demo) [--account ID] --remove ID,ID [flags]",
		`Simulates the departure of some people, vendor or customer, and prints
what the account loses: customer people cut off, single points of failure
gained and lost, threads of key stakeholders, bus factor, coverage and
vendor concentration before and after. With --account it simulates one
account, and every removed person must be in its graph; without it, it
simulates every account that a removed person touches. Removing every
vendor person of an account is allowed and leaves everyone unreached.
Nothing is written anywhere.`)
	f := whatifFlags{
		threshold: thresholdValue(analytics.DefaultThreshold),
		format:    newChoice("text", "text", "json"),
	}
	f.source.register(fs)
	fs.StringVar(&f.account, "account", "", "`id` of the account to simulate; empty simulates every account the people touch")
	fs.StringVar(&f.remove, "remove", "", "comma-separated person `ids` to remove (required); repeats count once")
	fs.Var(&f.threshold, "threshold", "minimum `strength` of a qualifying relationship, greater than 0 and at most 1")
	fs.Var(f.format, "format", "output `format`: text or json")
	fs.StringVar(&f.expectedFunctions, "expected-functions", strings.Join(analytics.DefaultExpectedFunctions, ","),
		"comma-separated `functions` the account should have, for the uncharted functions; empty checks none")

	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return c.fail("whatif", err)
	}
	if err := f.validate(positional); err != nil {
		return c.fail("whatif", err)
	}
	if err := c.runWhatif(ctx, f); err != nil {
		return c.fail("whatif", err)
	}
	return exitOK
}

func (f *whatifFlags) validate(positional []string) error {
	if len(positional) > 0 {
		return usagef("unexpected argument %q: name the people with --remove", positional[0])
	}
	if len(httpapi.SplitList(f.remove)) == 0 {
		return usagef("missing --remove: name at least one person to remove, such as --remove v-07,v-08")
	}
	return f.source.validate()
}

func (f *whatifFlags) options() analytics.Options {
	return analytics.Options{
		Threshold:         float64(f.threshold),
		ExpectedFunctions: httpapi.SplitList(f.expectedFunctions),
	}
}

func (c *cli) runWhatif(ctx context.Context, f whatifFlags) error {
	store, err := f.source.open(ctx, c.stderr)
	if err != nil {
		return err
	}
	removed := httpapi.SplitList(f.remove)
	var result any
	if f.account != "" {
		ag, err := store.AccountGraph(ctx, f.account)
		if graph.KindOf(err) == graph.KindNotFound {
			return accountNotFound(ctx, store, f.account)
		}
		if err != nil {
			return err
		}
		if result, err = analytics.Simulate(ctx, ag, removed, f.options()); err != nil {
			return err
		}
	} else if result, err = handover.SimulatePortfolio(ctx, store, removed, f.options()); err != nil {
		return err
	}

	if f.format.value == "json" {
		return writeIndentedJSON(c.stdout, result)
	}
	names, err := personNames(ctx, store, simulatedAccounts(result), removed)
	if err != nil {
		return err
	}
	return writeTextSimulation(c.stdout, names, result)
}

// simulatedAccounts returns the ids of the accounts that result, an
// *analytics.Simulation or a *handover.PortfolioSimulation, simulates.
func simulatedAccounts(result any) []string {
	switch r := result.(type) {
	case *analytics.Simulation:
		return []string{r.AccountID}
	case *handover.PortfolioSimulation:
		ids := make([]string, 0, len(r.Accounts))
		for _, sim := range r.Accounts {
			ids = append(ids, sim.AccountID)
		}
		return ids
	}
	return nil
}

// personNames maps the id of every person that a simulation of the given
// accounts can name to the person's name: the people of those account
// graphs and the removed people found in the store. It reads them
// through graph.PeopleStore when store implements it, and from Export
// otherwise.
func personNames(ctx context.Context, store graph.Store, accountIDs, removed []string) (map[string]string, error) {
	ps, ok := store.(graph.PeopleStore)
	if !ok {
		return exportedNames(ctx, store)
	}
	names := make(map[string]string)
	for _, id := range accountIDs {
		ag, err := store.AccountGraph(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, p := range ag.People {
			names[p.ID] = p.Name
		}
	}
	for _, id := range removed {
		if _, known := names[id]; known {
			continue
		}
		p, err := ps.Person(ctx, id)
		if graph.KindOf(err) == graph.KindNotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		names[p.ID] = p.Name
	}
	return names, nil
}

// exportedNames maps every person id of the store to the person's name.
func exportedNames(ctx context.Context, store graph.Store) (map[string]string, error) {
	ds, err := store.Export(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(ds.People))
	for _, p := range ds.People {
		names[p.ID] = p.Name
	}
	return names, nil
}

// writeIndentedJSON writes v as indented JSON and a newline.
func writeIndentedJSON(w io.Writer, v any) error {
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode output: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", out)
	return err
}

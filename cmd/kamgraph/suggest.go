package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// suggestFlags are the settings of kamgraph suggest.
type suggestFlags struct {
	dataDir                string
	demo                   bool
	demoSeed               int64
	account, person        string
	k                      int
	threshold              thresholdValue
	maxHops                int
	strength               float64
	exclude, vendors       string
	maxVendorRelationships int
	format                 *choiceValue
}

func (c *cli) suggest(ctx context.Context, args []string) int {
	fs := newFlagSet("suggest", "kamgraph suggest (--data DIR | --demo) (--account ID | --person ID) [flags]",
		`Loads a CSV folder (or the demo portfolio) into memory and prints the
suggested next connections of one account, or of one vendor person across
the accounts they touch: whom to meet, how much each new relationship
raises the account's resilience, and who can make a warm introduction.
Nothing is written anywhere. The json format is what the API serves.`)
	f := suggestFlags{
		threshold: thresholdValue(analytics.DefaultThreshold),
		format:    newChoice("text", "text", "json"),
	}
	fs.StringVar(&f.dataDir, "data", "", "CSV `folder` with accounts.csv, people.csv and relationships.csv")
	fs.BoolVar(&f.demo, "demo", false, "use the generated demo portfolio instead of --data")
	fs.Int64Var(&f.demoSeed, "demo-seed", 1, "`seed` of the demo portfolio")
	fs.StringVar(&f.account, "account", "", "`id` of the account to suggest connections for")
	fs.StringVar(&f.person, "person", "", "`id` of the vendor person to suggest connections for")
	fs.IntVar(&f.k, "k", analytics.DefaultSuggestions,
		fmt.Sprintf("`number` of suggestions per account, from 1 to %d", analytics.MaxSuggestions))
	fs.Var(&f.threshold, "threshold", "minimum `strength` of a qualifying relationship, greater than 0 and at most 1")
	fs.IntVar(&f.maxHops, "max-hops", analytics.DefaultMaxHops,
		fmt.Sprintf("maximum `number` of relationships on an introduction path, from 1 to %d", analytics.MaxIntroductionHops))
	fs.Float64Var(&f.strength, "strength", 0,
		"assumed `strength` of each suggested relationship, from the threshold to 1; 0 means the threshold")
	fs.StringVar(&f.exclude, "exclude", "", "comma-separated person `ids` to leave out of suggestions and introduction paths")
	fs.StringVar(&f.vendors, "vendors", "", "comma-separated `ids` of the only vendor people that may be suggested")
	fs.IntVar(&f.maxVendorRelationships, "max-vendor-relationships", -1,
		"only suggest vendor people with at most this `number` of qualifying relationships into the account; -1 for no limit")
	fs.Var(f.format, "format", "output `format`: text or json")

	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return c.fail("suggest", err)
	}
	opts, err := f.options(positional)
	if err != nil {
		return c.fail("suggest", err)
	}

	store, err := f.load(ctx, c.stderr)
	if err != nil {
		return c.fail("suggest", err)
	}
	if f.account != "" {
		err = c.suggestForAccount(ctx, store, f, opts)
	} else {
		err = c.suggestForPerson(ctx, store, f, opts)
	}
	if err != nil {
		return c.fail("suggest", err)
	}
	return exitOK
}

// options checks the flags and returns the suggestion options they set.
func (f *suggestFlags) options(positional []string) (analytics.SuggestOptions, error) {
	opts := analytics.DefaultSuggestOptions()
	if len(positional) > 0 {
		return opts, usagef("unexpected argument %q: name the folder with --data", positional[0])
	}
	if (f.account == "") == (f.person == "") {
		return opts, usagef("give exactly one of --account ID and --person ID")
	}
	if (f.dataDir == "") == !f.demo {
		return opts, usagef("give exactly one of --data DIR and --demo")
	}
	if f.maxVendorRelationships < -1 {
		return opts, usagef("invalid --max-vendor-relationships %d: use 0 or more, or -1 for no limit", f.maxVendorRelationships)
	}

	opts.K = f.k
	opts.Threshold = float64(f.threshold)
	opts.MaxHops = f.maxHops
	opts.Strength = f.strength
	opts.Exclude = httpapi.SplitList(f.exclude)
	opts.Vendors = httpapi.SplitList(f.vendors)
	if f.maxVendorRelationships >= 0 {
		limit := f.maxVendorRelationships
		opts.MaxVendorRelationships = &limit
	}
	if err := opts.Validate(); err != nil {
		return opts, usagef("%s", graph.MessageOf(err))
	}
	return opts, nil
}

// load returns a memory store with the folder or the demo portfolio.
func (f *suggestFlags) load(ctx context.Context, stderr io.Writer) (graph.Store, error) {
	store := memstore.New()
	if f.demo {
		if _, err := store.Import(ctx, demo.Generate(f.demoSeed), graph.ImportOptions{}); err != nil {
			return nil, fmt.Errorf("load demo portfolio: %w", err)
		}
		return store, nil
	}
	if _, err := loadFolder(ctx, store, f.dataDir, stderr); err != nil {
		return nil, err
	}
	return store, nil
}

func (c *cli) suggestForAccount(ctx context.Context, store graph.Store, f suggestFlags, opts analytics.SuggestOptions) error {
	out, err := httpapi.AccountSuggestions(ctx, store, f.account, opts)
	if graph.KindOf(err) == graph.KindNotFound {
		return accountNotFound(ctx, store, f.account)
	}
	if err != nil {
		return err
	}
	if f.format.value == "json" {
		return writeSuggestionsJSON(c.stdout, out)
	}
	ag, err := store.AccountGraph(ctx, f.account)
	if err != nil {
		return err
	}
	return writeTextSuggestions(c.stdout, ag.Account, out)
}

func (c *cli) suggestForPerson(ctx context.Context, store graph.Store, f suggestFlags, opts analytics.SuggestOptions) error {
	out, err := httpapi.PersonSuggestions(ctx, store, f.person, opts)
	if err != nil {
		return err
	}
	if f.format.value == "json" {
		return writeSuggestionsJSON(c.stdout, out)
	}
	return writeTextPersonSuggestions(c.stdout, out)
}

// writeSuggestionsJSON writes v as indented JSON and a newline.
func writeSuggestionsJSON(w io.Writer, v any) error {
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode suggestions: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", out)
	return err
}

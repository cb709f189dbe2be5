package main

import (
	"context"
	"strings"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/httpapi"
)

// handoverFlags are the settings of kamgraph handover.
type handoverFlags struct {
	source            memorySource
	person            string
	threshold         thresholdValue
	successors        int
	format            *choiceValue
	expectedFunctions string
}

func (c *cli) handover(ctx context.Context, args []string) int {
	fs := newFlagSet("handover", "kamgraph handover (--data DIR | --demo) --person ID [flags]",
		`Writes the handover brief of a vendor person: every account they touch,
their customer contacts with strength, last interaction and notes, what
each account loses if they leave, and ranked successors with reasons for
every relationship that would be orphaned. The markdown format is a
document to print or share; the json format is what the API serves.
Nothing is written anywhere.`)
	f := handoverFlags{
		threshold: thresholdValue(analytics.DefaultThreshold),
		format:    newChoice("markdown", "markdown", "json"),
	}
	f.source.register(fs)
	fs.StringVar(&f.person, "person", "", "`id` of the vendor person (required)")
	fs.Var(&f.threshold, "threshold", "minimum `strength` of a qualifying relationship, greater than 0 and at most 1")
	fs.IntVar(&f.successors, "successors", handover.DefaultSuccessors, "maximum `number` of successors per orphaned relationship")
	fs.Var(f.format, "format", "output `format`: markdown or json")
	fs.StringVar(&f.expectedFunctions, "expected-functions", strings.Join(analytics.DefaultExpectedFunctions, ","),
		"comma-separated `functions` the accounts should have, for the what-if; empty checks none")

	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return c.fail("handover", err)
	}
	if err := f.validate(positional); err != nil {
		return c.fail("handover", err)
	}
	if err := c.writeHandover(ctx, f); err != nil {
		return c.fail("handover", err)
	}
	return exitOK
}

func (f *handoverFlags) validate(positional []string) error {
	if len(positional) > 0 {
		return usagef("unexpected argument %q: name the person with --person", positional[0])
	}
	if f.person == "" {
		return usagef("missing --person: name the vendor person whose brief to write")
	}
	if f.successors < 1 {
		return usagef("invalid --successors %d: use a positive number", f.successors)
	}
	return f.source.validate()
}

func (c *cli) writeHandover(ctx context.Context, f handoverFlags) error {
	store, err := f.source.open(ctx, c.stderr)
	if err != nil {
		return err
	}
	opts := handover.Options{
		Report: analytics.Options{
			Threshold:         float64(f.threshold),
			ExpectedFunctions: httpapi.SplitList(f.expectedFunctions),
		},
		Successors: f.successors,
	}
	brief, err := handover.Build(ctx, store, f.person, opts)
	if err != nil {
		return err
	}
	if f.format.value == "json" {
		return writeIndentedJSON(c.stdout, brief)
	}
	return brief.WriteMarkdown(c.stdout)
}

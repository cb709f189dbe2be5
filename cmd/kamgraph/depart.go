package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/kamgraph/kamgraph/graph"
)

// departFlags are the settings of kamgraph depart.
type departFlags struct {
	neo4j  neo4jFlags
	person string
	date   string
}

func (c *cli) depart(ctx context.Context, args []string) int {
	fs := newFlagSet("depart", "kamgraph depart --neo4j-uri URI --person ID --date YYYY-MM-DD [flags]",
		`Marks a person, vendor or customer, as departed on the given date. The
person and their relationships stay on record, reports leave the person
out from then on and list the relationships lost in their departures
field. Marking a departed person again changes only the date. The change
takes effect at once, whatever the date; use "kamgraph whatif" to study
a departure before it happens. It needs Neo4j, because the in-memory
store would lose the change when the command exits.`)
	env := envFallbacks{}
	var f departFlags
	f.neo4j.register(fs, env)
	fs.StringVar(&f.person, "person", "", "`id` of the person who left (required)")
	fs.StringVar(&f.date, "date", "", "departure `date`, YYYY-MM-DD (required)")
	env.annotate(fs)

	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return c.fail("depart", err)
	}
	if err := env.apply(fs, c.lookupEnv); err != nil {
		return c.fail("depart", err)
	}
	if err := f.validate(positional); err != nil {
		return c.fail("depart", err)
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := newLogger(c.stderr, "text", "warn")
	store, description, err := openStore(ctx, f.neo4j, logger)
	if err != nil {
		return c.fail("depart", err)
	}
	defer closeStore(store, logger)
	if err := markDeparture(ctx, store, description, f.person, graph.Date(f.date), c.stdout); err != nil {
		return c.fail("depart", err)
	}
	return exitOK
}

func (f *departFlags) validate(positional []string) error {
	if len(positional) > 0 {
		return usagef("unexpected argument %q: name the person with --person", positional[0])
	}
	if f.neo4j.uri == "" {
		return usagef("missing --neo4j-uri: depart writes to Neo4j, because the in-memory store would lose the change on exit")
	}
	if f.person == "" {
		return usagef("missing --person: name the person who left")
	}
	if f.date == "" {
		return usagef("missing --date: give the departure date as YYYY-MM-DD")
	}
	if _, err := graph.ParseDate(f.date); err != nil {
		return usagef("invalid --date: %v", err)
	}
	return f.neo4j.validate()
}

// markDeparture marks the person departed in store, described as target
// in messages, and prints the outcome to w.
func markDeparture(ctx context.Context, store graph.Store, target, personID string, on graph.Date, w io.Writer) error {
	people, ok := store.(graph.PeopleStore)
	if !ok {
		return fmt.Errorf("%s cannot record departures: this build's store does not implement marking people departed", target)
	}
	p, err := people.MarkDeparted(ctx, personID, on)
	if err != nil {
		return err
	}
	name := p.ID
	if p.Name != "" {
		name = p.Name + " (" + p.ID + ")"
	}
	_, err = fmt.Fprintf(w, "Marked %s, a %s person, departed on %s in %s.\n", name, p.Side, p.DepartedOn, target)
	return err
}

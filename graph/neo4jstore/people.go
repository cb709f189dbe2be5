package neo4jstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
)

var _ graph.PeopleStore = (*Store)(nil)

// Person returns the person with the given id, or a *graph.Error of kind
// KindNotFound.
func (s *Store) Person(ctx context.Context, id string) (graph.Person, error) {
	return readTransaction(ctx, s, "load person", func(tx neo4j.ManagedTransaction) (graph.Person, error) {
		return readPerson(ctx, tx, queryPerson, map[string]any{"id": id}, id)
	})
}

// readPerson runs a statement that returns the person id in the column
// person, or no row when the person does not exist.
func readPerson(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any, id string) (
	graph.Person, error) {
	var person graph.Person
	found := false
	err := eachMap(ctx, tx, query, params, "person", func(values map[string]any) error {
		var err error
		person, err = decodePerson(values)
		found = true
		return err
	})
	if err != nil {
		return graph.Person{}, err
	}
	if !found {
		return graph.Person{}, personNotFound(id)
	}
	return person, nil
}

func personNotFound(id string) error {
	return graph.Errorf(graph.KindNotFound, "person %q not found", id)
}

// PersonAccounts returns the sorted ids of the accounts a person touches:
// a customer's own account, or the accounts a vendor person owns or has a
// relationship into, at any strength.
func (s *Store) PersonAccounts(ctx context.Context, id string) ([]string, error) {
	return readTransaction(ctx, s, "load person accounts", func(tx neo4j.ManagedTransaction) ([]string, error) {
		var accounts []string
		found := false
		err := eachRecord(ctx, tx, queryPersonAccounts, map[string]any{"id": id}, func(record *neo4j.Record) error {
			found = true
			side, _ := record.Get("side")
			columns := []string{"owned", "related"}
			if side == string(graph.SideCustomer) {
				columns = []string{"employer"}
			}
			for _, column := range columns {
				ids, err := stringList(record, column)
				if err != nil {
					return err
				}
				accounts = append(accounts, ids...)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, personNotFound(id)
		}
		slices.Sort(accounts)
		return append([]string{}, slices.Compact(accounts)...), nil
	})
}

// stringList returns the list of strings in column of record.
func stringList(record *neo4j.Record, column string) ([]string, error) {
	items, err := listColumn(record, column)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(items))
	for _, item := range items {
		text, ok := item.(string)
		if !ok {
			return nil, fmt.Errorf("unexpected %T in the list of column %q: expected a string", item, column)
		}
		out = append(out, text)
	}
	return out, nil
}

// MarkDeparted sets the person's status to departed on the given date, or
// without a date when on is empty, and records the change in the history,
// in one write transaction. Links and relationships stay, so analytics of
// earlier states and handovers can still see them.
func (s *Store) MarkDeparted(ctx context.Context, id string, on graph.Date) (graph.Person, error) {
	if _, err := graph.ParseDate(string(on)); err != nil {
		return graph.Person{}, graph.Errorf(graph.KindInvalid, "%v", err)
	}
	departedOn, err := dateParam(on)
	if err != nil {
		return graph.Person{}, graph.Errorf(graph.KindInvalid, "%v", err)
	}
	params := map[string]any{"id": id, "departed_on": departedOn}
	// The import lock orders the departure with imports: a staged import
	// that changes the same person dates its versions from before it
	// staged, so a departure written in between would end up inside them.
	var person graph.Person
	err = waitForStaging(ctx, func() (err error) {
		person, err = writeTransaction(ctx, s, "mark person departed", func(tx neo4j.ManagedTransaction) (graph.Person, error) {
			if err := acquireImportLock(ctx, tx, ""); err != nil {
				return graph.Person{}, err
			}
			p, err := readPerson(ctx, tx, queryMarkDeparted, params, id)
			if err != nil {
				return graph.Person{}, err
			}
			return p, recordDeparture(ctx, tx, p)
		})
		return err
	})
	return person, err
}

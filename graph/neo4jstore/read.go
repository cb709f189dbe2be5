package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
)

// Accounts returns every account sorted by id.
func (s *Store) Accounts(ctx context.Context) ([]graph.Account, error) {
	return readTransaction(ctx, s, "list accounts", func(tx neo4j.ManagedTransaction) ([]graph.Account, error) {
		return readAccounts(ctx, tx)
	})
}

// Account returns the account with the given id, or a *graph.Error of kind
// KindNotFound.
func (s *Store) Account(ctx context.Context, id string) (graph.Account, error) {
	return readTransaction(ctx, s, "load account", func(tx neo4j.ManagedTransaction) (graph.Account, error) {
		var account graph.Account
		found := false
		err := eachMap(ctx, tx, queryAccount, map[string]any{"id": id}, "account", func(values map[string]any) error {
			var err error
			account, err = decodeAccount(values)
			found = true
			return err
		})
		if err != nil {
			return graph.Account{}, err
		}
		if !found {
			return graph.Account{}, accountNotFound(id)
		}
		return account, nil
	})
}

func accountNotFound(id string) error {
	return graph.Errorf(graph.KindNotFound, "account %q not found", id)
}

// AccountGraph returns the account, its customer people of every status,
// the vendor people with a relationship to one of them, and every
// relationship among those people. It returns a *graph.Error of kind
// KindNotFound when the account does not exist.
//
// One query returns the whole graph, as lists of values in place of maps.
// On the generated M account that cuts the memory that the client
// allocates per load from 21.6 MB to 8.3 MB (BenchmarkAccountGraphGenerated).
// Unless Config.AccountGraphCacheRecords turns it off, a graph whose
// account version is unchanged since an earlier call comes from memory,
// after one query for the version.
func (s *Store) AccountGraph(ctx context.Context, accountID string) (*graph.AccountGraph, error) {
	type loaded struct {
		graph   *graph.AccountGraph
		version int64
		cached  bool
	}
	result, err := readTransaction(ctx, s, "load account graph", func(tx neo4j.ManagedTransaction) (loaded, error) {
		var version int64
		if s.graphs != nil {
			// The version is read before the graph, so a write that commits
			// between the two leaves a cached graph newer than its version,
			// which the next call reloads, and never an older one.
			found := false
			err := eachRecord(ctx, tx, queryAccountVersion, map[string]any{"account_id": accountID}, func(record *neo4j.Record) error {
				v, _ := record.Get("version")
				version, found = v.(int64)
				return nil
			})
			if err != nil {
				return loaded{}, err
			}
			if !found {
				return loaded{}, accountNotFound(accountID)
			}
			if g, ok := s.graphs.get(accountID, version); ok {
				return loaded{graph: g, version: version, cached: true}, nil
			}
		}
		g, err := readAccountGraph(ctx, tx, accountID)
		return loaded{graph: g, version: version}, err
	})
	if err != nil {
		return nil, err
	}
	if !result.cached {
		s.graphs.put(accountID, result.version, result.graph)
	}
	return result.graph, nil
}

// readAccountGraph reads the graph of one account in tx.
func readAccountGraph(ctx context.Context, tx neo4j.ManagedTransaction, accountID string) (*graph.AccountGraph, error) {
	var g *graph.AccountGraph
	params := map[string]any{"account_id": accountID}
	err := eachRecord(ctx, tx, queryAccountGraph, params, func(record *neo4j.Record) error {
		var err error
		g, err = decodeAccountGraph(record)
		return err
	})
	if err != nil {
		return nil, err
	}
	if g == nil {
		return nil, accountNotFound(accountID)
	}
	graph.SortPeople(g.People)
	graph.SortRelationships(g.Relationships)
	return g, nil
}

// decodeAccountGraph decodes the record of cypher/account_graph.cypher.
func decodeAccountGraph(record *neo4j.Record) (*graph.AccountGraph, error) {
	value, ok := record.Get("account")
	if !ok {
		return nil, fmt.Errorf("result has no column %q", "account")
	}
	account, err := decodeAccountList(value)
	if err != nil {
		return nil, err
	}
	items, err := listColumn(record, "people")
	if err != nil {
		return nil, err
	}
	people, err := decodePersonLists(items)
	if err != nil {
		return nil, err
	}
	items, err = listColumn(record, "relationships")
	if err != nil {
		return nil, err
	}
	relationships, err := decodeRelationshipLists(items)
	if err != nil {
		return nil, err
	}
	return &graph.AccountGraph{Account: account, People: people, Relationships: relationships}, nil
}

// decodePeopleList decodes the list of person maps in column of record.
func decodePeopleList(record *neo4j.Record, column string) ([]graph.Person, error) {
	items, err := listColumn(record, column)
	if err != nil {
		return nil, err
	}
	people := make([]graph.Person, 0, len(items))
	for _, item := range items {
		values, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("unexpected %T in the list of column %q: expected a map", item, column)
		}
		p, err := decodePerson(values)
		if err != nil {
			return nil, err
		}
		people = append(people, p)
	}
	return people, nil
}

// Export returns everything stored, read in one transaction: accounts and
// people sorted by id, relationships canonical and sorted by pair. Sorting
// happens in Go, so that the order is Go's byte order of ids whatever the
// string collation of the server.
func (s *Store) Export(ctx context.Context) (*graph.Dataset, error) {
	return readTransaction(ctx, s, "export", func(tx neo4j.ManagedTransaction) (*graph.Dataset, error) {
		accounts, err := readAccounts(ctx, tx)
		if err != nil {
			return nil, err
		}
		ds := &graph.Dataset{Accounts: accounts, People: []graph.Person{}, Relationships: []graph.Relationship{}}
		err = eachMap(ctx, tx, queryExportPeople, nil, "person", func(values map[string]any) error {
			p, err := decodePerson(values)
			ds.People = append(ds.People, p)
			return err
		})
		if err != nil {
			return nil, err
		}
		err = eachMap(ctx, tx, queryExportRelationships, nil, "relationship", func(values map[string]any) error {
			r, err := decodeRelationship(values)
			ds.Relationships = append(ds.Relationships, r)
			return err
		})
		if err != nil {
			return nil, err
		}
		graph.SortPeople(ds.People)
		graph.SortRelationships(ds.Relationships)
		return ds, nil
	})
}

// readAccounts returns every account sorted by id.
func readAccounts(ctx context.Context, tx neo4j.ManagedTransaction) ([]graph.Account, error) {
	accounts := []graph.Account{}
	err := eachMap(ctx, tx, queryAccounts, nil, "account", func(values map[string]any) error {
		a, err := decodeAccount(values)
		accounts = append(accounts, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	graph.SortAccounts(accounts)
	return accounts, nil
}

package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/cypher"
	"github.com/kamgraph/kamgraph/graph"
)

var _ graph.VendorStore = (*Store)(nil)

var (
	queryVendorPeople  = cypher.MustGet("vendor_people")
	queryVendorNetwork = cypher.MustGet("vendor_network")
)

// VendorPeople returns every vendor person sorted by id, in one statement
// that scans the Vendor label.
func (s *Store) VendorPeople(ctx context.Context) ([]graph.Person, error) {
	return readTransaction(ctx, s, "load vendor people", func(tx neo4j.ManagedTransaction) ([]graph.Person, error) {
		people := []graph.Person{}
		err := eachMap(ctx, tx, queryVendorPeople, nil, "person", func(values map[string]any) error {
			p, err := decodePerson(values)
			people = append(people, p)
			return err
		})
		if err != nil {
			return nil, err
		}
		graph.SortPeople(people)
		return people, nil
	})
}

// VendorNetwork returns the vendor people, their relationships and the
// customer people at the other end, in one statement. Each vendor row
// carries the vendor's relationships with vendors of a greater id, and each
// customer row the customer's relationships with vendors, so every
// relationship arrives once.
func (s *Store) VendorNetwork(ctx context.Context) (*graph.VendorNetwork, error) {
	return readTransaction(ctx, s, "load vendor network", func(tx neo4j.ManagedTransaction) (*graph.VendorNetwork, error) {
		n := &graph.VendorNetwork{Vendors: []graph.Person{}, Customers: []graph.Person{}, Relationships: []graph.Relationship{}}
		err := eachRecord(ctx, tx, queryVendorNetwork, nil, func(record *neo4j.Record) error {
			return addNetworkRecord(n, record)
		})
		if err != nil {
			return nil, err
		}
		graph.SortPeople(n.Vendors)
		graph.SortPeople(n.Customers)
		graph.SortRelationships(n.Relationships)
		return n, nil
	})
}

// addNetworkRecord adds the person and relationships of one record of the
// vendor network statement to n.
func addNetworkRecord(n *graph.VendorNetwork, record *neo4j.Record) error {
	values, err := mapColumn(record, "person")
	if err != nil {
		return err
	}
	p, err := decodePerson(values)
	if err != nil {
		return err
	}
	if p.Side == graph.SideVendor {
		n.Vendors = append(n.Vendors, p)
	} else {
		n.Customers = append(n.Customers, p)
	}

	items, err := listColumn(record, "relationships")
	if err != nil {
		return err
	}
	for _, item := range items {
		values, ok := item.(map[string]any)
		if !ok {
			return fmt.Errorf("unexpected %T in the list of column %q: expected a map", item, "relationships")
		}
		r, err := decodeRelationship(values)
		if err != nil {
			return err
		}
		n.Relationships = append(n.Relationships, r)
	}
	return nil
}

package memstore

import (
	"context"

	"github.com/kamgraph/kamgraph/graph"
)

var _ graph.VendorStore = (*Store)(nil)

// VendorPeople returns every vendor person sorted by id.
func (s *Store) VendorPeople(ctx context.Context) ([]graph.Person, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	people := []graph.Person{}
	for _, p := range s.people {
		if p.Side == graph.SideVendor {
			people = append(people, p)
		}
	}
	graph.SortPeople(people)
	return people, nil
}

// VendorNetwork returns the vendor people, their relationships and the
// customer people at the other end of those relationships.
func (s *Store) VendorNetwork(ctx context.Context) (*graph.VendorNetwork, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	n := &graph.VendorNetwork{Vendors: []graph.Person{}, Customers: []graph.Person{}, Relationships: []graph.Relationship{}}
	customers := make(map[string]bool)
	for id, p := range s.people {
		if p.Side != graph.SideVendor {
			continue
		}
		n.Vendors = append(n.Vendors, p)
		for other := range s.contacts[id] {
			switch {
			case s.people[other].Side == graph.SideCustomer:
				customers[other] = true
				n.Relationships = append(n.Relationships, s.relationships[graph.Pair(id, other)])
			case id < other:
				// A relationship between two vendor people is added
				// once, from its first end.
				n.Relationships = append(n.Relationships, s.relationships[graph.Pair(id, other)])
			}
		}
	}
	for id := range customers {
		n.Customers = append(n.Customers, s.people[id])
	}
	graph.SortPeople(n.Vendors)
	graph.SortPeople(n.Customers)
	graph.SortRelationships(n.Relationships)
	return n, nil
}

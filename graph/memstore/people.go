package memstore

import (
	"context"
	"sort"

	"github.com/kamgraph/kamgraph/graph"
)

var _ graph.PeopleStore = (*Store)(nil)

// Person returns the person with the given id, or an error of kind
// graph.KindNotFound.
func (s *Store) Person(ctx context.Context, id string) (graph.Person, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	p, ok := s.people[id]
	if !ok {
		return graph.Person{}, graph.Errorf(graph.KindNotFound, "person %q not found", id)
	}
	return p, nil
}

// PersonAccounts returns the sorted ids of the accounts the person touches.
func (s *Store) PersonAccounts(ctx context.Context, id string) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	p, ok := s.people[id]
	if !ok {
		return nil, graph.Errorf(graph.KindNotFound, "person %q not found", id)
	}
	if p.Side == graph.SideCustomer {
		return []string{p.AccountID}, nil
	}

	accounts := make(map[string]bool)
	for _, a := range s.accounts {
		if a.OwnerID == id {
			accounts[a.ID] = true
		}
	}
	for other := range s.contacts[id] {
		if c := s.people[other]; c.Side == graph.SideCustomer {
			accounts[c.AccountID] = true
		}
	}
	ids := make([]string, 0, len(accounts))
	for a := range accounts {
		ids = append(ids, a)
	}
	sort.Strings(ids)
	return ids, nil
}

// MarkDeparted sets the person's status to departed on the given date.
func (s *Store) MarkDeparted(ctx context.Context, id string, on graph.Date) (graph.Person, error) {
	if _, err := graph.ParseDate(string(on)); err != nil {
		return graph.Person{}, graph.Errorf(graph.KindInvalid, "%v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	p, ok := s.people[id]
	if !ok {
		return graph.Person{}, graph.Errorf(graph.KindNotFound, "person %q not found", id)
	}
	p.Status = graph.StatusDeparted
	p.DepartedOn = on
	s.people[id] = p
	s.recordDeparture(p)
	return p, nil
}

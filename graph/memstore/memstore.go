// Package memstore is an in-memory graph.Store: the default when no Neo4j
// URI is configured, for a first run, the demo and fast tests. Its content
// lives as long as the process.
package memstore

import (
	"context"
	"sync"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// Store is an in-memory graph.Store, safe for concurrent use. Imports take
// an exclusive lock, so each one applies whole or not at all.
type Store struct {
	mu            sync.RWMutex
	accounts      map[string]graph.Account
	people        map[string]graph.Person
	relationships map[graph.PairKey]graph.Relationship
	// contacts maps a person id to the ids of everyone they have a
	// relationship with.
	contacts map[string]map[string]bool
	hist     *history // old versions, write counters and recorded metrics
	notes    map[string]*noteRecord
	now      func() time.Time // the clock of note changes

	interactions interactionLog // guarded by its own mutex, taken before mu
	keys         keyTable       // API keys, guarded by their own mutex
}

var _ graph.Store = (*Store)(nil)

// Option configures a Store that New returns.
type Option func(*Store)

// WithClock makes the store read the time of note changes from now
// instead of time.Now, so that tests control it.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// New returns an empty Store.
func New(opts ...Option) *Store {
	s := &Store{
		accounts:      make(map[string]graph.Account),
		people:        make(map[string]graph.Person),
		relationships: make(map[graph.PairKey]graph.Relationship),
		contacts:      make(map[string]map[string]bool),
		hist:          newHistory(),
		notes:         make(map[string]*noteRecord),
		now:           time.Now,
	}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// Import validates ds with graph.Plan and applies it under one lock.
func (s *Store) Import(ctx context.Context, ds *graph.Dataset, opts graph.ImportOptions) (graph.ImportSummary, error) {
	if err := ctx.Err(); err != nil {
		return graph.ImportSummary{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	existing := s.existing(ds.Refs())
	summary, err := graph.Plan(ds, existing)
	if err != nil {
		return graph.ImportSummary{}, err
	}
	at, err := s.effectiveTime(ds, existing, opts.Effective)
	if err != nil {
		return graph.ImportSummary{}, err
	}
	summary.DryRun = opts.DryRun
	if opts.DryRun {
		return summary, nil
	}

	before := s.memberships(ds)

	for _, a := range ds.Accounts {
		s.accounts[a.ID] = a
	}
	for _, p := range ds.People {
		s.people[p.ID] = p
	}
	for _, r := range ds.Relationships {
		c := r.Canonical()
		s.relationships[graph.Pair(c.PersonA, c.PersonB)] = c
		s.link(c.PersonA, c.PersonB)
		s.link(c.PersonB, c.PersonA)
	}
	s.recordImport(ds, existing, before, at)
	return summary, nil
}

func (s *Store) link(from, to string) {
	set, ok := s.contacts[from]
	if !ok {
		set = make(map[string]bool)
		s.contacts[from] = set
	}
	set[to] = true
}

// existing collects the stored records that refs names. The caller holds
// the lock.
func (s *Store) existing(refs graph.Refs) graph.Existing {
	ex := graph.Existing{
		Accounts:      make(map[string]graph.Account),
		People:        make(map[string]graph.Person),
		Relationships: make(map[graph.PairKey]graph.Relationship),
	}
	for _, id := range refs.AccountIDs {
		if a, ok := s.accounts[id]; ok {
			ex.Accounts[id] = a
		}
	}
	for _, id := range refs.PersonIDs {
		if p, ok := s.people[id]; ok {
			ex.People[id] = p
		}
	}
	for _, key := range refs.Pairs {
		if r, ok := s.relationships[key]; ok {
			ex.Relationships[key] = r
		}
	}
	return ex
}

// Accounts returns every account sorted by id.
func (s *Store) Accounts(ctx context.Context) ([]graph.Account, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	out := make([]graph.Account, 0, len(s.accounts))
	for _, a := range s.accounts {
		out = append(out, a)
	}
	graph.SortAccounts(out)
	return out, nil
}

// Account returns the account with the given id, or an error of kind
// graph.KindNotFound.
func (s *Store) Account(ctx context.Context, id string) (graph.Account, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	a, ok := s.accounts[id]
	if !ok {
		return graph.Account{}, graph.Errorf(graph.KindNotFound, "account %q not found", id)
	}
	return a, nil
}

// AccountGraph returns the account's customer people, the vendor people
// related to them, and the relationships among all of those people.
func (s *Store) AccountGraph(ctx context.Context, accountID string) (*graph.AccountGraph, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	account, ok := s.accounts[accountID]
	if !ok {
		return nil, graph.Errorf(graph.KindNotFound, "account %q not found", accountID)
	}

	members := make(map[string]bool)
	var customers []string
	for id := range s.hist.customers[accountID] {
		members[id] = true
		customers = append(customers, id)
	}
	for _, id := range customers {
		for other := range s.contacts[id] {
			if s.people[other].Side == graph.SideVendor {
				members[other] = true
			}
		}
	}

	ag := &graph.AccountGraph{Account: account, People: make([]graph.Person, 0, len(members)), Relationships: []graph.Relationship{}}
	for id := range members {
		ag.People = append(ag.People, s.people[id])
		for other := range s.contacts[id] {
			if members[other] && id < other {
				ag.Relationships = append(ag.Relationships, s.relationships[graph.Pair(id, other)])
			}
		}
	}
	graph.SortPeople(ag.People)
	graph.SortRelationships(ag.Relationships)
	return ag, nil
}

// Export returns everything stored, sorted.
func (s *Store) Export(ctx context.Context) (*graph.Dataset, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	ds := &graph.Dataset{
		Accounts:      make([]graph.Account, 0, len(s.accounts)),
		People:        make([]graph.Person, 0, len(s.people)),
		Relationships: make([]graph.Relationship, 0, len(s.relationships)),
	}
	for _, a := range s.accounts {
		ds.Accounts = append(ds.Accounts, a)
	}
	for _, p := range s.people {
		ds.People = append(ds.People, p)
	}
	for _, r := range s.relationships {
		ds.Relationships = append(ds.Relationships, r)
	}
	graph.SortAccounts(ds.Accounts)
	graph.SortPeople(ds.People)
	graph.SortRelationships(ds.Relationships)
	return ds, nil
}

// Ping always succeeds: the store lives in the process.
func (s *Store) Ping(ctx context.Context) error { return nil }

// Close does nothing, so the content stays readable.
func (s *Store) Close(ctx context.Context) error { return nil }

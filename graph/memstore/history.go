package memstore

import (
	"context"
	"sort"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

var (
	_ graph.HistoryStore = (*Store)(nil)
	_ graph.MetricsStore = (*Store)(nil)
)

// versioned is one version of a record, valid in [from, to). A zero to
// marks the current version.
type versioned[T any] struct {
	value    T
	from, to time.Time
}

// history is the part of a Store that keeps old versions, the write
// counter and recorded metrics. The Store's mutex guards it.
type history struct {
	version        uint64
	accountVersion map[string]uint64

	accounts      map[string][]versioned[graph.Account]
	people        map[string][]versioned[graph.Person]
	relationships map[graph.PairKey][]versioned[graph.Relationship]

	// customers maps an account id to the ids of its current customer
	// people, and everCustomers to those of every customer person who
	// belonged to it at some time.
	customers     map[string]map[string]bool
	everCustomers map[string]map[string]bool

	metrics map[string][]graph.AccountMetrics // by account, oldest first
}

func newHistory() *history {
	return &history{
		accountVersion: make(map[string]uint64),
		accounts:       make(map[string][]versioned[graph.Account]),
		people:         make(map[string][]versioned[graph.Person]),
		relationships:  make(map[graph.PairKey][]versioned[graph.Relationship]),
		customers:      make(map[string]map[string]bool),
		everCustomers:  make(map[string]map[string]bool),
		metrics:        make(map[string][]graph.AccountMetrics),
	}
}

// appendVersion closes the current version of a record at at and appends
// value as the new current version.
func appendVersion[T any](versions []versioned[T], value T, at time.Time) []versioned[T] {
	if n := len(versions); n > 0 {
		versions[n-1].to = at
	}
	return append(versions, versioned[T]{value: value, from: at})
}

// versionAt returns the version valid at t.
func versionAt[T any](versions []versioned[T], t time.Time) (T, bool) {
	// i is the number of versions that start at or before t.
	i := sort.Search(len(versions), func(i int) bool { return versions[i].from.After(t) })
	if i == 0 {
		var zero T
		return zero, false
	}
	v := versions[i-1]
	if !v.to.IsZero() && !t.Before(v.to) {
		var zero T
		return zero, false
	}
	return v.value, true
}

// currentStart returns when the current version of a record began, or the
// zero time for a record without versions.
func currentStart[T any](versions []versioned[T]) time.Time {
	if len(versions) == 0 {
		return time.Time{}
	}
	return versions[len(versions)-1].from
}

// effectiveTime returns the time the changes of ds take effect. It rejects
// an explicit time before the current version of a record that ds changes.
// The caller holds the lock.
func (s *Store) effectiveTime(ds *graph.Dataset, ex graph.Existing, effective time.Time) (time.Time, error) {
	if effective.IsZero() {
		return time.Now().UTC(), nil
	}
	check := func(kind, id string, start time.Time) error {
		if effective.Before(start) {
			return graph.Errorf(graph.KindInvalid,
				"invalid effective time %s: %s %s changed last at %s, and history is only appended to: use a later time",
				effective.Format(time.RFC3339), kind, id, start.Format(time.RFC3339))
		}
		return nil
	}
	for _, a := range ds.Accounts {
		if old, ok := ex.Accounts[a.ID]; ok && old != a {
			if err := check("account", a.ID, currentStart(s.hist.accounts[a.ID])); err != nil {
				return time.Time{}, err
			}
		}
	}
	for _, p := range ds.People {
		if old, ok := ex.People[p.ID]; ok && old != p {
			if err := check("person", p.ID, currentStart(s.hist.people[p.ID])); err != nil {
				return time.Time{}, err
			}
		}
	}
	for _, r := range ds.Relationships {
		c := r.Canonical()
		key := graph.Pair(c.PersonA, c.PersonB)
		if old, ok := ex.Relationships[key]; ok && old != c {
			if err := check("relationship", c.PersonA+"-"+c.PersonB, currentStart(s.hist.relationships[key])); err != nil {
				return time.Time{}, err
			}
		}
	}
	return effective.UTC(), nil
}

// memberships returns, for every person that ds defines or relates, the
// accounts whose AccountGraph holds that person now. The caller holds the
// lock.
func (s *Store) memberships(ds *graph.Dataset) map[string]map[string]bool {
	out := make(map[string]map[string]bool)
	add := func(id string) {
		if _, done := out[id]; !done {
			out[id] = s.accountsOf(id)
		}
	}
	for _, p := range ds.People {
		add(p.ID)
	}
	for _, r := range ds.Relationships {
		add(r.PersonA)
		add(r.PersonB)
	}
	return out
}

// accountsOf returns the accounts whose AccountGraph holds the person: a
// customer's own account, or the accounts of the customers a vendor person
// has a relationship with.
func (s *Store) accountsOf(id string) map[string]bool {
	accounts := make(map[string]bool)
	p, ok := s.people[id]
	if !ok {
		return accounts
	}
	if p.Side == graph.SideCustomer {
		accounts[p.AccountID] = true
		return accounts
	}
	for other := range s.contacts[id] {
		if c := s.people[other]; c.Side == graph.SideCustomer {
			accounts[c.AccountID] = true
		}
	}
	return accounts
}

// recordImport adds a version for every record that the applied dataset
// ds changed compared with ex, and bumps the versions of the accounts
// whose AccountGraph changed. before holds the memberships taken before
// the write. The caller holds the lock.
func (s *Store) recordImport(ds *graph.Dataset, ex graph.Existing, before map[string]map[string]bool, at time.Time) {
	h := s.hist
	affected := make(map[string]bool)
	changed := false
	after := make(map[string]map[string]bool)
	accountsOf := func(id string) map[string]bool {
		if _, ok := after[id]; !ok {
			after[id] = s.accountsOf(id)
		}
		return after[id]
	}
	for _, a := range ds.Accounts {
		if old, ok := ex.Accounts[a.ID]; ok && old == a {
			continue
		}
		changed = true
		h.accounts[a.ID] = appendVersion(h.accounts[a.ID], a, at)
		affected[a.ID] = true
	}
	for _, p := range ds.People {
		old, existed := ex.People[p.ID]
		if existed && old == p {
			continue
		}
		changed = true
		h.people[p.ID] = appendVersion(h.people[p.ID], p, at)
		s.indexCustomer(old, p)
		addAll(affected, before[p.ID])
		addAll(affected, accountsOf(p.ID))
	}
	for _, r := range ds.Relationships {
		c := r.Canonical()
		key := graph.Pair(c.PersonA, c.PersonB)
		if old, ok := ex.Relationships[key]; ok && old == c {
			continue
		}
		changed = true
		h.relationships[key] = appendVersion(h.relationships[key], c, at)
		addShared(affected, before[c.PersonA], before[c.PersonB])
		addShared(affected, accountsOf(c.PersonA), accountsOf(c.PersonB))
	}
	if changed {
		s.bump(affected)
	}
}

// indexCustomer moves a person between the customer sets of accounts when
// their side or account changed from old to p.
func (s *Store) indexCustomer(old, p graph.Person) {
	h := s.hist
	if old.Side == graph.SideCustomer && old.AccountID != p.AccountID {
		delete(h.customers[old.AccountID], old.ID)
	}
	if p.Side != graph.SideCustomer {
		return
	}
	for _, index := range []map[string]map[string]bool{h.customers, h.everCustomers} {
		set, ok := index[p.AccountID]
		if !ok {
			set = make(map[string]bool)
			index[p.AccountID] = set
		}
		set[p.ID] = true
	}
}

// recordDeparture adds the version of a person that MarkDeparted just
// stored. The change takes effect at the start of the departure date
// (UTC), or now when the date is empty. A date before the person's current
// version takes effect when that version began instead, because history is
// only appended to. The caller holds the lock.
func (s *Store) recordDeparture(p graph.Person) {
	at := time.Now().UTC()
	if day, err := time.Parse(time.DateOnly, string(p.DepartedOn)); err == nil {
		at = day
	}
	versions := s.hist.people[p.ID]
	if n := len(versions); n > 0 && versions[n-1].value == p {
		return
	}
	if start := currentStart(versions); at.Before(start) {
		at = start
	}
	s.hist.people[p.ID] = appendVersion(versions, p, at)
	s.bump(s.accountsOf(p.ID))
}

// bump increments the write counter and gives the affected accounts its
// new value. Callers call it only for writes that changed a record.
func (s *Store) bump(affected map[string]bool) {
	s.hist.version++
	for id := range affected {
		s.hist.accountVersion[id] = s.hist.version
	}
}

func addAll(dst, src map[string]bool) {
	for k := range src {
		dst[k] = true
	}
}

// addShared adds to dst the keys present in both a and b.
func addShared(dst, a, b map[string]bool) {
	for k := range a {
		if b[k] {
			dst[k] = true
		}
	}
}

// Version returns the write counter.
func (s *Store) Version(ctx context.Context) (uint64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.hist.version, nil
}

// AccountVersions returns the version of every account.
func (s *Store) AccountVersions(ctx context.Context) (map[string]uint64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	out := make(map[string]uint64, len(s.accounts))
	for id := range s.accounts {
		out[id] = s.hist.accountVersion[id]
	}
	return out, nil
}

// AccountsAsOf returns the accounts as they were at t, sorted by id.
func (s *Store) AccountsAsOf(ctx context.Context, t time.Time) ([]graph.Account, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	out := []graph.Account{}
	for _, versions := range s.hist.accounts {
		if a, ok := versionAt(versions, t); ok {
			out = append(out, a)
		}
	}
	graph.SortAccounts(out)
	return out, nil
}

// AccountGraphAsOf returns the AccountGraph of the account as it was at t.
func (s *Store) AccountGraphAsOf(ctx context.Context, accountID string, t time.Time) (*graph.AccountGraph, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	h := s.hist
	account, ok := versionAt(h.accounts[accountID], t)
	if !ok {
		return nil, graph.Errorf(graph.KindNotFound, "account %q not found as of %s", accountID, t.UTC().Format(time.RFC3339))
	}
	members := make(map[string]graph.Person)
	var customers []string
	for id := range h.everCustomers[accountID] {
		if p, ok := versionAt(h.people[id], t); ok && p.Side == graph.SideCustomer && p.AccountID == accountID {
			members[id] = p
			customers = append(customers, id)
		}
	}
	for _, id := range customers {
		for other := range s.contacts[id] {
			if _, ok := versionAt(h.relationships[graph.Pair(id, other)], t); !ok {
				continue
			}
			if p, ok := versionAt(h.people[other], t); ok && p.Side == graph.SideVendor {
				members[other] = p
			}
		}
	}

	ag := &graph.AccountGraph{Account: account, People: []graph.Person{}, Relationships: []graph.Relationship{}}
	for id, p := range members {
		ag.People = append(ag.People, p)
		for other := range s.contacts[id] {
			if _, ok := members[other]; !ok || other < id {
				continue
			}
			if r, ok := versionAt(h.relationships[graph.Pair(id, other)], t); ok {
				ag.Relationships = append(ag.Relationships, r)
			}
		}
	}
	graph.SortPeople(ag.People)
	graph.SortRelationships(ag.Relationships)
	return ag, nil
}

// RecordMetrics stores the points, replacing a stored point of the same
// account and ComputedAt.
func (s *Store) RecordMetrics(ctx context.Context, points []graph.AccountMetrics) error {
	s.mu.Lock()
	defer s.mu.Unlock()

	for _, p := range points {
		list := s.hist.metrics[p.AccountID]
		i := sort.Search(len(list), func(i int) bool { return !list[i].ComputedAt.Before(p.ComputedAt) })
		if i < len(list) && list[i].ComputedAt.Equal(p.ComputedAt) {
			list[i] = p
			continue
		}
		list = append(list, graph.AccountMetrics{})
		copy(list[i+1:], list[i:])
		list[i] = p
		s.hist.metrics[p.AccountID] = list
	}
	return nil
}

// MetricsHistory returns the points of the account computed in [from, to].
func (s *Store) MetricsHistory(ctx context.Context, accountID string, from, to time.Time) ([]graph.AccountMetrics, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	out := []graph.AccountMetrics{}
	for _, p := range s.hist.metrics[accountID] {
		if (from.IsZero() || !p.ComputedAt.Before(from)) && (to.IsZero() || !p.ComputedAt.After(to)) {
			out = append(out, p)
		}
	}
	return out, nil
}

// LatestMetrics returns the last point of every account that has one.
func (s *Store) LatestMetrics(ctx context.Context) (map[string]graph.AccountMetrics, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	out := make(map[string]graph.AccountMetrics, len(s.hist.metrics))
	for id, list := range s.hist.metrics {
		if len(list) > 0 {
			out[id] = list[len(list)-1]
		}
	}
	return out, nil
}

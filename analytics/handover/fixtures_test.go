package handover_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

// The small portfolio of most tests. Account A1 hangs on va: va reaches
// the champion a1, who reaches a2, who reaches a3. vc knows a3 only
// weakly, and vd, who also knew a2, has departed. In A2, va and vb both
// know the decision maker b1. va owns A3 without knowing anyone there.
//
//	R - va - a1 - a2 - a3 ... vc (0.2)
//	R - vb - b1 - va,  vb - b2,  R - vc - d1
func smallPortfolio() *graph.Dataset {
	vendor := func(id string, function string, seniority graph.Seniority, status graph.Status) graph.Person {
		return graph.Person{ID: id, Name: "Vendor " + id, Side: graph.SideVendor, Title: "Title " + id,
			Function: function, Seniority: seniority, Status: status}
	}
	customer := func(id, account string, seniority graph.Seniority, role graph.Role) graph.Person {
		return graph.Person{ID: id, Name: "Customer " + id, Side: graph.SideCustomer, AccountID: account,
			Title: "Title " + id, Function: "finance", Seniority: seniority, Role: role, Status: graph.StatusActive}
	}
	rel := func(a, b string, strength float64) graph.Relationship {
		return graph.Relationship{PersonA: a, PersonB: b, Strength: strength, Type: "work", LastInteraction: "2026-10-01"}
	}
	return &graph.Dataset{
		Accounts: []graph.Account{
			{ID: "A1", Name: "First", Tier: 1, ARR: 100_000, OwnerID: "va"},
			{ID: "A2", Name: "Second", Tier: 2, ARR: 50_000, OwnerID: "vb"},
			{ID: "A3", Name: "Third", Tier: 3, ARR: 10_000, OwnerID: "va"},
		},
		People: []graph.Person{
			vendor("va", "Sales", graph.SeniorityManager, graph.StatusActive),
			vendor("vb", "sales ", graph.SeniorityManager, graph.StatusActive),
			vendor("vc", "Support", graph.SeniorityIC, graph.StatusActive),
			vendor("vd", "Sales", graph.SeniorityDirector, graph.StatusDeparted),
			customer("a1", "A1", graph.SeniorityVP, graph.RoleChampion),
			customer("a2", "A1", graph.SeniorityDirector, ""),
			customer("a3", "A1", graph.SeniorityIC, ""),
			customer("b1", "A2", graph.SeniorityCLevel, graph.RoleDecisionMaker),
			customer("b2", "A2", graph.SeniorityManager, ""),
			customer("d1", "A3", graph.SeniorityManager, ""),
		},
		Relationships: []graph.Relationship{
			rel("va", "a1", 0.9), rel("a1", "a2", 0.8), rel("a2", "a3", 0.6), rel("vc", "a3", 0.2),
			rel("va", "vb", 0.7), rel("vb", "b1", 0.8), rel("va", "b1", 0.5), rel("vb", "b2", 0.6),
			rel("vc", "d1", 0.9), rel("vd", "a2", 0.9),
		},
	}
}

func loadStore(t *testing.T, ds *graph.Dataset) *memstore.Store {
	t.Helper()
	store := memstore.New()
	if _, err := store.Import(context.Background(), ds, graph.ImportOptions{}); err != nil {
		t.Fatalf("import: %v", err)
	}
	return store
}

// withoutNotes exposes only the methods of handover.Store, standing in
// for a store that keeps no notes.
type withoutNotes struct{ handover.Store }

// noteStore is a memstore with notes kept in a slice, standing in for a
// store that implements graph.NoteStore. Only Notes does real work.
type noteStore struct {
	*memstore.Store
	notes []graph.Note
}

var _ graph.NoteStore = (*noteStore)(nil)

var errNotInFake = errors.New("not implemented by the test note store")

func (s *noteStore) CreateNote(context.Context, graph.NewNote) (graph.Note, error) {
	return graph.Note{}, errNotInFake
}

func (s *noteStore) UpdateNote(context.Context, string, graph.NoteEdit) (graph.Note, error) {
	return graph.Note{}, errNotInFake
}

func (s *noteStore) DeleteNote(context.Context, string, string) (graph.Note, error) {
	return graph.Note{}, errNotInFake
}

func (s *noteStore) Note(context.Context, string) (graph.Note, error) {
	return graph.Note{}, errNotInFake
}

func (s *noteStore) SearchNotes(context.Context, string, int) ([]graph.Note, error) {
	return nil, errNotInFake
}

// Notes returns the notes on f.Target. The tests use no other filter.
func (s *noteStore) Notes(_ context.Context, f graph.NoteFilter) ([]graph.Note, error) {
	var out []graph.Note
	for _, n := range s.notes {
		if f.Target != nil && n.Target == *f.Target {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b graph.Note) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}

// addNote appends a note created at the given day of November 2026.
func (s *noteStore) addNote(id string, target graph.NoteTarget, kind graph.NoteKind, day int, text string) {
	at := time.Date(2026, time.November, day, 9, 0, 0, 0, time.UTC)
	s.notes = append(s.notes, graph.Note{ID: id, Target: target, Author: "va", Kind: kind, Text: text,
		Version: 1, CreatedAt: at, UpdatedAt: at})
}

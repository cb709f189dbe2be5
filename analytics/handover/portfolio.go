package handover

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// PortfolioSimulation is a what-if over the whole portfolio: the result of
// removing some people from every account that one of them touches.
type PortfolioSimulation struct {
	Threshold float64 `json:"threshold"`
	// Removed lists the people taken out, sorted and without repeats.
	Removed []string `json:"removed"`
	// Accounts holds one simulation per account whose graph holds a
	// removed person, sorted by account id. Each simulation's Removed
	// lists only the people of that account's graph.
	Accounts []*analytics.Simulation `json:"accounts"`
	// OwnedOnly lists the accounts that a removed vendor person owns
	// without a relationship with any of their people, sorted. Removing
	// the owner changes no relationship there, but the account needs a
	// new owner.
	OwnedOnly []string `json:"owned_only"`
}

// SimulatePortfolio removes the people with the given ids from every
// account they touch, as graph.PeopleStore.PersonAccounts defines it, and
// runs analytics.Simulate on each of those accounts with opts.
//
// Repeated ids count once. SimulatePortfolio returns an error of kind
// graph.KindInvalid when removed is empty or holds a blank id, and of kind
// graph.KindNotFound naming every id that the store does not know. Store
// errors are returned as they are.
func SimulatePortfolio(ctx context.Context, store Store, removed []string, opts analytics.Options) (*PortfolioSimulation, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	ids, err := distinctIDs(removed)
	if err != nil {
		return nil, err
	}
	if err := checkPeopleExist(ctx, store, ids); err != nil {
		return nil, err
	}

	byAccount := make(map[string][]string)
	for _, id := range ids {
		accounts, err := store.PersonAccounts(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, a := range accounts {
			byAccount[a] = append(byAccount[a], id)
		}
	}

	out := &PortfolioSimulation{
		Threshold: opts.Threshold,
		Removed:   ids,
		Accounts:  []*analytics.Simulation{},
		OwnedOnly: []string{},
	}
	for _, accountID := range sortedKeys(byAccount) {
		sim, err := simulateAccount(ctx, store, accountID, byAccount[accountID], opts)
		if err != nil {
			return nil, err
		}
		if sim == nil {
			out.OwnedOnly = append(out.OwnedOnly, accountID)
			continue
		}
		out.Accounts = append(out.Accounts, sim)
	}
	return out, nil
}

// simulateAccount runs the what-if of one account for the candidates that
// its graph holds. It returns nil when the graph holds none of them.
func simulateAccount(ctx context.Context, store Store, accountID string, candidates []string,
	opts analytics.Options) (*analytics.Simulation, error) {
	ag, err := store.AccountGraph(ctx, accountID)
	if err != nil {
		return nil, err
	}
	var present []string
	for _, id := range candidates {
		if hasPerson(ag, id) {
			present = append(present, id)
		}
	}
	if len(present) == 0 {
		return nil, nil
	}
	return analytics.Simulate(ctx, ag, present, opts)
}

func hasPerson(ag *graph.AccountGraph, id string) bool {
	_, found := slices.BinarySearchFunc(ag.People, id, func(p graph.Person, id string) int {
		return strings.Compare(p.ID, id)
	})
	return found
}

// distinctIDs returns ids sorted without repeats, or an invalid error when
// ids is empty or holds a blank id.
func distinctIDs(ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, graph.Errorf(graph.KindInvalid, "no people to remove: give at least one person id")
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	out = slices.Compact(out)
	for _, id := range out {
		if strings.TrimSpace(id) == "" {
			return nil, graph.Errorf(graph.KindInvalid, "invalid person id %q in the people to remove: ids must not be blank", id)
		}
	}
	return out, nil
}

// checkPeopleExist returns a not-found error naming every id that store
// does not know.
func checkPeopleExist(ctx context.Context, store Store, ids []string) error {
	var unknown []string
	for _, id := range ids {
		_, err := store.Person(ctx, id)
		switch {
		case graph.KindOf(err) == graph.KindNotFound:
			unknown = append(unknown, id)
		case err != nil:
			return err
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	quoted := make([]string, len(unknown))
	for i, id := range unknown {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	noun := "person"
	if len(unknown) > 1 {
		noun = "people"
	}
	return graph.Errorf(graph.KindNotFound, "%s %s not found: check the ids", noun, strings.Join(quoted, ", "))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

package handover

import (
	"context"
	"sort"

	"github.com/kamgraph/kamgraph/graph"
)

// readPortfolio indexes the vendor network of store when store implements
// graph.VendorStore, and the whole export otherwise. A portfolio built
// from the vendor network lacks the relationships between two customer
// people, so the builder adds those of each account it visits with
// addAccount before searching successors there.
func readPortfolio(ctx context.Context, store Store, threshold float64) (*portfolio, error) {
	if vs, ok := store.(graph.VendorStore); ok {
		n, err := vs.VendorNetwork(ctx)
		if err != nil {
			return nil, err
		}
		p := newPortfolio(n.Dataset(), threshold)
		p.accounts = make(map[string]bool)
		return p, nil
	}
	ds, err := store.Export(ctx)
	if err != nil {
		return nil, err
	}
	return newPortfolio(ds, threshold), nil
}

// addAccount adds the people of ag and the relationships between two of
// its active customer people to a portfolio built from a vendor network.
// warmPaths follows only vendor people and the customer people of the
// contact's account, so with the account added it finds the same paths
// as on a whole export. It does nothing on a portfolio built from an
// export, or for an account already added.
func (p *portfolio) addAccount(ag *graph.AccountGraph) {
	if p.accounts == nil || p.accounts[ag.Account.ID] {
		return
	}
	p.accounts[ag.Account.ID] = true
	for _, person := range ag.People {
		if _, ok := p.people[person.ID]; !ok {
			p.people[person.ID] = person
		}
	}

	changed := map[string]bool{}
	for _, r := range ag.Relationships {
		a, b := p.people[r.PersonA], p.people[r.PersonB]
		if a.Side != graph.SideCustomer || b.Side != graph.SideCustomer || !a.Active() || !b.Active() {
			continue
		}
		p.neighbors[a.ID] = append(p.neighbors[a.ID], neighbor{b.ID, r.Strength})
		p.neighbors[b.ID] = append(p.neighbors[b.ID], neighbor{a.ID, r.Strength})
		changed[a.ID], changed[b.ID] = true, true
	}
	for id := range changed {
		list := p.neighbors[id]
		sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
	}
}

package handover

import (
	"context"
	"sort"

	"github.com/kamgraph/kamgraph/graph"
)

// Store is the part of a graph store that this package reads.
type Store interface {
	// AccountGraph returns one account's graph, as graph.Store does.
	AccountGraph(ctx context.Context, accountID string) (*graph.AccountGraph, error)
	// Export returns everything stored, as graph.Store does.
	Export(ctx context.Context) (*graph.Dataset, error)
	// Person and PersonAccounts behave as in graph.PeopleStore.
	Person(ctx context.Context, id string) (graph.Person, error)
	PersonAccounts(ctx context.Context, id string) ([]string, error)
}

// portfolio indexes a whole export, or a vendor network and the accounts
// added to it, for the successor search: the people, the relationships
// between active people, and how many customer contacts each vendor
// person carries.
type portfolio struct {
	people map[string]graph.Person
	// neighbors lists the relationships of each active person with other
	// active people, at any strength, sorted by id.
	neighbors map[string][]neighbor
	load      map[string]int // vendor id to distinct active customer contacts
	// vendorTies maps a customer id to the strength of each relationship
	// with a vendor person, at any strength and of any status.
	vendorTies map[string]map[string]float64
	vendors    []string // active vendor ids, sorted
	// accounts holds the ids of the accounts that addAccount added. It is
	// nil when the portfolio indexes a whole export.
	accounts map[string]bool
}

// neighbor is one end of a qualifying relationship.
type neighbor struct {
	id       string
	strength float64
}

// newPortfolio indexes ds at the given threshold.
func newPortfolio(ds *graph.Dataset, threshold float64) *portfolio {
	p := &portfolio{
		people:     make(map[string]graph.Person, len(ds.People)),
		neighbors:  make(map[string][]neighbor),
		load:       make(map[string]int),
		vendorTies: make(map[string]map[string]float64),
	}
	for _, person := range ds.People {
		p.people[person.ID] = person
		if person.Side == graph.SideVendor && person.Active() {
			p.vendors = append(p.vendors, person.ID)
		}
	}
	sort.Strings(p.vendors)

	for _, r := range ds.Relationships {
		a, okA := p.people[r.PersonA]
		b, okB := p.people[r.PersonB]
		if !okA || !okB {
			continue
		}
		p.addVendorTie(a, b, r.Strength)
		p.addVendorTie(b, a, r.Strength)
		if !a.Active() || !b.Active() {
			continue
		}
		p.neighbors[a.ID] = append(p.neighbors[a.ID], neighbor{b.ID, r.Strength})
		p.neighbors[b.ID] = append(p.neighbors[b.ID], neighbor{a.ID, r.Strength})
		if r.Strength < threshold {
			continue
		}
		// The export holds each pair once, so each contact counts once.
		switch {
		case a.Side == graph.SideVendor && b.Side == graph.SideCustomer:
			p.load[a.ID]++
		case b.Side == graph.SideVendor && a.Side == graph.SideCustomer:
			p.load[b.ID]++
		}
	}
	for id := range p.neighbors {
		list := p.neighbors[id]
		sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
	}
	return p
}

// addVendorTie records a relationship between a customer and a vendor
// person in vendorTies.
func (p *portfolio) addVendorTie(customer, vendor graph.Person, strength float64) {
	if customer.Side != graph.SideCustomer || vendor.Side != graph.SideVendor {
		return
	}
	ties := p.vendorTies[customer.ID]
	if ties == nil {
		ties = make(map[string]float64)
		p.vendorTies[customer.ID] = ties
	}
	ties[vendor.ID] = strength
}

// maxLoad returns the largest load of an active vendor person other than
// the one excluded.
func (p *portfolio) maxLoad(excluded string) int {
	largest := 0
	for _, id := range p.vendors {
		if id != excluded {
			largest = max(largest, p.load[id])
		}
	}
	return largest
}

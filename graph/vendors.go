package graph

import "context"

// VendorStore reads the vendor side of the whole portfolio, so that
// callers which need only that part do not export every account, person
// and relationship. Callers use it when a store implements it and fall
// back to Store.Export otherwise.
type VendorStore interface {
	// VendorPeople returns every vendor person, of any status, sorted by
	// id: the people of Export whose side is vendor. It returns an empty
	// slice, not nil, when there are none.
	VendorPeople(ctx context.Context) ([]Person, error)

	// VendorNetwork returns the vendor people, every relationship with a
	// vendor person at one end, and the customer people at the other end
	// of those relationships, as NewVendorNetwork computes them from
	// Export.
	VendorNetwork(ctx context.Context) (*VendorNetwork, error)
}

// VendorNetwork is the part of a portfolio that touches vendor people.
type VendorNetwork struct {
	// Vendors are the vendor people of every status, sorted by id.
	Vendors []Person `json:"vendors"`
	// Customers are the customer people, of every status, with at least
	// one relationship with a vendor person, sorted by id.
	Customers []Person `json:"customers"`
	// Relationships are the relationships with a vendor person at one or
	// both ends, canonical and sorted by pair.
	Relationships []Relationship `json:"relationships"`
}

// NewVendorNetwork returns the vendor network of ds. It expects ds as
// Export returns it: people sorted by id and relationships canonical and
// sorted by pair, each referring to people of ds.
func NewVendorNetwork(ds *Dataset) *VendorNetwork {
	n := &VendorNetwork{Vendors: []Person{}, Customers: []Person{}, Relationships: []Relationship{}}
	side := make(map[string]Side, len(ds.People))
	for _, p := range ds.People {
		side[p.ID] = p.Side
	}

	related := make(map[string]bool)
	for _, r := range ds.Relationships {
		vendorA, vendorB := side[r.PersonA] == SideVendor, side[r.PersonB] == SideVendor
		if !vendorA && !vendorB {
			continue
		}
		n.Relationships = append(n.Relationships, r)
		related[r.PersonA] = true
		related[r.PersonB] = true
	}

	for _, p := range ds.People {
		switch {
		case p.Side == SideVendor:
			n.Vendors = append(n.Vendors, p)
		case related[p.ID]:
			n.Customers = append(n.Customers, p)
		}
	}
	return n
}

// Dataset returns the network as a dataset without accounts: the vendor
// and customer people sorted by id, and the relationships.
func (n *VendorNetwork) Dataset() *Dataset {
	ds := &Dataset{
		Accounts:      []Account{},
		People:        make([]Person, 0, len(n.Vendors)+len(n.Customers)),
		Relationships: n.Relationships,
	}
	ds.People = append(ds.People, n.Vendors...)
	ds.People = append(ds.People, n.Customers...)
	SortPeople(ds.People)
	return ds
}

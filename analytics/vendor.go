package analytics

import "sort"

// VendorBreadth returns how widely our own people engage the account,
// over the qualifying relationships between vendor nodes and the
// account's active customer people.
//
// Each vendor person's strength is the sum of those relationships, added
// in customer id order, and TotalStrength adds the vendors' strengths in
// vendor id order. A vendor's share is its strength over TotalStrength.
// Concentration is the largest share, held by TopPersonID (the smaller id
// on ties), and Herfindahl is the sum of the squared shares, added in
// vendor id order. Both are nil when there is no such relationship.
// Shares are sorted by share, largest first, then by id.
//
// VendorBreadth takes O(n + m + v log v) time for n nodes, m edges and v
// vendor nodes.
func (g *Network) VendorBreadth() VendorBreadth {
	out := VendorBreadth{Functions: []string{}, Shares: []VendorShare{}}
	var functions []string
	for u := range g.people {
		v := int32(u)
		if !g.vendor[v] {
			continue
		}
		strength := 0.0
		for s := g.start[v]; s < g.personEnd(v); s++ {
			if g.isCustomer(g.nbr[s]) {
				strength += g.strength[s]
			}
		}
		out.People++
		out.TotalStrength += strength
		out.Shares = append(out.Shares, VendorShare{PersonID: g.people[v].ID, Strength: strength})
		functions = append(functions, g.people[v].Function)
	}
	out.Functions = normalizeFunctions(functions)
	out.FunctionCount = len(out.Functions)
	if out.People == 0 {
		return out
	}

	herfindahl := 0.0
	for i := range out.Shares {
		share := out.Shares[i].Strength / out.TotalStrength
		out.Shares[i].Share = share
		herfindahl += share * share
	}
	out.Herfindahl = &herfindahl

	// Equal strengths give equal shares, so sorting by strength avoids
	// comparing quotients. The stable sort keeps ties in id order.
	sort.SliceStable(out.Shares, func(i, j int) bool {
		return out.Shares[i].Strength > out.Shares[j].Strength
	})
	concentration := out.Shares[0].Share
	out.Concentration = &concentration
	out.TopPersonID = out.Shares[0].PersonID
	return out
}

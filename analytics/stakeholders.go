package analytics

import (
	"context"
	"fmt"

	"github.com/kamgraph/kamgraph/graph"
)

// KeyStakeholders returns the key stakeholders of the account, sorted by
// id, each with its threads and one minimum vertex cut as MinCut returns
// it. The key stakeholders are the active customer people whose role is
// decision_maker, economic_buyer or champion. When the account marks none,
// they are the active customer people of seniority vp or c_level.
//
// KeyStakeholders runs one maximum flow per stakeholder, as MinCut does,
// on runtime.GOMAXPROCS(0) goroutines. It checks ctx between flows and
// returns an error wrapping ctx.Err() when it is cancelled.
func (g *Network) KeyStakeholders(ctx context.Context) ([]KeyStakeholder, error) {
	var byRole, bySeniority []int32
	for u := range g.people {
		k := int32(u)
		if !g.isCustomer(k) {
			continue
		}
		p := &g.people[k]
		if p.Role.IsKey() {
			byRole = append(byRole, k)
		}
		if p.Seniority == graph.SeniorityVP || p.Seniority == graph.SeniorityCLevel {
			bySeniority = append(bySeniority, k)
		}
	}
	chosen := byRole
	if len(chosen) == 0 {
		chosen = bySeniority
	}

	flows, err := g.parallelFlows(ctx, chosen, true)
	if err != nil {
		return nil, fmt.Errorf("key stakeholders of account %q: %w", g.accountID, err)
	}
	out := make([]KeyStakeholder, 0, len(chosen))
	for i, k := range chosen {
		p := &g.people[k]
		out = append(out, KeyStakeholder{
			PersonID:  p.ID,
			Role:      string(p.Role),
			Seniority: string(p.Seniority),
			Threads:   flows[i].threads,
			MinCut:    g.ids(flows[i].cut),
		})
	}
	return out, nil
}

// BusFactor returns the minimum threads over stakeholders, or nil when
// there are none. It is 0 when one of them is unreached.
func BusFactor(stakeholders []KeyStakeholder) *int {
	if len(stakeholders) == 0 {
		return nil
	}
	least := stakeholders[0].Threads
	for _, s := range stakeholders[1:] {
		least = min(least, s.Threads)
	}
	return &least
}

package analytics

import (
	"context"

	"github.com/kamgraph/kamgraph/graph"
)

// snapshot is one state of the account during the greedy search: the
// account graph with the suggestions picked so far, and every value that
// ranks the next pick or describes the last one. All values are computed
// anew on the graph itself, so they are exact.
type snapshot struct {
	ag         *graph.AccountGraph
	g          *Network
	flows      *stakeholderFlows
	exposure   *exposureProfile
	coverage   *coverageState
	unreached  []string
	cutOff     map[string]int // size of the cut_off of each single point of failure
	resilience Resilience
}

// newSnapshot computes the snapshot of ag from scratch.
func newSnapshot(ctx context.Context, ag *graph.AccountGraph, threshold float64) (*snapshot, error) {
	g, err := NewNetwork(ag, threshold)
	if err != nil {
		return nil, err
	}
	flows, err := computeStakeholderFlows(ctx, g)
	if err != nil {
		return nil, err
	}
	return completeSnapshot(ag, g, flows), nil
}

// next returns the snapshot of ag, which is prev.ag with a qualifying
// relationship between vendor person vendorID and customer customerID
// added. The flows of prev start those of the new snapshot.
func (prev *snapshot) next(ctx context.Context, ag *graph.AccountGraph, vendorID, customerID string) (*snapshot, error) {
	g, err := rebuildNetwork(ag, prev.g.Threshold())
	if err != nil {
		return nil, err
	}
	v, _ := g.Index(vendorID)
	c, _ := g.Index(customerID)
	edges := [][2]int32{{int32(v), int32(c)}}
	added := int32(-1)
	if _, known := prev.g.Index(vendorID); !known {
		// The vendor joins G(A) with all its edges, R included.
		added, edges = int32(v), nil
		for slot := g.start[v]; slot < g.start[v+1]; slot++ {
			edges = append(edges, [2]int32{int32(v), g.nbr[slot]})
		}
	}
	flows, err := prev.flows.update(ctx, prev.g, g, edges, added)
	if err != nil {
		return nil, err
	}
	return completeSnapshot(ag, g, flows), nil
}

// rebuildNetwork is NewNetwork without the checks of the relationships,
// which are the slowest part of it. It serves the graphs that the greedy
// search derives from one that NewNetwork accepted, by adding one valid
// relationship and perhaps one vendor person.
func rebuildNetwork(ag *graph.AccountGraph, threshold float64) (*Network, error) {
	people, err := indexPeople(ag)
	if err != nil {
		return nil, err
	}
	return buildNetwork(ag, threshold, people)
}

// completeSnapshot computes the rest of the snapshot of ag, whose network
// g and stakeholder flows are known.
func completeSnapshot(ag *graph.AccountGraph, g *Network, flows *stakeholderFlows) *snapshot {

	s := &snapshot{
		ag:        ag,
		g:         g,
		flows:     flows,
		exposure:  computeExposure(g),
		coverage:  newCoverageState(g.Coverage(nil)),
		unreached: g.Unreached(),
		cutOff:    map[string]int{},
	}
	singlePoints, _ := g.CutPoints()
	for _, sp := range singlePoints {
		s.cutOff[sp.PersonID] = len(sp.CutOff)
		s.resilience.CutOffTotal += len(sp.CutOff)
	}
	s.resilience.BusFactor = flows.busFactor()
	for _, t := range flows.threads {
		s.resilience.KeyStakeholderThreads += t
	}
	s.resilience.Unreached = len(s.unreached)
	s.resilience.SinglePoints = len(singlePoints)
	s.resilience.CoveredCells = s.coverage.covered
	s.resilience.OccupiedCells = s.coverage.occupied
	return s
}

// nodeMap returns the index in to of every node of from. Every node of
// from must be a node of to.
func nodeMap(from, to *Network) []int32 {
	out := make([]int32, from.Len())
	for i := range from.people {
		j, _ := to.Index(from.people[i].ID)
		out[i] = int32(j)
	}
	return out
}

// withRelationship returns ag with a qualifying relationship between
// vendor person v and customer c appended, and v when v is new to the
// graph. The result is only for rebuildNetwork: people and relationships
// are not sorted, and a relationship of the pair below the threshold stays
// beside the new one, which rebuildNetwork skips.
//
// A store would also return v's relationships with other vendor people of
// the graph. They are left out because they change no value that Suggest
// reports: every path through such a relationship can start at its second
// vendor instead, which R reaches directly.
//
// ag's slices share their arrays with the graphs of earlier picks, and
// appending to them leaves those graphs unchanged, because each keeps its
// own length and the greedy search never appends twice to one graph.
func (s *suggester) withRelationship(ag *graph.AccountGraph, v graph.Person, c string) *graph.AccountGraph {
	out := *ag
	if !s.inGraph[v.ID] {
		s.inGraph[v.ID] = true
		out.People = append(out.People, v)
	}
	out.Relationships = append(out.Relationships,
		graph.Relationship{PersonA: v.ID, PersonB: c, Strength: s.opts.strength()}.Canonical())
	return &out
}

// otherEnd returns the endpoint of r that is not id, or "" when id is not
// an endpoint.
func otherEnd(r graph.Relationship, id string) string {
	switch id {
	case r.PersonA:
		return r.PersonB
	case r.PersonB:
		return r.PersonA
	}
	return ""
}

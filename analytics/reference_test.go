package analytics_test

import (
	"sort"
	"testing"

	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/traverse"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// referenceGraph is G(A) built straight from its definition, without the
// analytics package, for checking results with gonum. Node i of the gonum
// graphs is ids[i], and node len(ids) is R.
type referenceGraph struct {
	ids      []string
	index    map[string]int64
	vendor   map[string]bool
	customer map[string]bool
	edges    []referenceEdge
}

type referenceEdge struct {
	a, b     string
	strength float64
}

func newReferenceGraph(ag *graph.AccountGraph, threshold float64) *referenceGraph {
	people := map[string]graph.Person{}
	for _, p := range ag.People {
		people[p.ID] = p
	}
	ref := &referenceGraph{index: map[string]int64{}, vendor: map[string]bool{}, customer: map[string]bool{}}
	for _, p := range ag.People {
		if p.Side == graph.SideCustomer && p.AccountID == ag.Account.ID && p.Status != graph.StatusDeparted {
			ref.customer[p.ID] = true
		}
	}
	for _, r := range ag.Relationships {
		if r.Strength < threshold {
			continue
		}
		for _, pair := range [][2]string{{r.PersonA, r.PersonB}, {r.PersonB, r.PersonA}} {
			v := people[pair[0]]
			if ref.customer[pair[1]] && v.Side == graph.SideVendor && v.Status != graph.StatusDeparted {
				ref.vendor[v.ID] = true
			}
		}
	}
	for id := range ref.customer {
		ref.ids = append(ref.ids, id)
	}
	for id := range ref.vendor {
		ref.ids = append(ref.ids, id)
	}
	sort.Strings(ref.ids)
	for i, id := range ref.ids {
		ref.index[id] = int64(i)
	}
	for _, r := range ag.Relationships {
		_, okA := ref.index[r.PersonA]
		_, okB := ref.index[r.PersonB]
		if r.Strength >= threshold && okA && okB {
			ref.edges = append(ref.edges, referenceEdge{r.PersonA, r.PersonB, r.Strength})
		}
	}
	return ref
}

func (ref *referenceGraph) root() int64 { return int64(len(ref.ids)) }

// withRoot returns G(A)+R as a gonum graph, leaving out the people in
// removed and the edge skip, when skip is not nil.
func (ref *referenceGraph) withRoot(removed map[string]bool, skip *referenceEdge) *simple.UndirectedGraph {
	g := simple.NewUndirectedGraph()
	g.AddNode(simple.Node(ref.root()))
	for i, id := range ref.ids {
		if removed[id] {
			continue
		}
		g.AddNode(simple.Node(i))
		if ref.vendor[id] {
			g.SetEdge(g.NewEdge(simple.Node(ref.root()), simple.Node(i)))
		}
	}
	for _, e := range ref.edges {
		if removed[e.a] || removed[e.b] || (skip != nil && *skip == e) {
			continue
		}
		g.SetEdge(g.NewEdge(simple.Node(ref.index[e.a]), simple.Node(ref.index[e.b])))
	}
	return g
}

// reachedCustomers returns the customers that a breadth-first search from
// R reaches in g.
func (ref *referenceGraph) reachedCustomers(g gonumgraph.Undirected) map[string]bool {
	reached := map[string]bool{}
	var bfs traverse.BreadthFirst
	bfs.Walk(g, simple.Node(ref.root()), func(n gonumgraph.Node, _ int) bool {
		if id := n.ID(); id != ref.root() && ref.customer[ref.ids[id]] {
			reached[ref.ids[id]] = true
		}
		return false
	})
	return reached
}

// lostCustomers returns, sorted, the customers in before that are not in
// after, leaving out skip.
func lostCustomers(before, after map[string]bool, skip string) []string {
	lost := []string{}
	for id := range before {
		if !after[id] && id != skip {
			lost = append(lost, id)
		}
	}
	sort.Strings(lost)
	return lost
}

// checkMinCuts checks that the MinCut of every key stakeholder has
// Threads people, never the stakeholder, and that removing them leaves the
// stakeholder without a path from R.
func checkMinCuts(t *testing.T, ag *graph.AccountGraph, threshold float64, stakeholders []analytics.KeyStakeholder) {
	t.Helper()
	ref := newReferenceGraph(ag, threshold)
	for _, s := range stakeholders {
		if len(s.MinCut) != s.Threads {
			t.Errorf("MinCut of %s = %v, has %d people, want Threads = %d", s.PersonID, s.MinCut, len(s.MinCut), s.Threads)
			continue
		}
		if s.MinCut == nil {
			t.Errorf("MinCut of %s is nil, want a slice", s.PersonID)
		}
		removed := map[string]bool{}
		for _, id := range s.MinCut {
			removed[id] = true
		}
		if removed[s.PersonID] {
			t.Errorf("MinCut of %s = %v contains the stakeholder", s.PersonID, s.MinCut)
		}
		if ref.reachedCustomers(ref.withRoot(removed, nil))[s.PersonID] {
			t.Errorf("MinCut of %s = %v leaves the stakeholder reached", s.PersonID, s.MinCut)
		}
	}
}

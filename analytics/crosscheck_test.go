package analytics_test

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// randomAccountGraph returns an account graph of about n people with
// random relationships, some of them below 0.25, and some departed people.
func randomAccountGraph(r *splitMix, n int) *graph.AccountGraph {
	var people []graph.Person
	vendors := 1 + r.intn(max(1, n/3))
	for i := range n {
		id := fmt.Sprintf("p%02d", i)
		p := customerPerson(id, pick(r, graph.Seniorities), "")
		if i < vendors {
			p = vendorPerson(id, "")
		} else if r.chance(0.2) {
			p.Role = graph.RoleChampion
		}
		if r.chance(0.1) {
			p = departed(p)
		}
		people = append(people, p)
	}
	density := 0.08 + 0.3*float64(r.intn(100))/100
	strengths := []float64{0.1, 0.25, 0.5, 0.5, 1, 1, 0.75, 0.3}
	var rels []graph.Relationship
	for i := range n {
		for j := i + 1; j < n; j++ {
			if r.chance(density) {
				rels = append(rels, rel(people[i].ID, people[j].ID, pick(r, strengths)))
			}
		}
	}
	return newAccountGraph(people, rels...)
}

// crossCheckGraphs returns the random graphs of the gonum cross-checks.
func crossCheckGraphs() []*graph.AccountGraph {
	r := &splitMix{state: 20240601}
	var graphs []*graph.AccountGraph
	for i := range 150 {
		graphs = append(graphs, randomAccountGraph(r, 4+i%22))
	}
	return graphs
}

func TestCutPointsMatchNodeRemoval(t *testing.T) {
	for i, ag := range crossCheckGraphs() {
		g, err := analytics.NewNetwork(ag, 0.25)
		if err != nil {
			t.Fatalf("graph %d: NewNetwork: %v", i, err)
		}
		ref := newReferenceGraph(ag, 0.25)
		reached := ref.reachedCustomers(ref.withRoot(nil, nil))

		wantUnreached := lostCustomers(ref.customer, reached, "")
		if got := g.Unreached(); !reflect.DeepEqual(got, wantUnreached) {
			t.Errorf("graph %d: Unreached = %v, want %v", i, got, wantUnreached)
		}

		wantPoints := []analytics.SinglePoint{}
		for _, id := range ref.ids {
			lost := lostCustomers(reached, ref.reachedCustomers(ref.withRoot(map[string]bool{id: true}, nil)), id)
			if len(lost) > 0 {
				side := graph.SideCustomer
				if ref.vendor[id] {
					side = graph.SideVendor
				}
				wantPoints = append(wantPoints, singlePoint(id, side, lost...))
			}
		}
		wantBridges := []analytics.Bridge{}
		for _, e := range ref.edges {
			lost := lostCustomers(reached, ref.reachedCustomers(ref.withRoot(nil, &e)), "")
			if len(lost) > 0 {
				wantBridges = append(wantBridges, bridge(min(e.a, e.b), max(e.a, e.b), lost...))
			}
		}

		points, bridges := g.CutPoints()
		if !reflect.DeepEqual(points, wantPoints) {
			t.Errorf("graph %d: single points = %+v, want %+v", i, points, wantPoints)
		}
		if !reflect.DeepEqual(bridges, wantBridges) {
			t.Errorf("graph %d: bridges = %+v, want %+v", i, bridges, wantBridges)
		}
	}
}

func TestThreadsMatchGonumMaxFlow(t *testing.T) {
	for i, ag := range crossCheckGraphs() {
		g, err := analytics.NewNetwork(ag, 0.25)
		if err != nil {
			t.Fatalf("graph %d: NewNetwork: %v", i, err)
		}
		threads, err := g.Threads(context.Background())
		if err != nil {
			t.Fatalf("graph %d: Threads: %v", i, err)
		}
		ref := newReferenceGraph(ag, 0.25)
		if len(threads) != len(ref.customer) {
			t.Errorf("graph %d: Threads has %d customers, want %d", i, len(threads), len(ref.customer))
		}
		split := ref.splitNetwork()
		source := simple.Node(2*ref.root() + 1)
		for id := range ref.customer {
			want := int(math.Round(network.MaxFlowDinic(split, source, simple.Node(2*ref.index[id]), -1)))
			if threads[id] != want {
				t.Errorf("graph %d: Threads[%s] = %d, want %d", i, id, threads[id], want)
			}
			cut, err := g.MinCut(id)
			if err != nil {
				t.Fatalf("graph %d: MinCut(%s): %v", i, id, err)
			}
			checkMinCuts(t, ag, 0.25, []analytics.KeyStakeholder{{PersonID: id, Threads: want, MinCut: cut}})
		}
	}
}

// splitNetwork returns the vertex-split flow network of G(A)+R: node u
// becomes 2u (in) and 2u+1 (out), joined by an arc of capacity 1, and each
// edge {u, w} becomes the arcs out(u)→in(w) and out(w)→in(u) of a capacity
// larger than any flow. R's own arc is equally large.
func (ref *referenceGraph) splitNetwork() *simple.WeightedDirectedGraph {
	large := float64(len(ref.ids) + 2)
	g := simple.NewWeightedDirectedGraph(0, 0)
	arc := func(from, to int64, capacity float64) {
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(from), simple.Node(to), capacity))
	}
	for u := int64(0); u <= ref.root(); u++ {
		capacity := 1.0
		if u == ref.root() {
			capacity = large
		}
		arc(2*u, 2*u+1, capacity)
	}
	undirected := ref.withRoot(nil, nil)
	edges := undirected.Edges()
	for edges.Next() {
		e := edges.Edge()
		u, w := e.From().ID(), e.To().ID()
		arc(2*u+1, 2*w, large)
		arc(2*w+1, 2*u, large)
	}
	return g
}

func TestBetweennessMatchesGonum(t *testing.T) {
	for i, ag := range crossCheckGraphs() {
		g, err := analytics.NewNetwork(ag, 0.25)
		if err != nil {
			t.Fatalf("graph %d: NewNetwork: %v", i, err)
		}
		got, err := g.Betweenness(context.Background())
		if err != nil {
			t.Fatalf("graph %d: Betweenness: %v", i, err)
		}

		ref := newReferenceGraph(ag, 0.25)
		weighted := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
		for i := range ref.ids {
			weighted.AddNode(simple.Node(i))
		}
		for _, e := range ref.edges {
			weighted.SetWeightedEdge(weighted.NewWeightedEdge(simple.Node(ref.index[e.a]),
				simple.Node(ref.index[e.b]), float64(analytics.EdgeLength(e.strength))))
		}
		// gonum counts every unordered pair twice on an undirected graph.
		raw := network.BetweennessWeighted(weighted, path.DijkstraAllPaths(weighted))
		n := float64(len(ref.ids))
		want := map[string]float64{}
		for i, id := range ref.ids {
			want[id] = 0
			if n > 2 {
				want[id] = raw[int64(i)] / ((n - 1) * (n - 2))
			}
		}
		t.Run(fmt.Sprintf("graph %d", i), func(t *testing.T) { checkBetweenness(t, got, want) })
	}
}

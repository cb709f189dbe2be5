package analytics_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// gonumBetweenness returns the normalised betweenness of G(A) at threshold
// computed by gonum from all shortest paths.
func gonumBetweenness(ag *graph.AccountGraph, threshold float64) map[string]float64 {
	ref := newReferenceGraph(ag, threshold)
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
	return want
}

// TestBetweennessLongEdgesMatchGonum covers the general form of the block
// graphs: strengths down to 0.0001 give edge lengths beyond 32 bits and
// length ratios beyond the bucket ring.
func TestBetweennessLongEdgesMatchGonum(t *testing.T) {
	r := &splitMix{state: 77}
	strengths := []float64{0.0001, 0.0003, 0.01, 0.5, 1}
	for i := range 60 {
		ag := randomAccountGraph(r, 5+i%15)
		for j := range ag.Relationships {
			ag.Relationships[j].Strength = pick(r, strengths)
		}
		g, err := analytics.NewNetwork(ag, 0.0001)
		if err != nil {
			t.Fatalf("graph %d: NewNetwork: %v", i, err)
		}
		got, err := g.Betweenness(context.Background())
		if err != nil {
			t.Fatalf("graph %d: Betweenness: %v", i, err)
		}
		t.Run(fmt.Sprintf("graph %d", i), func(t *testing.T) {
			checkBetweenness(t, got, gonumBetweenness(ag, 0.0001))
		})
	}
}

// TestBetweennessGeneratedMatchesGonum compares the block decomposition
// with gonum on a generated account, whose hundreds of one-contact people,
// gateways and satellite teams give many blocks and articulation points.
func TestBetweennessGeneratedMatchesGonum(t *testing.T) {
	ag := generatedAccount(t, "S")
	g, err := analytics.NewNetwork(ag, analytics.DefaultThreshold)
	if err != nil {
		t.Fatalf("NewNetwork: %v", err)
	}
	got, err := g.Betweenness(context.Background())
	if err != nil {
		t.Fatalf("Betweenness: %v", err)
	}
	checkBetweenness(t, got, gonumBetweenness(ag, analytics.DefaultThreshold))
}

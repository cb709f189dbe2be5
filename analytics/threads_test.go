package analytics_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// smallThreadGraphs returns random account graphs of at most 13 people,
// small enough to enumerate every set of people as a candidate cut.
func smallThreadGraphs() []*graph.AccountGraph {
	r := &splitMix{state: 20261204}
	var graphs []*graph.AccountGraph
	for i := range 400 {
		graphs = append(graphs, randomAccountGraph(r, 4+i%10))
	}
	return graphs
}

// reachedAvoiding returns the people that a search from R reaches in
// G(A)+R without the people in removed.
func reachedAvoiding(ref *referenceGraph, removed []string) map[string]bool {
	skip := map[string]bool{}
	for _, id := range removed {
		skip[id] = true
	}
	reached := map[string]bool{}
	g := ref.withRoot(skip, nil)
	stack := []int64{ref.root()}
	seen := map[int64]bool{ref.root(): true}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		neighbours := g.From(u)
		for neighbours.Next() {
			v := neighbours.Node().ID()
			if !seen[v] {
				seen[v] = true
				reached[ref.ids[v]] = true
				stack = append(stack, v)
			}
		}
	}
	return reached
}

// separatingSets returns every set of size people, k excluded, whose loss
// leaves k unreached, each with the people that R still reaches.
func separatingSets(ref *referenceGraph, k string, size int) (cuts [][]string, sides []map[string]bool) {
	var others []string
	for _, id := range ref.ids {
		if id != k {
			others = append(others, id)
		}
	}
	var choose func(from int, chosen []string)
	choose = func(from int, chosen []string) {
		if len(chosen) == size {
			if reached := reachedAvoiding(ref, chosen); !reached[k] {
				cuts = append(cuts, slices.Clone(chosen))
				sides = append(sides, reached)
			}
			return
		}
		for i := from; i < len(others); i++ {
			choose(i+1, append(chosen, others[i]))
		}
	}
	choose(0, nil)
	return cuts, sides
}

// TestThreadsMatchEnumeratedCuts checks Threads and MinCut against every
// set of people on small random graphs. No set smaller than the threads
// cuts the customer off, and MinCut does. Among all minimum cuts, MinCut
// leaves R a subset of what any other leaves, so it is the cut closest to
// R.
func TestThreadsMatchEnumeratedCuts(t *testing.T) {
	for i, ag := range smallThreadGraphs() {
		g, err := analytics.NewNetwork(ag, 0.25)
		if err != nil {
			t.Fatalf("graph %d: NewNetwork: %v", i, err)
		}
		threads, err := g.Threads(context.Background())
		if err != nil {
			t.Fatalf("graph %d: Threads: %v", i, err)
		}
		ref := newReferenceGraph(ag, 0.25)
		for id := range ref.customer {
			t.Run(fmt.Sprintf("graph %d %s", i, id), func(t *testing.T) {
				checkThreadsByEnumeration(t, g, ref, id, threads[id])
			})
		}
	}
}

func checkThreadsByEnumeration(t *testing.T, g *analytics.Network, ref *referenceGraph, id string, threads int) {
	t.Helper()
	if !reachedAvoiding(ref, nil)[id] {
		if threads != 0 {
			t.Errorf("Threads = %d for an unreached customer, want 0", threads)
		}
		return
	}
	for size := range threads {
		if cuts, _ := separatingSets(ref, id, size); len(cuts) > 0 {
			t.Fatalf("Threads = %d, but the %d people %v cut the customer off", threads, size, cuts[0])
		}
	}
	cuts, sides := separatingSets(ref, id, threads)
	if len(cuts) == 0 {
		t.Fatalf("Threads = %d, but no set of %d people cuts the customer off", threads, threads)
	}

	cut, err := g.MinCut(id)
	if err != nil {
		t.Fatalf("MinCut: %v", err)
	}
	ours := reachedAvoiding(ref, cut)
	if ours[id] {
		t.Fatalf("MinCut = %v leaves the customer reached", cut)
	}
	for j, side := range sides {
		for person := range ours {
			if !side[person] {
				t.Errorf("MinCut = %v keeps %s on R's side, but the minimum cut %v does not, so MinCut is not closest to R",
					cut, person, cuts[j])
			}
		}
	}
}

// TestThreadsOnGeneratedAccount checks Threads against MinCut on a
// generated account with several hundred customers: every customer's
// minimum cut has as many people as its threads and cuts it off.
func TestThreadsOnGeneratedAccount(t *testing.T) {
	ag := generatedAccount(t, "S")
	g, err := analytics.NewNetwork(ag, analytics.DefaultThreshold)
	if err != nil {
		t.Fatalf("NewNetwork: %v", err)
	}
	threads, err := g.Threads(context.Background())
	if err != nil {
		t.Fatalf("Threads: %v", err)
	}
	var stakeholders []analytics.KeyStakeholder
	for id, count := range threads {
		cut, err := g.MinCut(id)
		if err != nil {
			t.Fatalf("MinCut(%s): %v", id, err)
		}
		stakeholders = append(stakeholders, analytics.KeyStakeholder{PersonID: id, Threads: count, MinCut: cut})
	}
	checkMinCuts(t, ag, analytics.DefaultThreshold, stakeholders)
}

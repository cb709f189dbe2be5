package analytics

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
)

// randomNetwork returns a Network of n people, the first vendors of them
// vendors, with each pair related at the given density. Sparse graphs
// have many articulation points and blocks.
func randomNetwork(t *testing.T, r *rand.Rand, n, vendors int, density float64) *Network {
	t.Helper()
	ag := &graph.AccountGraph{Account: graph.Account{ID: "A"}}
	for i := range n {
		p := graph.Person{ID: fmt.Sprintf("p%02d", i), Name: "x", Side: graph.SideCustomer, AccountID: "A",
			Status: graph.StatusActive}
		if i < vendors {
			p.Side, p.AccountID = graph.SideVendor, ""
		}
		ag.People = append(ag.People, p)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if r.Float64() < density {
				ag.Relationships = append(ag.Relationships,
					graph.Relationship{PersonA: ag.People[i].ID, PersonB: ag.People[j].ID, Strength: 1})
			}
		}
	}
	g, err := NewNetwork(ag, 0.25)
	if err != nil {
		t.Fatalf("NewNetwork: %v", err)
	}
	return g
}

// componentsWithout returns the component number of every node of G(A),
// R left out, when the nodes in removed are gone, -1 for removed nodes.
func componentsWithout(g *Network, removed map[int32]bool) []int {
	comp := make([]int, g.Len())
	for i := range comp {
		comp[i] = -1
	}
	next := 0
	for s := range int32(g.Len()) {
		if comp[s] >= 0 || removed[s] {
			continue
		}
		comp[s] = next
		stack := []int32{s}
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for slot := g.start[u]; slot < g.personEnd(u); slot++ {
				if v := g.nbr[slot]; comp[v] < 0 && !removed[v] {
					comp[v] = next
					stack = append(stack, v)
				}
			}
		}
		next++
	}
	return comp
}

func TestDecomposeMatchesNodeRemoval(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		g := randomNetwork(t, r, 3+trial%14, 2, 0.08+0.3*r.Float64())
		d := g.decompose(false)
		t.Run(fmt.Sprintf("graph %d", trial), func(t *testing.T) {
			checkBlocksCoverEdges(t, g, d)
			checkReach(t, g, d)
			checkCutPairs(t, g, d)
		})
	}
}

// checkBlocksCoverEdges checks that every edge lies in exactly one block
// and that no block falls apart without one of its nodes.
func checkBlocksCoverEdges(t *testing.T, g *Network, d *blockDecomposition) {
	t.Helper()
	owners := map[[2]int32]int{}
	for b := range d.blockCount() {
		nodes := d.block(b)
		in := map[int32]bool{}
		for _, u := range nodes {
			in[u] = true
		}
		for _, u := range nodes {
			for slot := g.start[u]; slot < g.personEnd(u); slot++ {
				if v := g.nbr[slot]; u < v && in[v] {
					owners[[2]int32{u, v}]++
				}
			}
		}
		for _, u := range nodes {
			if len(nodes) <= 2 {
				break
			}
			removed := map[int32]bool{u: true}
			comp := componentsWithout(g, removed)
			first := -2
			for _, v := range nodes {
				if v == u {
					continue
				}
				if first == -2 {
					first = comp[v]
				}
				if comp[v] != first {
					t.Errorf("block %v falls apart without node %d", nodes, u)
				}
			}
		}
	}
	for u := range int32(g.Len()) {
		for slot := g.start[u]; slot < g.personEnd(u); slot++ {
			if v := g.nbr[slot]; u < v && owners[[2]int32{u, v}] != 1 {
				t.Errorf("edge %d-%d lies in %d blocks, want 1", u, v, owners[[2]int32{u, v}])
			}
		}
	}
}

// checkReach checks every reach weight: the nodes that node v of block B
// still reaches once the other nodes of B are gone, v included.
func checkReach(t *testing.T, g *Network, d *blockDecomposition) {
	t.Helper()
	for b := range d.blockCount() {
		nodes := d.block(b)
		for i, v := range nodes {
			removed := map[int32]bool{}
			for _, u := range nodes {
				if u != v {
					removed[u] = true
				}
			}
			comp := componentsWithout(g, removed)
			want := 0
			for _, c := range comp {
				if c == comp[v] {
					want++
				}
			}
			if got := d.reach[int(d.start[b])+i]; got != float64(want) {
				t.Errorf("reach of node %d in block %v = %v, want %d", v, nodes, got, want)
			}
		}
	}
}

// checkCutPairs checks that cutPairs[v] counts the ordered pairs that v's
// removal disconnects.
func checkCutPairs(t *testing.T, g *Network, d *blockDecomposition) {
	t.Helper()
	before := componentsWithout(g, nil)
	for v := range int32(g.Len()) {
		after := componentsWithout(g, map[int32]bool{v: true})
		want := 0
		for s := range after {
			for u := range after {
				if s != u && int32(s) != v && int32(u) != v && before[s] == before[u] && after[s] != after[u] {
					want++
				}
			}
		}
		if got := d.cutPairs[v]; got != float64(want) {
			t.Errorf("cutPairs[%d] = %v, want %d", v, got, want)
		}
	}
}

func TestRootBlocksSeparateSinglyThreaded(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		g := randomNetwork(t, r, 4+trial%12, 1+trial%3, 0.1+0.3*r.Float64())
		rb := g.rootBlocks()
		for k := range int32(g.Len()) {
			if !g.isCustomer(k) || !rb.reached[k] {
				continue
			}
			cut := false
			for v := range int32(g.Len()) {
				if v == k {
					continue
				}
				if !reachesWithout(g, k, v) {
					cut = true
				}
			}
			if inBlock := rb.block[k] >= 0; inBlock == cut {
				t.Errorf("graph %d: customer %d shares a block with R: %v, but an articulation point cuts it off: %v",
					trial, k, inBlock, cut)
			}
		}
	}
}

// reachesWithout reports whether R reaches node k in G(A)+R without v.
func reachesWithout(g *Network, k, v int32) bool {
	seen := map[int32]bool{g.root(): true, v: true}
	stack := []int32{g.root()}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for slot := g.start[u]; slot < g.start[u+1]; slot++ {
			if w := g.nbr[slot]; !seen[w] {
				seen[w] = true
				stack = append(stack, w)
			}
		}
	}
	return seen[k] && k != v
}

func TestBucketRing(t *testing.T) {
	tests := []struct {
		minLength, maxLength int64
		shift                uint
		buckets              int64
		ok                   bool
	}{
		{1_000_000, 4_000_000, 19, 16, true},      // strengths from 0.25 to 1
		{1_000_000, 1_000_000, 19, 4, true},       // all strengths equal
		{1, 1, 0, 4, true},                        // lengths of 1 only
		{1_000_000, 100_000_000_000, 0, 0, false}, // strengths down to 0.00001
	}
	for _, tc := range tests {
		shift, mask, ok := bucketRing(tc.minLength, tc.maxLength)
		if ok != tc.ok || (ok && (shift != tc.shift || mask+1 != tc.buckets)) {
			t.Errorf("bucketRing(%d, %d) = %d, %d buckets, %v, want %d, %d, %v", tc.minLength, tc.maxLength,
				shift, mask+1, ok, tc.shift, tc.buckets, tc.ok)
		}
		if !ok {
			continue
		}
		if width := int64(1) << shift; width > tc.minLength || (tc.maxLength>>shift)+2 > mask+1 {
			t.Errorf("bucketRing(%d, %d): width %d or ring %d too small", tc.minLength, tc.maxLength, width, mask+1)
		}
	}
}

// TestBucketAndHeapPathsAgree runs both forms of every block graph on
// random graphs with mixed lengths and compares the dependencies of every
// source.
func TestBucketAndHeapPathsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	strengths := []float64{0.25, 0.3, 0.5, 0.75, 1}
	for trial := range 100 {
		g := randomNetwork(t, r, 6+trial%20, 2, 0.3)
		for slot := range g.length {
			if g.length[slot] > 0 && slot < int(g.mirror[slot]) {
				length := EdgeLength(strengths[r.IntN(len(strengths))])
				g.length[slot], g.length[g.mirror[slot]] = length, length
			}
		}
		all := make([]int32, g.Len())
		for v := range all {
			all[v] = int32(v)
		}
		fast := newBlockBuilder(g).build(all, nil)
		if fast.arcs == nil {
			t.Fatalf("graph %d: build chose the general form for strengths from 0.25 to 1", trial)
		}
		general := *fast
		general.arcs, general.wide = nil, unpack(fast.arcs)
		w := newBrandesWorker(g.Len())
		for s := range int32(g.Len()) {
			fastSums := make([]float64, g.Len())
			generalSums := make([]float64, g.Len())
			w.accumulate(fast, s, fastSums)
			w.accumulate(&general, s, generalSums)
			for v := range fastSums {
				if math.Abs(fastSums[v]-generalSums[v]) > 1e-9*max(1, generalSums[v]) {
					t.Fatalf("graph %d, source %d: bucket queue sums %v, heap sums %v", trial, s, fastSums, generalSums)
				}
			}
		}
	}
}

func unpack(arcs []packedArc) []wideArc {
	out := make([]wideArc, len(arcs))
	for i, a := range arcs {
		out[i] = wideArc{length: a.length(), to: a.to()}
	}
	return out
}

// TestBuildChoosesGeneralForm checks that lengths beyond 32 bits, or too
// varied for the bucket ring, get the general form.
func TestBuildChoosesGeneralForm(t *testing.T) {
	tests := []struct {
		name      string
		strengths []float64
		threshold float64
	}{
		{"lengths beyond 32 bits", []float64{0.0001, 0.0002}, 0.0001},
		{"lengths varied beyond the ring", []float64{0.0003, 1}, 0.0003},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ag := &graph.AccountGraph{Account: graph.Account{ID: "A"}}
			for _, id := range []string{"a", "b", "c"} {
				ag.People = append(ag.People, graph.Person{ID: id, Name: id, Side: graph.SideCustomer,
					AccountID: "A", Status: graph.StatusActive})
			}
			ag.Relationships = []graph.Relationship{
				{PersonA: "a", PersonB: "b", Strength: tc.strengths[0]},
				{PersonA: "b", PersonB: "c", Strength: tc.strengths[1]},
				{PersonA: "a", PersonB: "c", Strength: tc.strengths[1]},
			}
			g, err := NewNetwork(ag, tc.threshold)
			if err != nil {
				t.Fatalf("NewNetwork: %v", err)
			}
			if bg := newBlockBuilder(g).build([]int32{0, 1, 2}, nil); bg.wide == nil || bg.arcs != nil {
				t.Error("build chose the fast form")
			}
		})
	}
}

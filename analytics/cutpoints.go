package analytics

import (
	"slices"
	"sort"
)

// CutPoints returns the single points of failure and the bridge
// relationships of G(A), both relative to R.
//
// A single point of failure is a node v of G(A), vendor or customer, whose
// removal leaves some reached customer people without a path from R. Its
// CutOff lists those people, v excluded. These are the articulation points
// of G(A)+R that separate R from a customer person. A bridge is an edge of
// G(A) whose removal leaves some reached customer people without a path
// from R. Edges between R and a vendor are never reported. Single points
// are sorted by person id, bridges by (PersonA, PersonB), and every CutOff
// by id.
//
// CutPoints runs one iterative depth-first search rooted at R and computes
// Hopcroft and Tarjan's low points, so it takes O(n + m) time besides the
// output, which may hold O(n²) ids when single points follow each other
// in series. Removing a non-root node v disconnects from R exactly the
// subtrees of the children c with low[c] >= disc[v], and removing the tree
// edge (v, c) disconnects the subtree of c when low[c] > disc[v].
//
// Source: J. Hopcroft and R. Tarjan, "Efficient algorithms for graph
// manipulation", Communications of the ACM 16(6):372–378, 1973.
func (g *Network) CutPoints() ([]SinglePoint, []Bridge) {
	sep := g.separate()

	singlePoints := []SinglePoint{}
	for v, cut := range sep.cutOff {
		if len(cut) == 0 {
			continue
		}
		singlePoints = append(singlePoints, SinglePoint{
			PersonID: g.people[v].ID,
			Side:     string(g.people[v].Side),
			CutOff:   g.ids(cut),
		})
	}

	bridges := make([]Bridge, 0, len(sep.bridges))
	for _, b := range sep.bridges {
		bridges = append(bridges, Bridge{
			PersonA: g.people[b.a].ID,
			PersonB: g.people[b.b].ID,
			CutOff:  g.ids(b.cutOff),
		})
	}
	return singlePoints, bridges
}

// separation is the result of the depth-first search from R.
type separation struct {
	reached []bool    // indexed by node, R included
	cutOff  [][]int32 // customers cut off by each node's removal, sorted
	bridges []bridgeEdge
	// singlyThreaded marks the customers in some node's cutOff. They have
	// exactly one thread.
	singlyThreaded []bool
}

// bridgeEdge is a bridge between nodes a < b.
type bridgeEdge struct {
	a, b   int32
	cutOff []int32 // sorted
}

// separate runs the depth-first search behind CutPoints and Threads.
func (g *Network) separate() separation {
	r := g.root()
	n := r + 1
	disc := make([]int32, n) // preorder number, -1 while unvisited
	low := make([]int32, n)
	parent := make([]int32, n)
	next := make([]int32, n) // next neighbour slot to scan
	order := make([]int32, 0, n)
	for i := range disc {
		disc[i] = -1
	}

	sep := separation{
		reached:        make([]bool, n),
		cutOff:         make([][]int32, r),
		singlyThreaded: make([]bool, r),
	}
	visit := func(u, from int32) {
		disc[u] = int32(len(order))
		low[u] = disc[u]
		parent[u] = from
		next[u] = g.start[u]
		order = append(order, u)
		sep.reached[u] = true
	}

	visit(r, -1)
	stack := []int32{r}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		if next[v] < g.start[v+1] {
			w := g.nbr[next[v]]
			next[v]++
			switch {
			case disc[w] < 0:
				visit(w, v)
				stack = append(stack, w)
			case w != parent[v]:
				low[v] = min(low[v], disc[w])
			}
			continue
		}

		stack = stack[:len(stack)-1]
		p := parent[v]
		if p < 0 {
			continue
		}
		low[p] = min(low[p], low[v])
		if p == r {
			continue
		}
		// The subtree of v is order[disc[v]:], because every node visited
		// after v so far descends from v.
		subtree := order[disc[v]:]
		if low[v] >= disc[p] {
			sep.cutOff[p] = g.appendCustomers(sep.cutOff[p], subtree)
		}
		if low[v] > disc[p] {
			a, b := min(p, v), max(p, v)
			cut := g.appendCustomers(nil, subtree)
			slices.Sort(cut)
			sep.bridges = append(sep.bridges, bridgeEdge{a: a, b: b, cutOff: cut})
		}
	}

	for _, cut := range sep.cutOff {
		slices.Sort(cut)
		for _, c := range cut {
			sep.singlyThreaded[c] = true
		}
	}
	sort.Slice(sep.bridges, func(i, j int) bool {
		bi, bj := sep.bridges[i], sep.bridges[j]
		if bi.a != bj.a {
			return bi.a < bj.a
		}
		return bi.b < bj.b
	})
	return sep
}

// appendCustomers appends the customer nodes among nodes to dst.
func (g *Network) appendCustomers(dst, nodes []int32) []int32 {
	for _, u := range nodes {
		if g.isCustomer(u) {
			dst = append(dst, u)
		}
	}
	return dst
}

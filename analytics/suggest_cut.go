package analytics

// exposureProfile is, for each customer node c, the change of the cut-off
// total that a new relationship between a vendor person v and c causes.
// The cut-off total is the summed size of the cut_off sets of all single
// points of failure.
//
// When c is reached, let dom(c) be the people whose loss cuts c off from R.
// With v–c added, such a person x still cuts off a customer y if and only
// if x = v, or y lies outside the part that x separates together with c.
// Since v is adjacent to R, v can only be the first member of dom(c) seen
// from R. So the total falls by
//
//	shrink[c] - (v == top[c] ? topShare[c] : 0)
//
// where shrink[c] sums, over x in dom(c), the customers that x separates
// together with c, and topShare[c] is that number for the first member.
//
// When c is unreached, its component U of unreached customers becomes
// reached through v alone. v then cuts off all of U, c cuts off the rest
// of U, and each cut vertex of U cuts off what it separates from c. The
// total rises by growth[c], and reach[c] = |U| people are reached.
type exposureProfile struct {
	shrink   []int
	top      []int32 // first member of dom(c), or -1
	topShare []int
	reach    []int // size of c's component when c is unreached, else 0
	growth   []int
}

// computeExposure returns the exposure profile of g. It runs one
// depth-first search from R and one per component of unreached
// customers, so it takes O(n + m) time.
//
// In the depth-first tree from R, a node x other than R separates the
// subtree of its child w from R exactly when low[w] >= disc[x]
// (Hopcroft and Tarjan), and that subtree is the part of G(A) - x that
// holds w. A vendor has R as a neighbour, so such a subtree holds
// customers only.
func computeExposure(g *Network) *exposureProfile {
	n := g.Len()
	// The slices have a slot for R, which keeps the zero values.
	p := &exposureProfile{
		shrink:   make([]int, n+1),
		top:      make([]int32, n+1),
		topShare: make([]int, n+1),
		reach:    make([]int, n+1),
		growth:   make([]int, n+1),
	}
	for i := range p.top {
		p.top[i] = -1
	}

	tree := newDFSTree(g)
	tree.search(g, g.root(), func(int32) bool { return true })
	for _, u := range tree.order[1:] { // parents come before children
		x := tree.parent[u]
		p.shrink[u], p.top[u], p.topShare[u] = p.shrink[x], p.top[x], p.topShare[x]
		if x == g.root() || tree.low[u] < tree.disc[x] {
			continue
		}
		p.shrink[u] += tree.size[u]
		if p.top[u] < 0 {
			p.top[u], p.topShare[u] = x, tree.size[u]
		}
	}

	reached := make([]bool, n+1)
	for _, u := range tree.order {
		reached[u] = true
	}
	for u := range int32(n) {
		if !reached[u] && p.reach[u] == 0 {
			p.profileComponent(g, tree, u, reached)
		}
	}
	return p
}

// profileComponent fills reach and growth for the unreached component of
// root. All of its nodes are customers, because every vendor is adjacent
// to R.
//
// For c in U with N = |U| nodes, growth[c] = N + (N-1) + inner(c), where
// inner(c) sums over the nodes x other than c the number of nodes, x
// excluded, outside the part of U - x that holds c. With a depth-first
// tree of U, x separates the subtree of each child w with
// low[w] >= disc[x]. Let base(x) be the size of those subtrees (0 for the
// tree root). When c lies in such a subtree of x, x contributes
// N-1-size(w), and otherwise base(x). Summing base over all x and
// correcting along the path from the tree root to c gives every inner(c)
// in linear time.
func (p *exposureProfile) profileComponent(g *Network, tree *dfsTree, root int32, reached []bool) {
	tree.search(g, root, func(u int32) bool { return !reached[u] })
	size := len(tree.order)

	// base and correction are keyed by node. The component is usually
	// small, so maps cost less than slices of every node.
	base := map[int32]int{}
	total := 0
	for _, u := range tree.order[1:] {
		x := tree.parent[u]
		if x != root && tree.low[u] >= tree.disc[x] {
			base[x] += tree.size[u]
			total += tree.size[u]
		}
	}

	correction := map[int32]int{root: 0}
	for _, u := range tree.order[1:] {
		x := tree.parent[u]
		correction[u] = correction[x]
		if tree.low[u] >= tree.disc[x] {
			correction[u] += size - 1 - tree.size[u] - base[x]
		}
	}
	for _, c := range tree.order {
		inner := total - base[c] + correction[c]
		p.reach[c] = size
		p.growth[c] = size + size - 1 + inner
	}
}

// dfsTree is a depth-first search tree over the nodes of G(A)+R. Its
// slices are indexed by node and valid for the nodes in order, and size
// counts the customers of each subtree. One dfsTree serves a series of
// searches.
type dfsTree struct {
	order  []int32 // preorder
	parent []int32
	disc   []int32 // -1 for nodes not visited
	low    []int32
	size   []int
	next   []int32 // next neighbour slot to scan
	stack  []int32
}

func newDFSTree(g *Network) *dfsTree {
	n := g.Len() + 1
	t := &dfsTree{
		parent: make([]int32, n),
		disc:   make([]int32, n),
		low:    make([]int32, n),
		size:   make([]int, n),
		next:   make([]int32, n),
	}
	for i := range t.disc {
		t.disc[i] = -1
	}
	return t
}

// search runs an iterative depth-first search of G(A)+R from root over
// the nodes that include admits, and records the tree with
// Hopcroft-Tarjan low points. It first resets the nodes of the previous
// search, so a tree serves a series of searches on disjoint node sets in
// time linear in their total size.
func (t *dfsTree) search(g *Network, root int32, include func(int32) bool) {
	for _, u := range t.order {
		t.disc[u] = -1
	}
	t.order = t.order[:0]
	visit := func(u, from int32) {
		t.disc[u] = int32(len(t.order))
		t.low[u] = t.disc[u]
		t.parent[u] = from
		t.size[u] = 0
		t.next[u] = g.start[u]
		t.order = append(t.order, u)
	}
	visit(root, -1)
	t.stack = append(t.stack[:0], root)
	for len(t.stack) > 0 {
		v := t.stack[len(t.stack)-1]
		if t.next[v] < g.start[v+1] {
			w := g.nbr[t.next[v]]
			t.next[v]++
			switch {
			case !include(w):
			case t.disc[w] < 0:
				visit(w, v)
				t.stack = append(t.stack, w)
			case w != t.parent[v]:
				t.low[v] = min(t.low[v], t.disc[w])
			}
			continue
		}
		t.stack = t.stack[:len(t.stack)-1]
		if g.isCustomer(v) {
			t.size[v]++
		}
		if x := t.parent[v]; x >= 0 {
			t.low[x] = min(t.low[x], t.low[v])
			t.size[x] += t.size[v]
		}
	}
}

package analytics

import (
	"math"
	"slices"
)

// pathWorker finds a maximum set of internally vertex-disjoint paths
// between a customer k and R, one augmenting path at a time, on the
// vertex-split network that MinCut describes. The network is implicit:
// its states are u_in = 2u and u_out = 2u+1, and the flow is stored as
// the path successor and predecessor of each node. With the paths
// directed from k to R:
//
//   - u_out reaches w_in for every neighbour w (unbounded arcs), and u_in
//     when u carries a path (the reverse of its vertex arc);
//   - u_in reaches u_out when u carries no path, and otherwise only the
//     out-copy of its predecessor (the reverse of the arc that carries
//     the path into u).
//
// augment searches depth-first from k_out and stops at the first vendor
// out-copy, because every vendor's arc to R_in is unbounded. cutNearRoot
// searches breadth-first from R_out once the paths are found.
type pathWorker struct {
	g  *Network
	rb *rootBlocks
	// next[u] and prev[u] are u's neighbours on its path from k to R, or
	// -1 when u carries no path. They are not kept for k and R.
	next, prev []int32
	touched    []int32  // nodes whose next or prev may differ from -1
	mark       []uint32 // state x was reached in search number mark[x]
	searchID   uint32
	parent     []int32 // state from which the search reached each state
	queue      []int32 // breadth-first queue or depth-first stack of states
	cursor     []int32 // next neighbour slot of each out-copy on the stack
}

func newPathWorker(g *Network, rb *rootBlocks) *pathWorker {
	nodes := int(g.root()) + 1
	w := &pathWorker{
		g:      g,
		rb:     rb,
		next:   make([]int32, nodes),
		prev:   make([]int32, nodes),
		mark:   make([]uint32, 2*nodes),
		parent: make([]int32, 2*nodes),
		queue:  make([]int32, 0, 2*nodes),
		cursor: make([]int32, nodes),
	}
	for u := range w.next {
		w.next[u] = -1
		w.prev[u] = -1
	}
	return w
}

func inState(u int32) int32  { return 2 * u }
func outState(u int32) int32 { return 2*u + 1 }

// maxPaths returns the threads of customer k and, when wantCut is set,
// the minimum vertex cut closest to R, sorted by index.
func (w *pathWorker) maxPaths(k int32, wantCut bool) (int, []int32) {
	rb := w.rb
	if !rb.reached[k] {
		return 0, []int32{}
	}
	block, bound := rb.block[k], 1
	if block >= 0 {
		bound = rb.bound(k)
	}

	flow := w.directPaths(k, bound)
	for flow < bound && w.augment(k, block) {
		flow++
	}
	var cut []int32
	if wantCut {
		cut = w.cutNearRoot(k, block)
	}
	for _, u := range w.touched {
		w.next[u] = -1
		w.prev[u] = -1
	}
	w.touched = w.touched[:0]
	return flow, cut
}

// directPaths lays the paths k→v→R through up to limit vendor neighbours v
// of k and returns their number. These paths share no node besides k and
// R. A vendor neighbour of k lies in the block that k shares with R, if
// any, because the edges k–v and v–R close a cycle with any path from R
// to k in that block.
func (w *pathWorker) directPaths(k int32, limit int) int {
	g := w.g
	flow := 0
	for s := g.start[k]; s < g.start[k+1] && flow < limit; s++ {
		if v := g.nbr[s]; g.vendor[v] {
			w.next[v], w.prev[v] = g.root(), k
			w.touched = append(w.touched, v)
			flow++
		}
	}
	return flow
}

// allowed reports whether a search confined to block may enter node u.
// A block of -1 confines nothing.
func (w *pathWorker) allowed(u int32, block int32) bool {
	return block < 0 || w.rb.block[u] == block
}

// startSearch begins a new search under a fresh search number, which
// unmarks every state, and queues the source state.
func (w *pathWorker) startSearch(source int32) {
	w.searchID++
	if w.searchID == 0 {
		clear(w.mark) // the counter wrapped around
		w.searchID = 1
	}
	w.queue = w.queue[:0]
	w.reach(source, -1)
}

// reach marks state x as reached from state from and queues it, unless it
// was reached before in this search.
func (w *pathWorker) reach(x, from int32) {
	if w.mark[x] == w.searchID {
		return
	}
	w.mark[x] = w.searchID
	w.parent[x] = from
	w.queue = append(w.queue, x)
}

func (w *pathWorker) reached(x int32) bool { return w.mark[x] == w.searchID }

// augment searches for one more path from k to R inside block and, when
// it finds one, reroutes the paths along it and returns true.
//
// The search is depth-first, and at each out-copy it first looks one step
// ahead for a neighbour that is a vendor without a path, which completes
// the path at once. In account graphs most customers then need only a few
// steps per path, where a breadth-first search would scan the whole
// neighbourhood up to the nearest free vendor. Any augmenting path keeps
// the count correct, so the order of the search does not matter for the
// result.
func (w *pathWorker) augment(k, block int32) bool {
	w.startSearch(outState(k))      // the queue is now the depth-first stack
	w.mark[inState(k)] = w.searchID // no path comes back into k
	w.cursor[k] = unopened

	for len(w.queue) > 0 {
		x := w.queue[len(w.queue)-1]
		u := x / 2
		if x == inState(u) {
			w.queue = w.queue[:len(w.queue)-1]
			if p := w.prev[u]; p >= 0 {
				w.enter(outState(p), x)
			} else {
				w.enter(outState(u), x)
			}
			continue
		}
		if w.cursor[u] == unopened {
			if done := w.openOut(k, u, block); done {
				return true
			}
		}
		if y, ok := w.nextNeighbour(u, block); ok {
			w.enter(y, x)
			continue
		}
		w.queue = w.queue[:len(w.queue)-1]
	}
	return false
}

// enter marks state x as reached from state from and pushes it on the
// depth-first stack, unless it was reached before in this search.
func (w *pathWorker) enter(x, from int32) {
	if w.mark[x] == w.searchID {
		return
	}
	w.mark[x] = w.searchID
	w.parent[x] = from
	w.queue = append(w.queue, x)
	if u := x / 2; x == outState(u) {
		w.cursor[u] = unopened
	}
}

// unopened is the cursor of an out-copy that openOut has not handled.
const unopened = math.MinInt32

// openOut handles the first visit of u_out in a search. It completes the
// path when u is a vendor or has a neighbour that is a free vendor.
// Otherwise it readies the scan of u's arcs, which starts with the arc
// back to u_in (cursor start[u]-1) when u carries a path.
func (w *pathWorker) openOut(k, u, block int32) bool {
	g := w.g
	r := g.root()
	x := outState(u)
	if g.vendor[u] {
		w.parent[inState(r)] = x
		w.reroute(k, r)
		return true
	}
	for s := g.start[u]; s < g.personEnd(u); s++ {
		v := g.nbr[s]
		if g.vendor[v] && w.prev[v] < 0 && w.allowed(v, block) && w.mark[inState(v)] != w.searchID {
			w.mark[inState(v)], w.mark[outState(v)] = w.searchID, w.searchID
			w.parent[inState(v)], w.parent[outState(v)], w.parent[inState(r)] = x, inState(v), outState(v)
			w.reroute(k, r)
			return true
		}
	}
	w.cursor[u] = g.start[u]
	if u != k && w.prev[u] >= 0 {
		w.cursor[u]--
	}
	return false
}

// nextNeighbour returns the next state after u_out that the search may
// enter and has not reached: u_in when the cursor is before u's slots,
// then the in-copies of u's neighbours in slot order.
func (w *pathWorker) nextNeighbour(u, block int32) (int32, bool) {
	g := w.g
	if w.cursor[u] < g.start[u] {
		w.cursor[u]++
		if y := inState(u); w.mark[y] != w.searchID {
			return y, true
		}
	}
	for end := g.personEnd(u); w.cursor[u] < end; {
		v := g.nbr[w.cursor[u]]
		w.cursor[u]++
		if y := inState(v); w.mark[y] != w.searchID && w.allowed(v, block) {
			return y, true
		}
	}
	return 0, false
}

// reroute applies the augmenting path that ends at R_in. Each step from
// u_out to w_in puts w after u, and each step from u_out back to u_in
// takes u off its path. A search reaches each state once, so each state
// occurs once on the path, each next and prev entry changes at most once,
// and the order of the steps does not matter.
func (w *pathWorker) reroute(k, r int32) {
	for x := inState(r); x != outState(k); {
		from := w.parent[x]
		u, v := from/2, x/2
		switch {
		case from == outState(u) && x == inState(u):
			w.next[u], w.prev[u] = -1, -1
		case from == outState(u):
			if u != k {
				w.next[u] = v
			}
			if v != r {
				w.prev[v] = u
			}
			w.touched = append(w.touched, u, v)
		}
		x = from
	}
}

// cutNearRoot returns the nodes whose in-copy, but not out-copy, the
// residual network reaches from R once the current paths are directed from
// R to k, sorted by index. In that direction a node's predecessor is its
// successor towards R, next, so the search below is augment's with next
// in place of prev, started at R_out and never expanding k_in.
func (w *pathWorker) cutNearRoot(k, block int32) []int32 {
	g := w.g
	r := g.root()
	w.startSearch(outState(r))
	w.mark[inState(r)] = w.searchID

	for head := 0; head < len(w.queue); head++ {
		x := w.queue[head]
		u := x / 2
		if x == inState(u) {
			switch p := w.next[u]; {
			case u == k:
			case p >= 0:
				w.reach(outState(p), x)
			default:
				w.reach(outState(u), x)
			}
			continue
		}
		if u != r && w.next[u] >= 0 {
			w.reach(inState(u), x)
		}
		for s := g.start[u]; s < g.start[u+1]; s++ {
			if v := g.nbr[s]; v != r && w.allowed(v, block) {
				w.reach(inState(v), x)
			}
		}
	}

	cut := []int32{}
	for _, x := range w.queue {
		if u := x / 2; x == inState(u) && u != k && u != r && !w.reached(outState(u)) {
			cut = append(cut, u)
		}
	}
	slices.Sort(cut)
	return cut
}

package analytics

import (
	"context"
	"fmt"
	"math/bits"
	"sort"

	"github.com/kamgraph/kamgraph/graph"
)

// splitNetwork is the vertex-split flow network of G(A)+R that suggestions
// use to count threads. Node u becomes u_in = 2u and u_out = 2u+1, joined
// by a vertex arc of capacity 1 (unbounded for R). Each edge {u, w} of
// G(A)+R becomes the arcs u_out→w_in and w_out→u_in of unbounded
// capacity. Every arc has a reverse arc of capacity 0 at its head.
//
// The arcs of u_in are its vertex arc, then one reverse arc per neighbour
// slot of u. The arcs of u_out are the reverse of the vertex arc, then one
// edge arc per neighbour slot of u, so neighbour slot s of u maps to the
// arc at offset 1+s-start[u] in both lists.
type splitNetwork struct {
	g        *Network
	first    []int32 // arcs of split node x are first[x]:first[x+1]
	head     []int32
	reverse  []int32
	capacity []int32
}

func newSplitNetwork(g *Network) *splitNetwork {
	r := g.root()
	f := &splitNetwork{g: g, first: make([]int32, 2*(r+1)+1)}
	for u := int32(0); u <= r; u++ {
		arcs := 1 + g.start[u+1] - g.start[u]
		f.first[2*u+1] = f.first[2*u] + arcs
		f.first[2*u+2] = f.first[2*u+1] + arcs
	}
	total := f.first[len(f.first)-1]
	f.head = make([]int32, total)
	f.reverse = make([]int32, total)
	f.capacity = make([]int32, total)

	// No flow exceeds the number of nodes, so a larger capacity is
	// unbounded.
	unbounded := r + 2
	for u := int32(0); u <= r; u++ {
		vertex, back := f.first[2*u], f.first[2*u+1]
		f.head[vertex], f.reverse[vertex], f.capacity[vertex] = 2*u+1, back, 1
		f.head[back], f.reverse[back] = 2*u, vertex
		if u == r {
			f.capacity[vertex] = unbounded
		}
		for s := g.start[u]; s < g.start[u+1]; s++ {
			w := g.nbr[s]
			out := f.edgeArc(u, s)
			in := f.first[2*w] + 1 + g.mirror[s] - g.start[w]
			f.head[out], f.reverse[out], f.capacity[out] = 2*w, in, unbounded
			f.head[in], f.reverse[in] = 2*u+1, out
		}
	}
	return f
}

// edgeArc returns the arc u_out→w_in of neighbour slot s of u.
func (f *splitNetwork) edgeArc(u, s int32) int32 {
	return f.first[2*u+1] + 1 + s - f.g.start[u]
}

// arcBetween returns the arc u_out→w_in, or -1 when u and w are not
// adjacent. Neighbour lists are sorted, so it takes O(log degree) time.
func (f *splitNetwork) arcBetween(u, w int32) int32 {
	g := f.g
	slots := g.nbr[g.start[u]:g.start[u+1]]
	i := sort.Search(len(slots), func(i int) bool { return slots[i] >= w })
	if i == len(slots) || slots[i] != w {
		return -1
	}
	return f.edgeArc(u, g.start[u]+int32(i))
}

// flowScratch is the working memory of the maximum flows of one
// goroutine.
type flowScratch struct {
	f        *splitNetwork
	residual []int32
	seen     []uint32 // forward search number that reached each split node
	seenBack []uint32 // backward search number that reached each split node
	search   uint32
	parent   []int32 // arc by which the forward search reached each split node
	queue    []int32
	touched  []int32 // arcs whose residual capacity differs from capacity
}

func newFlowScratch(f *splitNetwork) *flowScratch {
	n := len(f.first) - 1
	return &flowScratch{
		f:        f,
		residual: append([]int32(nil), f.capacity...),
		seen:     make([]uint32, n),
		seenBack: make([]uint32, n),
		parent:   make([]int32, n),
		queue:    make([]int32, 0, n),
	}
}

func (s *flowScratch) push(arc int32) {
	s.residual[arc]--
	s.residual[s.f.reverse[arc]]++
	s.touched = append(s.touched, arc)
}

// reset restores the residual capacities to the empty flow.
func (s *flowScratch) reset() {
	for _, arc := range s.touched {
		rev := s.f.reverse[arc]
		s.residual[arc], s.residual[rev] = s.f.capacity[arc], s.f.capacity[rev]
	}
	s.touched = s.touched[:0]
}

// nextSearch starts a new search number, clearing the marks when the
// counter wraps around.
func (s *flowScratch) nextSearch() {
	s.search++
	if s.search == 0 {
		clear(s.seen)
		clear(s.seenBack)
		s.search = 1
	}
}

// searchForward runs a breadth-first search from source over arcs with
// residual capacity and reports whether it reached sink. When it returns
// false, s.seen marks exactly the split nodes that the residual network
// reaches from source.
func (s *flowScratch) searchForward(source, sink int32) bool {
	f := s.f
	s.seen[source] = s.search
	s.queue = append(s.queue[:0], source)
	for head := 0; head < len(s.queue); head++ {
		x := s.queue[head]
		for arc := f.first[x]; arc < f.first[x+1]; arc++ {
			y := f.head[arc]
			if s.residual[arc] <= 0 || s.seen[y] == s.search {
				continue
			}
			s.seen[y] = s.search
			s.parent[y] = arc
			if y == sink {
				return true
			}
			s.queue = append(s.queue, y)
		}
	}
	return false
}

// searchBackward marks in s.seenBack every split node from which the
// residual network reaches sink.
func (s *flowScratch) searchBackward(sink int32) {
	f := s.f
	s.seenBack[sink] = s.search
	s.queue = append(s.queue[:0], sink)
	for head := 0; head < len(s.queue); head++ {
		x := s.queue[head]
		for in := f.first[x]; in < f.first[x+1]; in++ {
			y, arc := f.head[in], f.reverse[in] // arc runs from y to x
			if s.residual[arc] <= 0 || s.seenBack[y] == s.search {
				continue
			}
			s.seenBack[y] = s.search
			s.queue = append(s.queue, y)
		}
	}
}

// augment pushes one unit along the path of the latest successful forward
// search.
func (s *flowScratch) augment(source, sink int32) {
	for x := sink; x != source; {
		arc := s.parent[x]
		s.push(arc)
		x = s.f.head[s.f.reverse[arc]]
	}
}

// install pushes the flow of vertex-disjoint paths, each a list of nodes
// from a vendor node to k.
func (s *flowScratch) install(paths [][]int32) {
	f, g := s.f, s.f.g
	r := g.root()
	for _, path := range paths {
		s.push(f.arcBetween(r, path[0]))
		for i, u := range path[:len(path)-1] {
			s.push(f.first[2*u])
			s.push(f.arcBetween(u, path[i+1]))
		}
	}
}

// extractPaths returns the flow from R to k as vertex-disjoint paths from
// a vendor node to k, ordered by their vendor. Flow on cycles that do not
// meet R is dropped, which keeps the flow value.
func (s *flowScratch) extractPaths(k int32) [][]int32 {
	f, g := s.f, s.f.g
	r := g.root()
	var paths [][]int32
	for slot := g.start[r]; slot < g.start[r+1]; slot++ {
		arc := f.edgeArc(r, slot)
		if f.capacity[arc]-s.residual[arc] <= 0 {
			continue
		}
		path := []int32{g.nbr[slot]}
		for u := path[0]; u != k; {
			u = s.flowSuccessor(u)
			path = append(path, u)
		}
		paths = append(paths, path)
	}
	return paths
}

// flowSuccessor returns the node that receives the unit of flow leaving u.
func (s *flowScratch) flowSuccessor(u int32) int32 {
	f, g := s.f, s.f.g
	for slot := g.start[u]; slot < g.start[u+1]; slot++ {
		arc := f.edgeArc(u, slot)
		if f.capacity[arc]-s.residual[arc] > 0 {
			return g.nbr[slot]
		}
	}
	panic("analytics: flow enters a node and does not leave it")
}

// seedPaths returns vertex-disjoint paths R→v→k and R→v→w→k found
// greedily in neighbour order. They start the first maximum flow of k, so
// that breadth-first augmentation only finds the longer paths.
func seedPaths(g *Network, k int32) [][]int32 {
	used := map[int32]bool{}
	var paths [][]int32
	for slot := g.start[k]; slot < g.start[k+1]; slot++ {
		if v := g.nbr[slot]; g.vendor[v] {
			used[v] = true
			paths = append(paths, []int32{v, k})
		}
	}
	for slot := g.start[k]; slot < g.start[k+1]; slot++ {
		w := g.nbr[slot]
		if g.vendor[w] || used[w] {
			continue
		}
		for ws := g.start[w]; ws < g.personEnd(w); ws++ {
			if v := g.nbr[ws]; g.vendor[v] && !used[v] {
				used[v], used[w] = true, true
				paths = append(paths, []int32{v, w, k})
				break
			}
		}
	}
	return paths
}

// stakeholderFlows is the maximum flow from R to each key stakeholder of
// one account graph, with the residual reach that predicts what a new
// relationship changes.
//
// A new relationship v–c adds the arcs v_out→c_in and c_out→v_in. R_out
// always reaches v_in, because v is a vendor, so only the first arc can
// close an augmenting path. The threads of stakeholder k therefore rise,
// by exactly one, if and only if the residual network of a maximum flow to
// k reaches v_out from R_out and reaches k_in from c_in. For a vendor
// person outside G(A) the new node is unused, so the first condition
// holds. raisers and raisable store the two conditions as one bit per
// stakeholder.
type stakeholderFlows struct {
	nodes   []int32 // key stakeholder nodes in id order
	threads []int
	cuts    [][]int32   // minimum cut closest to R, sorted
	paths   [][][]int32 // vertex-disjoint paths of each maximum flow
	// forward[i] marks the split nodes that the residual network of flow i
	// reaches from R_out, and backward[i] those that reach the sink.
	forward, backward []bitset
	words             int // 64-bit words per mask
	// raisers[u*words:(u+1)*words] marks the stakeholders whose residual
	// network reaches u_out from R_out, for vendor nodes u.
	raisers []uint64
	// raisable[c*words:(c+1)*words] marks the stakeholders whose residual
	// network reaches their sink from c_in, for customer nodes c.
	raisable []uint64
}

// keyStakeholderNodes returns the key stakeholders of g in id order, with
// the rule of KeyStakeholders.
func keyStakeholderNodes(g *Network) []int32 {
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
	if len(byRole) > 0 {
		return byRole
	}
	return bySeniority
}

func newStakeholderFlows(g *Network, nodes []int32) *stakeholderFlows {
	words := (len(nodes) + 63) / 64
	return &stakeholderFlows{
		nodes:    nodes,
		threads:  make([]int, len(nodes)),
		cuts:     make([][]int32, len(nodes)),
		paths:    make([][][]int32, len(nodes)),
		forward:  make([]bitset, len(nodes)),
		backward: make([]bitset, len(nodes)),
		words:    words,
		raisers:  make([]uint64, (g.Len()+1)*words),
		raisable: make([]uint64, (g.Len()+1)*words),
	}
}

// computeStakeholderFlows returns the maximum flows to the key
// stakeholders of g, each started from seedPaths and grown with
// shortest augmenting paths. It returns an error wrapping ctx.Err() when
// ctx is cancelled.
func computeStakeholderFlows(ctx context.Context, g *Network) (*stakeholderFlows, error) {
	out := newStakeholderFlows(g, keyStakeholderNodes(g))
	if len(out.nodes) == 0 {
		return out, nil
	}
	scratch := newFlowScratch(newSplitNetwork(g))
	for i, k := range out.nodes {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("suggestions for account %q: %w", g.accountID, err)
		}
		out.solve(scratch, i, k, seedPaths(g, k))
	}
	return out, nil
}

// update returns the maximum flows of g, a graph that contains prevG and
// differs from it by the edges added and, when added is not -1, the new
// vendor node added. Both are given as node indices of g, with R as
// g.root().
//
// A maximum flow of prevG is still a flow of g, and adding arcs to a
// residual network only adds to what R_out reaches and to what reaches
// the sink. So update installs each previous flow and continues the
// searches from the new arcs alone. When the forward search reaches the
// sink, the flow is not maximum any more, and the stakeholder is solved
// anew from the previous flow. Either way every flow is a maximum flow of
// g and every mark is exact.
func (prev *stakeholderFlows) update(ctx context.Context, prevG, g *Network, edges [][2]int32, added int32) (*stakeholderFlows, error) {
	toNew := append(nodeMap(prevG, g), g.root())
	out := newStakeholderFlows(g, remapNodes(prev.nodes, toNew))
	if len(out.nodes) == 0 {
		return out, nil
	}
	f := newSplitNetwork(g)
	scratch := newFlowScratch(f)
	arcs := newArcs(f, edges, added)
	paths := remapPaths(prev.paths, toNew)
	for i, k := range out.nodes {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("suggestions for account %q: %w", g.accountID, err)
		}
		forward := prev.forward[i].remap(toNew, len(f.first)-1)
		backward := prev.backward[i].remap(toNew, len(f.first)-1)
		scratch.install(paths[i])
		if scratch.extend(forward, arcs, 2*k) {
			scratch.reset()
			out.solve(scratch, i, k, paths[i])
			continue
		}
		scratch.extendBackward(backward, arcs)
		out.threads[i], out.paths[i] = len(paths[i]), paths[i]
		out.record(g, i, k, forward, backward)
		scratch.reset()
	}
	return out, nil
}

// newArcs returns the arcs of g that prevG lacks: both directions of each
// added edge, and the vertex arc of the added node.
func newArcs(f *splitNetwork, edges [][2]int32, added int32) []int32 {
	var arcs []int32
	for _, e := range edges {
		arcs = append(arcs, f.arcBetween(e[0], e[1]), f.arcBetween(e[1], e[0]))
	}
	if added >= 0 {
		arcs = append(arcs, f.first[2*added])
	}
	return arcs
}

// extend grows forward, the split nodes that the residual network reached
// from R_out before arcs were added, to what it reaches now, and reports
// whether that includes sink.
func (s *flowScratch) extend(forward bitset, arcs []int32, sink int32) bool {
	f := s.f
	s.queue = s.queue[:0]
	for _, arc := range arcs {
		tail := f.head[f.reverse[arc]]
		if head := f.head[arc]; s.residual[arc] > 0 && forward.has(tail) && !forward.has(head) {
			forward.set(head)
			s.queue = append(s.queue, head)
		}
	}
	for i := 0; i < len(s.queue); i++ {
		x := s.queue[i]
		if x == sink {
			return true
		}
		for arc := f.first[x]; arc < f.first[x+1]; arc++ {
			if y := f.head[arc]; s.residual[arc] > 0 && !forward.has(y) {
				forward.set(y)
				s.queue = append(s.queue, y)
			}
		}
	}
	return false
}

// extendBackward grows backward, the split nodes that reached the sink in
// the residual network before arcs were added, to those that reach it now.
func (s *flowScratch) extendBackward(backward bitset, arcs []int32) {
	f := s.f
	s.queue = s.queue[:0]
	for _, arc := range arcs {
		tail := f.head[f.reverse[arc]]
		if head := f.head[arc]; s.residual[arc] > 0 && backward.has(head) && !backward.has(tail) {
			backward.set(tail)
			s.queue = append(s.queue, tail)
		}
	}
	for i := 0; i < len(s.queue); i++ {
		x := s.queue[i]
		for in := f.first[x]; in < f.first[x+1]; in++ {
			y, arc := f.head[in], f.reverse[in] // arc runs from y to x
			if s.residual[arc] > 0 && !backward.has(y) {
				backward.set(y)
				s.queue = append(s.queue, y)
			}
		}
	}
}

// solve runs the maximum flow of stakeholder number i, node k, from the
// paths start, and records its results.
func (out *stakeholderFlows) solve(s *flowScratch, i int, k int32, start [][]int32) {
	g := s.f.g
	r := g.root()
	source, sink := 2*r+1, 2*k
	s.install(start)
	flow := len(start)
	for {
		s.nextSearch()
		if !s.searchForward(source, sink) {
			break
		}
		s.augment(source, sink)
		flow++
	}
	s.searchBackward(sink)

	splitNodes := len(s.f.first) - 1
	forward, backward := newBitset(splitNodes), newBitset(splitNodes)
	for x := range int32(splitNodes) {
		if s.seen[x] == s.search {
			forward.set(x)
		}
		if s.seenBack[x] == s.search {
			backward.set(x)
		}
	}
	out.threads[i] = flow
	out.paths[i] = s.extractPaths(k)
	out.record(g, i, k, forward, backward)
	s.reset()
}

// record stores the residual reach of stakeholder number i, node k, and
// derives its minimum cut and mask bits.
func (out *stakeholderFlows) record(g *Network, i int, k int32, forward, backward bitset) {
	out.forward[i], out.backward[i] = forward, backward
	cut := []int32{}
	word, bit := i/64, uint64(1)<<(i%64)
	for u := range g.root() {
		in, outCopy := forward.has(2*u), forward.has(2*u+1)
		if u != k && in && !outCopy {
			cut = append(cut, u)
		}
		if g.vendor[u] && outCopy {
			out.raisers[int(u)*out.words+word] |= bit
		}
		if !g.vendor[u] && backward.has(2*u) {
			out.raisable[int(u)*out.words+word] |= bit
		}
	}
	out.cuts[i] = cut
}

// bitset is a set of small non-negative integers.
type bitset []uint64

func newBitset(n int) bitset      { return make(bitset, (n+63)/64) }
func (b bitset) has(x int32) bool { return b[x/64]&(1<<(x%64)) != 0 }
func (b bitset) set(x int32)      { b[x/64] |= 1 << (x % 64) }

// remap returns the set of split nodes of a new graph that b marks in the
// old one, where toNew maps each old node to its new index.
func (b bitset) remap(toNew []int32, splitNodes int) bitset {
	out := newBitset(splitNodes)
	for u, v := range toNew {
		if b.has(2 * int32(u)) {
			out.set(2 * v)
		}
		if b.has(2*int32(u) + 1) {
			out.set(2*v + 1)
		}
	}
	return out
}

func remapNodes(nodes []int32, toNew []int32) []int32 {
	out := make([]int32, len(nodes))
	for i, u := range nodes {
		out[i] = toNew[u]
	}
	return out
}

// raiserMask returns the mask of vendor node u.
func (out *stakeholderFlows) raiserMask(u int32) []uint64 {
	return out.raisers[int(u)*out.words : (int(u)+1)*out.words]
}

// raisableMask returns the mask of customer node c.
func (out *stakeholderFlows) raisableMask(c int32) []uint64 {
	return out.raisable[int(c)*out.words : (int(c)+1)*out.words]
}

// busFactor returns the minimum of the threads, or nil when there are no
// key stakeholders.
func (out *stakeholderFlows) busFactor() *int {
	if len(out.threads) == 0 {
		return nil
	}
	least := out.threads[0]
	for _, t := range out.threads[1:] {
		least = min(least, t)
	}
	return &least
}

// weakestMask returns the mask of the stakeholders whose threads equal the
// bus factor.
func (out *stakeholderFlows) weakestMask() []uint64 {
	mask := make([]uint64, out.words)
	bus := out.busFactor()
	for i, t := range out.threads {
		if bus != nil && t == *bus {
			mask[i/64] |= 1 << (i % 64)
		}
	}
	return mask
}

// remapPaths translates paths from the node indices of one graph to those
// of another through newIndex.
func remapPaths(paths [][][]int32, newIndex []int32) [][][]int32 {
	out := make([][][]int32, len(paths))
	for i, flow := range paths {
		out[i] = make([][]int32, len(flow))
		for j, path := range flow {
			mapped := make([]int32, len(path))
			for x, u := range path {
				mapped[x] = newIndex[u]
			}
			out[i][j] = mapped
		}
	}
	return out
}

func popcount(words []uint64) int {
	n := 0
	for _, w := range words {
		n += bits.OnesCount64(w)
	}
	return n
}

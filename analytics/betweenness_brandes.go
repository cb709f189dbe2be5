package analytics

import (
	"math"
	"math/bits"
)

// blockGraph is a subgraph of G(A), a block or the whole graph, in
// compressed sparse row form with local node indices. It holds its arcs in
// one of two forms. The fast form packs each arc into 8 bytes and runs
// Dijkstra's algorithm with a ring of bucket queues. The general form
// serves edge lengths of 2^32 or more (strengths below about 0.00023) or
// lengths too varied for the ring, and runs it with a binary heap.
type blockGraph struct {
	nodes []int32   // node of G(A) of each local node
	reach []float64 // weight of each local node as a source or target
	start []int32   // arcs of local node u are arcs[start[u]:start[u+1]], or wide[...]
	arcs  []packedArc
	wide  []wideArc // set instead of arcs for the general form
	// In the fast form, distance d falls in bucket d >> shift, and the
	// buckets live in a ring of mask+1 slots.
	shift uint
	mask  int64
}

// packedArc is an arc of the fast form: the edge length in the high 32
// bits and the local head node in the low 32 bits.
type packedArc uint64

func (a packedArc) to() int32     { return int32(uint32(a)) }
func (a packedArc) length() int64 { return int64(a >> 32) }

// wideArc is an arc of the general form.
type wideArc struct {
	length int64
	to     int32
}

func (bg *blockGraph) len() int { return len(bg.nodes) }

// maxBuckets bounds the ring of bucket queues. A ring of size k serves
// edge lengths whose ratio, max over min, is below about k/2; with the
// default threshold of 0.25 that ratio is at most 4.
const maxBuckets = 1 << 12

// blockBuilder builds block graphs from node lists. It reuses two arrays
// of G(A)'s size across blocks.
type blockBuilder struct {
	g     *Network
	local []int32 // local index of each node in the block being built
	owner []int32 // 1 + the number of the block that last claimed the node
	built int32
}

func newBlockBuilder(g *Network) *blockBuilder {
	return &blockBuilder{g: g, local: make([]int32, g.Len()), owner: make([]int32, g.Len())}
}

// build returns the subgraph of G(A) without R induced by nodes, with the
// given reach weights, or weight 1 everywhere when reach is nil. The
// induced subgraph of a block is the block itself.
func (b *blockBuilder) build(nodes []int32, reach []float64) *blockGraph {
	g := b.g
	b.built++
	for i, u := range nodes {
		b.local[u] = int32(i)
		b.owner[u] = b.built
	}
	if reach == nil {
		reach = make([]float64, len(nodes))
		for i := range reach {
			reach[i] = 1
		}
	}

	bg := &blockGraph{nodes: nodes, reach: reach, start: make([]int32, len(nodes)+1)}
	var wide []wideArc
	minLength, maxLength := int64(math.MaxInt64), int64(0)
	for i, u := range nodes {
		for s := g.start[u]; s < g.personEnd(u); s++ {
			if b.owner[g.nbr[s]] != b.built {
				continue
			}
			wide = append(wide, wideArc{length: g.length[s], to: b.local[g.nbr[s]]})
			minLength = min(minLength, g.length[s])
			maxLength = max(maxLength, g.length[s])
		}
		bg.start[i+1] = int32(len(wide))
	}

	shift, mask, ok := bucketRing(minLength, maxLength)
	if !ok || maxLength > math.MaxUint32 {
		bg.wide = wide
		return bg
	}
	bg.shift, bg.mask = shift, mask
	bg.arcs = make([]packedArc, len(wide))
	for i, a := range wide {
		bg.arcs[i] = packedArc(uint64(a.length)<<32 | uint64(uint32(a.to)))
	}
	return bg
}

// bucketRing returns the shift and ring mask of the bucket queue for edge
// lengths in [minLength, maxLength], and false when the ring would need
// more than maxBuckets slots. The bucket width 2^shift is at most
// minLength, so an edge always leads to a later bucket, and the ring
// covers the maxLength>>shift + 2 buckets that can hold queued nodes.
func bucketRing(minLength, maxLength int64) (uint, int64, bool) {
	if maxLength == 0 {
		return 0, 1, true // no edges
	}
	shift := uint(bits.Len64(uint64(minLength)) - 1)
	span := (maxLength >> shift) + 2
	if span > maxBuckets {
		return 0, 0, false
	}
	size := int64(1) << bits.Len64(uint64(span-1))
	return shift, size - 1, true
}

// unreachedDistance marks a node that the current search has not reached.
const unreachedDistance = math.MaxInt64

// brandesWorker is the scratch space of one goroutine's single-source
// passes, sized for the largest block graph.
type brandesWorker struct {
	nodes    []pathState
	log      []predecessor // the predecessor lists of the current source
	dist     []int64       // distance from the source of each node
	settled  []int32       // nodes in an order of non-decreasing distance
	buckets  [][]int32
	heap     distanceHeap
	sequence []int32 // 0, 1, 2, ...: the sources of a chunk without a list
}

// pathState is the state of one node in a single-source pass, besides its
// distance. The forward pass reads the distance of every neighbour it
// scans, so the distances have a smaller array of their own, more of
// which stays in cache. On a generated account of 12,000 people that cut
// the CPU time of Betweenness by a fifth. Keeping the other values
// together makes each update touch one cache line.
type pathState struct {
	sigma float64 // number of shortest paths from the source
	delta float64 // dependency of the source on the node
	pred  int32   // first entry of the node's predecessor list in the log, -1 for none
}

// predecessor is an entry of a predecessor list: a node that precedes
// another on a shortest path from the source, and the next entry.
type predecessor struct {
	node, next int32
}

func newBrandesWorker(size int) *brandesWorker {
	w := &brandesWorker{
		nodes:    make([]pathState, size),
		dist:     make([]int64, size),
		settled:  make([]int32, 0, size),
		buckets:  make([][]int32, maxBuckets),
		sequence: make([]int32, size),
	}
	for v := range w.nodes {
		w.nodes[v] = pathState{pred: -1}
		w.dist[v] = unreachedDistance
		w.sequence[v] = int32(v)
	}
	w.heap = newDistanceHeap(w.dist)
	return w
}

// sourceRange returns the local nodes [from, to).
func (w *brandesWorker) sourceRange(from, to int32) []int32 { return w.sequence[from:to] }

// accumulate adds reach(s)·δ_s(v) to acc[v] for every node v ≠ s of bg,
// where δ_s(v) = Σ_t reach(t)·σ_st(v)/σ_st over targets t ≠ s, v. It is
// Brandes' dependency accumulation with weighted targets: walking the
// nodes from the farthest, δ_s(v) = Σ σ_sv/σ_sx · (reach(x) + δ_s(x))
// over the nodes x whose shortest paths from s pass through v just before
// x. The forward pass records those predecessors, so the walk back does
// not scan every arc again.
func (w *brandesWorker) accumulate(bg *blockGraph, s int32, acc []float64) {
	if bg.wide != nil {
		w.heapPaths(bg, s)
	} else {
		w.bucketPaths(bg, s)
	}

	weight, nodes, log := bg.reach[s], w.nodes, w.log
	for i := len(w.settled) - 1; i > 0; i-- {
		x := w.settled[i]
		nx := &nodes[x]
		coefficient := (bg.reach[x] + nx.delta) / nx.sigma
		for e := nx.pred; e >= 0; e = log[e].next {
			nv := &nodes[log[e].node]
			nv.delta += nv.sigma * coefficient
		}
		acc[x] += weight * nx.delta
	}
	for _, x := range w.settled {
		nodes[x] = pathState{pred: -1}
		w.dist[x] = unreachedDistance
	}
	w.log = log[:0]
}

// addPredecessor puts v at the head of u's predecessor list, or makes it
// the only entry when first is set.
func (w *brandesWorker) addPredecessor(u, v int32, first bool) {
	next := w.nodes[u].pred
	if first {
		next = -1
	}
	w.nodes[u].pred = int32(len(w.log))
	w.log = append(w.log, predecessor{node: v, next: next})
}

// bucketPaths runs Dijkstra's algorithm from s with a ring of bucket
// queues, counts the shortest paths σ_sv to every reached node v and
// records v's predecessors on them. A predecessor list restarts whenever
// the node's distance drops, so it ends with the nodes u whose distance
// plus the edge length equals the node's, because each such u relaxed it
// once at the final distance. bucketPaths leaves the reached nodes in
// w.settled, in non-decreasing distance order across buckets.
//
// A bucket is never shorter than one edge, so the nodes of the lowest
// non-empty bucket have final distances and path counts: every
// predecessor of such a node lies in an earlier bucket. They are settled
// in any order, and the relaxations from them reach only later buckets.
// A node whose distance drops into another bucket is queued again, and
// its old entry is skipped because its distance no longer matches.
//
// Source: R. B. Dial, "Algorithm 360: shortest-path forest with
// topological ordering", Communications of the ACM 12(11):632–633, 1969,
// with buckets as wide as the shortest edge.
func (w *brandesWorker) bucketPaths(bg *blockGraph, s int32) {
	nodes, dist := w.nodes, w.dist
	shift, mask := bg.shift, bg.mask
	w.settled = w.settled[:0]
	dist[s] = 0
	nodes[s].sigma = 1
	w.buckets[0] = append(w.buckets[0], s)
	// entries counts the queued entries, stale ones included, so that the
	// ring is empty for the next source when the loop ends.
	entries := 1

	for current := int64(0); entries > 0; current++ {
		slot := current & mask
		list := w.buckets[slot]
		entries -= len(list)
		for _, v := range list {
			dv := dist[v]
			if dv>>shift != current {
				continue // queued again in an earlier bucket and settled there
			}
			w.settled = append(w.settled, v)
			sv := nodes[v].sigma
			for _, a := range bg.arcs[bg.start[v]:bg.start[v+1]] {
				u := a.to()
				switch d, du := dv+a.length(), dist[u]; {
				case d > du:
				case d == du:
					nodes[u].sigma += sv
					w.addPredecessor(u, v, false)
				default:
					dist[u] = d
					nodes[u].sigma = sv
					w.addPredecessor(u, v, true)
					if du == unreachedDistance || du>>shift != d>>shift {
						b := (d >> shift) & mask
						w.buckets[b] = append(w.buckets[b], u)
						entries++
					}
				}
			}
		}
		w.buckets[slot] = list[:0]
	}
}

// heapPaths does what bucketPaths does with a binary heap, over wide arcs.
func (w *brandesWorker) heapPaths(bg *blockGraph, s int32) {
	nodes, dist := w.nodes, w.dist
	w.settled = w.settled[:0]
	dist[s] = 0
	nodes[s].sigma = 1
	w.heap.push(s)
	for w.heap.len() > 0 {
		v := w.heap.pop()
		w.settled = append(w.settled, v)
		for _, a := range bg.wide[bg.start[v]:bg.start[v+1]] {
			u, d := a.to, dist[v]+a.length
			nu := &nodes[u]
			switch du := dist[u]; {
			case du == unreachedDistance:
				dist[u] = d
				nu.sigma = nodes[v].sigma
				w.addPredecessor(u, v, true)
				w.heap.push(u)
			case d < du:
				// u is still in the heap, because with positive lengths a
				// settled node is never closer through v.
				dist[u] = d
				nu.sigma = nodes[v].sigma
				w.addPredecessor(u, v, true)
				w.heap.decrease(u)
			case d == du:
				nu.sigma += nodes[v].sigma
				w.addPredecessor(u, v, false)
			}
		}
	}
}

// distanceHeap is a binary min-heap of nodes keyed by dist, ties broken by
// the smaller node, with decrease-key.
type distanceHeap struct {
	nodes    []int32
	position []int32 // index of each node in nodes, -1 when absent
	dist     []int64
}

func newDistanceHeap(dist []int64) distanceHeap {
	h := distanceHeap{position: make([]int32, len(dist)), dist: dist}
	for v := range h.position {
		h.position[v] = -1
	}
	return h
}

func (h *distanceHeap) len() int { return len(h.nodes) }

func (h *distanceHeap) less(i, j int) bool {
	a, b := h.nodes[i], h.nodes[j]
	return h.dist[a] < h.dist[b] || (h.dist[a] == h.dist[b] && a < b)
}

func (h *distanceHeap) swap(i, j int) {
	h.nodes[i], h.nodes[j] = h.nodes[j], h.nodes[i]
	h.position[h.nodes[i]] = int32(i)
	h.position[h.nodes[j]] = int32(j)
}

func (h *distanceHeap) push(v int32) {
	h.nodes = append(h.nodes, v)
	h.position[v] = int32(len(h.nodes) - 1)
	h.up(len(h.nodes) - 1)
}

// decrease restores the heap order after dist[v] went down.
func (h *distanceHeap) decrease(v int32) { h.up(int(h.position[v])) }

func (h *distanceHeap) pop() int32 {
	top := h.nodes[0]
	last := len(h.nodes) - 1
	h.swap(0, last)
	h.nodes = h.nodes[:last]
	h.position[top] = -1
	h.down(0)
	return top
}

func (h *distanceHeap) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !h.less(i, parent) {
			return
		}
		h.swap(i, parent)
		i = parent
	}
}

func (h *distanceHeap) down(i int) {
	for {
		smallest := i
		if left := 2*i + 1; left < len(h.nodes) && h.less(left, smallest) {
			smallest = left
		}
		if right := 2*i + 2; right < len(h.nodes) && h.less(right, smallest) {
			smallest = right
		}
		if smallest == i {
			return
		}
		h.swap(i, smallest)
		i = smallest
	}
}

package analytics

import (
	"math"
	"math/bits"
)

// blockGraph is a subgraph of G(A), a block or the whole graph, in
// compressed sparse row form with local node indices.
type blockGraph struct {
	nodes []int32   // node of G(A) of each local node
	reach []float64 // weight of each local node as a source or target
	start []int32   // arcs of local node u are arcs[start[u]:start[u+1]]
	arcs  []blockArc
	// With bucket queues, distance d falls in bucket d >> shift, and the
	// buckets live in a ring of mask+1 slots. shift is -1 when the edge
	// lengths vary too much for buckets, and Dijkstra's algorithm then
	// uses a binary heap.
	shift int
	mask  int64
}

type blockArc struct {
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
	minLength, maxLength := int64(math.MaxInt64), int64(0)
	for i, u := range nodes {
		for s := g.start[u]; s < g.personEnd(u); s++ {
			if b.owner[g.nbr[s]] != b.built {
				continue
			}
			bg.arcs = append(bg.arcs, blockArc{length: g.length[s], to: b.local[g.nbr[s]]})
			minLength = min(minLength, g.length[s])
			maxLength = max(maxLength, g.length[s])
		}
		bg.start[i+1] = int32(len(bg.arcs))
	}
	bg.shift, bg.mask = bucketRing(minLength, maxLength)
	return bg
}

// bucketRing returns the shift and ring mask of the bucket queue for edge
// lengths in [minLength, maxLength], or shift -1 when the ring would need
// more than maxBuckets slots. The bucket width 2^shift is at most
// minLength, so an edge always leads to a later bucket, and the ring
// covers the maxLength>>shift + 2 buckets that can hold queued nodes.
func bucketRing(minLength, maxLength int64) (int, int64) {
	if maxLength == 0 {
		return 0, 1 // no edges
	}
	shift := bits.Len64(uint64(minLength)) - 1
	span := (maxLength >> shift) + 2
	if span > maxBuckets {
		return -1, 0
	}
	size := int64(1) << bits.Len64(uint64(span-1))
	return shift, size - 1
}

// unreachedDistance marks a node that the current search has not reached.
const unreachedDistance = math.MaxInt64

// brandesWorker is the scratch space of one goroutine's single-source
// passes, sized for the largest block graph.
type brandesWorker struct {
	dist     []int64
	sigma    []float64 // number of shortest paths from the source
	delta    []float64 // dependency of the source on each node
	settled  []int32   // nodes in an order of non-decreasing distance
	buckets  [][]int32
	heap     distanceHeap
	sequence []int32 // 0, 1, 2, ...: the sources of a chunk without a list
}

func newBrandesWorker(size int) *brandesWorker {
	w := &brandesWorker{
		dist:     make([]int64, size),
		sigma:    make([]float64, size),
		delta:    make([]float64, size),
		settled:  make([]int32, 0, size),
		buckets:  make([][]int32, maxBuckets),
		sequence: make([]int32, size),
	}
	for v := range w.dist {
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
// x.
func (w *brandesWorker) accumulate(bg *blockGraph, s int32, acc []float64) {
	if bg.shift >= 0 {
		w.bucketPaths(bg, s)
	} else {
		w.heapPaths(bg, s)
	}

	weight := bg.reach[s]
	dist, sigma, delta := w.dist, w.sigma, w.delta
	for i := len(w.settled) - 1; i > 0; i-- {
		x := w.settled[i]
		coefficient := (bg.reach[x] + delta[x]) / sigma[x]
		dx := dist[x]
		for _, a := range bg.arcs[bg.start[x]:bg.start[x+1]] {
			// v precedes x on a shortest path exactly when the distances
			// differ by the edge length. Integer lengths make the test
			// exact. Every neighbour of a settled node has a distance.
			if v := a.to; dist[v]+a.length == dx {
				delta[v] += sigma[v] * coefficient
			}
		}
		acc[x] += weight * delta[x]
	}
	for _, x := range w.settled {
		dist[x] = unreachedDistance
		sigma[x] = 0
		delta[x] = 0
	}
}

// bucketPaths runs Dijkstra's algorithm from s with a ring of bucket
// queues and counts the shortest paths σ_sv to every reached node v. It
// leaves the reached nodes in w.settled, in non-decreasing distance order
// across buckets.
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
	dist, sigma := w.dist, w.sigma
	shift, mask := uint(bg.shift), bg.mask
	w.settled = w.settled[:0]
	dist[s] = 0
	sigma[s] = 1
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
			for _, a := range bg.arcs[bg.start[v]:bg.start[v+1]] {
				u, d := a.to, dv+a.length
				switch du := dist[u]; {
				case d > du:
				case d == du:
					sigma[u] += sigma[v]
				default:
					dist[u] = d
					sigma[u] = sigma[v]
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

// heapPaths does what bucketPaths does with a binary heap, for edge
// lengths too varied for a ring of maxBuckets buckets.
func (w *brandesWorker) heapPaths(bg *blockGraph, s int32) {
	dist, sigma := w.dist, w.sigma
	w.settled = w.settled[:0]
	dist[s] = 0
	sigma[s] = 1
	w.heap.push(s)
	for w.heap.len() > 0 {
		v := w.heap.pop()
		w.settled = append(w.settled, v)
		for _, a := range bg.arcs[bg.start[v]:bg.start[v+1]] {
			u, d := a.to, dist[v]+a.length
			switch du := dist[u]; {
			case du == unreachedDistance:
				dist[u] = d
				sigma[u] = sigma[v]
				w.heap.push(u)
			case d < du:
				// u is still in the heap, because with positive lengths a
				// settled node is never closer through v.
				dist[u] = d
				sigma[u] = sigma[v]
				w.heap.decrease(u)
			case d == du:
				sigma[u] += sigma[v]
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

package analytics

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Betweenness returns the normalised betweenness centrality of every node
// of G(A), keyed by person id:
//
//	C_B(v) = 2 / ((n-1)(n-2)) · Σ_{s<t, s≠v≠t} σ_st(v) / σ_st
//
// where σ_st is the number of shortest paths between s and t, and σ_st(v)
// the number of those through v. G(A) is undirected, R is left out, edge
// lengths are EdgeLength(strength), and the endpoints of a path are not
// counted. Every node appears in the map. When n <= 2 every value is 0.
// The tests find it within 1e-9 of networkx 3.6.1
// betweenness_centrality(G, weight="length", normalized=True) with the
// same integer lengths.
//
// Betweenness runs Brandes' algorithm with Dijkstra's algorithm over a
// binary heap from every source, in O(n·(n + m)·log n) time and O(n + m)
// memory per goroutine for n nodes and m edges. The sources are split into at
// most betweennessChunks fixed chunks that run on runtime.GOMAXPROCS(0)
// goroutines. Each chunk sums into its own array and the arrays are added
// in chunk order, so the result is the same for every number of
// goroutines. That costs O(n·min(n, betweennessChunks)) more memory.
// Betweenness checks ctx every betweennessCheckInterval sources and
// returns an error wrapping ctx.Err() when it is cancelled.
//
// Source: U. Brandes, "A faster algorithm for betweenness centrality",
// Journal of Mathematical Sociology 25(2):163–177, 2001.
func (g *Network) Betweenness(ctx context.Context) (map[string]float64, error) {
	n := g.Len()
	scores := make([]float64, n)
	if n > 2 {
		var err error
		scores, err = g.betweennessScores(ctx)
		if err != nil {
			return nil, err
		}
		scale := 1 / (float64(n-1) * float64(n-2))
		for v := range scores {
			scores[v] *= scale
		}
	} else if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("betweenness of account %q: %w", g.accountID, err)
	}

	out := make(map[string]float64, n)
	for v, score := range scores {
		out[g.people[v].ID] = score
	}
	return out, nil
}

const (
	// betweennessChunks is the maximum number of source chunks, which
	// bounds the extra memory of the deterministic summation.
	betweennessChunks = 32
	// betweennessCheckInterval is how many sources a goroutine handles
	// between checks of the context.
	betweennessCheckInterval = 256
)

// betweennessScores returns Σ_s δ_s(v) over all sources s for every node v,
// which is twice the unnormalised betweenness of the undirected graph.
func (g *Network) betweennessScores(ctx context.Context) ([]float64, error) {
	n := g.Len()
	chunks := min(n, betweennessChunks)
	chunkScores := make([][]float64, chunks)
	var nextChunk atomic.Int64
	var cancelled atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), chunks) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newBrandesWorker(g)
			for handled := 0; ; {
				c := int(nextChunk.Add(1) - 1)
				if c >= chunks || cancelled.Load() {
					return
				}
				acc := make([]float64, n)
				for s := c * n / chunks; s < (c+1)*n/chunks; s++ {
					if handled%betweennessCheckInterval == 0 && ctx.Err() != nil {
						cancelled.Store(true)
						return
					}
					handled++
					w.accumulate(int32(s), acc)
				}
				chunkScores[c] = acc
			}
		}()
	}
	wg.Wait()
	if cancelled.Load() {
		return nil, fmt.Errorf("betweenness of account %q: %w", g.accountID, ctx.Err())
	}

	total := make([]float64, n)
	for _, acc := range chunkScores {
		for v, x := range acc {
			total[v] += x
		}
	}
	return total, nil
}

// brandesWorker is the scratch space of one goroutine's single-source
// passes.
type brandesWorker struct {
	g       *Network
	dist    []int64 // distance from the source, -1 when not yet reached
	sigma   []float64
	delta   []float64
	settled []int32 // nodes in the order Dijkstra settled them
	heap    distanceHeap
}

func newBrandesWorker(g *Network) *brandesWorker {
	n := g.Len()
	w := &brandesWorker{
		g:       g,
		dist:    make([]int64, n),
		sigma:   make([]float64, n),
		delta:   make([]float64, n),
		settled: make([]int32, 0, n),
	}
	for v := range w.dist {
		w.dist[v] = -1
	}
	w.heap = newDistanceHeap(w.dist)
	return w
}

// accumulate adds the dependencies δ_s(v) of source s to acc.
func (w *brandesWorker) accumulate(s int32, acc []float64) {
	w.shortestPaths(s)
	g := w.g
	for i := len(w.settled) - 1; i >= 0; i-- {
		x := w.settled[i]
		coefficient := (1 + w.delta[x]) / w.sigma[x]
		for slot, end := g.start[x], g.personEnd(x); slot < end; slot++ {
			// v precedes x on a shortest path exactly when the distances
			// differ by the edge length. Integer lengths make the test exact.
			v := g.nbr[slot]
			if w.dist[v] >= 0 && w.dist[v]+g.length[slot] == w.dist[x] {
				w.delta[v] += w.sigma[v] * coefficient
			}
		}
		if x != s {
			acc[x] += w.delta[x]
		}
	}
	for _, x := range w.settled {
		w.dist[x] = -1
		w.sigma[x] = 0
		w.delta[x] = 0
	}
}

// shortestPaths runs Dijkstra's algorithm from s and counts the shortest
// paths σ_sv to every reached node v. It leaves the reached nodes in
// w.settled in non-decreasing distance order.
func (w *brandesWorker) shortestPaths(s int32) {
	g := w.g
	w.settled = w.settled[:0]
	w.dist[s] = 0
	w.sigma[s] = 1
	w.heap.push(s)
	for w.heap.len() > 0 {
		v := w.heap.pop()
		w.settled = append(w.settled, v)
		for slot, end := g.start[v], g.personEnd(v); slot < end; slot++ {
			u := g.nbr[slot]
			d := w.dist[v] + g.length[slot]
			switch {
			case w.dist[u] < 0:
				w.dist[u] = d
				w.sigma[u] = w.sigma[v]
				w.heap.push(u)
			case d < w.dist[u]:
				// u is still in the heap, because with positive lengths a settled
				// node is never closer through v.
				w.dist[u] = d
				w.sigma[u] = w.sigma[v]
				w.heap.decrease(u)
			case d == w.dist[u]:
				w.sigma[u] += w.sigma[v]
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

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
// Betweenness splits G(A) into blocks (biconnected components), because
// every shortest path between two nodes of a block stays inside it. Within
// each block it runs Brandes' algorithm from every node, weighting a
// source s and a target t by the number of nodes whose paths enter the
// block at s and at t. It then adds, for every articulation point v, the
// pairs that lie in different components of G(A) without v, all of whose
// paths pass through v. Blocks of two nodes, such as the edge to a person
// with one relationship, add nothing but those pairs.
//
// Over blocks B of n_B nodes and m_B edges, the running time is
// O(Σ_B n_B·(n_B + m_B)) with the bucket queues of the fast form of
// blockGraph. Blocks with edge lengths of 2^32 or more, or too varied for
// the buckets, use a binary heap and take an extra log n_B factor. The
// memory is O(n + m) plus O(n_B) per chunk of sources.
//
// The sources of a block are split into chunks whose number depends only
// on the block size, and the chunks run on runtime.GOMAXPROCS(0)
// goroutines. Each chunk sums into its own array and the arrays are added
// in chunk order, so the result is the same for every number of
// goroutines. Betweenness checks ctx every betweennessCheckInterval
// sources and returns an error wrapping ctx.Err() when it is cancelled.
//
// Sources: U. Brandes, "A faster algorithm for betweenness centrality",
// Journal of Mathematical Sociology 25(2):163–177, 2001; R. Puzis, Y.
// Elovici, P. Zilberman, S. Dolev and U. Brandes, "Topology manipulations
// for speeding betweenness centrality computation", Journal of Complex
// Networks 3(1):84–112, 2015 (blocks and the weighted dependencies); A. E.
// Sariyüce, K. Kaya, E. Saule and Ü. V. Çatalyürek, "Shattering and
// compressing networks for betweenness centrality", SIAM SDM 2013.
func (g *Network) Betweenness(ctx context.Context) (map[string]float64, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("betweenness of account %q: %w", g.accountID, err)
	}
	n := g.Len()
	scores := make([]float64, n)
	if n > 2 {
		var err error
		if scores, err = g.blockBetweenness(ctx); err != nil {
			return nil, fmt.Errorf("betweenness of account %q: %w", g.accountID, err)
		}
		scale := 1 / (float64(n-1) * float64(n-2))
		for v := range scores {
			scores[v] *= scale
		}
	}
	return g.byID(scores), nil
}

// byID returns scores keyed by person id.
func (g *Network) byID(scores []float64) map[string]float64 {
	out := make(map[string]float64, len(scores))
	for v, score := range scores {
		out[g.people[v].ID] = score
	}
	return out
}

const (
	// betweennessCheckInterval is how many sources a goroutine handles
	// between checks of the context.
	betweennessCheckInterval = 64
	// sourcesPerChunk is the number of sources of a block that one chunk
	// handles, unless the block needs more than maxChunksPerBlock chunks.
	sourcesPerChunk = 32
	// maxChunksPerBlock bounds the chunks of one block, and with them the
	// memory of the per-chunk sums.
	maxChunksPerBlock = 64
)

// blockBetweenness returns Σ_s δ_s(v) over all sources s for every node v,
// which is twice the unnormalised betweenness of the undirected graph.
func (g *Network) blockBetweenness(ctx context.Context) ([]float64, error) {
	blocks := g.decompose(false)
	var graphs []*blockGraph
	var chunks []sourceChunk
	builder := newBlockBuilder(g)
	for b := range blocks.blockCount() {
		nodes := blocks.block(b)
		if len(nodes) < 3 {
			continue // no node lies strictly between the two ends of an edge
		}
		reach := blocks.reach[blocks.start[b]:blocks.start[b+1]]
		graphs = append(graphs, builder.build(nodes, reach))
		chunks = appendChunks(chunks, len(graphs)-1, len(nodes))
	}

	sums, err := runChunks(ctx, graphs, chunks)
	if err != nil {
		return nil, err
	}
	total := blocks.cutPairs
	for i, c := range chunks {
		for local, x := range sums[i] {
			total[graphs[c.graph].nodes[local]] += x
		}
	}
	return total, nil
}

// sourceChunk is a run of sources of one block graph, by local index.
type sourceChunk struct {
	graph    int
	from, to int32
	sources  []int32 // when not nil, the sources to use instead of [from, to)
}

// appendChunks splits the sources [0, size) of graph into chunks whose
// number depends only on size.
func appendChunks(chunks []sourceChunk, graph, size int) []sourceChunk {
	count := min(maxChunksPerBlock, (size+sourcesPerChunk-1)/sourcesPerChunk)
	for c := range count {
		chunks = append(chunks, sourceChunk{graph: graph, from: int32(c * size / count), to: int32((c + 1) * size / count)})
	}
	return chunks
}

// runChunks runs Brandes' accumulation for every chunk on
// runtime.GOMAXPROCS(0) goroutines and returns each chunk's sums, indexed
// by local node of the chunk's graph. It returns ctx.Err() when ctx is
// cancelled.
func runChunks(ctx context.Context, graphs []*blockGraph, chunks []sourceChunk) ([][]float64, error) {
	largest := 0
	for _, bg := range graphs {
		largest = max(largest, bg.len())
	}
	sums := make([][]float64, len(chunks))
	var next atomic.Int64
	var cancelled atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newBrandesWorker(largest)
			for handled := 0; ; {
				i := int(next.Add(1) - 1)
				if i >= len(chunks) || cancelled.Load() {
					return
				}
				c := chunks[i]
				bg := graphs[c.graph]
				acc := make([]float64, bg.len())
				sources := c.sources
				if sources == nil {
					sources = w.sourceRange(c.from, c.to)
				}
				for _, s := range sources {
					if handled%betweennessCheckInterval == 0 && ctx.Err() != nil {
						cancelled.Store(true)
						return
					}
					handled++
					w.accumulate(bg, s, acc)
				}
				sums[i] = acc
			}
		}()
	}
	wg.Wait()
	if cancelled.Load() {
		return nil, ctx.Err()
	}
	return sums, nil
}

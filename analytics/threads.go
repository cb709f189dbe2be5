package analytics

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/kamgraph/kamgraph/graph"
)

// Threads returns the threads of every customer node k of G(A), which
// is the maximum number of internally vertex-disjoint paths from R to k in
// G(A)+R. By Menger's theorem this equals the minimum number of people,
// other than k, whose loss cuts k off from R. Threads is 0 for an
// unreached customer.
//
// Threads first splits the component of R in G(A)+R into blocks. A
// reached customer that shares no block with R is cut off by an
// articulation point and has exactly one thread. Any other customer k
// shares one block with R, has at least two threads, and all its disjoint
// paths stay inside that block. The threads of k are at most the number
// of k's neighbours in the block and at most the number of vendors in
// it. When that bound is 2 it is exact. For every other customer, Threads
// counts disjoint paths one augmenting path at a time, searching from k
// breadth-first inside the block, and stops as soon as the count reaches
// the bound. Only customers below their bound pay for a last, failing
// search, which explores the side of k's closest minimum cut.
//
// Each customer takes O(t·m_B) time for t threads and a block of m_B
// edges, and O(n + m) memory per goroutine for n nodes and m edges. The
// customers run on runtime.GOMAXPROCS(0) goroutines, and the result does
// not depend on their number. Threads checks ctx between customers and
// returns an error wrapping ctx.Err() when it is cancelled.
func (g *Network) Threads(ctx context.Context) (map[string]int, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("threads of account %q: %w", g.accountID, err)
	}
	rb := g.rootBlocks()
	threads := make(map[string]int)
	var pending []int32
	for u := range g.people {
		k := int32(u)
		if !g.isCustomer(k) {
			continue
		}
		switch {
		case !rb.reached[k]:
			threads[g.people[k].ID] = 0
		case rb.block[k] < 0:
			threads[g.people[k].ID] = 1
		case rb.bound(k) == 2:
			threads[g.people[k].ID] = 2
		default:
			pending = append(pending, k)
		}
	}

	flows, err := g.flowsWith(ctx, rb, pending, false)
	if err != nil {
		return nil, fmt.Errorf("threads of account %q: %w", g.accountID, err)
	}
	for i, k := range pending {
		threads[g.people[k].ID] = flows[i].threads
	}
	return threads, nil
}

// MinCut returns one minimum set of people, other than the customer with
// the given id, whose loss cuts that customer off from R, sorted by id. Its
// size is the customer's threads, so it is empty when the customer is
// unreached. MinCut returns the cut closest to R. Take the vertex-split
// network below and the flow of a maximum set of disjoint paths, directed
// from R to the customer. The cut is the set of nodes whose in-copy, but
// not out-copy, is reachable from R in the residual network. That set is
// the same for every maximum flow, so MinCut is deterministic.
//
// The vertex-split network turns every node u of G(A) into u_in and u_out,
// joined by an arc of capacity 1, and every edge {u, w} of G(A)+R into the
// arcs u_out→w_in and w_out→u_in of unbounded capacity. MinCut finds the
// disjoint paths as Threads does, inside the block that the customer
// shares with R (or in the whole graph for a customer with one thread),
// and then searches the residual network once from R. It takes
// O((t+1)·m) time for t threads and m edges.
//
// MinCut returns an error of kind graph.KindNotFound when id is not a
// customer node of G(A).
//
// Source: S. Even and R. E. Tarjan, "Network flow and testing graph
// connectivity", SIAM Journal on Computing 4(4), 1975, for vertex
// connectivity as maximum flow on this network.
func (g *Network) MinCut(id string) ([]string, error) {
	i, ok := g.index[id]
	if !ok || !g.isCustomer(i) {
		return nil, graph.Errorf(graph.KindNotFound,
			"customer %q is not a node of the graph of account %q", id, g.accountID)
	}
	w := newPathWorker(g, g.rootBlocks())
	_, cut := w.maxPaths(i, true)
	return g.ids(cut), nil
}

// rootBlocks describes the blocks of G(A)+R that contain R.
type rootBlocks struct {
	reached []bool  // nodes of G(A)+R with a path from R
	block   []int32 // number of the block shared with R, -1 for none and for R
	vendors []int32 // number of vendor nodes, R's neighbours, in each such block
	g       *Network
}

// rootBlocks returns the blocks of G(A)+R that contain R.
func (g *Network) rootBlocks() *rootBlocks {
	d := g.decompose(true)
	r := g.root()
	rb := &rootBlocks{reached: d.reached, block: make([]int32, r+1), g: g}
	for u := range rb.block {
		rb.block[u] = -1
	}
	for b := range d.blockCount() {
		nodes := d.block(b)
		if nodes[0] != r {
			continue
		}
		id := int32(len(rb.vendors))
		vendors := int32(0)
		for _, u := range nodes[1:] {
			rb.block[u] = id
			if g.vendor[u] {
				vendors++
			}
		}
		rb.vendors = append(rb.vendors, vendors)
	}
	return rb
}

// bound returns an upper bound of the threads of customer k, which shares
// a block with R: each disjoint path enters k through a distinct
// neighbour in the block and leaves R through a distinct vendor of it.
func (rb *rootBlocks) bound(k int32) int {
	g := rb.g
	b := rb.block[k]
	neighbours := 0
	for s := g.start[k]; s < g.start[k+1]; s++ {
		if rb.block[g.nbr[s]] == b {
			neighbours++
		}
	}
	return min(neighbours, int(rb.vendors[b]))
}

// flowCheckInterval is how many customers a worker handles between checks
// of the context.
const flowCheckInterval = 32

// flowResult is the number of disjoint paths from R to one customer and,
// when requested, the minimum vertex cut closest to R.
type flowResult struct {
	threads int
	cut     []int32
}

// parallelFlows returns the threads of each customer in customers, in the
// same order, with the cuts when wantCut is set. It returns ctx.Err() when
// ctx is cancelled.
func (g *Network) parallelFlows(ctx context.Context, customers []int32, wantCut bool) ([]flowResult, error) {
	return g.flowsWith(ctx, g.rootBlocks(), customers, wantCut)
}

// flowsWith is parallelFlows with the blocks of R already computed.
func (g *Network) flowsWith(ctx context.Context, rb *rootBlocks, customers []int32, wantCut bool) ([]flowResult, error) {
	results := make([]flowResult, len(customers))
	if len(customers) == 0 {
		return results, ctx.Err()
	}
	var next atomic.Int64
	var cancelled atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(customers)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newPathWorker(g, rb)
			// Each result goes to its own slot and does not depend on the
			// worker, so the order in which workers take customers does not
			// change the output.
			for n := 0; ; n++ {
				i := int(next.Add(1) - 1)
				if i >= len(customers) {
					return
				}
				if n%flowCheckInterval == 0 && ctx.Err() != nil {
					cancelled.Store(true)
					return
				}
				results[i].threads, results[i].cut = w.maxPaths(customers[i], wantCut)
			}
		}()
	}
	wg.Wait()
	if cancelled.Load() {
		return nil, ctx.Err()
	}
	return results, nil
}

package analytics

import (
	"context"
	"fmt"
	"math"
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
// Threads first runs the depth-first search of CutPoints. A reached
// customer in the CutOff of some single point of failure has exactly one
// thread, and any other reached customer has at least two. When k has
// only two neighbours, or there are only two vendor nodes, that bound is
// exact. Every other customer gets a maximum flow on the vertex-split
// network that MinCut describes.
//
// Each flow runs Dinic's algorithm on a network whose vertex arcs have
// capacity 1, which takes O(√n·m) time for n nodes and m edges (Even and
// Tarjan). The flows run on runtime.GOMAXPROCS(0) goroutines, and the
// result does not depend on their number. Threads checks ctx between flows
// and returns an error wrapping ctx.Err() when it is cancelled.
func (g *Network) Threads(ctx context.Context) (map[string]int, error) {
	sep := g.separate()
	threads := make(map[string]int)
	var pending []int32
	for u := range g.people {
		k := int32(u)
		if !g.isCustomer(k) {
			continue
		}
		switch {
		case !sep.reached[k]:
			threads[g.people[k].ID] = 0
		case sep.singlyThreaded[k]:
			threads[g.people[k].ID] = 1
		case g.threadBound(k) == 2:
			threads[g.people[k].ID] = 2
		default:
			pending = append(pending, k)
		}
	}

	flows, err := g.parallelFlows(ctx, pending, false)
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
// unreached. MinCut returns the cut closest to R, formed by the nodes whose
// in-copy, but not out-copy, is reachable from R in the residual network
// of a maximum flow. That set is the same for every maximum flow, so
// MinCut is deterministic.
//
// The flow network splits every node u of G(A) into u_in and u_out,
// joined by an arc of capacity 1, and turns every edge {u, w} of G(A)+R
// into the arcs u_out→w_in and w_out→u_in of unbounded capacity. The flow
// starts with the paths R→v→k through the vendor neighbours v of k and
// grows with Dinic's algorithm: each phase finds the shortest residual
// paths with one breadth-first search and saturates them with a blocking
// flow. MinCut takes O(√n·m) time for n nodes and m edges, and it builds
// the flow network anew on each call.
//
// MinCut returns an error of kind graph.KindNotFound when id is not a
// customer node of G(A).
//
// Source: S. Even and R. E. Tarjan, "Network flow and testing graph
// connectivity", SIAM Journal on Computing 4(4), 1975, for vertex
// connectivity as maximum flow on this network and its O(√n·m) bound.
func (g *Network) MinCut(id string) ([]string, error) {
	i, ok := g.index[id]
	if !ok || !g.isCustomer(i) {
		return nil, graph.Errorf(graph.KindNotFound,
			"customer %q is not a node of the graph of account %q", id, g.accountID)
	}
	w := newFlowWorker(g.flowNetwork())
	_, cut := w.maxFlow(i, true)
	return g.ids(cut), nil
}

// threadBound returns an upper bound of the threads of customer k, the
// smaller of its degree and the number of vendor nodes, because each path
// from R enters k through a distinct neighbour and leaves R through a
// distinct vendor.
func (g *Network) threadBound(k int32) int {
	return min(int(g.start[k+1]-g.start[k]), g.vendors)
}

// flowCheckInterval is how many flows a worker runs between checks of the
// context.
const flowCheckInterval = 32

// flowResult is the maximum flow from R to one customer and, when
// requested, the minimum vertex cut closest to R.
type flowResult struct {
	threads int
	cut     []int32
}

// parallelFlows returns the maximum flow from R to each customer in
// customers, in the same order, with the cuts when wantCut is set. It
// returns ctx.Err() when ctx is cancelled.
func (g *Network) parallelFlows(ctx context.Context, customers []int32, wantCut bool) ([]flowResult, error) {
	results := make([]flowResult, len(customers))
	if len(customers) == 0 {
		return results, ctx.Err()
	}
	network := g.flowNetwork()
	var next atomic.Int64
	var cancelled atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(customers)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newFlowWorker(network)
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
				results[i].threads, results[i].cut = w.maxFlow(customers[i], wantCut)
			}
		}()
	}
	wg.Wait()
	if cancelled.Load() {
		return nil, ctx.Err()
	}
	return results, nil
}

// flowNetwork is the vertex-split network of G(A)+R in compressed sparse
// row form. Node u of G(A)+R becomes u_in = 2u and u_out = 2u+1. The first
// arc of u_in is its vertex arc to u_out, and the first arc of u_out is
// the reverse of that arc. The other arcs of u_out follow u's neighbour
// slots, so arc 1+j goes to the in-copy of the neighbour in slot start[u]+j.
// The other arcs of u_in are the reverses of the arcs into u_in, in the
// same slot order.
type flowNetwork struct {
	g        *Network
	arcStart []int32 // arcs of split node x are arcStart[x]:arcStart[x+1]
	head     []int32
	reverse  []int32
	capacity []int32 // initial residual capacity
}

func (g *Network) flowNetwork() *flowNetwork {
	r := g.root()
	splitNodes := 2 * (r + 1)
	f := &flowNetwork{g: g, arcStart: make([]int32, splitNodes+1)}
	for u := int32(0); u <= r; u++ {
		degree := g.start[u+1] - g.start[u]
		f.arcStart[2*u+1] = f.arcStart[2*u] + 1 + degree
		f.arcStart[2*u+2] = f.arcStart[2*u+1] + 1 + degree
	}
	arcs := f.arcStart[splitNodes]
	f.head = make([]int32, arcs)
	f.reverse = make([]int32, arcs)
	f.capacity = make([]int32, arcs)

	// No flow exceeds the number of vertex arcs, so any larger capacity
	// acts as unbounded.
	unbounded := r + 2
	for u := int32(0); u <= r; u++ {
		in, out := f.arcStart[2*u], f.arcStart[2*u+1]
		f.head[in], f.reverse[in], f.capacity[in] = 2*u+1, out, 1
		f.head[out], f.reverse[out] = 2*u, in
		if u == r {
			f.capacity[in] = unbounded
		}
		for s := g.start[u]; s < g.start[u+1]; s++ {
			w := g.nbr[s]
			forward := f.outArc(u, s)
			backward := f.inArc(w, g.mirror[s])
			f.head[forward], f.reverse[forward], f.capacity[forward] = 2*w, backward, unbounded
			f.head[backward], f.reverse[backward] = 2*u+1, forward
		}
	}
	return f
}

// outArc returns the arc from u_out along neighbour slot s of u.
func (f *flowNetwork) outArc(u, s int32) int32 {
	return f.arcStart[2*u+1] + 1 + s - f.g.start[u]
}

// inArc returns the reverse arc in u_in for neighbour slot s of u.
func (f *flowNetwork) inArc(u, s int32) int32 {
	return f.arcStart[2*u] + 1 + s - f.g.start[u]
}

// flowWorker is the scratch space of one goroutine's flows.
type flowWorker struct {
	f        *flowNetwork
	residual []int32
	level    []int32  // breadth-first distance from the source in the latest search
	mark     []uint32 // split node x was reached in search number mark[x]
	searchID uint32   // number of the latest search
	current  []int32  // next arc to try from each split node in the blocking flow
	queue    []int32
	path     []int32 // arcs of the path being built by the blocking flow
}

func newFlowWorker(f *flowNetwork) *flowWorker {
	splitNodes := len(f.arcStart) - 1
	return &flowWorker{
		f:        f,
		residual: make([]int32, len(f.capacity)),
		level:    make([]int32, splitNodes),
		mark:     make([]uint32, splitNodes),
		current:  make([]int32, splitNodes),
		queue:    make([]int32, 0, splitNodes),
	}
}

// maxFlow returns the maximum flow value from R_out to k_in and, when
// wantCut is set, the minimum vertex cut closest to R, sorted by index.
// It runs Dinic's algorithm, in which each phase builds the level graph
// with one breadth-first search and saturates it with a blocking flow.
func (w *flowWorker) maxFlow(k int32, wantCut bool) (int, []int32) {
	g := w.f.g
	copy(w.residual, w.f.capacity)
	source, sink := 2*g.root()+1, 2*k

	flow := w.pushDirectPaths(k)
	bound := g.threadBound(k)
	for flow < bound && w.buildLevels(source, sink) {
		flow += w.blockingFlow(source, sink, bound-flow)
	}
	if !wantCut {
		return flow, nil
	}
	if flow == bound {
		// The loop stopped before a failed search, so mark the nodes that
		// the residual network reaches now.
		w.buildLevels(source, sink)
	}
	cut := []int32{}
	for u := int32(0); u < g.root(); u++ {
		if u != k && w.reached(2*u) && !w.reached(2*u+1) {
			cut = append(cut, u)
		}
	}
	return flow, cut
}

// pushDirectPaths sends one unit along R→v→k for every vendor neighbour v
// of k and returns the number of units. These paths share no node besides
// R and k, so they are a valid flow for Dinic's algorithm to start from.
func (w *flowWorker) pushDirectPaths(k int32) int {
	g, f := w.f.g, w.f
	r := g.root()
	flow := 0
	for s := g.start[k]; s < g.start[k+1]; s++ {
		v := g.nbr[s]
		if !g.vendor[v] {
			continue
		}
		rootSlot := g.start[v+1] - 1 // R is v's last neighbour
		w.push(f.outArc(r, g.mirror[rootSlot]))
		w.push(f.arcStart[2*v])
		w.push(f.outArc(v, g.mirror[s]))
		flow++
	}
	return flow
}

func (w *flowWorker) push(arc int32) {
	w.residual[arc]--
	w.residual[w.f.reverse[arc]]++
}

// buildLevels runs a breadth-first search from source over arcs with
// residual capacity, records each reached split node's level, and reports
// whether it reached sink. Once sink is reached, it expands no node at
// sink's level or beyond. When sink is unreachable, the marked nodes are
// exactly those that the residual network reaches from source.
func (w *flowWorker) buildLevels(source, sink int32) bool {
	f := w.f
	w.searchID++
	if w.searchID == 0 {
		clear(w.mark) // the counter wrapped around
		w.searchID = 1
	}
	w.visit(source, 0)
	w.queue = append(w.queue[:0], source)
	sinkLevel := int32(math.MaxInt32)
	for head := 0; head < len(w.queue); head++ {
		x := w.queue[head]
		if w.level[x] >= sinkLevel {
			break
		}
		for arc := f.arcStart[x]; arc < f.arcStart[x+1]; arc++ {
			y := f.head[arc]
			if w.residual[arc] <= 0 || w.reached(y) {
				continue
			}
			w.visit(y, w.level[x]+1)
			if y == sink {
				sinkLevel = w.level[y]
				continue
			}
			w.queue = append(w.queue, y)
		}
	}
	return w.reached(sink)
}

func (w *flowWorker) visit(x, level int32) {
	w.mark[x] = w.searchID
	w.level[x] = level
	w.current[x] = w.f.arcStart[x]
}

func (w *flowWorker) reached(x int32) bool { return w.mark[x] == w.searchID }

// blockingFlow pushes unit paths from source to sink along the level graph
// of the latest buildLevels until no such path is left or limit units have
// been pushed, and returns the number of units. It is a depth-first search
// that keeps a current arc per node and drops dead ends, so an arc that
// leads nowhere is not tried again in the same phase.
func (w *flowWorker) blockingFlow(source, sink int32, limit int) int {
	f := w.f
	pushed := 0
	w.path = w.path[:0]
	x := source
	for pushed < limit {
		if x == sink {
			for _, arc := range w.path {
				w.push(arc)
			}
			pushed++
			w.path = w.path[:0]
			x = source
			continue
		}
		if arc, ok := w.advance(x); ok {
			w.path = append(w.path, arc)
			x = f.head[arc]
			continue
		}
		if x == source {
			break
		}
		// x leads nowhere in this phase: drop it from the level graph and
		// step back to the tail of the last arc.
		w.mark[x] = 0
		last := w.path[len(w.path)-1]
		w.path = w.path[:len(w.path)-1]
		x = f.head[f.reverse[last]]
		w.current[x]++
	}
	return pushed
}

// advance returns the current arc of x that leads one level down with
// residual capacity, moving the current arc past the arcs that do not.
func (w *flowWorker) advance(x int32) (int32, bool) {
	f := w.f
	for ; w.current[x] < f.arcStart[x+1]; w.current[x]++ {
		arc := w.current[x]
		y := f.head[arc]
		if w.residual[arc] > 0 && w.reached(y) && w.level[y] == w.level[x]+1 {
			return arc, true
		}
	}
	return 0, false
}

package analytics

import (
	"cmp"
	"slices"
	"sort"

	"github.com/kamgraph/kamgraph/graph"
)

// introGraph is the graph that warm-introduction paths run on. Its nodes
// are the active vendor people that Suggest receives and the active
// customer people of the account, without the excluded people, in id
// order. Its edges are the existing qualifying relationships between two
// nodes. Suggested relationships never join it.
type introGraph struct {
	people   []graph.Person
	index    map[string]int32
	vendor   []bool
	start    []int32 // neighbours of u are nbr[start[u]:start[u+1]], in index order
	nbr      []int32
	strength []float64
	maxHops  int
	// vendorSlot numbers the vendor nodes from 0, and is -1 for customers.
	vendorSlot []int32
	vendorNode []int32 // inverse of vendorSlot
}

// newIntroGraph builds the introduction graph of account accountID from
// people, keyed by id, and the relationships rels. Relationships with an
// endpoint outside the graph or below threshold are skipped, and so is a
// second relationship for the same pair.
func newIntroGraph(people map[string]graph.Person, accountID string, rels []graph.Relationship,
	threshold float64, excluded map[string]bool, maxHops int) *introGraph {
	ig := &introGraph{index: map[string]int32{}, maxHops: maxHops}
	for _, p := range people {
		if !p.Active() || excluded[p.ID] {
			continue
		}
		if p.Side == graph.SideVendor || (p.Side == graph.SideCustomer && p.AccountID == accountID) {
			ig.people = append(ig.people, p)
		}
	}
	graph.SortPeople(ig.people)
	ig.vendor = make([]bool, len(ig.people))
	ig.vendorSlot = make([]int32, len(ig.people))
	for i, p := range ig.people {
		ig.index[p.ID] = int32(i)
		ig.vendorSlot[i] = -1
		if p.Side == graph.SideVendor {
			ig.vendor[i] = true
			ig.vendorSlot[i] = int32(len(ig.vendorNode))
			ig.vendorNode = append(ig.vendorNode, int32(i))
		}
	}
	ig.link(rels, threshold)
	return ig
}

// link fills the adjacency arrays from the qualifying relationships. The
// first relationship of a pair wins.
func (ig *introGraph) link(rels []graph.Relationship, threshold float64) {
	type arc struct {
		from, to int32
		strength float64
		order    int // position in rels, which breaks ties between duplicates
	}
	arcs := make([]arc, 0, 2*len(rels))
	for i, r := range rels {
		a, okA := ig.index[r.PersonA]
		b, okB := ig.index[r.PersonB]
		if !okA || !okB || a == b || r.Strength < threshold {
			continue
		}
		arcs = append(arcs, arc{a, b, r.Strength, i}, arc{b, a, r.Strength, i})
	}
	slices.SortFunc(arcs, func(x, y arc) int {
		if c := cmp.Compare(x.from, y.from); c != 0 {
			return c
		}
		if c := cmp.Compare(x.to, y.to); c != 0 {
			return c
		}
		return cmp.Compare(x.order, y.order)
	})
	arcs = slices.CompactFunc(arcs, func(x, y arc) bool { return x.from == y.from && x.to == y.to })

	ig.start = make([]int32, len(ig.people)+1)
	ig.nbr = make([]int32, len(arcs))
	ig.strength = make([]float64, len(arcs))
	for i, a := range arcs {
		ig.start[a.from+1]++
		ig.nbr[i], ig.strength[i] = a.to, a.strength
	}
	for u := range ig.people {
		ig.start[u+1] += ig.start[u]
	}
}

// edgeStrength returns the strength of the relationship between u and w.
func (ig *introGraph) edgeStrength(u, w int32) float64 {
	slots := ig.nbr[ig.start[u]:ig.start[u+1]]
	i := sort.Search(len(slots), func(i int) bool { return slots[i] >= w })
	return ig.strength[ig.start[u]+int32(i)]
}

// pathSearch is the result of a hop-bounded search from one customer.
type pathSearch struct {
	best []float64 // maximum product of strengths over paths of at most maxHops, 0 when none
	hops []int8    // length of that path
	// from[h][u] is the node before u on the best path of at most h+1
	// hops when that path is longer than the best of at most h hops, and
	// -1 otherwise. It is kept only for reconstruction.
	from [][]int32
}

// search returns the strongest paths of at most maxHops relationships from
// customer node c to every node, with customer people only between the
// ends. Vendor people end paths and never continue them: inside our
// company people reach each other freely, so a chain through a colleague
// is better described as starting at that colleague. A path's strength is the product
// of its relationship strengths, multiplied in order from c. Maximising
// the product is the same as finding the shortest path with edge lengths
// -log(strength), but the product avoids rounding through logarithms.
//
// The search is the hop-bounded Bellman-Ford algorithm: round h extends
// the paths of round h-1 by one relationship, starting only from the
// customer nodes that improved in round h-1. A node takes a new path only
// when it is strictly stronger, so ties go to the path with fewer hops,
// and then to the path whose previous person has the smaller id. Because
// strengths are at most 1, no improving path revisits a node. search
// takes O(maxHops·m) time for m relationships.
func (ig *introGraph) search(c int32, keepLayers bool) *pathSearch {
	n := len(ig.people)
	ps := &pathSearch{best: make([]float64, n), hops: make([]int8, n)}
	ps.best[c] = 1
	frontier := []int32{c}
	values := []float64{}
	for hop := 1; hop <= ig.maxHops && len(frontier) > 0; hop++ {
		var from []int32
		if keepLayers {
			from = make([]int32, n)
			for i := range from {
				from[i] = -1
			}
		}
		// The values of the frontier are fixed before the round, so that
		// a path grows by one relationship per round.
		values = values[:0]
		for _, u := range frontier {
			values = append(values, ps.best[u])
		}
		var improved []int32
		for i, u := range frontier {
			for s := ig.start[u]; s < ig.start[u+1]; s++ {
				w := ig.nbr[s]
				candidate := values[i] * ig.strength[s]
				if candidate <= ps.best[w] {
					continue
				}
				if ps.hops[w] != int8(hop) && !ig.vendor[w] {
					improved = append(improved, w)
				}
				ps.best[w], ps.hops[w] = candidate, int8(hop)
				if keepLayers {
					from[w] = u
				}
			}
		}
		if keepLayers {
			ps.from = append(ps.from, from)
		}
		sort.Slice(improved, func(i, j int) bool { return improved[i] < improved[j] })
		frontier = compactSorted(improved)
	}
	return ps
}

// compactSorted removes repeats from a sorted slice.
func compactSorted(s []int32) []int32 {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// pathTo returns the best path from the searched customer to u, from u
// back to the customer. It needs a search with keepLayers.
func (ps *pathSearch) pathTo(u int32) []int32 {
	path := []int32{u}
	for layer := len(ps.from) - 1; layer >= 0; layer-- {
		if prev := ps.from[layer][u]; prev >= 0 {
			u = prev
			path = append(path, u)
		}
	}
	return path
}

// warmPaths summarises a search for scoring: the strongest path from every
// vendor node, and the vendor node with the strongest path of all.
type warmPaths struct {
	strength []float64 // by vendor slot
	hops     []int8    // by vendor slot
	first    int32     // vendor slot with the strongest path, or -1
}

func (ig *introGraph) warmPathsFrom(c int32) *warmPaths {
	return ig.summarize(ig.search(c, false))
}

func (ig *introGraph) summarize(ps *pathSearch) *warmPaths {
	wp := &warmPaths{
		strength: make([]float64, len(ig.vendorNode)),
		hops:     make([]int8, len(ig.vendorNode)),
		first:    -1,
	}
	for slot, u := range ig.vendorNode {
		wp.strength[slot], wp.hops[slot] = ps.best[u], ps.hops[u]
		if s := int32(slot); ps.best[u] > 0 && (wp.first < 0 || wp.stronger(s, wp.first)) {
			wp.first = s
		}
	}
	return wp
}

// stronger reports whether vendor slot a has a better path than b: a
// stronger one, then a shorter one, then the smaller id.
func (wp *warmPaths) stronger(a, b int32) bool {
	if wp.strength[a] != wp.strength[b] {
		return wp.strength[a] > wp.strength[b]
	}
	if wp.hops[a] != wp.hops[b] {
		return wp.hops[a] < wp.hops[b]
	}
	return a < b
}

// start returns the vendor slot whose path introduces vendor slot v: v
// itself when its own path is as strong as the strongest, else the one
// with the strongest path, or -1 when no vendor has a path.
func (wp *warmPaths) start(v int32) int32 {
	if wp.first >= 0 && wp.strength[v] == wp.strength[wp.first] {
		return v
	}
	return wp.first
}

// rank returns the introduction strength for vendor slot v and whether
// the introduction starts at v.
func (wp *warmPaths) rank(v int32) (float64, bool) {
	start := wp.start(v)
	if start < 0 {
		return 0, false
	}
	return wp.strength[start], start == v
}

// introduction returns the introduction path from vendor person v to
// customer c, or nil when no vendor person has a path of at most maxHops
// relationships.
func (ig *introGraph) introduction(v, c int32) *Introduction {
	ps := ig.search(c, true)
	start := ig.summarize(ps).start(ig.vendorSlot[v])
	if start < 0 {
		return nil
	}
	first := ig.vendorNode[start]

	path := ps.pathTo(first)
	intro := &Introduction{
		ViaColleague: first != v,
		Path:         make([]Contact, len(path)),
		Strengths:    make([]float64, len(path)-1),
		Hops:         len(path) - 1,
		Strength:     ps.best[first],
	}
	for i, u := range path {
		intro.Path[i] = contactOf(ig.people[u])
		if i+1 < len(path) {
			intro.Strengths[i] = ig.edgeStrength(u, path[i+1])
		}
	}
	introducer := ig.people[path[len(path)-2]]
	intro.IntroducerID, intro.IntroducerName = introducer.ID, introducer.Name
	return intro
}

// contactOf returns the Contact of p.
func contactOf(p graph.Person) Contact {
	return Contact{PersonID: p.ID, Name: p.Name, Title: p.Title, Function: p.Function,
		Seniority: string(p.Seniority), Role: string(p.Role)}
}

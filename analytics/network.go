package analytics

import (
	"math"
	"sort"

	"github.com/kamgraph/kamgraph/graph"
)

// Network is the account graph G(A) of one account at one threshold, in a
// compact integer-indexed form. Node i is the i-th person of G(A) in id
// order, so sorting node indices sorts person ids. The virtual node R, "our
// organisation", has index Len() and is adjacent to every vendor node.
//
// A Network is immutable after NewNetwork returns, so its methods may run
// concurrently.
type Network struct {
	accountID string
	threshold float64
	people    []graph.Person // the nodes of G(A), sorted by id
	index     map[string]int32
	vendor    []bool // vendor[i] reports whether node i is a vendor person
	vendors   int    // number of vendor nodes
	edges     int    // number of edges of G(A), the edges to R excluded
	// knownFunctions holds the normalised functions of every customer
	// person of the account, departed ones included.
	knownFunctions map[string]bool

	// Adjacency of G(A)+R in compressed sparse row form. The neighbours of
	// node u are nbr[start[u]:start[u+1]] in increasing index order, so R
	// is the last neighbour of every vendor node. The other arrays describe
	// the same slots. Slots that touch R have length 0 and strength 0.
	start    []int32
	nbr      []int32
	length   []int64   // EdgeLength of the relationship
	strength []float64 // strength of the relationship
	mirror   []int32   // slot of the same edge in the neighbour's list
}

// lengthScale is the numerator of the edge length. A relationship of
// strength s has length round(lengthScale / s).
const lengthScale = 1e6

// EdgeLength returns the length of a relationship of the given strength in
// shortest-path computations, the integer round(1,000,000 / strength)
// with halves rounded up. Integer lengths make equal-length paths compare
// exactly in any language. EdgeLength panics unless strength is in (0, 1],
// and its result is meaningful only while 1,000,000 / strength < 2^62.
func EdgeLength(strength float64) int64 {
	if !(strength > 0 && strength <= 1) {
		panic("analytics: strength out of range (0, 1]")
	}
	return int64(math.Floor(lengthScale/strength + 0.5))
}

// NewNetwork builds the account graph G(A) of ag.Account at the given
// threshold. A relationship qualifies when its strength is at least
// threshold. The nodes are the active customer people of the account and
// every active vendor person with a qualifying relationship to one of them.
// The edges are the qualifying relationships between two nodes, so
// vendor-vendor and customer-customer relationships count too. Reporting
// lines (ManagerID) are not edges.
//
// NewNetwork returns an error of kind graph.KindInvalid when threshold is
// outside (0, 1] or ag is nil. It returns the same kind of error when ag
// breaks its contract with a duplicate person id, a relationship with an
// unknown or identical endpoint, a duplicate pair, or a strength outside
// (0, 1]. It also rejects a graph whose summed edge lengths overflow
// int64, which only very small strengths can cause, and a graph too large
// for int32 node and arc indices (about 500 million edges).
//
// NewNetwork takes O(p + r log r) time for p people and r relationships.
func NewNetwork(ag *graph.AccountGraph, threshold float64) (*Network, error) {
	if err := (Options{Threshold: threshold}).Validate(); err != nil {
		return nil, err
	}
	if ag == nil {
		return nil, graph.Errorf(graph.KindInvalid, "invalid account graph: got a nil *graph.AccountGraph, pass the graph of one account")
	}
	people, err := indexPeople(ag)
	if err != nil {
		return nil, err
	}
	if err := checkRelationships(ag, people); err != nil {
		return nil, err
	}
	return buildNetwork(ag, threshold, people)
}

// buildNetwork builds G(A) from ag, whose people are indexed by id in
// people and whose relationships were checked by checkRelationships.
func buildNetwork(ag *graph.AccountGraph, threshold float64, people map[string]*graph.Person) (*Network, error) {
	g := &Network{accountID: ag.Account.ID, threshold: threshold}
	g.selectNodes(ag, people)
	edges := g.selectEdges(ag)
	if err := checkSize(ag.Account.ID, len(g.people), len(edges)+g.vendors); err != nil {
		return nil, err
	}
	if err := assignLengths(ag.Account.ID, edges); err != nil {
		return nil, err
	}
	g.buildAdjacency(edges)
	return g, nil
}

// networkEdge is a qualifying relationship between nodes a < b.
type networkEdge struct {
	a, b     int32
	strength float64
	length   int64
}

func indexPeople(ag *graph.AccountGraph) (map[string]*graph.Person, error) {
	people := make(map[string]*graph.Person, len(ag.People))
	for i := range ag.People {
		p := &ag.People[i]
		if _, dup := people[p.ID]; dup {
			return nil, graph.Errorf(graph.KindInvalid,
				"invalid account graph %q: duplicate person id %q", ag.Account.ID, p.ID)
		}
		people[p.ID] = p
	}
	return people, nil
}

func checkRelationships(ag *graph.AccountGraph, people map[string]*graph.Person) error {
	seen := make(map[graph.PairKey]bool, len(ag.Relationships))
	for _, r := range ag.Relationships {
		for _, id := range []string{r.PersonA, r.PersonB} {
			if _, ok := people[id]; !ok {
				return graph.Errorf(graph.KindInvalid,
					"invalid account graph %q: relationship %q-%q names unknown person %q",
					ag.Account.ID, r.PersonA, r.PersonB, id)
			}
		}
		if r.PersonA == r.PersonB {
			return graph.Errorf(graph.KindInvalid,
				"invalid account graph %q: self-relationship of %q", ag.Account.ID, r.PersonA)
		}
		if !(r.Strength > 0 && r.Strength <= 1) {
			return graph.Errorf(graph.KindInvalid,
				"invalid account graph %q: relationship %q-%q has strength %v outside (0, 1]",
				ag.Account.ID, r.PersonA, r.PersonB, r.Strength)
		}
		key := graph.Pair(r.PersonA, r.PersonB)
		if seen[key] {
			return graph.Errorf(graph.KindInvalid,
				"invalid account graph %q: duplicate relationship between %q and %q",
				ag.Account.ID, key.A, key.B)
		}
		seen[key] = true
	}
	return nil
}

// isAccountCustomer reports whether p is an active customer person of the
// account, which makes p a node of G(A).
func isAccountCustomer(p *graph.Person, accountID string) bool {
	return p.Side == graph.SideCustomer && p.AccountID == accountID && p.Active()
}

// selectNodes fills the node arrays: the account's active customers and the
// active vendors with a qualifying relationship to one of them.
func (g *Network) selectNodes(ag *graph.AccountGraph, people map[string]*graph.Person) {
	chosen := make(map[string]bool)
	g.knownFunctions = make(map[string]bool)
	for i := range ag.People {
		p := &ag.People[i]
		if p.Side == graph.SideCustomer && p.AccountID == g.accountID {
			g.knownFunctions[graph.NormalizeFunction(p.Function)] = true
		}
		if isAccountCustomer(p, g.accountID) {
			chosen[p.ID] = true
		}
	}
	for _, r := range ag.Relationships {
		if r.Strength < g.threshold {
			continue
		}
		a, b := people[r.PersonA], people[r.PersonB]
		switch {
		case isAccountCustomer(a, g.accountID) && b.Side == graph.SideVendor && b.Active():
			chosen[b.ID] = true
		case isAccountCustomer(b, g.accountID) && a.Side == graph.SideVendor && a.Active():
			chosen[a.ID] = true
		}
	}

	ids := make([]string, 0, len(chosen))
	for id := range chosen {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	g.people = make([]graph.Person, len(ids))
	g.vendor = make([]bool, len(ids))
	g.index = make(map[string]int32, len(ids))
	for i, id := range ids {
		g.people[i] = *people[id]
		g.vendor[i] = g.people[i].Side == graph.SideVendor
		g.index[id] = int32(i)
		if g.vendor[i] {
			g.vendors++
		}
	}
}

// selectEdges returns the qualifying relationships between two nodes,
// sorted by (a, b).
func (g *Network) selectEdges(ag *graph.AccountGraph) []networkEdge {
	var edges []networkEdge
	for _, r := range ag.Relationships {
		if r.Strength < g.threshold {
			continue
		}
		a, okA := g.index[r.PersonA]
		b, okB := g.index[r.PersonB]
		if !okA || !okB {
			continue
		}
		if b < a {
			a, b = b, a
		}
		edges = append(edges, networkEdge{a: a, b: b, strength: r.Strength})
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].a != edges[j].a {
			return edges[i].a < edges[j].a
		}
		return edges[i].b < edges[j].b
	})
	g.edges = len(edges)
	return edges
}

// checkSize rejects graphs whose vertex-split flow network, the largest
// structure built on a Network, has more arcs than int32 indices address.
// The network has two arcs per node of G(A)+R and four per edge.
func checkSize(accountID string, nodes, edgesWithRoot int) error {
	arcs := 2*int64(nodes+1) + 4*int64(edgesWithRoot)
	if arcs > math.MaxInt32 {
		return graph.Errorf(graph.KindInvalid,
			"account graph %q is too large: %d nodes and %d edges with R exceed the int32 indices of the analytics",
			accountID, nodes, edgesWithRoot)
	}
	return nil
}

// maxEdgeLength bounds one edge length so that the float-to-integer
// conversion in EdgeLength is exact and cannot overflow.
const maxEdgeLength = 1 << 62

// assignLengths sets the length of every edge. It rejects lengths whose
// sum, an upper bound of every shortest-path distance, does not fit in an
// int64.
func assignLengths(accountID string, edges []networkEdge) error {
	var total int64
	for i := range edges {
		e := &edges[i]
		if lengthScale/e.strength >= maxEdgeLength {
			return lengthOverflow(accountID, e.strength)
		}
		e.length = EdgeLength(e.strength)
		if e.length > math.MaxInt64-total {
			return lengthOverflow(accountID, e.strength)
		}
		total += e.length
	}
	return nil
}

func lengthOverflow(accountID string, strength float64) error {
	return graph.Errorf(graph.KindInvalid,
		"invalid account graph %q: strength %v is too small, because the summed edge lengths overflow int64: raise the threshold",
		accountID, strength)
}

// buildAdjacency fills the compressed sparse row arrays of G(A)+R.
func (g *Network) buildAdjacency(edges []networkEdge) {
	n := int32(len(g.people))
	r := n
	degree := make([]int32, n+1)
	for _, e := range edges {
		degree[e.a]++
		degree[e.b]++
	}
	for u := int32(0); u < n; u++ {
		if g.vendor[u] {
			degree[u]++
			degree[r]++
		}
	}

	g.start = make([]int32, n+2)
	for u := int32(0); u <= n; u++ {
		g.start[u+1] = g.start[u] + degree[u]
	}
	slots := g.start[n+1]
	g.nbr = make([]int32, slots)
	g.length = make([]int64, slots)
	g.strength = make([]float64, slots)
	g.mirror = make([]int32, slots)

	// Appending edges in (a, b) order and the R edges last keeps every
	// neighbour list in increasing index order: node u first receives the
	// edges (x, u) with x < u, then the edges (u, y) with y > u, then R.
	// The edges (x, u) arrive before (u, y) because the list is sorted by a.
	next := make([]int32, n+1)
	copy(next, g.start[:n+1])
	link := func(a, b int32, length int64, strength float64) {
		sa, sb := next[a], next[b]
		next[a]++
		next[b]++
		g.nbr[sa], g.nbr[sb] = b, a
		g.length[sa], g.length[sb] = length, length
		g.strength[sa], g.strength[sb] = strength, strength
		g.mirror[sa], g.mirror[sb] = sb, sa
	}
	for _, e := range edges {
		link(e.a, e.b, e.length, e.strength)
	}
	for u := int32(0); u < n; u++ {
		if g.vendor[u] {
			link(u, r, 0, 0)
		}
	}
}

// AccountID returns the id of the account whose graph g is.
func (g *Network) AccountID() string { return g.accountID }

// Threshold returns the minimum strength of a qualifying relationship.
func (g *Network) Threshold() float64 { return g.threshold }

// Len returns the number of nodes of G(A). R is not counted.
func (g *Network) Len() int { return len(g.people) }

// EdgeCount returns the number of edges of G(A). The edges to R are not
// counted.
func (g *Network) EdgeCount() int { return g.edges }

// Person returns node i of G(A). It panics unless 0 <= i < Len().
func (g *Network) Person(i int) graph.Person { return g.people[i] }

// Index returns the node index of the person with the given id and
// whether that person is a node of G(A).
func (g *Network) Index(id string) (int, bool) {
	i, ok := g.index[id]
	return int(i), ok
}

// root returns the index of R.
func (g *Network) root() int32 { return int32(len(g.people)) }

// isCustomer reports whether node u is a customer person. R is not.
func (g *Network) isCustomer(u int32) bool {
	return u < g.root() && !g.vendor[u]
}

// personEnd returns the end of node u's neighbour slots without R.
func (g *Network) personEnd(u int32) int32 {
	end := g.start[u+1]
	if g.vendor[u] {
		end--
	}
	return end
}

// ids returns the person ids of the given nodes in the same order.
func (g *Network) ids(nodes []int32) []string {
	out := make([]string, len(nodes))
	for i, u := range nodes {
		out[i] = g.people[u].ID
	}
	return out
}

package demo_test

import (
	"slices"

	"github.com/kamgraph/kamgraph/graph"
)

// threshold is the default qualifying strength of the report contract.
const threshold = 0.25

// root is the virtual node R, "our organisation", adjacent to every vendor
// node. No person id starts with a space.
const root = " R"

// accountGraph is a small, independent construction of G(A) from the
// dataset, so that these tests check the demo's shapes without depending
// on the analytics package.
type accountGraph struct {
	side      map[string]graph.Side
	person    map[string]graph.Person
	adjacency map[string][]string
}

// buildAccountGraph returns G(A) at the default threshold: the active
// customer people of the account, the active vendor people with a
// qualifying relationship to one of them, and the qualifying relationships
// between those nodes.
func buildAccountGraph(ds *graph.Dataset, accountID string) *accountGraph {
	people := make(map[string]graph.Person, len(ds.People))
	for _, p := range ds.People {
		people[p.ID] = p
	}
	g := &accountGraph{
		side:      map[string]graph.Side{},
		person:    map[string]graph.Person{},
		adjacency: map[string][]string{},
	}
	for _, p := range ds.People {
		if p.Side == graph.SideCustomer && p.AccountID == accountID && p.Active() {
			g.add(p)
		}
	}
	for _, r := range ds.Relationships {
		a, b := people[r.PersonA], people[r.PersonB]
		if r.Strength < threshold || !a.Active() || !b.Active() {
			continue
		}
		if a.Side == graph.SideVendor && g.side[b.ID] == graph.SideCustomer {
			g.add(a)
		}
		if b.Side == graph.SideVendor && g.side[a.ID] == graph.SideCustomer {
			g.add(b)
		}
	}
	for _, r := range ds.Relationships {
		_, okA := g.side[r.PersonA]
		_, okB := g.side[r.PersonB]
		if r.Strength >= threshold && okA && okB {
			g.adjacency[r.PersonA] = append(g.adjacency[r.PersonA], r.PersonB)
			g.adjacency[r.PersonB] = append(g.adjacency[r.PersonB], r.PersonA)
		}
	}
	for _, v := range g.vendors() {
		g.adjacency[root] = append(g.adjacency[root], v)
		g.adjacency[v] = append(g.adjacency[v], root)
	}
	return g
}

func (g *accountGraph) add(p graph.Person) {
	g.side[p.ID] = p.Side
	g.person[p.ID] = p
}

func (g *accountGraph) nodes(side graph.Side) []string {
	var ids []string
	for id, s := range g.side {
		if s == side {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func (g *accountGraph) vendors() []string   { return g.nodes(graph.SideVendor) }
func (g *accountGraph) customers() []string { return g.nodes(graph.SideCustomer) }

func (g *accountGraph) neighbours(id string) []string {
	var out []string
	for _, n := range g.adjacency[id] {
		if n != root {
			out = append(out, n)
		}
	}
	return out
}

// unreached returns the customer nodes with no path from R once the node
// removed is gone; pass "" to remove nobody.
func (g *accountGraph) unreached(removed string) []string {
	seen := map[string]bool{root: true, removed: true}
	queue := []string{root}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range g.adjacency[n] {
			if !seen[m] {
				seen[m] = true
				queue = append(queue, m)
			}
		}
	}
	var out []string
	for _, c := range g.customers() {
		if c != removed && !seen[c] {
			out = append(out, c)
		}
	}
	return out
}

// threads returns the maximum number of internally vertex-disjoint paths
// from R to k: a unit-capacity max flow on the graph with every other node
// split into an in and an out half.
func (g *accountGraph) threads(k string) int {
	type arc struct{ from, to string }
	capacity := map[arc]int{}
	in := func(n string) string { return n + "/in" }
	out := func(n string) string {
		if n == root {
			return root
		}
		return n + "/out"
	}
	for n := range g.side {
		if n != k {
			capacity[arc{in(n), out(n)}] = 1
		}
	}
	for n, ms := range g.adjacency {
		for _, m := range ms {
			if m != root && n != k {
				capacity[arc{out(n), in(m)}] = 1
			}
		}
	}
	arcs := map[string][]string{}
	for a := range capacity {
		arcs[a.from] = append(arcs[a.from], a.to)
		arcs[a.to] = append(arcs[a.to], a.from)
	}

	flow := 0
	for {
		parent := map[string]string{root: root}
		queue := []string{root}
		for len(queue) > 0 && parent[in(k)] == "" {
			n := queue[0]
			queue = queue[1:]
			for _, m := range arcs[n] {
				if parent[m] == "" && capacity[arc{n, m}] > 0 {
					parent[m] = n
					queue = append(queue, m)
				}
			}
		}
		if parent[in(k)] == "" {
			return flow
		}
		for n := in(k); n != root; n = parent[n] {
			capacity[arc{parent[n], n}]--
			capacity[arc{n, parent[n]}]++
		}
		flow++
	}
}

// keyStakeholders returns the customer nodes with a key role or, when
// none has one, those at vp or c_level.
func (g *accountGraph) keyStakeholders() []string {
	var byRole, bySeniority []string
	for _, c := range g.customers() {
		p := g.person[c]
		if p.Role.IsKey() {
			byRole = append(byRole, c)
		}
		if p.Seniority == graph.SeniorityVP || p.Seniority == graph.SeniorityCLevel {
			bySeniority = append(bySeniority, c)
		}
	}
	if len(byRole) > 0 {
		return byRole
	}
	return bySeniority
}

// busFactor returns the minimum threads over the key stakeholders, or -1
// when there are none.
func (g *accountGraph) busFactor() int {
	lowest := -1
	for _, k := range g.keyStakeholders() {
		if t := g.threads(k); lowest < 0 || t < lowest {
			lowest = t
		}
	}
	return lowest
}

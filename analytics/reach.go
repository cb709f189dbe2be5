package analytics

// Unreached returns the customer people with no path from R in G(A)+R,
// sorted by id. Such people have no relationship chain to any of our
// people, so no knowledge flows to them.
//
// Unreached runs one breadth-first search from R in O(n + m) time for a
// graph of n nodes and m edges.
func (g *Network) Unreached() []string {
	reached := g.reachedFromRoot()
	unreached := []string{}
	for u := range g.people {
		if !reached[u] && g.isCustomer(int32(u)) {
			unreached = append(unreached, g.people[u].ID)
		}
	}
	return unreached
}

// reachedFromRoot returns, for every node of G(A)+R, whether a path from R
// reaches it.
func (g *Network) reachedFromRoot() []bool {
	r := g.root()
	reached := make([]bool, r+1)
	reached[r] = true
	queue := []int32{r}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for s := g.start[u]; s < g.start[u+1]; s++ {
			if v := g.nbr[s]; !reached[v] {
				reached[v] = true
				queue = append(queue, v)
			}
		}
	}
	return reached
}

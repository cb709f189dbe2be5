package analytics

// blockDecomposition splits a graph into its blocks (biconnected
// components): the maximal subgraphs that stay connected after the loss of
// any one node. Two blocks share at most one node, an articulation point,
// and an edge between two nodes of a block belongs to that block. Every
// simple path between two nodes of a block stays inside the block, because
// leaving it through an articulation point means coming back through the
// same node.
type blockDecomposition struct {
	// Block b holds nodes[start[b]:start[b+1]]. Its first node is its top:
	// the node through which the depth-first search entered the block,
	// which is an articulation point or the search root.
	start []int32
	nodes []int32
	// reach[i] is the number of nodes, nodes[i] included, whose shortest
	// paths into the block of position i enter it at nodes[i]. It is 1
	// for a node that is no articulation point.
	reach []float64
	// cutPairs[v] is the number of ordered pairs (s, t), s ≠ v ≠ t, that
	// lie in different components of the graph without v, so that every
	// path between them passes through v.
	cutPairs []float64
	// reached marks the nodes that the search visited. With a single root
	// these are the nodes of the root's component.
	reached []bool
}

// blockCount returns the number of blocks.
func (d *blockDecomposition) blockCount() int { return len(d.start) - 1 }

// block returns the nodes of block b, its top first.
func (d *blockDecomposition) block(b int) []int32 { return d.nodes[d.start[b]:d.start[b+1]] }

// blockSearch is the state of the depth-first search behind decompose.
type blockSearch struct {
	g        *Network
	withRoot bool
	disc     []int32 // preorder number, -1 while unvisited
	low      []int32 // smallest preorder number reachable through one back edge
	parent   []int32
	next     []int32 // next neighbour slot to scan
	sub      []int32 // size of the depth-first subtree
	sepSum   []int32 // summed sizes of the child subtrees that the node separates
	sepSq    []float64
	stack    []int32 // the current depth-first path
	pending  []int32 // visited nodes not yet assigned to a block
	visited  []int32 // nodes in preorder
	order    int32
	out      *blockDecomposition
	topSub   []int32 // per block, the subtree size of the top's child that opened it
}

// decompose returns the blocks of G(A) when withRoot is false, searching
// from every node in index order. When withRoot is true it returns the
// blocks of the component of R in G(A)+R, searching from R only, and it
// leaves reach and cutPairs empty.
//
// decompose runs one iterative depth-first search with Hopcroft and
// Tarjan's low points and a stack of visited nodes, in O(n + m) time and
// memory for n nodes and m edges. A child c of node p closes a block when
// low[c] >= disc[p]: the block is p and the nodes above c on the stack.
//
// Source: J. Hopcroft and R. Tarjan, "Efficient algorithms for graph
// manipulation", Communications of the ACM 16(6):372–378, 1973.
func (g *Network) decompose(withRoot bool) *blockDecomposition {
	n := g.Len()
	if withRoot {
		n++
	}
	s := &blockSearch{
		g:        g,
		withRoot: withRoot,
		disc:     make([]int32, n),
		low:      make([]int32, n),
		parent:   make([]int32, n),
		next:     make([]int32, n),
		sub:      make([]int32, n),
		sepSum:   make([]int32, n),
		sepSq:    make([]float64, n),
		out: &blockDecomposition{
			start:   []int32{0},
			reached: make([]bool, n),
		},
	}
	for i := range s.disc {
		s.disc[i] = -1
	}
	if withRoot {
		s.run(g.root())
		return s.out
	}

	s.out.reach = make([]float64, 0, n)
	s.out.cutPairs = make([]float64, n)
	for u := range int32(n) {
		if s.disc[u] >= 0 {
			continue
		}
		firstBlock := s.out.blockCount()
		s.visited = s.visited[:0]
		s.run(u)
		s.weighComponent(u, firstBlock)
	}
	return s.out
}

// end returns the end of node u's neighbour slots in the searched graph.
func (s *blockSearch) end(u int32) int32 {
	if s.withRoot {
		return s.g.start[u+1]
	}
	return s.g.personEnd(u)
}

func (s *blockSearch) visit(u, from int32) {
	s.disc[u] = s.order
	s.low[u] = s.order
	s.order++
	s.parent[u] = from
	s.next[u] = s.g.start[u]
	s.sub[u] = 1
	s.out.reached[u] = true
	s.stack = append(s.stack, u)
	s.pending = append(s.pending, u)
	s.visited = append(s.visited, u)
}

// run searches the component of root.
func (s *blockSearch) run(root int32) {
	g := s.g
	s.visit(root, -1)
	for len(s.stack) > 0 {
		v := s.stack[len(s.stack)-1]
		if s.next[v] < s.end(v) {
			w := g.nbr[s.next[v]]
			s.next[v]++
			switch {
			case s.disc[w] < 0:
				s.visit(w, v)
			case w != s.parent[v]:
				s.low[v] = min(s.low[v], s.disc[w])
			}
			continue
		}

		s.stack = s.stack[:len(s.stack)-1]
		p := s.parent[v]
		if p < 0 {
			s.pending = s.pending[:len(s.pending)-1] // the root, which no block took
			continue
		}
		s.low[p] = min(s.low[p], s.low[v])
		s.sub[p] += s.sub[v]
		if s.low[v] >= s.disc[p] {
			s.sepSum[p] += s.sub[v]
			s.sepSq[p] += float64(s.sub[v]) * float64(s.sub[v])
			s.closeBlock(p, v)
		}
	}
}

// closeBlock records the block of p and the nodes visited since child c.
func (s *blockSearch) closeBlock(p, c int32) {
	out := s.out
	out.nodes = append(out.nodes, p)
	for {
		u := s.pending[len(s.pending)-1]
		s.pending = s.pending[:len(s.pending)-1]
		out.nodes = append(out.nodes, u)
		if u == c {
			break
		}
	}
	out.start = append(out.start, int32(len(out.nodes)))
	s.topSub = append(s.topSub, s.sub[c])
}

// weighComponent fills reach and cutPairs for the blocks and nodes of the
// component of root, whose search just ended. Both depend on the
// component's size, known only now.
func (s *blockSearch) weighComponent(root int32, firstBlock int) {
	out := s.out
	size := s.sub[root]
	for b := firstBlock; b < out.blockCount(); b++ {
		nodes := out.block(b)
		out.reach = append(out.reach, float64(size-s.topSub[b]))
		for _, u := range nodes[1:] {
			out.reach = append(out.reach, float64(1+s.sepSum[u]))
		}
	}

	// The components of the graph without v are the separated child
	// subtrees and, unless v is the root, the rest of the component.
	others := float64(size - 1)
	for _, u := range s.visited {
		if s.sepSum[u] == 0 {
			continue
		}
		separated := float64(s.sepSum[u])
		pairs := others*separated - s.sepSq[u]
		if u != root {
			pairs += (others - separated) * separated
		}
		out.cutPairs[u] = pairs
	}
}

package analytics

import "math/bits"

// pick is one candidate pair with its predicted score.
type pick struct {
	vendor   int   // index in suggester.pool
	customer int32 // node of the snapshot's Network
	score    Score
}

// better reports whether p ranks above q: the higher score, then the
// smaller vendor id, then the smaller customer id.
func (s *suggester) better(snap *snapshot, p, q pick) bool {
	if c := p.score.Compare(q.score); c != 0 {
		return c > 0
	}
	if pv, qv := s.pool[p.vendor].ID, s.pool[q.vendor].ID; pv != qv {
		return pv < qv
	}
	return snap.g.people[p.customer].ID < snap.g.people[q.customer].ID
}

// vendorClass groups the permitted vendor people whose raiser masks are
// equal. Any two of them change the resilience of a customer person the
// same way, unless one is that customer's first single point of failure.
type vendorClass struct {
	mask    []uint64
	members []int // pool indices, in id order
}

// candidateSearch is the vendor side of one greedy step: the permitted
// vendor people, their classes and their nodes in the snapshot.
type candidateSearch struct {
	s       *suggester
	snap    *snapshot
	weakest []uint64 // key stakeholders at the bus factor
	hasBus  bool
	classes []*vendorClass
	classOf []int   // class of each pool index, -1 when not permitted now
	node    []int32 // node of each pool index in the snapshot, -1 when new to G(A)
	byNode  []int32 // pool index of each node, -1 for others
	blocked []bool  // pool indices adjacent to the customer under study
	// blockedIn counts the blocked members of each class.
	blockedIn []int
	perm      []uint64 // mask of a vendor person new to G(A): every stakeholder
}

// bestPick returns the pair with the highest score in snap, and false when
// no pair improves the account's resilience.
//
// The search is exact but pruned. A customer person is studied only when
// some new relationship could change a resilience field. That is the case
// when a key stakeholder can gain a thread through them, when they are
// unreached, when some single point of failure cuts them off, or when one
// of their coverage cells is uncovered. Every other customer gives a score
// whose first six fields are zero.
// Vendor people are grouped by raiser mask, so each customer costs one
// evaluation per group. Peer fit is computed only for the pairs that tie on
// the best resilience gain, and introduction paths only for the pairs that
// also tie on the best peer fit. Those paths are searched once per
// customer and kept for later steps, because suggested relationships never
// join the introduction graph.
func (s *suggester) bestPick(snap *snapshot) (pick, bool) {
	cs := s.newCandidateSearch(snap)

	type option struct {
		customer int32
		class    int // -1 for the customer's first single point of failure
		gain     resilienceGain
	}
	// options keeps the options whose gain equals best, the best so far.
	var options []option
	var best resilienceGain
	consider := func(o option) {
		if compareGain(o.gain, resilienceGain{}) <= 0 {
			return
		}
		switch c := compareGain(o.gain, best); {
		case c > 0:
			best, options = o.gain, append(options[:0], o)
		case c == 0:
			options = append(options, o)
		}
	}
	for _, c := range s.studiedCustomers(snap) {
		top := cs.markAdjacent(c)
		for ci, class := range cs.classes {
			if cs.eligible(ci, top) {
				consider(option{c, ci, cs.gain(class.mask, c, false)})
			}
		}
		if top >= 0 && !cs.blocked[top] && cs.classOf[top] >= 0 {
			consider(option{c, -1, cs.gain(cs.maskOf(top), c, true)})
		}
		cs.clearAdjacent(c)
	}
	if compareGain(best, resilienceGain{}) <= 0 {
		return pick{}, false
	}

	// Among the options with the best gain, keep the pairs with the best
	// peer fit.
	var tied []pick
	bestFit := -1
	for _, o := range options {
		top := cs.markAdjacent(o.customer)
		customer := fitOf(&snap.g.people[o.customer])
		members := []int{top}
		if o.class >= 0 {
			members = cs.classes[o.class].members
		}
		for _, v := range members {
			if cs.blocked[v] || (o.class >= 0 && v == top) {
				continue
			}
			fit := s.fit[v].score(customer)
			if fit < bestFit {
				continue
			}
			if fit > bestFit {
				bestFit, tied = fit, tied[:0]
			}
			tied = append(tied, pick{vendor: v, customer: o.customer, score: o.gain.score(fit)})
		}
		cs.clearAdjacent(o.customer)
	}

	var chosen pick
	for i, p := range tied {
		id := snap.g.people[p.customer].ID
		p.score.IntroductionStrength, p.score.OwnIntroduction = s.introductionRank(s.pool[p.vendor].ID, id)
		if i == 0 || s.better(snap, p, chosen) {
			chosen = p
		}
	}
	return chosen, true
}

// studiedCustomers returns the customer nodes of snap that are not
// excluded and whose new relationships could change a resilience field.
func (s *suggester) studiedCustomers(snap *snapshot) []int32 {
	g, flows, exposure := snap.g, snap.flows, snap.exposure
	var out []int32
	for u := range g.people {
		c := int32(u)
		if !g.isCustomer(c) || s.excluded[g.people[c].ID] {
			continue
		}
		if popcount(flows.raisableMask(c)) > 0 || exposure.reach[c] > 0 || exposure.shrink[c] > 0 ||
			snap.coverage.uncoveredCells(&g.people[c]).count() > 0 {
			out = append(out, c)
		}
	}
	return out
}

// newCandidateSearch groups the vendor people permitted in snap.
func (s *suggester) newCandidateSearch(snap *snapshot) *candidateSearch {
	g, flows := snap.g, snap.flows
	cs := &candidateSearch{
		s:       s,
		snap:    snap,
		weakest: flows.weakestMask(),
		hasBus:  len(flows.nodes) > 0,
		classOf: make([]int, len(s.pool)),
		node:    make([]int32, len(s.pool)),
		byNode:  make([]int32, g.Len()),
		blocked: make([]bool, len(s.pool)),
		perm:    make([]uint64, flows.words),
	}
	for i := range flows.nodes {
		cs.perm[i/64] |= 1 << (i % 64)
	}
	for i := range cs.byNode {
		cs.byNode[i] = -1
	}

	classIndex := map[string]int{}
	for v, p := range s.pool {
		cs.classOf[v], cs.node[v] = -1, -1
		mask := cs.perm
		if u, ok := g.Index(p.ID); ok {
			cs.node[v], cs.byNode[u] = int32(u), int32(v)
			mask = flows.raiserMask(int32(u))
		}
		if !s.hasCapacity(g, cs.node[v]) {
			continue
		}
		key := maskKey(mask)
		ci, ok := classIndex[key]
		if !ok {
			ci = len(cs.classes)
			classIndex[key] = ci
			cs.classes = append(cs.classes, &vendorClass{mask: mask})
		}
		cs.classOf[v] = ci
		cs.classes[ci].members = append(cs.classes[ci].members, v)
	}
	cs.blockedIn = make([]int, len(cs.classes))
	return cs
}

// hasCapacity reports whether the vendor at node u (-1 when new to G(A))
// has at most MaxVendorRelationships qualifying relationships with the
// account's customers.
func (s *suggester) hasCapacity(g *Network, u int32) bool {
	limit := s.opts.MaxVendorRelationships
	if limit == nil || u < 0 {
		return true
	}
	count := 0
	for slot := g.start[u]; slot < g.personEnd(u); slot++ {
		if g.isCustomer(g.nbr[slot]) {
			count++
		}
	}
	return count <= *limit
}

func maskKey(mask []uint64) string {
	b := make([]byte, 0, 8*len(mask))
	for _, w := range mask {
		for i := range 8 {
			b = append(b, byte(w>>(8*i)))
		}
	}
	return string(b)
}

// maskOf returns the raiser mask of pool index v.
func (cs *candidateSearch) maskOf(v int) []uint64 {
	if cs.node[v] < 0 {
		return cs.perm
	}
	return cs.snap.flows.raiserMask(cs.node[v])
}

// markAdjacent marks the permitted vendor people who already have a
// qualifying relationship with customer c, and returns the pool index of
// c's first single point of failure when that is a permitted vendor, or
// -1. clearAdjacent undoes the marks.
func (cs *candidateSearch) markAdjacent(c int32) int {
	g := cs.snap.g
	for slot := g.start[c]; slot < g.start[c+1]; slot++ {
		if v := cs.byNode[g.nbr[slot]]; v >= 0 && cs.classOf[v] >= 0 {
			cs.blocked[v] = true
			cs.blockedIn[cs.classOf[v]]++
		}
	}
	if top := cs.snap.exposure.top[c]; top >= 0 && cs.byNode[top] >= 0 {
		return int(cs.byNode[top])
	}
	return -1
}

func (cs *candidateSearch) clearAdjacent(c int32) {
	g := cs.snap.g
	for slot := g.start[c]; slot < g.start[c+1]; slot++ {
		if v := cs.byNode[g.nbr[slot]]; v >= 0 && cs.classOf[v] >= 0 {
			cs.blocked[v] = false
			cs.blockedIn[cs.classOf[v]]--
		}
	}
}

// eligible reports whether class number ci has a member other than top
// that may relate to the customer marked by markAdjacent.
func (cs *candidateSearch) eligible(ci int, top int) bool {
	unavailable := cs.blockedIn[ci]
	if top >= 0 && !cs.blocked[top] && cs.classOf[top] == ci {
		unavailable++
	}
	return len(cs.classes[ci].members) > unavailable
}

// gain returns the predicted resilience gain of a relationship between
// customer c and a vendor person with raiser mask mask. isTop is set when
// the vendor person is c's first single point of failure. See
// stakeholderFlows and exposureProfile for why the prediction is exact.
func (cs *candidateSearch) gain(mask []uint64, c int32, isTop bool) resilienceGain {
	flows, exposure := cs.snap.flows, cs.snap.exposure
	raisable := flows.raisableMask(c)
	var g resilienceGain
	busUp := cs.hasBus
	for w := range mask {
		raised := mask[w] & raisable[w]
		g[1] += bits.OnesCount64(raised & cs.weakest[w])
		g[2] += bits.OnesCount64(raised)
		if cs.weakest[w]&^raised != 0 {
			busUp = false
		}
	}
	if busUp {
		g[0] = 1
	}
	if exposure.reach[c] > 0 {
		g[3], g[4] = exposure.reach[c], -exposure.growth[c]
	} else {
		g[4] = exposure.shrink[c]
		if isTop {
			g[4] -= exposure.topShare[c]
		}
	}
	g[5] = cs.snap.coverage.uncoveredCells(&cs.snap.g.people[c]).count()
	return g
}

// introductionRank returns the strength of the introduction from vendor
// person v to customer c and whether it starts at v. It searches c's
// paths once per call of Suggest.
func (s *suggester) introductionRank(v, c string) (float64, bool) {
	cn := s.intro.index[c]
	wp, ok := s.warm[cn]
	if !ok {
		wp = s.intro.warmPathsFrom(cn)
		s.warm[cn] = wp
	}
	return wp.rank(s.intro.vendorSlot[s.intro.index[v]])
}

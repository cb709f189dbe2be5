package gen

// Relationship types by origin.
const (
	typeReporting = "reporting line"
	typeTeam      = "team"
	typeAccount   = "account team"
	typeProject   = "project"
	typeEmail     = "email"
)

// addAnchors gives every core customer two qualifying relationships to
// distinct core people added before it: its manager and a colleague or a
// vendor person. Every vendor person is adjacent to R, so adding a node
// with two such edges keeps every block of the core plus R biconnected,
// and no core person is a single point of failure. Every core vendor
// person also gets one qualifying relationship to a core customer, which
// makes it a node of the account graph.
func (b *builder) addAnchors() {
	placedByFn := make(map[string][]int)
	for _, c := range b.coreCustomers {
		m := &b.members[c]
		if m.manager < 0 {
			b.relate(c, b.hubs[0], b.strength(0.6, 1), typeAccount)
			b.relate(c, b.hubs[1], b.strength(0.6, 1), typeAccount)
		} else {
			b.relate(c, m.manager, b.strength(0.5, 1), typeReporting)
			b.relate(c, b.secondAnchor(c, placedByFn), b.strength(0.35, 1), typeTeam)
		}
		placedByFn[m.fn] = append(placedByFn[m.fn], c)
	}
	for _, v := range b.coreVendors {
		b.relate(v, pick(b.r, b.vendorPool[b.members[v].fn]), b.strength(0.4, 1), typeAccount)
	}
}

// secondAnchor returns a core person other than c's manager, added before
// c and not yet related to c: a teammate, a colleague of the same
// function, or else a core vendor person.
func (b *builder) secondAnchor(c int, placedByFn map[string][]int) int {
	m := &b.members[c]
	unrelated := func(x int) bool { return x != m.manager && !b.related(c, x) }
	switch roll := b.r.intn(100); {
	case roll < 50:
		var placed []int
		for _, s := range b.members[m.manager].reports {
			if s < c && b.members[s].kind == kindCore && unrelated(s) {
				placed = append(placed, s)
			}
		}
		if len(placed) > 0 {
			return pick(b.r, placed)
		}
	case roll < 75:
		if peers := placedByFn[m.fn]; len(peers) > 0 {
			if x := pick(b.r, peers); unrelated(x) {
				return x
			}
		}
	}
	for {
		if v := b.someVendor(); unrelated(v) {
			return v
		}
	}
}

// someVendor returns a core vendor person, a hub more often than not.
func (b *builder) someVendor() int {
	if b.r.chance(0.6) {
		return pick(b.r, b.hubs)
	}
	return pick(b.r, b.coreVendors)
}

func (b *builder) related(x, y int) bool {
	return b.pairs[uint64(min(x, y))<<32|uint64(max(x, y))]
}

// addTeamTies relates people who work together: members of one team with
// each other and their manager, and managers who share a boss, on both
// sides.
func (b *builder) addTeamTies() {
	for i := range b.members {
		group := b.coreReports(i)
		if len(group) == 0 || b.members[i].kind != kindCore {
			continue
		}
		group = append(group, i)
		for x := range group {
			for y := x + 1; y < len(group); y++ {
				if b.r.chance(0.45) {
					b.relate(group[x], group[y], b.strength(0.35, 0.9), typeTeam)
				}
			}
		}
	}
}

// hubContacts returns the number of core customers each hub is related to.
func (b *builder) hubContacts() int { return clamp(b.customers/8, 10, 400) }

// addVendorTies relates our people with the customer: each hub with many
// customers, senior ones more often, and every other vendor person with a
// few customers of the functions it works with.
func (b *builder) addVendorTies() {
	isHub := make(map[int]bool, len(b.hubs))
	for _, h := range b.hubs {
		isHub[h] = true
		for added := 0; added < b.hubContacts(); {
			pool := b.coreCustomers
			if b.r.chance(0.4) {
				pool = b.seniorCore
			}
			if b.relate(h, pick(b.r, pool), b.strength(0.4, 1), typeAccount) {
				added++
			}
		}
	}
	for _, v := range b.coreVendors {
		if isHub[v] {
			continue
		}
		for range b.r.between(2, 8) {
			pool := b.vendorPool[b.members[v].fn]
			if b.r.chance(0.3) {
				pool = b.coreCustomers
			}
			b.relate(v, pick(b.r, pool), b.strength(0.3, 0.9), typeAccount)
		}
	}
}

// addPendantTies gives every pendant person its one qualifying
// relationship, to its gateway. Satellite teams know their gateway and
// each other: each member relates to two people of the group added before
// it, so the gateway is their only single point of failure.
func (b *builder) addPendantTies() {
	inSatellite := make(map[int]bool)
	for _, group := range b.satellites {
		for k := 1; k < len(group); k++ {
			inSatellite[group[k]] = true
			b.relate(group[k], group[k-1], b.strength(0.4, 0.9), typeTeam)
			if k >= 2 {
				b.relate(group[k], group[b.r.intn(k-1)], b.strength(0.4, 0.9), typeTeam)
			}
		}
	}
	for i := range b.members {
		if m := &b.members[i]; m.kind == kindPendant && !inSatellite[i] {
			b.relate(i, m.gateway, b.strength(0.3, 0.9), typeEmail)
		}
	}
}

// addIslandTies relates the islands in small clusters among themselves
// only, so they stay unreached.
func (b *builder) addIslandTies() {
	var islands []int
	for i := range b.members {
		if b.members[i].kind == kindIsland {
			islands = append(islands, i)
		}
	}
	for start := 0; start < len(islands); {
		size := min(b.r.between(1, 3), len(islands)-start)
		for k := start + 1; k < start+size; k++ {
			b.relate(islands[k-1], islands[k], b.strength(0.4, 0.9), typeProject)
		}
		start += size
	}
}

// addDepartedTies keeps the relationships of departed people on record.
// Analytics leave departed people out, so these ties change no result.
func (b *builder) addDepartedTies() {
	for i := range b.members {
		if b.members[i].kind != kindDeparted {
			continue
		}
		for range b.r.between(1, 5) {
			other := pick(b.r, b.coreCustomers)
			if i >= b.customers || b.r.chance(0.3) {
				other = b.someVendor()
			}
			b.relate(i, other, b.strength(0.3, 1), typeEmail)
		}
	}
}

// fillQualifying adds qualifying relationships among core people until
// target qualifying relationships exist: mostly people close in the
// organisation (same team, same function, the manager's manager, senior
// peers), some vendor contacts, and a few random pairs.
func (b *builder) fillQualifying(target int) {
	for attempts := 0; b.qualifying < target && attempts < 20*target; attempts++ {
		c := pick(b.r, b.coreCustomers)
		m := &b.members[c]
		var other int
		switch roll := b.r.intn(100); {
		case roll < 30 && m.manager >= 0:
			other = b.teammateOrManager(c)
		case roll < 55:
			other = pick(b.r, b.coreByFn[m.fn])
		case roll < 65 && m.manager >= 0 && b.members[m.manager].manager >= 0:
			other = b.members[m.manager].manager
		case roll < 75:
			other = pick(b.r, b.seniorCore)
		case roll < 90:
			other = b.someVendor()
		default:
			other = pick(b.r, b.coreCustomers)
		}
		if b.members[other].kind == kindCore {
			b.relate(c, other, b.strength(qualifyingMin, 0.85), typeProject)
		}
	}
}

// teammateOrManager returns a random person who shares c's manager, or
// the manager.
func (b *builder) teammateOrManager(c int) int {
	manager := b.members[c].manager
	team := b.members[manager].reports
	if k := b.r.intn(len(team) + 1); k < len(team) {
		return team[k]
	}
	return manager
}

// fillWeak adds weak ties between any two people until target
// relationships exist. Half of them join people of the same side.
func (b *builder) fillWeak(target int) {
	n := len(b.members)
	for attempts := 0; len(b.relationships) < target && attempts < 20*target; attempts++ {
		x, y := b.r.intn(n), b.r.intn(n)
		if b.r.chance(0.5) && (x < b.customers) != (y < b.customers) {
			continue
		}
		b.relate(x, y, b.weak(), typeEmail)
	}
}

package gen

import "github.com/kamgraph/kamgraph/graph"

// Shares of special customer people, estimates rather than measurements.
const (
	departedShare  = 0.03 // departed customers
	islandShare    = 0.01 // customers with no qualifying path to us
	pendantShare   = 0.25 // one-contact and satellite customers among the rest
	vendorGateways = 8    // one gateway in this many is a vendor person
)

// isContributor reports whether member i is a customer individual
// contributor, the only people that assignKinds moves out of the core.
func (b *builder) isContributor(i int) bool {
	level := b.members[i].level
	return i < b.customers && (level == graph.SeniorityIC || level == "")
}

// assignKinds chooses the departed people, the islands, the gateways and
// the pendant people that hang off each gateway. Everyone else stays in
// the core. Only individual contributors leave the core, so every manager
// is core and every core person's manager is core too.
func (b *builder) assignKinds() {
	var contributors []int
	for i := range b.customers {
		if b.isContributor(i) {
			contributors = append(contributors, i)
		}
	}
	shuffle(b.r, contributors)
	take := func(count int, kind memberKind) []int {
		count = min(count, len(contributors))
		chosen := contributors[:count]
		contributors = contributors[count:]
		for _, i := range chosen {
			b.members[i].kind = kind
		}
		return chosen
	}
	for _, i := range take(int(float64(b.customers)*departedShare), kindDeparted) {
		b.members[i].Status = graph.StatusDeparted
	}
	take(max(2, int(float64(b.customers)*islandShare)), kindIsland)
	b.departVendors()

	b.chooseGateways()
	b.attachPendants(contributors)
}

// departVendors marks a few vendor individual contributors as departed.
// Hubs and the owner stay.
func (b *builder) departVendors() {
	hub := make(map[int]bool, len(b.hubs))
	for _, h := range b.hubs {
		hub[h] = true
	}
	left := b.vendors / 40
	for i := b.customers; i < len(b.members) && left > 0; i++ {
		if !hub[i] && b.members[i].level == graph.SeniorityIC && b.r.chance(0.2) {
			b.members[i].kind = kindDeparted
			b.members[i].Status = graph.StatusDeparted
			left--
		}
	}
}

// chooseGateways picks cfg.SinglePoints core people: mostly first-line
// managers whose teams we reach only through them, and one in
// vendorGateways a vendor specialist who is the only contact of a
// customer team.
func (b *builder) chooseGateways() {
	want := b.cfg.SinglePoints
	hub := make(map[int]bool, len(b.hubs))
	for _, h := range b.hubs {
		hub[h] = true
	}
	var vendors, managers, seniors []int
	for i := range b.members {
		m := &b.members[i]
		switch {
		case m.kind != kindCore:
		case i >= b.customers && !hub[i] && m.level == graph.SeniorityIC:
			vendors = append(vendors, i)
		case i < b.customers && m.level == graph.SeniorityManager:
			managers = append(managers, i)
		case i < b.customers && m.level != graph.SeniorityIC && m.level != "" && i > 0:
			seniors = append(seniors, i)
		}
	}
	shuffle(b.r, vendors)
	shuffle(b.r, managers)
	shuffle(b.r, seniors)

	fromVendors := min(want/vendorGateways, len(vendors))
	b.gateways = append(b.gateways, vendors[:fromVendors]...)
	people := append(managers, seniors...)
	b.gateways = append(b.gateways, people[:want-fromVendors]...)
}

// attachPendants hangs pendant people off the gateways. A customer
// gateway keeps some of its own team as one-contact people, a vendor
// gateway gets a satellite team whose only vendor contact it is, and
// the rest of the pendant budget goes to random individual contributors.
// Every gateway gets at least one pendant person, so each is a single
// point of failure. contributors lists the core individual contributors
// in random order.
func (b *builder) attachPendants(contributors []int) {
	if len(b.gateways) == 0 {
		return
	}
	budget := int(float64(b.customers-b.countKind(kindDeparted)-b.countKind(kindIsland)) * pendantShare)
	budget = max(budget, len(b.gateways)*3)
	leave := func(i, gateway int) {
		b.members[i].kind = kindPendant
		b.members[i].gateway = gateway
		budget--
	}

	var teams []int
	for i := range b.customers {
		if b.members[i].level == graph.SeniorityManager {
			teams = append(teams, i)
		}
	}
	shuffle(b.r, teams)
	for _, g := range b.gateways {
		if g >= b.customers {
			b.attachSatellite(g, &teams, &budget)
			continue
		}
		team := b.coreReports(g)
		keep := b.r.between(1, max(1, len(team)-1))
		for _, i := range team[:min(keep, len(team))] {
			leave(i, g)
		}
		if len(team) == 0 {
			contributors = b.dropNonCore(contributors)
			leave(contributors[0], g)
		}
	}

	isGateway := make(map[int]bool, len(b.gateways))
	for _, g := range b.gateways {
		isGateway[g] = true
	}
	for _, i := range b.dropNonCore(contributors) {
		if budget <= 0 {
			break
		}
		if manager := b.members[i].manager; isGateway[manager] && b.r.chance(0.7) {
			leave(i, manager)
		} else {
			leave(i, pick(b.r, b.gateways))
		}
	}
}

// attachSatellite makes three to five individual contributors of one
// customer team a satellite of vendor gateway g: they are related to each
// other and to g, and to no one else on our side. teams lists first-line managers in
// random order, and attachSatellite drops those it has looked at.
func (b *builder) attachSatellite(g int, teams *[]int, budget *int) {
	for len(*teams) > 0 {
		manager := (*teams)[0]
		*teams = (*teams)[1:]
		team := b.coreReports(manager)
		if len(team) < 3 {
			continue
		}
		size := min(len(team), b.r.between(3, 5))
		group := append([]int(nil), team[:size]...)
		for _, i := range group {
			b.members[i].kind = kindPendant
			b.members[i].gateway = g
		}
		b.satellites = append(b.satellites, append([]int{g}, group...))
		*budget -= size
		return
	}
	panic("gen: no customer team of three core people left for a satellite")
}

// coreReports returns the core direct reports of member i, in index order.
func (b *builder) coreReports(i int) []int {
	var out []int
	for _, r := range b.members[i].reports {
		if b.members[r].kind == kindCore {
			out = append(out, r)
		}
	}
	return out
}

// dropNonCore returns the core members of list, in the same order.
func (b *builder) dropNonCore(list []int) []int {
	out := list[:0]
	for _, i := range list {
		if b.members[i].kind == kindCore {
			out = append(out, i)
		}
	}
	return out
}

func (b *builder) countKind(kind memberKind) int {
	count := 0
	for i := range b.members {
		if b.members[i].kind == kind {
			count++
		}
	}
	return count
}

// assignRoles marks the key stakeholders and a few other customer roles.
// The economic buyer is the finance executive (or the chief executive),
// decision makers are executives and vice presidents, and champions are
// directors and managers. One champion is a one-contact person when there
// are any, so the bus factor is 1.
func (b *builder) assignRoles() {
	keyCount := max(3, b.customers/60)
	buyer := 0
	for i := 1; i < b.customers && b.members[i].level == graph.SeniorityCLevel; i++ {
		if b.members[i].fn == "finance" {
			buyer = i
		}
	}
	b.members[buyer].Role = graph.RoleEconomicBuyer

	var deciders, champions, pendants []int
	for i := 1; i < b.customers; i++ {
		m := &b.members[i]
		switch {
		case i == buyer || (m.kind != kindCore && m.kind != kindPendant):
		case m.kind == kindPendant && m.gateway < b.customers:
			pendants = append(pendants, i)
		case m.level == graph.SeniorityCLevel || m.level == graph.SeniorityVP:
			deciders = append(deciders, i)
		case m.level == graph.SeniorityDirector || m.level == graph.SeniorityManager:
			champions = append(champions, i)
		}
	}
	shuffle(b.r, deciders)
	shuffle(b.r, champions)
	deciderCount := min(len(deciders), max(1, keyCount/3))
	for _, i := range deciders[:deciderCount] {
		b.members[i].Role = graph.RoleDecisionMaker
	}
	for _, i := range champions[:min(len(champions), keyCount-1-deciderCount)] {
		b.members[i].Role = graph.RoleChampion
	}
	if len(pendants) > 0 {
		b.members[pick(b.r, pendants)].Role = graph.RoleChampion
	}

	for i := 1; i < b.customers; i++ {
		m := &b.members[i]
		switch {
		case m.Role != "":
		case m.level == graph.SeniorityVP || m.level == graph.SeniorityDirector:
			if b.r.chance(0.15) {
				m.Role = graph.RoleInfluencer
			}
		case m.level == graph.SeniorityManager:
			if b.r.chance(0.02) {
				m.Role = graph.RoleBlocker
			}
		case b.r.chance(0.05):
			m.Role = graph.RoleUser
		}
	}
}

// vendorAffinity maps a vendor function to the customer functions its
// people mostly work with.
var vendorAffinity = map[string][]string{
	"executive":             {"executive", "finance", "operations"},
	"sales":                 {"procurement", "finance", "executive", "operations"},
	"customer success":      {"operations", "it", "marketing"},
	"solutions engineering": {"it", "operations"},
	"support":               {"it", "operations"},
	"engineering":           {"it"},
	"product":               {"it", "marketing"},
}

// collectPools fills the lists of core people that the tie builders draw
// from.
func (b *builder) collectPools() {
	b.coreByFn = make(map[string][]int)
	for i := range b.members {
		m := &b.members[i]
		if m.kind != kindCore {
			continue
		}
		if i >= b.customers {
			b.coreVendors = append(b.coreVendors, i)
			continue
		}
		b.coreCustomers = append(b.coreCustomers, i)
		b.coreByFn[m.fn] = append(b.coreByFn[m.fn], i)
		if m.level.Rank() >= graph.SeniorityManager.Rank() {
			b.seniorCore = append(b.seniorCore, i)
		}
	}
	b.vendorPool = make(map[string][]int)
	for fn, customerFns := range vendorAffinity {
		for _, cf := range customerFns {
			b.vendorPool[fn] = append(b.vendorPool[fn], b.coreByFn[cf]...)
		}
		if len(b.vendorPool[fn]) == 0 {
			b.vendorPool[fn] = b.coreCustomers
		}
	}
}

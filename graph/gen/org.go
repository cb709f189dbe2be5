package gen

import (
	"fmt"

	"github.com/kamgraph/kamgraph/graph"
)

// Shares of the generated population. They are estimates of a large
// enterprise account, not measurements.
const (
	vendorShare   = 0.10 // vendor people among all people
	minVendors    = 6
	teamSize      = 8    // people per first-line manager, the manager excluded
	directorSpan  = 5    // first-line managers per director
	vpSpan        = 4    // directors per vice president
	maxExecutives = 6    // executives who report to the chief executive
	missingLevel  = 0.03 // customer individual contributors without a recorded seniority
)

var (
	customerFunctions = []string{"finance", "it", "operations", "procurement", "legal", "marketing"}
	executiveTitles   = map[string]string{
		"finance": "Chief Financial Officer", "it": "Chief Information Officer",
		"operations": "Chief Operating Officer", "procurement": "Chief Procurement Officer",
		"legal": "General Counsel", "marketing": "Chief Marketing Officer",
	}
	businessUnits = []string{"Retail", "Wholesale", "Digital", "Logistics", "Corporate"}
	geographies   = []string{"London", "Paris", "Berlin", "New York", "Singapore", "Madrid"}
	// functionSpellings holds the spellings that real imports mix for one
	// function. Coverage compares functions case-insensitively.
	functionSpellings = map[string]string{"finance": "Finance", "it": "IT", "legal": "Legal"}

	vendorFunctions = []string{"sales", "customer success", "solutions engineering", "support", "engineering", "product"}
	firstNames      = []string{"Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
		"Kira", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara"}
	lastNames = []string{"Adams", "Bauer", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen",
		"Kowalski", "Lopez", "Martin", "Novak", "Okafor", "Petit", "Rossi", "Schmidt", "Tanaka", "Weber"}
)

// vendorCount returns the number of vendor people among people.
func vendorCount(people int) int { return max(minVendors, int(float64(people)*vendorShare)) }

// customerCount returns the number of customer people among people.
func customerCount(people int) int { return people - vendorCount(people) }

// member is a generated person with the structure the tie builders use.
type member struct {
	graph.Person
	manager int   // index of the manager, -1 for the top of a hierarchy
	reports []int // indices of direct reports
	level   graph.Seniority
	fn      string // normalised function
	kind    memberKind
	gateway int // for pendant people, the index of the only person they reach
}

// memberKind is the structural part a person plays in the generated graph.
type memberKind uint8

const (
	// kindCore people have at least two qualifying relationships into the
	// core, so their loss cuts no one off.
	kindCore memberKind = iota
	// kindPendant people are reached only through their gateway.
	kindPendant
	// kindIsland people have qualifying relationships only among
	// themselves, so no path from our organisation reaches them.
	kindIsland
	// kindDeparted people have left their company.
	kindDeparted
)

// addMember appends a person at the given level under manager and returns
// its index.
func (b *builder) addMember(side graph.Side, manager int, level graph.Seniority, fn, unit, geo, title string) int {
	i := len(b.members)
	m := member{manager: manager, level: level, fn: fn, gateway: -1}
	m.Person = graph.Person{
		Name:         pick(b.r, firstNames) + " " + pick(b.r, lastNames),
		Side:         side,
		Title:        title,
		Function:     fn,
		BusinessUnit: unit,
		Geography:    geo,
		Seniority:    level,
		Status:       graph.StatusActive,
	}
	if spelling, ok := functionSpellings[fn]; ok && b.r.chance(0.1) {
		m.Function = spelling
	}
	if side == graph.SideCustomer {
		m.ID = fmt.Sprintf("C%06d", i+1)
		m.AccountID = b.cfg.AccountID
	} else {
		m.ID = fmt.Sprintf("V%05d", i-b.customers+1)
	}
	if manager >= 0 {
		m.ManagerID = b.members[manager].ID
		b.members[manager].reports = append(b.members[manager].reports, i)
	}
	b.members = append(b.members, m)
	return i
}

// buildCustomerOrg creates the customer hierarchy, top down: the chief
// executive, executives who each lead a function, then vice presidents
// (one business unit each), directors, first-line managers and individual
// contributors. Index order is therefore breadth-first order, and every
// manager precedes the people who report to them.
func (b *builder) buildCustomerOrg() {
	n := b.customers
	managers := ceilDiv(n, teamSize+1)
	directors := ceilDiv(managers, directorSpan)
	vps := ceilDiv(directors, vpSpan)
	executives := min(maxExecutives, max(1, vps/2))

	side := graph.SideCustomer
	ceo := b.addMember(side, -1, graph.SeniorityCLevel, "executive", "Corporate", geographies[0], "Chief Executive Officer")
	execs := make([]int, executives)
	for i := range execs {
		fn := customerFunctions[i]
		execs[i] = b.addMember(side, ceo, graph.SeniorityCLevel, fn, "Corporate", geographies[0], executiveTitles[fn])
	}
	vpIndex := b.addLevel(side, execs, vps, graph.SeniorityVP, func(i int, boss *member) (string, string) {
		return businessUnits[i%len(businessUnits)], pick(b.r, geographies)
	})
	directorIndex := b.addLevel(side, vpIndex, directors, graph.SeniorityDirector, b.inheritPlace)
	managerIndex := b.addLevel(side, directorIndex, managers, graph.SeniorityManager, b.inheritPlace)

	for len(b.members) < n {
		boss := managerIndex[b.r.intn(len(managerIndex))]
		if b.r.chance(0.5) {
			boss = managerIndex[len(b.members)%len(managerIndex)]
		}
		m := &b.members[boss]
		level := graph.SeniorityIC
		if b.r.chance(missingLevel) {
			level = ""
		}
		unit, geo := b.inheritPlace(0, m)
		b.addMember(side, boss, level, m.fn, unit, geo, titleCase(m.fn)+" Analyst")
	}
}

// addLevel adds count people at level, spread round-robin over bosses, and
// returns their indices. place chooses the business unit and geography of
// the i-th person from its boss.
func (b *builder) addLevel(side graph.Side, bosses []int, count int, level graph.Seniority,
	place func(i int, boss *member) (string, string)) []int {
	out := make([]int, count)
	for i := range out {
		boss := bosses[i%len(bosses)]
		m := &b.members[boss]
		unit, geo := place(i, m)
		out[i] = b.addMember(side, boss, level, m.fn, unit, geo, levelTitle(level, m.fn))
	}
	return out
}

// inheritPlace keeps the boss's business unit and, mostly, its geography.
func (b *builder) inheritPlace(_ int, boss *member) (string, string) {
	geo := boss.Geography
	if b.r.chance(0.15) {
		geo = pick(b.r, geographies)
	}
	return boss.BusinessUnit, geo
}

// buildVendorOrg creates our own account team: an executive sponsor, a
// vice president per function, first-line managers and individual
// contributors. It marks the hubs, the few people who hold many customer
// contacts, and makes the first sales hub the account owner.
func (b *builder) buildVendorOrg() {
	side := graph.SideVendor
	n := b.customers + b.vendors
	sponsor := b.addMember(side, -1, graph.SeniorityCLevel, "executive", "Enterprise", geographies[0], "Executive Sponsor")
	vps := b.addLevel(side, []int{sponsor}, min(len(vendorFunctions), max(2, b.vendors/10)), graph.SeniorityVP,
		func(int, *member) (string, string) { return "Enterprise", pick(b.r, geographies) })
	for i, vp := range vps {
		fn := vendorFunctions[i%len(vendorFunctions)]
		b.members[vp].fn, b.members[vp].Function = fn, fn
		b.members[vp].Title = levelTitle(graph.SeniorityVP, fn)
	}
	managers := b.addLevel(side, vps, max(1, ceilDiv(b.vendors, teamSize+1)-len(vps)), graph.SeniorityManager,
		func(int, *member) (string, string) { return "Enterprise", pick(b.r, geographies) })
	for len(b.members) < n {
		boss := managers[(len(b.members))%len(managers)]
		m := &b.members[boss]
		b.addMember(side, boss, graph.SeniorityIC, m.fn, "Enterprise", m.Geography, vendorTitle(m.fn))
	}

	// The hubs are the sponsor, the first sales manager (who owns the
	// account) and random other managers and vice presidents.
	b.hubs = []int{sponsor}
	candidates := append(append([]int(nil), managers...), vps...)
	shuffle(b.r, candidates)
	for _, c := range managers {
		if b.members[c].fn == "sales" {
			b.hubs = append(b.hubs, c)
			break
		}
	}
	b.owner = b.hubs[len(b.hubs)-1]
	for _, c := range candidates {
		if len(b.hubs) >= clamp(b.vendors/50, 2, 40) {
			break
		}
		if c != b.owner {
			b.hubs = append(b.hubs, c)
		}
	}
}

func levelTitle(level graph.Seniority, fn string) string {
	switch level {
	case graph.SeniorityVP:
		return "VP " + titleCase(fn)
	case graph.SeniorityDirector:
		return "Director, " + titleCase(fn)
	case graph.SeniorityManager:
		return titleCase(fn) + " Manager"
	}
	return titleCase(fn)
}

func vendorTitle(fn string) string {
	switch fn {
	case "sales":
		return "Account Executive"
	case "customer success":
		return "Customer Success Manager"
	case "solutions engineering":
		return "Solutions Engineer"
	case "support":
		return "Support Engineer"
	}
	return titleCase(fn) + " Specialist"
}

func titleCase(s string) string {
	if spelling, ok := functionSpellings[s]; ok {
		return spelling
	}
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func clamp(x, lo, hi int) int { return max(lo, min(hi, x)) }

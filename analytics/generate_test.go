package analytics_test

import (
	"fmt"

	"github.com/kamgraph/kamgraph/graph"
)

// splitMix is the SplitMix64 pseudorandom generator, written out here so
// that a seed yields the same graphs in every Go release.
type splitMix struct{ state uint64 }

func (r *splitMix) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n). The modulo bias is negligible for the
// small n used here.
func (r *splitMix) intn(n int) int { return int(r.next() % uint64(n)) }

// chance returns true with probability p.
func (r *splitMix) chance(p float64) bool { return float64(r.next()>>11)/(1<<53) < p }

func pick[T any](r *splitMix, values []T) T { return values[r.intn(len(values))] }

// roleMode decides which customers of a generated account are key
// stakeholders.
type roleMode int

const (
	keyRoles      roleMode = iota // some customers are champions, decision makers or economic buyers
	seniorityOnly                 // no key role, so the vp and c_level people are key stakeholders
	noKeyPeople                   // no key role and no one above director, so no bus factor
)

// accountSpec describes one generated account.
type accountSpec struct {
	id        string
	customers int
	roles     roleMode
}

// graphSpec describes one generated import folder under testdata/graphs.
type graphSpec struct {
	name      string
	seed      uint64
	threshold float64 // threshold of the golden file
	vendors   int
	accounts  []accountSpec
	strengths []float64 // drawn uniformly for every relationship
}

var (
	tieStrengths   = []float64{0.25, 0.5, 1}
	mixedStrengths = []float64{0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 0.8, 1}
)

// goldenSpecs are the generated golden inputs. They give many equal-length
// paths (strengths 0.25, 0.5 and 1 only), chains of single points, departed
// people, relationships below the threshold, vendors shared by accounts,
// and accounts without key roles or without key people.
var goldenSpecs = []graphSpec{
	{name: "small-chain", seed: 1, threshold: 0.25, vendors: 4, strengths: []float64{0.1, 0.25, 0.5, 1},
		accounts: []accountSpec{{id: "ACME", customers: 18, roles: keyRoles}}},
	{name: "equal-lengths", seed: 2, threshold: 0.25, vendors: 8, strengths: tieStrengths,
		accounts: []accountSpec{{id: "TIES", customers: 40, roles: keyRoles}}},
	{name: "two-accounts", seed: 3, threshold: 0.25, vendors: 16, strengths: mixedStrengths,
		accounts: []accountSpec{{id: "NORTH", customers: 50, roles: keyRoles},
			{id: "SOUTH", customers: 55, roles: seniorityOnly}}},
	{name: "stakeholder-fallback", seed: 4, threshold: 0.25, vendors: 10, strengths: []float64{0.25, 0.3, 0.5, 0.75, 1},
		accounts: []accountSpec{{id: "SENIOR", customers: 30, roles: seniorityOnly},
			{id: "NOKEY", customers: 25, roles: noKeyPeople}}},
	{name: "portfolio", seed: 5, threshold: 0.3, vendors: 40, strengths: mixedStrengths,
		accounts: []accountSpec{{id: "A1", customers: 85, roles: keyRoles},
			{id: "A2", customers: 85, roles: seniorityOnly}, {id: "A3", customers: 90, roles: keyRoles}}},
}

var (
	customerFunctions = []string{"finance", "Finance", "it", "IT", "operations", "procurement",
		"legal", "marketing", "executive", ""}
	vendorFunctions = []string{"sales", "Sales", "customer success", "engineering", "support", ""}
	businessUnits   = []string{"Retail", "retail", "Wholesale", "Corporate", ""}
	geographies     = []string{"Paris", "London", "Berlin", "paris", ""}
	otherRoles      = []graph.Role{graph.RoleInfluencer, graph.RoleUser, graph.RoleBlocker, "", "", ""}
	keyRoleList     = []graph.Role{graph.RoleChampion, graph.RoleDecisionMaker, graph.RoleEconomicBuyer}
)

// datasetBuilder accumulates a generated dataset. It skips duplicate pairs
// and self-relationships.
type datasetBuilder struct {
	r     *splitMix
	spec  graphSpec
	ds    graph.Dataset
	pairs map[graph.PairKey]bool
}

func (b *datasetBuilder) relate(x, y string) {
	if x == y || b.pairs[graph.Pair(x, y)] {
		return
	}
	b.pairs[graph.Pair(x, y)] = true
	b.ds.Relationships = append(b.ds.Relationships, graph.Relationship{
		PersonA: x, PersonB: y, Strength: pick(b.r, b.spec.strengths), Type: pick(b.r, []string{"email", "meeting"}),
	})
}

// generateDataset builds the import dataset of spec. Each account has a
// core of customers joined by a random spanning tree and extra edges. A
// periphery hangs off single customers, which makes single points and
// bridges. An island of three customers has no vendor relationship. Some
// vendors relate to core customers, and vendors relate to each other.
func generateDataset(spec graphSpec) *graph.Dataset {
	b := &datasetBuilder{r: &splitMix{state: spec.seed}, spec: spec, pairs: map[graph.PairKey]bool{}}
	vendorIDs := make([]string, spec.vendors)
	for i := range vendorIDs {
		vendorIDs[i] = fmt.Sprintf("V%03d", i+1)
		p := graph.Person{ID: vendorIDs[i], Name: "Vendor " + vendorIDs[i], Side: graph.SideVendor,
			Function: pick(b.r, vendorFunctions), BusinessUnit: "Sales", Geography: pick(b.r, geographies),
			Seniority: pick(b.r, graph.Seniorities), Status: graph.StatusActive}
		if b.r.chance(0.06) {
			p.Status = graph.StatusDeparted
		}
		b.ds.People = append(b.ds.People, p)
	}
	for i := range vendorIDs {
		if b.r.chance(0.4) {
			b.relate(vendorIDs[i], pick(b.r, vendorIDs))
		}
	}
	for _, account := range spec.accounts {
		b.ds.Accounts = append(b.ds.Accounts, graph.Account{ID: account.id, Name: "Account " + account.id,
			Tier: 1 + b.r.intn(3), ARR: float64(100_000 * (1 + b.r.intn(50)))})
		b.addAccount(account, vendorIDs)
	}
	return &b.ds
}

func (b *datasetBuilder) addAccount(account accountSpec, vendorIDs []string) {
	r := b.r
	ids := make([]string, account.customers)
	for i := range ids {
		ids[i] = fmt.Sprintf("%s-C%03d", account.id, i+1)
		b.ds.People = append(b.ds.People, b.customer(account, ids[i], ids[:i]))
	}

	island := min(3, len(ids)/6)
	core := (len(ids) - island) * 3 / 5
	for i := 1; i < core; i++ {
		if r.chance(0.95) {
			b.relate(ids[i], ids[r.intn(i)])
		}
	}
	for range core {
		b.relate(ids[r.intn(core)], ids[r.intn(core)])
	}
	for i := core; i < len(ids)-island; i++ {
		switch x := r.next() % 20; {
		case x < 14:
			b.relate(ids[i], ids[r.intn(i)])
		case x < 17:
			b.relate(ids[i], ids[r.intn(i)])
			b.relate(ids[i], ids[r.intn(i)])
		case x < 19:
			b.relate(ids[i], pick(r, vendorIDs))
		}
	}
	for i := len(ids) - island; i < len(ids); i++ {
		for j := len(ids) - island; j < i; j++ {
			b.relate(ids[i], ids[j])
		}
	}

	for _, v := range vendorIDs {
		if !r.chance(0.6) {
			continue
		}
		for range 1 + r.intn(4) {
			b.relate(v, ids[r.intn(max(core, 1))])
		}
	}
	b.relate(pick(r, vendorIDs), ids[0]) // at least one vendor reaches the account
}

// customer returns a generated customer. Earlier customers of the account
// may become the manager, which must not turn into an edge.
func (b *datasetBuilder) customer(account accountSpec, id string, earlier []string) graph.Person {
	r := b.r
	p := graph.Person{ID: id, Name: "Customer " + id, Side: graph.SideCustomer, AccountID: account.id,
		Title: "Title " + id, Function: pick(r, customerFunctions), BusinessUnit: pick(r, businessUnits),
		Geography: pick(r, geographies), Status: graph.StatusActive}
	seniorities := []graph.Seniority{graph.SeniorityIC, graph.SeniorityIC, graph.SeniorityIC,
		graph.SeniorityManager, graph.SeniorityManager, graph.SeniorityDirector, graph.SeniorityVP,
		graph.SeniorityCLevel, ""}
	p.Seniority = pick(r, seniorities)
	p.Role = pick(r, otherRoles)
	switch account.roles {
	case keyRoles:
		if r.chance(0.15) {
			p.Role = pick(r, keyRoleList)
		}
	case noKeyPeople:
		if p.Seniority.Rank() > graph.SeniorityDirector.Rank() {
			p.Seniority = graph.SeniorityDirector
		}
	}
	if r.chance(0.08) {
		p.Status = graph.StatusDeparted
	}
	if len(earlier) > 0 && r.chance(0.7) {
		p.ManagerID = pick(r, earlier)
	}
	return p
}

// generateBenchmarkGraph returns one account with the given number of
// people, a fifth of them vendors, and about the given number of
// relationships: 70% between customers, 25% between a vendor and a
// customer and 5% between vendors. About a tenth are below 0.25.
func generateBenchmarkGraph(people, relationships int, seed uint64) *graph.AccountGraph {
	r := &splitMix{state: seed}
	vendors := max(1, people/5)
	ag := &graph.AccountGraph{Account: graph.Account{ID: "BENCH", Name: "Benchmark"}}
	for i := range people {
		p := graph.Person{ID: fmt.Sprintf("P%05d", i), Side: graph.SideCustomer, AccountID: "BENCH",
			Function: pick(r, customerFunctions), Seniority: pick(r, graph.Seniorities),
			BusinessUnit: pick(r, businessUnits), Geography: pick(r, geographies), Status: graph.StatusActive}
		if i < vendors {
			p.Side, p.AccountID, p.Function = graph.SideVendor, "", pick(r, vendorFunctions)
		} else if r.chance(0.05) {
			p.Role = pick(r, keyRoleList)
		}
		p.Name = "Person " + p.ID
		ag.People = append(ag.People, p)
	}

	strengths := []float64{0.1, 0.25, 0.3, 0.5, 0.5, 0.75, 0.8, 1, 1, 1}
	seen := map[graph.PairKey]bool{}
	customer := func() int { return vendors + r.intn(people-vendors) }
	for len(ag.Relationships) < relationships {
		var a, b int
		switch x := r.intn(20); {
		case x < 14:
			a, b = customer(), customer()
		case x < 19:
			a, b = r.intn(vendors), customer()
		default:
			a, b = r.intn(vendors), r.intn(vendors)
		}
		key := graph.Pair(ag.People[a].ID, ag.People[b].ID)
		if a == b || seen[key] {
			continue
		}
		seen[key] = true
		ag.Relationships = append(ag.Relationships,
			graph.Relationship{PersonA: key.A, PersonB: key.B, Strength: pick(r, strengths)})
	}
	graph.SortRelationships(ag.Relationships)
	return ag
}

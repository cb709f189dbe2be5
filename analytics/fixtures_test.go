package analytics_test

import (
	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// testAccount is the account of every hand-made fixture.
const testAccount = "acme"

func vendorPerson(id, function string) graph.Person {
	return graph.Person{ID: id, Name: "Vendor " + id, Side: graph.SideVendor,
		Function: function, Status: graph.StatusActive}
}

func customerPerson(id string, seniority graph.Seniority, role graph.Role) graph.Person {
	return graph.Person{ID: id, Name: "Customer " + id, Side: graph.SideCustomer,
		AccountID: testAccount, Seniority: seniority, Role: role, Status: graph.StatusActive}
}

func departed(p graph.Person) graph.Person {
	p.Status = graph.StatusDeparted
	return p
}

func rel(a, b string, strength float64) graph.Relationship {
	return graph.Relationship{PersonA: a, PersonB: b, Strength: strength}
}

// newAccountGraph returns the graph of testAccount with people sorted by id
// and relationships canonical and sorted, as stores return it.
func newAccountGraph(people []graph.Person, rels ...graph.Relationship) *graph.AccountGraph {
	ag := &graph.AccountGraph{
		Account:       graph.Account{ID: testAccount, Name: "Acme"},
		People:        append([]graph.Person{}, people...),
		Relationships: []graph.Relationship{},
	}
	for _, r := range rels {
		ag.Relationships = append(ag.Relationships, r.Canonical())
	}
	graph.SortPeople(ag.People)
	graph.SortRelationships(ag.Relationships)
	return ag
}

func intPointer(i int) *int { return &i }

// handCase is an account graph with every structural result worked out by
// hand. Betweenness values are normalised by (n-1)(n-2)/2 unordered pairs.
type handCase struct {
	name      string
	graph     *graph.AccountGraph
	threshold float64

	people, relationships int
	unreached             []string
	singlePoints          []analytics.SinglePoint
	bridges               []analytics.Bridge
	threads               map[string]int
	betweenness           map[string]float64
	keyStakeholders       []analytics.KeyStakeholder
	busFactor             *int
}

func singlePoint(id string, side graph.Side, cutOff ...string) analytics.SinglePoint {
	return analytics.SinglePoint{PersonID: id, Side: string(side), CutOff: cutOff}
}

func bridge(a, b string, cutOff ...string) analytics.Bridge {
	return analytics.Bridge{PersonA: a, PersonB: b, CutOff: cutOff}
}

func stakeholder(id string, role graph.Role, seniority graph.Seniority, threads int, minCut ...string) analytics.KeyStakeholder {
	if minCut == nil {
		minCut = []string{}
	}
	return analytics.KeyStakeholder{PersonID: id, Role: string(role), Seniority: string(seniority),
		Threads: threads, MinCut: minCut}
}

var (
	noSinglePoints  = []analytics.SinglePoint{}
	noBridges       = []analytics.Bridge{}
	noStakeholders  = []analytics.KeyStakeholder{}
	nobodyUnreached = []string{}
)

// handCases are small graphs whose results were computed by hand. Every
// relationship of strength 1 has length 1,000,000, of strength 0.5 length
// 2,000,000, and so on.
var handCases = []handCase{
	{
		// R - v1 - c1 - c2 - c3. Every inner node cuts off everything after
		// it, and every edge is a bridge. Betweenness: c1 lies on (v1,c2) and
		// (v1,c3), c2 on (v1,c3) and (c1,c3): 2 pairs each out of 3.
		name: "path",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", "sales"), customerPerson("c1", "", ""),
				customerPerson("c2", "", ""), customerPerson("c3", "", graph.RoleDecisionMaker)},
			rel("v1", "c1", 1), rel("c1", "c2", 1), rel("c2", "c3", 1)),
		threshold:     0.25,
		people:        4,
		relationships: 3,
		unreached:     nobodyUnreached,
		singlePoints: []analytics.SinglePoint{
			singlePoint("c1", graph.SideCustomer, "c2", "c3"),
			singlePoint("c2", graph.SideCustomer, "c3"),
			singlePoint("v1", graph.SideVendor, "c1", "c2", "c3"),
		},
		bridges: []analytics.Bridge{
			bridge("c1", "c2", "c2", "c3"),
			bridge("c1", "v1", "c1", "c2", "c3"),
			bridge("c2", "c3", "c3"),
		},
		threads:     map[string]int{"c1": 1, "c2": 1, "c3": 1},
		betweenness: map[string]float64{"c1": 2.0 / 3, "c2": 2.0 / 3, "c3": 0, "v1": 0},
		// The cut closest to R is v1, although c1 or c2 alone also cut c3 off.
		keyStakeholders: []analytics.KeyStakeholder{
			stakeholder("c3", graph.RoleDecisionMaker, "", 1, "v1"),
		},
		busFactor: intPointer(1),
	},
	{
		// A customer hub c0 with leaves c1..c4, reached by v1 and v2. The hub
		// lies on all 15 pairs of the other 6 nodes, so its betweenness is
		// 15/15 = 1.
		name: "star",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", ""), vendorPerson("v2", ""),
				customerPerson("c0", graph.SeniorityVP, graph.RoleChampion),
				customerPerson("c1", "", ""), customerPerson("c2", "", ""),
				customerPerson("c3", "", ""), customerPerson("c4", "", "")},
			rel("v1", "c0", 0.5), rel("v2", "c0", 0.5), rel("c0", "c1", 0.5),
			rel("c0", "c2", 0.5), rel("c0", "c3", 0.5), rel("c0", "c4", 0.5)),
		threshold:     0.25,
		people:        7,
		relationships: 6,
		unreached:     nobodyUnreached,
		singlePoints: []analytics.SinglePoint{
			singlePoint("c0", graph.SideCustomer, "c1", "c2", "c3", "c4"),
		},
		bridges: []analytics.Bridge{
			bridge("c0", "c1", "c1"), bridge("c0", "c2", "c2"),
			bridge("c0", "c3", "c3"), bridge("c0", "c4", "c4"),
		},
		threads: map[string]int{"c0": 2, "c1": 1, "c2": 1, "c3": 1, "c4": 1},
		betweenness: map[string]float64{"c0": 1, "c1": 0, "c2": 0, "c3": 0, "c4": 0,
			"v1": 0, "v2": 0},
		keyStakeholders: []analytics.KeyStakeholder{
			stakeholder("c0", graph.RoleChampion, graph.SeniorityVP, 2, "v1", "v2"),
		},
		busFactor: intPointer(2),
	},
	{
		// The 6-cycle v1-c1-c2-v2-c3-c4-v1 with R joined to v1 and v2. No
		// single node or edge separates anyone. On a 6-cycle each node is
		// the middle of 1 pair at distance 2 and lies on one of the two
		// paths of 2 antipodal pairs: 1 + 2·1/2 = 2 of 10 pairs.
		name: "cycle",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", ""), vendorPerson("v2", ""),
				customerPerson("c1", "", graph.RoleEconomicBuyer), customerPerson("c2", "", ""),
				customerPerson("c3", "", ""), customerPerson("c4", "", "")},
			rel("v1", "c1", 0.5), rel("c1", "c2", 0.5), rel("c2", "v2", 0.5),
			rel("v2", "c3", 0.5), rel("c3", "c4", 0.5), rel("c4", "v1", 0.5)),
		threshold:     0.25,
		people:        6,
		relationships: 6,
		unreached:     nobodyUnreached,
		singlePoints:  noSinglePoints,
		bridges:       noBridges,
		threads:       map[string]int{"c1": 2, "c2": 2, "c3": 2, "c4": 2},
		betweenness: map[string]float64{"c1": 0.2, "c2": 0.2, "c3": 0.2, "c4": 0.2,
			"v1": 0.2, "v2": 0.2},
		// c1 is cut off by {v1, c2} or {v1, v2}. The cut closest to R is
		// {v1, v2}.
		keyStakeholders: []analytics.KeyStakeholder{
			stakeholder("c1", graph.RoleEconomicBuyer, "", 2, "v1", "v2"),
		},
		busFactor: intPointer(2),
	},
	{
		// Two single points in series: v1 and v2 reach c1, then c1 - c2,
		// then the triangle c2, c3, c4. Betweenness of 10 pairs: c1 lies on
		// {v1,v2} x {c2,c3,c4} and on (v1,v2), so 7. c2 lies on
		// {v1,v2,c1} x {c3,c4}, so 6.
		name: "series",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", ""), vendorPerson("v2", ""),
				customerPerson("c1", "", ""), customerPerson("c2", "", ""),
				customerPerson("c3", "", graph.RoleDecisionMaker),
				customerPerson("c4", "", graph.RoleChampion)},
			rel("v1", "c1", 1), rel("v2", "c1", 1), rel("c1", "c2", 1),
			rel("c2", "c3", 1), rel("c2", "c4", 1), rel("c3", "c4", 1)),
		threshold:     0.25,
		people:        6,
		relationships: 6,
		unreached:     nobodyUnreached,
		singlePoints: []analytics.SinglePoint{
			singlePoint("c1", graph.SideCustomer, "c2", "c3", "c4"),
			singlePoint("c2", graph.SideCustomer, "c3", "c4"),
		},
		bridges: []analytics.Bridge{bridge("c1", "c2", "c2", "c3", "c4")},
		threads: map[string]int{"c1": 2, "c2": 1, "c3": 1, "c4": 1},
		betweenness: map[string]float64{"c1": 0.7, "c2": 0.6, "c3": 0, "c4": 0,
			"v1": 0, "v2": 0},
		// c1 and c2 each cut c3 and c4 off. The cut closest to R is c1.
		keyStakeholders: []analytics.KeyStakeholder{
			stakeholder("c3", graph.RoleDecisionMaker, "", 1, "c1"),
			stakeholder("c4", graph.RoleChampion, "", 1, "c1"),
		},
		busFactor: intPointer(1),
	},
	{
		// v1 reaches c1. c2 has no relationship, and c3 - c4 reach no vendor,
		// so the unreached decision maker c3 sets the bus factor to 0. The
		// edge c3 - c4 is no bridge because no reached customer depends on it.
		name: "disconnected",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", ""), customerPerson("c1", "", ""),
				customerPerson("c2", "", ""), customerPerson("c3", "", graph.RoleDecisionMaker),
				customerPerson("c4", "", "")},
			rel("v1", "c1", 1), rel("c3", "c4", 1)),
		threshold:       0.25,
		people:          5,
		relationships:   2,
		unreached:       []string{"c2", "c3", "c4"},
		singlePoints:    []analytics.SinglePoint{singlePoint("v1", graph.SideVendor, "c1")},
		bridges:         []analytics.Bridge{bridge("c1", "v1", "c1")},
		threads:         map[string]int{"c1": 1, "c2": 0, "c3": 0, "c4": 0},
		betweenness:     map[string]float64{"c1": 0, "c2": 0, "c3": 0, "c4": 0, "v1": 0},
		keyStakeholders: []analytics.KeyStakeholder{stakeholder("c3", graph.RoleDecisionMaker, "", 0)},
		busFactor:       intPointer(0),
	},
	{
		// Lengths: v1-c1 2,000,000, c1-c3 2,000,000, v1-c3 4,000,000, v1-c2
		// 1,000,000, c2-c3 3,333,333. From v1 to c3 the routes through c1 and
		// the direct edge both measure 4,000,000 (the route through c2
		// measures 4,333,333), so c1 gets 1/2 for (v1,c3). v1 is the only
		// shortest route between c1 (2,000,000) and c2 (1,000,000): 3,000,000
		// against 5,333,333 through c3. Of 3 pairs: v1 1/3, c1 1/6.
		name: "weighted ties",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", ""), customerPerson("c1", "", ""),
				customerPerson("c2", "", ""), customerPerson("c3", "", "")},
			rel("v1", "c1", 0.5), rel("c1", "c3", 0.5), rel("v1", "c3", 0.25),
			rel("v1", "c2", 1), rel("c2", "c3", 0.3)),
		threshold:       0.25,
		people:          4,
		relationships:   5,
		unreached:       nobodyUnreached,
		singlePoints:    []analytics.SinglePoint{singlePoint("v1", graph.SideVendor, "c1", "c2", "c3")},
		bridges:         noBridges,
		threads:         map[string]int{"c1": 1, "c2": 1, "c3": 1},
		betweenness:     map[string]float64{"c1": 1.0 / 6, "c2": 0, "c3": 0, "v1": 1.0 / 3},
		keyStakeholders: noStakeholders,
		busFactor:       nil,
	},
	{
		// 1/0.5 + 1/0.75 and 1/0.3 are both 10/3, but the integer lengths
		// make the tie exact: 2,000,000 + 1,333,333 = 3,333,333 =
		// round(1,000,000/0.3). So c1 gets 1/2 for (v1,c2), and the
		// normaliser for n = 3 is 1.
		name: "rounded length tie",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", ""), customerPerson("c1", "", ""),
				customerPerson("c2", "", "")},
			rel("v1", "c1", 0.5), rel("c1", "c2", 0.75), rel("v1", "c2", 0.3)),
		threshold:       0.25,
		people:          3,
		relationships:   3,
		unreached:       nobodyUnreached,
		singlePoints:    []analytics.SinglePoint{singlePoint("v1", graph.SideVendor, "c1", "c2")},
		bridges:         noBridges,
		threads:         map[string]int{"c1": 1, "c2": 1},
		betweenness:     map[string]float64{"c1": 0.5, "c2": 0, "v1": 0},
		keyStakeholders: noStakeholders,
		busFactor:       nil,
	},
	{
		// c1 has departed, so v1, whose only relationship is with c1, is no
		// node, and c2 is reached through v2 alone. The departed vendor v3
		// leaves c3 unreached. The departed decision maker c1 does not
		// count, so the key stakeholders fall back to the vp c2.
		name: "departed people",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", ""), vendorPerson("v2", ""),
				departed(vendorPerson("v3", "")),
				departed(customerPerson("c1", "", graph.RoleDecisionMaker)),
				customerPerson("c2", graph.SeniorityVP, ""), customerPerson("c3", graph.SeniorityIC, "")},
			rel("v1", "c1", 1), rel("c1", "c2", 1), rel("v2", "c2", 0.5), rel("v3", "c3", 1)),
		threshold:       0.25,
		people:          3,
		relationships:   1,
		unreached:       []string{"c3"},
		singlePoints:    []analytics.SinglePoint{singlePoint("v2", graph.SideVendor, "c2")},
		bridges:         []analytics.Bridge{bridge("c2", "v2", "c2")},
		threads:         map[string]int{"c2": 1, "c3": 0},
		betweenness:     map[string]float64{"c2": 0, "c3": 0, "v2": 0},
		keyStakeholders: []analytics.KeyStakeholder{stakeholder("c2", "", graph.SeniorityVP, 1, "v2")},
		busFactor:       intPointer(1),
	},
	{
		// At threshold 0.25 the edge v2-c2 (0.2) is left out and v2-c3 (exactly
		// 0.25) qualifies. The components are the path v1-c1-c2, where c1 lies
		// on (v1,c2), and the edge v2-c3: 1 of 6 pairs.
		name:          "below threshold",
		graph:         thresholdGraph,
		threshold:     0.25,
		people:        5,
		relationships: 3,
		unreached:     nobodyUnreached,
		singlePoints: []analytics.SinglePoint{
			singlePoint("c1", graph.SideCustomer, "c2"),
			singlePoint("v1", graph.SideVendor, "c1", "c2"),
			singlePoint("v2", graph.SideVendor, "c3"),
		},
		bridges: []analytics.Bridge{
			bridge("c1", "c2", "c2"), bridge("c1", "v1", "c1", "c2"), bridge("c3", "v2", "c3"),
		},
		threads:         map[string]int{"c1": 1, "c2": 1, "c3": 1},
		betweenness:     map[string]float64{"c1": 1.0 / 6, "c2": 0, "c3": 0, "v1": 0, "v2": 0},
		keyStakeholders: noStakeholders,
		busFactor:       nil,
	},
	{
		// The same graph at threshold 0.2 keeps v2-c2, which closes the cycle
		// R-v1-c1-c2-v2-R. G(A) is the path v1-c1-c2-v2-c3, where the inner
		// node at position i of 0..4 lies on i·(4-i) of 6 pairs.
		name:          "lower threshold",
		graph:         thresholdGraph,
		threshold:     0.2,
		people:        5,
		relationships: 4,
		unreached:     nobodyUnreached,
		singlePoints:  []analytics.SinglePoint{singlePoint("v2", graph.SideVendor, "c3")},
		bridges:       []analytics.Bridge{bridge("c3", "v2", "c3")},
		threads:       map[string]int{"c1": 2, "c2": 2, "c3": 1},
		betweenness: map[string]float64{"c1": 0.5, "c2": 4.0 / 6, "c3": 0, "v1": 0,
			"v2": 0.5},
		keyStakeholders: noStakeholders,
		busFactor:       nil,
	},
	{
		// The vendor-vendor edge v1-v2 joins c1-v1 and v2-c2 into one path
		// for betweenness (v1 and v2 each lie on 2 of 3 pairs), but reach
		// goes through R, so v1 and v2 stay single points. v3 relates only
		// to v1 and is no node.
		name: "vendor-vendor edge",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", ""), vendorPerson("v2", ""), vendorPerson("v3", ""),
				customerPerson("c1", "", ""), customerPerson("c2", "", "")},
			rel("v1", "c1", 1), rel("v2", "c2", 1), rel("v1", "v2", 1), rel("v3", "v1", 1)),
		threshold:     0.25,
		people:        4,
		relationships: 3,
		unreached:     nobodyUnreached,
		singlePoints: []analytics.SinglePoint{
			singlePoint("v1", graph.SideVendor, "c1"), singlePoint("v2", graph.SideVendor, "c2"),
		},
		bridges:         []analytics.Bridge{bridge("c1", "v1", "c1"), bridge("c2", "v2", "c2")},
		threads:         map[string]int{"c1": 1, "c2": 1},
		betweenness:     map[string]float64{"c1": 0, "c2": 0, "v1": 2.0 / 3, "v2": 2.0 / 3},
		keyStakeholders: noStakeholders,
		busFactor:       nil,
	},
	{
		// No customer has a key role (c4 is only an influencer), so the key
		// stakeholders are the vp c1 and the c_level c2. Edges: v1-c1, v1-c2,
		// v2-c2, c1-c3, c2-c3, v2-c4. Of 10 pairs, counting shared shortest
		// paths by halves: c2 lies on 6.5, v2 on 4, v1 on 1.5, c3 on 1.5 and
		// c1 on 0.5 (the pair v1,c3).
		name: "stakeholder fallback",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", ""), vendorPerson("v2", ""),
				customerPerson("c1", graph.SeniorityVP, ""),
				customerPerson("c2", graph.SeniorityCLevel, ""),
				customerPerson("c3", graph.SeniorityDirector, ""),
				customerPerson("c4", graph.SeniorityIC, graph.RoleInfluencer)},
			rel("v1", "c1", 1), rel("v1", "c2", 1), rel("v2", "c2", 1),
			rel("c2", "c3", 1), rel("c1", "c3", 1), rel("v2", "c4", 1)),
		threshold:     0.25,
		people:        6,
		relationships: 6,
		unreached:     nobodyUnreached,
		singlePoints:  []analytics.SinglePoint{singlePoint("v2", graph.SideVendor, "c4")},
		bridges:       []analytics.Bridge{bridge("c4", "v2", "c4")},
		threads:       map[string]int{"c1": 2, "c2": 2, "c3": 2, "c4": 1},
		betweenness: map[string]float64{"c1": 0.05, "c2": 0.65, "c3": 0.15, "c4": 0,
			"v1": 0.15, "v2": 0.4},
		keyStakeholders: []analytics.KeyStakeholder{
			stakeholder("c1", "", graph.SeniorityVP, 2, "v1", "v2"),
			stakeholder("c2", "", graph.SeniorityCLevel, 2, "v1", "v2"),
		},
		busFactor: intPointer(2),
	},
	{
		// No customer has a key role or the seniority vp or c_level, so there
		// are no key stakeholders and no bus factor.
		name: "no key stakeholders",
		graph: newAccountGraph(
			[]graph.Person{vendorPerson("v1", ""),
				customerPerson("c1", graph.SeniorityDirector, graph.RoleUser),
				customerPerson("c2", "", graph.RoleBlocker)},
			rel("v1", "c1", 1), rel("c1", "c2", 1)),
		threshold:     0.25,
		people:        3,
		relationships: 2,
		unreached:     nobodyUnreached,
		singlePoints: []analytics.SinglePoint{
			singlePoint("c1", graph.SideCustomer, "c2"),
			singlePoint("v1", graph.SideVendor, "c1", "c2"),
		},
		bridges:         []analytics.Bridge{bridge("c1", "c2", "c2"), bridge("c1", "v1", "c1", "c2")},
		threads:         map[string]int{"c1": 1, "c2": 1},
		betweenness:     map[string]float64{"c1": 1, "c2": 0, "v1": 0},
		keyStakeholders: noStakeholders,
		busFactor:       nil,
	},
	{
		// Two customers and no vendor leave both customers unreached, and with
		// n = 2 betweenness is 0 everywhere.
		name: "no vendors",
		graph: newAccountGraph(
			[]graph.Person{customerPerson("c1", "", graph.RoleChampion), customerPerson("c2", "", "")},
			rel("c1", "c2", 1)),
		threshold:       0.25,
		people:          2,
		relationships:   1,
		unreached:       []string{"c1", "c2"},
		singlePoints:    noSinglePoints,
		bridges:         noBridges,
		threads:         map[string]int{"c1": 0, "c2": 0},
		betweenness:     map[string]float64{"c1": 0, "c2": 0},
		keyStakeholders: []analytics.KeyStakeholder{stakeholder("c1", graph.RoleChampion, "", 0)},
		busFactor:       intPointer(0),
	},
	{
		name:            "empty account",
		graph:           newAccountGraph(nil),
		threshold:       0.25,
		unreached:       nobodyUnreached,
		singlePoints:    noSinglePoints,
		bridges:         noBridges,
		threads:         map[string]int{},
		betweenness:     map[string]float64{},
		keyStakeholders: noStakeholders,
		busFactor:       nil,
	},
}

// thresholdGraph has one edge below 0.25 (v2-c2 at 0.2) and one exactly at
// it (v2-c3).
var thresholdGraph = newAccountGraph(
	[]graph.Person{vendorPerson("v1", ""), vendorPerson("v2", ""),
		customerPerson("c1", "", ""), customerPerson("c2", "", ""), customerPerson("c3", "", "")},
	rel("v1", "c1", 1), rel("c1", "c2", 1), rel("v2", "c2", 0.2), rel("v2", "c3", 0.25))

// coverageGraph exercises coverage and vendor breadth. The departed c5 and
// the vendors v4 (below threshold) and v5 (related only to c5) drop out.
var coverageGraph = newAccountGraph(
	[]graph.Person{
		withPlace(customerPerson("c1", graph.SeniorityVP, ""), "Finance", "EMEA Ops", "Paris"),
		withPlace(customerPerson("c2", graph.SeniorityVP, ""), " finance ", "EMEA Ops ", "paris"),
		withPlace(customerPerson("c3", graph.SeniorityManager, ""), "IT", "Americas", "Paris"),
		withPlace(customerPerson("c4", "", ""), "legal", "", ""),
		departed(withPlace(customerPerson("c5", graph.SeniorityDirector, ""), "procurement", "Americas", "Berlin")),
		withPlace(customerPerson("c6", "", ""), "", "Americas", "London"),
		vendorPerson("v1", "Sales"),
		vendorPerson("v2", "sales "),
		vendorPerson("v3", "Engineering"),
		vendorPerson("v4", "Support"),
		vendorPerson("v5", "Legal"),
	},
	rel("v1", "c1", 0.5), rel("v1", "c2", 0.5), rel("v2", "c1", 1), rel("v3", "c3", 0.25),
	rel("v4", "c4", 0.1), rel("v5", "c5", 1), rel("c3", "c6", 1))

func withPlace(p graph.Person, function, businessUnit, geography string) graph.Person {
	p.Function, p.BusinessUnit, p.Geography = function, businessUnit, geography
	return p
}

package demo

import (
	"fmt"

	"github.com/kamgraph/kamgraph/graph"
)

// position is a job in a customer organisation. Every account staffs a
// subset of the same chart, so titles, functions and reporting lines read
// like a real B2B buying centre.
type position struct {
	key       string
	title     string
	function  string
	seniority graph.Seniority
	parent    string     // key of the manager's position; empty for the top
	role      graph.Role // the role the person usually plays in our deals
	division  bool       // works in a business division rather than the group
}

// Position keys. Accounts name the positions they staff with these.
const (
	posCEO          = "ceo"
	posCFO          = "cfo"
	posCIO          = "cio"
	posCOO          = "coo"
	posCounselHead  = "general_counsel"
	posFinanceDir   = "fpa_director"
	posProcureHead  = "procurement_head"
	posCategoryMgr  = "category_manager"
	posITVP         = "it_vp"
	posAppsDirector = "apps_director"
	posITManager    = "it_manager"
	posEngineer     = "systems_engineer"
	posSecurityDir  = "security_director"
	posOpsVP        = "operations_vp"
	posOpsManager   = "operations_manager"
	posOpsAnalyst   = "operations_analyst"
	posCounsel      = "commercial_counsel"
	posHRDirector   = "hr_director"
)

// orgChart lists the positions with every manager before their reports.
var orgChart = []position{
	{posCEO, "Chief Executive Officer", "Executive", graph.SeniorityCLevel, "", "", false},
	{posCFO, "Chief Financial Officer", "Finance", graph.SeniorityCLevel, posCEO, graph.RoleEconomicBuyer, false},
	{posCIO, "Chief Information Officer", "IT", graph.SeniorityCLevel, posCEO, graph.RoleDecisionMaker, false},
	{posCOO, "Chief Operating Officer", "Operations", graph.SeniorityCLevel, posCEO, "", false},
	{posCounselHead, "General Counsel", "Legal", graph.SeniorityVP, posCEO, "", false},
	{posHRDirector, "Director of People Operations", "HR", graph.SeniorityDirector, posCEO, "", false},
	{posFinanceDir, "Director of Financial Planning", "Finance", graph.SeniorityDirector, posCFO, graph.RoleInfluencer, false},
	{posProcureHead, "Head of Procurement", "Procurement", graph.SeniorityDirector, posCFO, graph.RoleInfluencer, false},
	{posCategoryMgr, "IT Category Manager", "Procurement", graph.SeniorityManager, posProcureHead, "", false},
	{posITVP, "VP Infrastructure", "IT", graph.SeniorityVP, posCIO, graph.RoleInfluencer, false},
	{posAppsDirector, "Director of Enterprise Applications", "IT", graph.SeniorityDirector, posITVP, graph.RoleChampion, false},
	{posITManager, "IT Service Manager", "IT", graph.SeniorityManager, posAppsDirector, graph.RoleUser, true},
	{posEngineer, "Systems Engineer", "IT", graph.SeniorityIC, posITManager, graph.RoleUser, true},
	{posSecurityDir, "Director of Information Security", "Security", graph.SeniorityDirector, posCIO, graph.RoleBlocker, false},
	{posOpsVP, "VP Operations", "Operations", graph.SeniorityVP, posCOO, graph.RoleInfluencer, true},
	{posOpsManager, "Operations Manager", "Operations", graph.SeniorityManager, posOpsVP, graph.RoleUser, true},
	{posOpsAnalyst, "Operations Analyst", "Operations", graph.SeniorityIC, posOpsManager, graph.RoleUser, true},
	{posCounsel, "Senior Counsel, Commercial", "Legal", graph.SeniorityManager, posCounselHead, "", false},
}

// positionByKey indexes orgChart.
var positionByKey = func() map[string]position {
	m := make(map[string]position, len(orgChart))
	for _, p := range orgChart {
		m[p.key] = p
	}
	return m
}()

// org is one customer account while it is being generated.
type org struct {
	account   graph.Account
	domain    string   // email domain
	units     []string // business units; units[0] is the group head office
	geography string   // headquarters
	ids       map[string]string
	index     map[string]int // position key to index in Dataset.People
}

// id returns the person id of the position key, or panics when the
// account has not staffed it, which is a bug in the account's recipe.
func (o *org) id(key string) string {
	id, ok := o.ids[key]
	if !ok {
		panic(fmt.Sprintf("demo: account %s has no %s", o.account.ID, key))
	}
	return id
}

// staff adds one customer person for each position key, in chart order so
// that managers exist before their reports. A person whose manager's
// position is not staffed gets no manager_id.
func (g *generator) staff(o *org, keys ...string) {
	include := make(map[string]bool, len(keys))
	for _, k := range keys {
		if _, ok := positionByKey[k]; !ok {
			panic("demo: unknown position " + k)
		}
		include[k] = true
	}
	for _, pos := range orgChart {
		if !include[pos.key] || o.ids[pos.key] != "" {
			continue
		}
		g.addCustomer(o, pos)
	}
}

func (g *generator) addCustomer(o *org, pos position) {
	first, last := g.newName()
	id := fmt.Sprintf("%s-p%02d", o.account.ID, len(o.ids)+1)
	unit := o.units[0]
	if pos.division && len(o.units) > 1 {
		unit = o.units[1+g.rng.IntN(len(o.units)-1)]
	}
	geography := o.geography
	if pos.division && g.rng.IntN(4) == 0 {
		geography = geographies[g.rng.IntN(len(geographies))]
	}
	person := graph.Person{
		ID:           id,
		Name:         first + " " + last,
		Side:         graph.SideCustomer,
		AccountID:    o.account.ID,
		Title:        pos.title,
		Function:     pos.function,
		BusinessUnit: unit,
		Geography:    geography,
		Seniority:    pos.seniority,
		Role:         pos.role,
		Status:       graph.StatusActive,
		Email:        emailAddress(first, last, o.domain),
		ManagerID:    o.ids[pos.parent],
	}
	o.ids[pos.key] = id
	o.index[pos.key] = len(g.ds.People)
	g.ds.People = append(g.ds.People, person)
}

// person returns the generated record of a staffed position for editing.
func (g *generator) person(o *org, key string) *graph.Person {
	o.id(key)
	return &g.ds.People[o.index[key]]
}

// staffedKeys returns the staffed position keys in chart order.
func (o *org) staffedKeys() []string {
	keys := make([]string, 0, len(o.ids))
	for _, pos := range orgChart {
		if o.ids[pos.key] != "" {
			keys = append(keys, pos.key)
		}
	}
	return keys
}

// knowColleagues adds a relationship between each staffed person and their
// staffed manager, with probability p, because people know their managers.
// Those ties let a champion pass our message along.
func (g *generator) knowColleagues(o *org, p float64) {
	for _, key := range o.staffedKeys() {
		parent := positionByKey[key].parent
		if parent == "" || o.ids[parent] == "" {
			continue
		}
		if g.rng.Float64() < p {
			g.relate(o.ids[key], o.ids[parent], g.strong(), "colleague")
		}
	}
}

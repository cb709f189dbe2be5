package gen

import (
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// builder accumulates one generated account. Customers have the indices
// [0, customers) and vendors [customers, customers+vendors).
type builder struct {
	cfg       Config
	r         *splitMix
	customers int
	vendors   int
	members   []member
	hubs      []int // vendor people who hold many customer contacts
	owner     int   // the account owner, a sales hub when there is one

	gateways   []int   // the single points of failure
	satellites [][]int // pendant groups joined to a gateway as a whole

	relationships []graph.Relationship
	pairs         map[uint64]bool
	qualifying    int // relationships of strength at least qualifyingMin

	// Pools of core people, filled by collectPools.
	coreCustomers []int
	coreVendors   []int
	seniorCore    []int            // core customers at manager level or above
	coreByFn      map[string][]int // core customers by normalised function
	vendorPool    map[string][]int // core customers whom a vendor function works with
}

// Generate returns the dataset that cfg describes: one account, its
// customer people and our vendor people, and their relationships. The
// dataset passes graph.Plan against an empty store. Generate returns an
// error when cfg fails Validate.
//
// At any threshold in (0.2, 0.3], the account graph has exactly
// cfg.SinglePoints single points of failure. Qualifying relationships
// have strengths from 0.3 to 1 and weak ties from 0.05 to 0.2, all
// multiples of 0.05, so many paths have equal lengths.
func Generate(cfg Config) (*graph.Dataset, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	b := &builder{
		cfg:       cfg,
		r:         &splitMix{state: cfg.Seed},
		vendors:   vendorCount(cfg.People),
		customers: customerCount(cfg.People),
		pairs:     make(map[uint64]bool, cfg.Relationships),
	}
	b.buildCustomerOrg()
	b.buildVendorOrg()
	b.assignKinds()
	b.assignRoles()
	b.collectPools()

	b.addAnchors()
	b.addTeamTies()
	b.addVendorTies()
	b.addPendantTies()
	b.addIslandTies()
	b.addDepartedTies()
	b.fillQualifying(int(float64(cfg.Relationships) * (1 - weakShare)))
	b.fillWeak(cfg.Relationships)
	return b.dataset(), nil
}

// dataset assembles the generated records, people in id order and
// relationships canonical and sorted.
func (b *builder) dataset() *graph.Dataset {
	ds := &graph.Dataset{
		Accounts: []graph.Account{{
			ID:          b.cfg.AccountID,
			Name:        b.cfg.AccountID + " Holdings",
			Tier:        1,
			ARR:         float64(1_000_000 + 100_000*b.r.intn(40)),
			RenewalDate: "2027-03-31",
			OwnerID:     b.members[b.owner].ID,
		}},
		People:        make([]graph.Person, len(b.members)),
		Relationships: b.relationships,
	}
	for i := range b.members {
		ds.People[i] = b.members[i].Person
	}
	graph.SortPeople(ds.People)
	graph.SortRelationships(ds.Relationships)
	return ds
}

// AccountGraph returns the graph of one account of ds as the stores build
// it: the account's customer people of every status, every vendor person
// with a relationship to one of them, and the relationships among those
// people, sorted. It returns nil when ds has no account with that id.
func AccountGraph(ds *graph.Dataset, accountID string) *graph.AccountGraph {
	ag := &graph.AccountGraph{People: []graph.Person{}, Relationships: []graph.Relationship{}}
	found := false
	for _, a := range ds.Accounts {
		if a.ID == accountID {
			ag.Account, found = a, true
		}
	}
	if !found {
		return nil
	}

	side := make(map[string]graph.Side, len(ds.People))
	members := make(map[string]bool)
	for _, p := range ds.People {
		side[p.ID] = p.Side
		if p.Side == graph.SideCustomer && p.AccountID == accountID {
			members[p.ID] = true
		}
	}
	for _, r := range ds.Relationships {
		if members[r.PersonA] && side[r.PersonA] == graph.SideCustomer && side[r.PersonB] == graph.SideVendor {
			members[r.PersonB] = true
		}
		if members[r.PersonB] && side[r.PersonB] == graph.SideCustomer && side[r.PersonA] == graph.SideVendor {
			members[r.PersonA] = true
		}
	}
	for _, p := range ds.People {
		if members[p.ID] {
			ag.People = append(ag.People, p)
		}
	}
	for _, r := range ds.Relationships {
		if members[r.PersonA] && members[r.PersonB] {
			ag.Relationships = append(ag.Relationships, r.Canonical())
		}
	}
	graph.SortPeople(ag.People)
	graph.SortRelationships(ag.Relationships)
	return ag
}

// lastContact is the latest interaction date of a generated relationship.
var lastContact = time.Date(2026, time.November, 30, 0, 0, 0, 0, time.UTC)

// relate adds a relationship between members x and y unless they are the
// same person or already related, and reports whether it added one.
func (b *builder) relate(x, y int, strength float64, kind string) bool {
	if x == y {
		return false
	}
	key := uint64(min(x, y))<<32 | uint64(max(x, y))
	if b.pairs[key] {
		return false
	}
	b.pairs[key] = true
	if strength >= qualifyingMin {
		b.qualifying++
	}
	b.relationships = append(b.relationships, graph.Relationship{
		PersonA:         b.members[x].ID,
		PersonB:         b.members[y].ID,
		Strength:        strength,
		Type:            kind,
		LastInteraction: graph.Date(lastContact.AddDate(0, 0, -b.r.intn(540)).Format(time.DateOnly)),
		Source:          "crm",
	}.Canonical())
	return true
}

// Strengths of generated relationships, in twentieths so that every value
// is the double nearest to its two-decimal form.
const (
	qualifyingMin = 0.3
	weakShare     = 0.12 // weak ties among all relationships, an estimate
)

// strength returns a multiple of 0.05 in [lo, hi].
func (b *builder) strength(lo, hi float64) float64 {
	return float64(b.r.between(int(lo*20+0.5), int(hi*20+0.5))) / 20
}

// weak returns the strength of a weak tie, from 0.05 to 0.2.
func (b *builder) weak() float64 { return b.strength(0.05, 0.2) }

package neo4jstore_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/storetest"
)

// fixture returns a small dataset that uses every field: two accounts,
// four vendor and four customer people, and relationships given in both
// orders, across accounts and between vendors.
func fixture() *graph.Dataset {
	return &graph.Dataset{
		Accounts: []graph.Account{
			{ID: "globex", Name: "Globex"},
			{ID: "acme", Name: "Acme Corp", Tier: 1, ARR: 1200000.5, RenewalDate: "2026-03-31", OwnerID: "v-amy"},
		},
		People: []graph.Person{
			{ID: "v-amy", Name: "Amy Adams", Side: graph.SideVendor, Title: "Account Manager",
				Function: "Sales", BusinessUnit: "Enterprise", Geography: "EMEA",
				Seniority: graph.SeniorityManager, Status: graph.StatusActive,
				Email: "amy@vendor.example", ManagerID: "v-bob"},
			{ID: "v-bob", Name: "Bob Brown", Side: graph.SideVendor, Function: "  sales ",
				BusinessUnit: "enterprise", Seniority: graph.SeniorityVP, Status: graph.StatusActive},
			{ID: "v-cat", Name: "Cat Cole", Side: graph.SideVendor, Function: "Engineering",
				Status: graph.StatusDeparted, DepartedOn: "2025-09-30"},
			{ID: "v-dan", Name: "Dan Dunn", Side: graph.SideVendor, Status: graph.StatusActive},
			{ID: "c-ann", Name: "Ann Archer", Side: graph.SideCustomer, AccountID: "acme",
				Title: "Head of FP&A", Function: "Finance", BusinessUnit: "Finance Ops",
				Geography: "DACH", Seniority: graph.SeniorityDirector, Role: graph.RoleChampion,
				Status: graph.StatusActive, Email: "ann@acme.example", ManagerID: "c-cfo"},
			{ID: "c-cfo", Name: "Carl Finch", Side: graph.SideCustomer, AccountID: "acme",
				Title: "CFO", Function: "finance", Seniority: graph.SeniorityCLevel,
				Role: graph.RoleEconomicBuyer, Status: graph.StatusActive},
			{ID: "c-eve", Name: "Eve Ernst", Side: graph.SideCustomer, AccountID: "acme",
				Role: graph.RoleBlocker, Status: graph.StatusDeparted},
			{ID: "c-gus", Name: "Gus Gray", Side: graph.SideCustomer, AccountID: "globex",
				Status: graph.StatusActive},
		},
		Relationships: []graph.Relationship{
			{PersonA: "v-amy", PersonB: "c-ann", Strength: 0.8, Type: "sponsor",
				LastInteraction: "2025-11-02", Source: "crm"},
			{PersonA: "v-bob", PersonB: "c-cfo", Strength: 0.5},
			{PersonA: "v-amy", PersonB: "v-bob", Strength: 1},
			{PersonA: "c-ann", PersonB: "c-cfo", Strength: 0.3, Type: "peer"},
			{PersonA: "c-eve", PersonB: "v-cat", Strength: 0.2},
			{PersonA: "v-dan", PersonB: "c-gus", Strength: 0.9},
			{PersonA: "c-gus", PersonB: "c-ann", Strength: 0.4},
			{PersonA: "v-dan", PersonB: "v-amy", Strength: 0.6},
		},
	}
}

// sorted returns ds as Export returns it.
func sorted(ds *graph.Dataset) *graph.Dataset {
	return storetest.Canonical(ds)
}

// expectedAccountGraph computes the account graph of accountID from ds
// directly, by the definition of graph.AccountGraph.
func expectedAccountGraph(ds *graph.Dataset, accountID string) *graph.AccountGraph {
	g := &graph.AccountGraph{People: []graph.Person{}, Relationships: []graph.Relationship{}}
	for _, a := range ds.Accounts {
		if a.ID == accountID {
			g.Account = a
		}
	}

	customers := map[string]bool{}
	for _, p := range ds.People {
		if p.Side == graph.SideCustomer && p.AccountID == accountID {
			customers[p.ID] = true
		}
	}
	members := map[string]bool{}
	for id := range customers {
		members[id] = true
	}

	// Add the vendor people related to a customer of the account.
	side := map[string]graph.Side{}
	for _, p := range ds.People {
		side[p.ID] = p.Side
	}
	for _, r := range ds.Relationships {
		if customers[r.PersonA] && side[r.PersonB] == graph.SideVendor {
			members[r.PersonB] = true
		}
		if customers[r.PersonB] && side[r.PersonA] == graph.SideVendor {
			members[r.PersonA] = true
		}
	}

	for _, p := range ds.People {
		if members[p.ID] {
			g.People = append(g.People, p)
		}
	}
	for _, r := range ds.Relationships {
		if members[r.PersonA] && members[r.PersonB] {
			g.Relationships = append(g.Relationships, r.Canonical())
		}
	}
	graph.SortPeople(g.People)
	graph.SortRelationships(g.Relationships)
	return g
}

// synthetic returns a valid random dataset with the given numbers of
// accounts, vendor people, customer people per account and relationships.
// The same arguments give the same dataset.
func synthetic(accounts, vendors, customersPerAccount, relationships int) *graph.Dataset {
	rng := rand.New(rand.NewPCG(1, uint64(relationships)))
	functions := []string{"Finance", "IT", "Procurement", "Legal", "Operations", "Sales", ""}
	ds := &graph.Dataset{}
	var vendorIDs, customerIDs []string
	for v := range vendors {
		id := fmt.Sprintf("v%05d", v)
		p := graph.Person{ID: id, Name: "Vendor " + id, Side: graph.SideVendor,
			Function: functions[rng.IntN(len(functions))], Status: graph.StatusActive,
			Seniority: graph.Seniorities[rng.IntN(len(graph.Seniorities))]}
		if v > 0 {
			p.ManagerID = vendorIDs[rng.IntN(len(vendorIDs))]
		}
		ds.People = append(ds.People, p)
		vendorIDs = append(vendorIDs, id)
	}
	for a := range accounts {
		accountID := fmt.Sprintf("a%04d", a)
		ds.Accounts = append(ds.Accounts, graph.Account{ID: accountID, Name: "Account " + accountID,
			Tier: 1 + a%3, ARR: float64(100000 * (a + 1)), RenewalDate: "2027-01-15",
			OwnerID: vendorIDs[rng.IntN(len(vendorIDs))]})
		for c := range customersPerAccount {
			id := fmt.Sprintf("%s-c%05d", accountID, c)
			status := graph.StatusActive
			if rng.IntN(10) == 0 {
				status = graph.StatusDeparted
			}
			ds.People = append(ds.People, graph.Person{ID: id, Name: "Customer " + id,
				Side: graph.SideCustomer, AccountID: accountID,
				Function:     functions[rng.IntN(len(functions))],
				BusinessUnit: fmt.Sprintf("Unit %d", rng.IntN(5)),
				Role:         graph.Roles[rng.IntN(len(graph.Roles))], Status: status})
			customerIDs = append(customerIDs, id)
		}
	}
	seen := map[graph.PairKey]bool{}
	for len(ds.Relationships) < relationships {
		// About 60% vendor-customer, 30% customer-customer and 10%
		// vendor-vendor pairs.
		var a, b string
		switch n := rng.IntN(10); {
		case n < 6:
			a, b = customerIDs[rng.IntN(len(customerIDs))], vendorIDs[rng.IntN(len(vendorIDs))]
		case n < 9:
			a, b = customerIDs[rng.IntN(len(customerIDs))], customerIDs[rng.IntN(len(customerIDs))]
		default:
			a, b = vendorIDs[rng.IntN(len(vendorIDs))], vendorIDs[rng.IntN(len(vendorIDs))]
		}
		key := graph.Pair(a, b)
		if a == b || seen[key] {
			continue
		}
		seen[key] = true
		ds.Relationships = append(ds.Relationships, graph.Relationship{PersonA: a, PersonB: b,
			Strength: float64(1+rng.IntN(100)) / 100, LastInteraction: "2025-06-30", Source: "synthetic"})
	}
	return ds
}

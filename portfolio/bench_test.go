package portfolio_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/portfolio"
)

// The benchmarks run on a generated portfolio of 1,000 accounts whose
// account graphs hold about 300 people each: 260 customer people and 40
// vendor people drawn from a team of 1,500, with about 680 relationships
// per account. Run them with
//
//	go test ./portfolio -run '^$' -bench . -benchtime 3x
const (
	benchAccounts  = 1000
	benchCustomers = 260
	benchVendors   = 40
	benchTeam      = 1500
	benchSeed      = 7
)

var (
	benchFunctions   = []string{"executive", "finance", "it", "legal", "operations", "procurement", "sales", "marketing"}
	benchGeographies = []string{"EMEA", "NA", "APAC", "LATAM"}
	benchKeyRoles    = []graph.Role{graph.RoleChampion, graph.RoleDecisionMaker, graph.RoleEconomicBuyer}
)

// generatePortfolio returns a portfolio of the given number of accounts.
// Customers report in a tree of four direct reports per manager, and each
// has one more colleague tie. Each vendor person of an account relates to
// four random customers and to one key stakeholder.
func generatePortfolio(accounts int, seed uint64) *graph.Dataset {
	rng := rand.New(rand.NewPCG(seed, 1))
	ds := &graph.Dataset{}
	for v := range benchTeam {
		ds.People = append(ds.People, graph.Person{
			ID: fmt.Sprintf("v-%04d", v), Name: fmt.Sprintf("Vendor %d", v), Side: graph.SideVendor,
			Function: benchFunctions[v%len(benchFunctions)], Geography: benchGeographies[v%len(benchGeographies)],
			Status: graph.StatusActive,
		})
	}
	pairs := make(map[graph.PairKey]bool)
	relate := func(a, b string, strength float64) {
		key := graph.Pair(a, b)
		if a == b || pairs[key] {
			return
		}
		pairs[key] = true
		ds.Relationships = append(ds.Relationships, graph.Relationship{
			PersonA: a, PersonB: b, Strength: strength, LastInteraction: "2026-10-01",
		})
	}
	strength := func() float64 { return 0.1 + float64(rng.IntN(90))/100 }

	for a := range accounts {
		id := fmt.Sprintf("a-%04d", a)
		team := rng.Perm(benchTeam)[:benchVendors]
		ds.Accounts = append(ds.Accounts, graph.Account{
			ID: id, Name: "Account " + id, Tier: 1 + a%3, ARR: float64(50_000 + rng.IntN(2_000_000)),
			RenewalDate: "2027-06-30", OwnerID: fmt.Sprintf("v-%04d", team[0]),
		})
		customer := func(i int) string { return fmt.Sprintf("%s-c%03d", id, i) }
		for i := range benchCustomers {
			p := graph.Person{
				ID: customer(i), Name: "Customer " + customer(i), Side: graph.SideCustomer, AccountID: id,
				Function:  benchFunctions[rng.IntN(len(benchFunctions))],
				Geography: benchGeographies[rng.IntN(len(benchGeographies))],
				Seniority: graph.Seniorities[rng.IntN(len(graph.Seniorities))],
				Status:    graph.StatusActive,
			}
			if i < len(benchKeyRoles) {
				p.Role = benchKeyRoles[i]
			}
			if i > 0 {
				p.ManagerID = customer((i - 1) / 4)
				relate(p.ManagerID, p.ID, 0.6)
			}
			ds.People = append(ds.People, p)
		}
		for i := range benchCustomers {
			relate(customer(i), customer(rng.IntN(benchCustomers)), strength())
		}
		for j, v := range team {
			vendor := fmt.Sprintf("v-%04d", v)
			for range 4 {
				relate(vendor, customer(rng.IntN(benchCustomers)), strength())
			}
			relate(vendor, customer(j%len(benchKeyRoles)), strength())
		}
	}
	return ds
}

func benchmarkStore(b *testing.B) *memstore.Store {
	b.Helper()
	store := memstore.New()
	if _, err := store.Import(context.Background(), generatePortfolio(benchAccounts, benchSeed), graph.ImportOptions{}); err != nil {
		b.Fatalf("import: %v", err)
	}
	return store
}

// BenchmarkPortfolioFull evaluates every account with an empty cache.
func BenchmarkPortfolioFull(b *testing.B) {
	store := benchmarkStore(b)
	ctx := context.Background()
	for b.Loop() {
		s, err := portfolio.New(portfolio.Config{Store: store})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Portfolio(ctx, portfolio.Filter{}, nil); err != nil {
			b.Fatalf("Portfolio: %v", err)
		}
	}
}

// BenchmarkPortfolioRefreshOne changes one relationship of one account and
// builds the portfolio report again, import included.
func BenchmarkPortfolioRefreshOne(b *testing.B) {
	store := benchmarkStore(b)
	ctx := context.Background()
	s, err := portfolio.New(portfolio.Config{Store: store})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Portfolio(ctx, portfolio.Filter{}, nil); err != nil {
		b.Fatal(err)
	}
	change := graph.Relationship{PersonA: "a-0500-c000", PersonB: "a-0500-c001"}
	strengths := []float64{0.3, 0.9}
	i := 0
	for b.Loop() {
		change.Strength = strengths[i%2]
		i++
		if _, err := store.Import(ctx, &graph.Dataset{Relationships: []graph.Relationship{change}}, graph.ImportOptions{}); err != nil {
			b.Fatalf("import: %v", err)
		}
		if _, err := s.Portfolio(ctx, portfolio.Filter{}, nil); err != nil {
			b.Fatalf("Portfolio: %v", err)
		}
	}
}

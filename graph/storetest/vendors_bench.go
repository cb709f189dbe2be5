package storetest

import (
	"context"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/gen"
	"github.com/kamgraph/kamgraph/httpapi"
)

// BenchPortfolioConfig is the portfolio of BenchVendorReads: 200
// generated accounts of 100 people each (90 customer people and 10 vendor
// people) with about 500 relationships each. A team of 300 vendor people
// serves them, so each vendor person works on about 7 accounts.
var BenchPortfolioConfig = gen.PortfolioConfig{
	Accounts: 200,
	Account:  gen.Config{People: 100, Relationships: 500, SinglePoints: 2, Seed: 1},
	Team:     300,
}

// Store methods that BenchVendorReads hides to measure the Export path.
type exportPathStore struct {
	graph.Store
	graph.PeopleStore
	graph.NoteStore
}

// BenchVendorReads imports BenchPortfolioConfig into s, an empty store
// that implements graph.VendorStore, graph.PeopleStore and
// graph.NoteStore, and measures one httpapi.AccountSuggestions of the
// first account and one handover.Build for its owner. Each runs once
// through graph.VendorStore ("vendorstore") and once on a view of s
// without it, which reads the portfolio with Export ("export").
func BenchVendorReads(b *testing.B, s graph.Store) {
	ps, isPeople := s.(graph.PeopleStore)
	ns, isNotes := s.(graph.NoteStore)
	if _, ok := s.(graph.VendorStore); !ok || !isPeople || !isNotes {
		b.Skipf("%T lacks graph.VendorStore, graph.PeopleStore or graph.NoteStore", s)
	}
	ds, err := gen.Portfolio(BenchPortfolioConfig)
	if err != nil {
		b.Fatalf("gen.Portfolio: %v", err)
	}
	for _, part := range splitByAccount(ds, 20) {
		if _, err := s.Import(context.Background(), part, graph.ImportOptions{}); err != nil {
			b.Fatalf("Import: %v", err)
		}
	}
	account := ds.Accounts[0]
	stores := []struct {
		name  string
		store graph.Store
	}{
		{"vendorstore", s},
		{"export", exportPathStore{Store: s, PeopleStore: ps, NoteStore: ns}},
	}

	for _, tc := range stores {
		b.Run("AccountSuggestions/"+tc.name, func(b *testing.B) {
			benchAccountSuggestions(b, tc.store, account.ID)
		})
	}
	for _, tc := range stores {
		b.Run("HandoverBuild/"+tc.name, func(b *testing.B) {
			benchHandoverBuild(b, tc.store.(handover.Store), account.OwnerID)
		})
	}
	b.ReportMetric(float64(len(ds.People)), "people")
}

func benchAccountSuggestions(b *testing.B, s graph.Store, accountID string) {
	ctx := context.Background()
	opts := analytics.DefaultSuggestOptions()
	for b.Loop() {
		if _, err := httpapi.AccountSuggestions(ctx, s, accountID, opts); err != nil {
			b.Fatalf("AccountSuggestions(%q): %v", accountID, err)
		}
	}
}

func benchHandoverBuild(b *testing.B, s handover.Store, personID string) {
	ctx := context.Background()
	opts := handover.Options{Report: analytics.DefaultOptions()}
	accounts := 0
	for b.Loop() {
		brief, err := handover.Build(ctx, s, personID, opts)
		if err != nil {
			b.Fatalf("Build(%q): %v", personID, err)
		}
		accounts = len(brief.Accounts)
	}
	b.ReportMetric(float64(accounts), "accounts")
}

// splitByAccount splits ds into imports small enough for the transaction
// memory of a default Neo4j: first the vendor people and the
// relationships among them, then the accounts in groups of size, each
// with its customer people and their relationships. It expects what
// gen.Portfolio returns, where customer people relate only to vendor
// people and to customer people of their own account.
func splitByAccount(ds *graph.Dataset, size int) []*graph.Dataset {
	vendors := &graph.Dataset{}
	accountOf := map[string]string{}
	for _, p := range ds.People {
		if p.Side == graph.SideVendor {
			vendors.People = append(vendors.People, p)
		} else {
			accountOf[p.ID] = p.AccountID
		}
	}
	parts := []*graph.Dataset{vendors}
	group := map[string]*graph.Dataset{}
	for i, a := range ds.Accounts {
		if i%size == 0 {
			parts = append(parts, &graph.Dataset{})
		}
		part := parts[len(parts)-1]
		part.Accounts = append(part.Accounts, a)
		group[a.ID] = part
	}
	for _, p := range ds.People {
		if p.Side == graph.SideCustomer {
			group[p.AccountID].People = append(group[p.AccountID].People, p)
		}
	}
	for _, r := range ds.Relationships {
		part := vendors
		if account := accountOf[r.PersonA]; account != "" {
			part = group[account]
		} else if account := accountOf[r.PersonB]; account != "" {
			part = group[account]
		}
		part.Relationships = append(part.Relationships, r)
	}
	return parts
}

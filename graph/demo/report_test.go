package demo_test

import (
	"context"
	"slices"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

// computeReports loads the portfolio of seed into a memstore and returns
// the analytics report of every account at the default options.
func computeReports(t *testing.T, seed int64) map[string]*analytics.Report {
	t.Helper()
	ctx := context.Background()
	store := memstore.New()
	ds := demo.Generate(seed)
	if _, err := store.Import(ctx, ds, graph.ImportOptions{}); err != nil {
		t.Fatalf("seed %d: import: %v", seed, err)
	}
	reports := map[string]*analytics.Report{}
	for _, a := range ds.Accounts {
		ag, err := store.AccountGraph(ctx, a.ID)
		if err != nil {
			t.Fatalf("seed %d: account graph %s: %v", seed, a.ID, err)
		}
		report, err := analytics.Compute(ctx, ag, analytics.DefaultOptions())
		if err != nil {
			t.Fatalf("seed %d: report %s: %v", seed, a.ID, err)
		}
		reports[a.ID] = report
	}
	return reports
}

func TestShowcaseBusFactorsByAnalytics(t *testing.T) {
	exact := map[string]int{
		demo.SingleThreadedAccountID:   1,
		demo.ChampionOnlyAccountID:     1,
		demo.DepartedChampionAccountID: 0,
		demo.OrphanedAccountID:         0,
		demo.NewLogoAccountID:          0,
	}
	for _, seed := range seeds {
		reports := computeReports(t, seed)
		for account, want := range exact {
			got := reports[account].BusFactor
			if got == nil || *got != want {
				t.Errorf("seed %d: %s bus factor %v, want %d", seed, account, got, want)
			}
		}
		if got := reports[demo.MultiThreadedAccountID].BusFactor; got == nil || *got < 2 {
			t.Errorf("seed %d: multi-threaded bus factor %v, want at least 2", seed, got)
		}
		if got := reports[demo.UnmarkedAccountID].BusFactor; got != nil {
			t.Errorf("seed %d: unmarked bus factor %d, want none", seed, *got)
		}
		uncharted := reports[demo.UnchartedAccountID].Coverage.UnchartedFunctions
		for _, f := range []string{"finance", "legal", "procurement"} {
			if !slices.Contains(uncharted, f) {
				t.Errorf("seed %d: uncharted functions %v lack %s", seed, uncharted, f)
			}
		}
	}
}

// TestThreadsAgreeWithAnalytics cross-checks the small max-flow of these
// tests against the analytics package on every demo account.
func TestThreadsAgreeWithAnalytics(t *testing.T) {
	for _, seed := range seeds[:3] {
		ds := demo.Generate(seed)
		reports := computeReports(t, seed)
		for _, a := range ds.Accounts {
			g := buildAccountGraph(ds, a.ID)
			report := reports[a.ID]
			if got, want := len(g.side), report.People; got != want {
				t.Errorf("seed %d: %s has %d nodes here, %d in analytics", seed, a.ID, got, want)
			}
			for _, c := range g.customers() {
				if got, want := g.threads(c), report.Threads[c]; got != want {
					t.Errorf("seed %d: %s threads %d here, %d in analytics", seed, c, got, want)
				}
			}
		}
	}
}

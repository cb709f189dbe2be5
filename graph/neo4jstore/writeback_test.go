package neo4jstore_test

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/portfolio"
)

// TestWritebackVisibleToCypher writes the analytics of the demo portfolio
// back and reads them with plain Cypher, as an analyst would.
func TestWritebackVisibleToCypher(t *testing.T) {
	store, server := openStore(t)
	ctx := context.Background()
	mustImport(t, store, demo.Generate(1))
	service, err := portfolio.New(portfolio.Config{Store: store})
	if err != nil {
		t.Fatal(err)
	}

	summary, err := service.Writeback(ctx)
	if err != nil {
		t.Fatalf("Writeback: %v", err)
	}
	if summary.Accounts != demo.AccountCount || summary.People == 0 || summary.SPOFs == 0 {
		t.Errorf("summary %+v, want %d accounts, people and SPOFs", summary, demo.AccountCount)
	}

	want := wantSPOFs(t, store)
	got := map[string][]string{}
	for _, record := range server.Query(t, "test_writeback_spofs", nil) {
		person, _ := record.Get("person_id")
		account, _ := record.Get("account_id")
		cutOff, _ := record.Get("cut_off")
		got[person.(string)+"@"+account.(string)] = toStrings(cutOff)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SPOFs read with Cypher:\n got %v\nwant %v", got, want)
	}

	checkAccountMetrics(t, server.Query(t, "test_writeback_account", map[string]any{"id": demo.ChampionOnlyAccountID}), store)
	bridges := server.Query(t, "test_writeback_bridges", map[string]any{"id": demo.ChampionOnlyAccountID})
	if len(bridges) == 0 {
		t.Errorf("no RELATES_TO marked as a bridge of %s", demo.ChampionOnlyAccountID)
	}

	// Writing again replaces the analytics instead of adding to them.
	again, err := service.Writeback(ctx)
	if err != nil {
		t.Fatalf("second Writeback: %v", err)
	}
	if again != summary {
		t.Errorf("second write-back %+v, want %+v", again, summary)
	}
	if n := len(server.Query(t, "test_writeback_spofs", nil)); n != len(want) {
		t.Errorf("%d SPOF rows after writing twice, want %d", n, len(want))
	}
}

// wantSPOFs computes the single points of failure of every account
// directly, keyed by person@account.
func wantSPOFs(t *testing.T, store graph.Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	accounts, err := store.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for _, a := range accounts {
		report := computeReport(t, store, a.ID)
		for _, p := range report.SinglePointsOfFailure {
			want[p.PersonID+"@"+a.ID] = p.CutOff
		}
	}
	return want
}

func computeReport(t *testing.T, store graph.Store, accountID string) *analytics.Report {
	t.Helper()
	ag, err := store.AccountGraph(context.Background(), accountID)
	if err != nil {
		t.Fatal(err)
	}
	report, err := analytics.Compute(context.Background(), ag, analytics.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return report
}

func checkAccountMetrics(t *testing.T, records []*neo4j.Record, store graph.Store) {
	t.Helper()
	if len(records) != 1 {
		t.Fatalf("%d rows for the account, want 1", len(records))
	}
	report := computeReport(t, store, demo.ChampionOnlyAccountID)
	busFactor, _ := records[0].Get("bus_factor")
	if report.BusFactor == nil || busFactor != int64(*report.BusFactor) {
		t.Errorf("bus_factor %v, want %v", busFactor, report.BusFactor)
	}
	if risk, _ := records[0].Get("risk"); risk != "high" {
		t.Errorf("risk %v, want high", risk)
	}
	if at, _ := records[0].Get("computed_at"); at == nil {
		t.Error("metrics_computed_at is missing")
	} else if _, ok := at.(time.Time); !ok {
		t.Errorf("metrics_computed_at is a %T, want a datetime", at)
	}
	people, _ := records[0].Get("people")
	list, _ := people.([]any)
	if len(list) != len(report.Betweenness) {
		t.Fatalf("%d METRICS relationships, want one per node of the account graph (%d)", len(list), len(report.Betweenness))
	}
	for _, item := range list {
		m := item.(map[string]any)
		id := m["person_id"].(string)
		if m["betweenness"] != report.Betweenness[id] {
			t.Errorf("%s: betweenness %v, want %v", id, m["betweenness"], report.Betweenness[id])
		}
		threads, isCustomer := report.Threads[id]
		switch {
		case isCustomer && m["threads"] != int64(threads):
			t.Errorf("%s: threads %v, want %d", id, m["threads"], threads)
		case !isCustomer && m["threads"] != nil:
			t.Errorf("vendor %s: threads %v, want none", id, m["threads"])
		}
	}
}

func toStrings(v any) []string {
	items, _ := v.([]any)
	out := make([]string, 0, len(items))
	for _, item := range items {
		out = append(out, item.(string))
	}
	sort.Strings(out)
	return out
}

// TestPortfolioHistoryOnNeo4j runs the portfolio as of a date before a
// departure, and the trend of the account, on Neo4j.
func TestPortfolioHistoryOnNeo4j(t *testing.T) {
	store, _ := openStore(t)
	ctx := context.Background()
	t0 := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	if _, err := store.Import(ctx, demo.Generate(1), graph.ImportOptions{Effective: t0}); err != nil {
		t.Fatal(err)
	}
	service, err := portfolio.New(portfolio.Config{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	before, err := service.Portfolio(ctx, portfolio.Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}

	ag, err := store.AccountGraph(ctx, demo.ChampionOnlyAccountID)
	if err != nil {
		t.Fatal(err)
	}
	var champion string
	for _, p := range ag.People {
		if p.Role == graph.RoleChampion {
			champion = p.ID
		}
	}
	if _, err := store.MarkDeparted(ctx, champion, "2026-06-01"); err != nil {
		t.Fatalf("MarkDeparted: %v", err)
	}

	between := time.Date(2026, time.March, 1, 23, 59, 59, 0, time.UTC)
	past, err := service.Portfolio(ctx, portfolio.Filter{}, &between)
	if err != nil {
		t.Fatalf("Portfolio as of: %v", err)
	}
	if !reflect.DeepEqual(past.Accounts, before.Accounts) {
		t.Errorf("portfolio as of %s differs from the portfolio before the departure", between.Format(time.DateOnly))
	}
	points, err := service.Trend(ctx, demo.ChampionOnlyAccountID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatalf("Trend: %v", err)
	}
	if len(points) != 2 || points[1].BusFactor == nil || *points[1].BusFactor != 0 {
		t.Errorf("trend %+v, want two points, the second with bus factor 0", points)
	}
	alerts, err := service.Alerts(ctx, portfolio.DefaultAlertOptions())
	if err != nil {
		t.Fatalf("Alerts: %v", err)
	}
	unreached := 0
	for _, a := range alerts {
		if a.Kind == portfolio.AlertUnreached && strings.HasPrefix(a.PersonID, demo.ChampionOnlyAccountID) {
			unreached++
		}
	}
	if unreached == 0 {
		t.Errorf("no unreached key stakeholder alert for %s after its champion left", demo.ChampionOnlyAccountID)
	}
}

package portfolio_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/portfolio"
)

// countingStore is a memstore that counts AccountGraph calls, which is one
// per account evaluation.
type countingStore struct {
	*memstore.Store
	loads atomic.Int64
}

func (s *countingStore) AccountGraph(ctx context.Context, id string) (*graph.AccountGraph, error) {
	s.loads.Add(1)
	return s.Store.AccountGraph(ctx, id)
}

func demoStore(t testing.TB) *countingStore {
	t.Helper()
	store := &countingStore{Store: memstore.New()}
	if _, err := store.Import(context.Background(), demo.Generate(1), graph.ImportOptions{}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	return store
}

func newService(t testing.TB, store graph.Store, cfg portfolio.Config) *portfolio.Service {
	t.Helper()
	cfg.Store = store
	s, err := portfolio.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

func rowOf(t *testing.T, report *portfolio.Report, id string) portfolio.Row {
	t.Helper()
	for _, row := range report.Accounts {
		if row.AccountID == id {
			return row
		}
	}
	t.Fatalf("report has no row for %s", id)
	return portfolio.Row{}
}

func TestAssessRisk(t *testing.T) {
	one, two, three, zero := 1, 2, 3, 0
	half, low, wide := 0.5, 0.2, 0.8
	tests := []struct {
		name          string
		busFactor     *int
		unreached     int
		breadth       *float64
		concentration *float64
		want          portfolio.Risk
		reasons       []string
	}{
		{"BusFactorOne", &one, 0, &wide, &low, portfolio.RiskHigh, []string{portfolio.ReasonBusFactorAtMostOne}},
		{"Unreached", &zero, 1, &wide, &low, portfolio.RiskHigh,
			[]string{portfolio.ReasonBusFactorAtMostOne, portfolio.ReasonKeyUnreached}},
		{"BusFactorTwo", &two, 0, &wide, &low, portfolio.RiskMedium, []string{portfolio.ReasonBusFactorTwo}},
		{"NoKeyStakeholders", nil, 0, &wide, &low, portfolio.RiskMedium, []string{portfolio.ReasonNoKeyStakeholders}},
		{"Concentrated", &three, 0, &wide, &half, portfolio.RiskMedium, []string{portfolio.ReasonConcentration}},
		{"Narrow", &three, 0, &low, &low, portfolio.RiskMedium, []string{portfolio.ReasonNarrowBreadth}},
		{"NoBreadth", &three, 0, nil, nil, portfolio.RiskMedium, []string{portfolio.ReasonNarrowBreadth}},
		{"HighWithMediumReasons", &one, 0, &low, &half, portfolio.RiskHigh,
			[]string{portfolio.ReasonBusFactorAtMostOne, portfolio.ReasonConcentration, portfolio.ReasonNarrowBreadth}},
		{"Low", &three, 0, &half, &low, portfolio.RiskLow, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			risk, reasons := portfolio.AssessRisk(tc.busFactor, tc.unreached, tc.breadth, tc.concentration)
			if risk != tc.want {
				t.Errorf("risk = %s, want %s", risk, tc.want)
			}
			if !reflect.DeepEqual(reasons, tc.reasons) {
				t.Errorf("reasons = %v, want %v", reasons, tc.reasons)
			}
		})
	}
}

func TestPortfolioDemo(t *testing.T) {
	s := newService(t, demoStore(t), portfolio.Config{})
	report, err := s.Portfolio(context.Background(), portfolio.Filter{}, nil)
	if err != nil {
		t.Fatalf("Portfolio: %v", err)
	}
	if len(report.Accounts) != demo.AccountCount {
		t.Fatalf("%d rows, want %d", len(report.Accounts), demo.AccountCount)
	}
	sorted := sort.SliceIsSorted(report.Accounts, func(i, j int) bool {
		a, b := report.Accounts[i], report.Accounts[j]
		if a.ARRAtRisk != b.ARRAtRisk {
			return a.ARRAtRisk > b.ARRAtRisk
		}
		return a.AccountID < b.AccountID
	})
	if !sorted {
		t.Error("rows are not sorted by ARR at risk, then id")
	}

	var totals portfolio.Totals
	for _, row := range report.Accounts {
		totals.Accounts++
		totals.ARR += row.ARR
		totals.ARRAtRisk += row.ARRAtRisk
		if want := row.ARR * row.Risk.Weight(); row.ARRAtRisk != want {
			t.Errorf("%s: ARR at risk %v, want %v for %s risk", row.AccountID, row.ARRAtRisk, want, row.Risk)
		}
	}
	if report.Totals.Accounts != totals.Accounts || report.Totals.ARR != totals.ARR || report.Totals.ARRAtRisk != totals.ARRAtRisk {
		t.Errorf("totals %+v, want sums %+v", report.Totals, totals)
	}
	if n := report.Totals.High + report.Totals.Medium + report.Totals.Low; n != demo.AccountCount {
		t.Errorf("risk counts add up to %d, want %d", n, demo.AccountCount)
	}

	single := rowOf(t, report, demo.SingleThreadedAccountID)
	if single.Risk != portfolio.RiskHigh || single.BusFactor == nil || *single.BusFactor != 1 {
		t.Errorf("single-threaded account: risk %s, bus factor %v, want high and 1", single.Risk, single.BusFactor)
	}
	if single.SingleThreadedShare == nil || *single.SingleThreadedShare != 1 {
		t.Errorf("single-threaded account: single-threaded share %v, want 1", single.SingleThreadedShare)
	}
	departed := rowOf(t, report, demo.DepartedChampionAccountID)
	if departed.UnreachedKeyStakeholders == 0 || !contains(departed.RiskReasons, portfolio.ReasonKeyUnreached) {
		t.Errorf("departed-champion account: %+v, want an unreached key stakeholder", departed)
	}
	unmarked := rowOf(t, report, demo.UnmarkedAccountID)
	if unmarked.BusFactor != nil || !contains(unmarked.RiskReasons, portfolio.ReasonNoKeyStakeholders) {
		t.Errorf("unmarked account: %+v, want no bus factor and the no-key-stakeholders reason", unmarked)
	}
	multi := rowOf(t, report, demo.MultiThreadedAccountID)
	if multi.BusFactor == nil || *multi.BusFactor < 2 || multi.Risk == portfolio.RiskHigh {
		t.Errorf("multi-threaded account: %+v, want bus factor at least 2 and not high risk", multi)
	}
	if multi.Region == "" {
		t.Errorf("multi-threaded account has no region")
	}
}

func TestPortfolioFilters(t *testing.T) {
	s := newService(t, demoStore(t), portfolio.Config{})
	ctx := context.Background()
	all, err := s.Portfolio(ctx, portfolio.Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := all.Accounts[0]
	tests := []struct {
		name   string
		filter portfolio.Filter
		keep   func(portfolio.Row) bool
	}{
		{"Tier", portfolio.Filter{Tiers: []int{1}}, func(r portfolio.Row) bool { return r.Tier == 1 }},
		{"Tiers", portfolio.Filter{Tiers: []int{2, 3}}, func(r portfolio.Row) bool { return r.Tier >= 2 }},
		{"Owner", portfolio.Filter{Owners: []string{first.OwnerID}}, func(r portfolio.Row) bool { return r.OwnerID == first.OwnerID }},
		{"RegionIgnoresCase", portfolio.Filter{Regions: []string{strings.ToUpper(first.Region)}},
			func(r portfolio.Row) bool { return r.Region == first.Region }},
		{"Risk", portfolio.Filter{Risks: []portfolio.Risk{portfolio.RiskHigh}}, func(r portfolio.Row) bool { return r.Risk == portfolio.RiskHigh }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Portfolio(ctx, tc.filter, nil)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, r := range all.Accounts {
				if tc.keep(r) {
					want = append(want, r.AccountID)
				}
			}
			var ids []string
			for _, r := range got.Accounts {
				ids = append(ids, r.AccountID)
			}
			if len(want) == 0 {
				t.Fatal("the demo has no account for this filter")
			}
			if !reflect.DeepEqual(ids, want) {
				t.Errorf("rows %v, want %v", ids, want)
			}
		})
	}
}

func TestParseFilter(t *testing.T) {
	f, err := portfolio.ParseFilter("1, 3", "v-1", "EMEA,APAC", "High,low")
	if err != nil {
		t.Fatalf("ParseFilter: %v", err)
	}
	want := portfolio.Filter{Tiers: []int{1, 3}, Owners: []string{"v-1"}, Regions: []string{"EMEA", "APAC"},
		Risks: []portfolio.Risk{portfolio.RiskHigh, portfolio.RiskLow}}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("ParseFilter = %+v, want %+v", f, want)
	}
	for _, bad := range [][4]string{{"4", "", "", ""}, {"x", "", "", ""}, {"", "", "", "severe"}} {
		_, err := portfolio.ParseFilter(bad[0], bad[1], bad[2], bad[3])
		if graph.KindOf(err) != graph.KindInvalid {
			t.Errorf("ParseFilter(%q) error %v, want kind invalid", bad, err)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	s := newService(t, demoStore(t), portfolio.Config{})
	report, err := s.Portfolio(context.Background(), portfolio.Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := portfolio.WriteCSV(&buf, report); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	if len(records) != len(report.Accounts)+1 {
		t.Fatalf("%d records, want a header and %d rows", len(records), len(report.Accounts))
	}
	if !reflect.DeepEqual(records[0], portfolio.CSVHeader) {
		t.Errorf("header %v, want %v", records[0], portfolio.CSVHeader)
	}
	for i, row := range report.Accounts {
		if records[i+1][0] != row.AccountID || records[i+1][15] != string(row.Risk) {
			t.Errorf("record %d = %v, want account %s with risk %s", i+1, records[i+1], row.AccountID, row.Risk)
		}
	}
}

func TestCacheRecomputesAffectedAccounts(t *testing.T) {
	store := demoStore(t)
	s := newService(t, store, portfolio.Config{})
	ctx := context.Background()
	if _, err := s.Results(ctx); err != nil {
		t.Fatal(err)
	}
	if n := store.loads.Load(); n != demo.AccountCount {
		t.Fatalf("first refresh evaluated %d accounts, want %d", n, demo.AccountCount)
	}

	store.loads.Store(0)
	if _, err := s.Results(ctx); err != nil {
		t.Fatal(err)
	}
	if n := store.loads.Load(); n != 0 {
		t.Errorf("refresh without writes evaluated %d accounts, want 0", n)
	}

	ag, err := store.Store.AccountGraph(ctx, demo.MultiThreadedAccountID)
	if err != nil {
		t.Fatal(err)
	}
	changed := customerRelationship(t, ag)
	changed.Strength = 0.99
	if _, err := store.Import(ctx, &graph.Dataset{Relationships: []graph.Relationship{changed}}, graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	store.loads.Store(0)
	results, err := s.Results(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := store.loads.Load(); n != 1 {
		t.Errorf("refresh after one relationship change evaluated %d accounts, want 1", n)
	}
	if len(results) != demo.AccountCount {
		t.Errorf("%d results, want %d", len(results), demo.AccountCount)
	}
}

// customerRelationship returns a relationship between two customer people
// of ag, which belongs to no other account graph.
func customerRelationship(t *testing.T, ag *graph.AccountGraph) graph.Relationship {
	t.Helper()
	side := make(map[string]graph.Side)
	for _, p := range ag.People {
		side[p.ID] = p.Side
	}
	for _, r := range ag.Relationships {
		if side[r.PersonA] == graph.SideCustomer && side[r.PersonB] == graph.SideCustomer {
			return r
		}
	}
	t.Fatalf("account %s has no customer-customer relationship", ag.Account.ID)
	return graph.Relationship{}
}

func TestExposure(t *testing.T) {
	store := demoStore(t)
	s := newService(t, store, portfolio.Config{})
	ctx := context.Background()
	exposures, err := s.Exposures(ctx, nil)
	if err != nil {
		t.Fatalf("Exposures: %v", err)
	}
	if len(exposures) == 0 {
		t.Fatal("no exposed vendor person in the demo")
	}
	for i := 1; i < len(exposures); i++ {
		if exposures[i].ExposedARR > exposures[i-1].ExposedARR {
			t.Errorf("exposure %d (%v) ranks below a smaller one (%v)", i, exposures[i].ExposedARR, exposures[i-1].ExposedARR)
		}
	}
	for _, e := range exposures {
		sum := 0.0
		for _, a := range e.Accounts {
			sum += a.ARR
		}
		if sum != e.ExposedARR {
			t.Errorf("%s: exposed ARR %v, want the sum of its accounts %v", e.PersonID, e.ExposedARR, sum)
		}
	}

	account, err := store.Account(ctx, demo.SingleThreadedAccountID)
	if err != nil {
		t.Fatal(err)
	}
	owner, err := s.PersonExposure(ctx, account.OwnerID, nil)
	if err != nil {
		t.Fatalf("PersonExposure: %v", err)
	}
	found := false
	for _, a := range owner.Accounts {
		if a.AccountID == demo.SingleThreadedAccountID {
			found = true
			if !contains(a.Reasons, portfolio.ExposureSPOF) || !contains(a.Reasons, portfolio.ExposureTopShare) {
				t.Errorf("owner of the single-threaded account: reasons %v, want spof and top_share", a.Reasons)
			}
			if len(a.KeyStakeholdersCutOff) == 0 {
				t.Error("owner of the single-threaded account cuts off no key stakeholder")
			}
		}
	}
	if !found {
		t.Errorf("owner %s exposure %+v lacks the single-threaded account", account.OwnerID, owner)
	}

	ag, err := store.AccountGraph(ctx, demo.SingleThreadedAccountID)
	if err != nil {
		t.Fatal(err)
	}
	var customer string
	for _, p := range ag.People {
		if p.Side == graph.SideCustomer {
			customer = p.ID
		}
	}
	if _, err := s.PersonExposure(ctx, customer, nil); graph.KindOf(err) != graph.KindInvalid {
		t.Errorf("exposure of customer %s: error %v, want kind invalid", customer, err)
	}
	if _, err := s.PersonExposure(ctx, "nobody", nil); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("exposure of an unknown person: error %v, want kind not_found", err)
	}
}

func TestConsistency(t *testing.T) {
	one, two, three := 1, 2, 3
	quarter, half := 0.25, 0.5
	report := &portfolio.Report{Accounts: []portfolio.Row{
		{AccountID: "a", Tier: 1, Region: "EMEA", OwnerID: "v1", BusFactor: &one, Breadth: &quarter},
		{AccountID: "b", Tier: 1, Region: "EMEA", OwnerID: "v2", BusFactor: &three, Breadth: &half},
		{AccountID: "c", Tier: 1, Region: "APAC", OwnerID: "v1", BusFactor: &two},
		{AccountID: "d", Tier: 2, OwnerID: "v1"},
	}}
	c := portfolio.Summarize(report)
	if c.Accounts != 4 {
		t.Errorf("accounts = %d, want 4", c.Accounts)
	}
	if len(c.ByTier) != 2 || c.ByTier[0].Key != "1" || c.ByTier[1].Key != "2" {
		t.Fatalf("tier groups %+v, want 1 and 2", c.ByTier)
	}
	tier1 := c.ByTier[0]
	if tier1.Accounts != 3 || tier1.BusFactor.Count != 3 {
		t.Errorf("tier 1: %d accounts, %d bus factors, want 3 and 3", tier1.Accounts, tier1.BusFactor.Count)
	}
	checkStat(t, "tier 1 bus factor min", tier1.BusFactor.Min, 1)
	checkStat(t, "tier 1 bus factor median", tier1.BusFactor.Median, 2)
	checkStat(t, "tier 1 bus factor mean", tier1.BusFactor.Mean, 2)
	checkStat(t, "tier 1 bus factor max", tier1.BusFactor.Max, 3)
	checkStat(t, "tier 1 breadth median", tier1.Breadth.Median, 0.375)
	checkStat(t, "tier 1 share at most 1", tier1.ShareBusFactorAtMostOne, 1.0/3)
	tier2 := c.ByTier[1]
	if tier2.BusFactor.Count != 0 || tier2.BusFactor.Min != nil || tier2.ShareBusFactorAtMostOne != nil {
		t.Errorf("tier 2 without bus factors: %+v, want empty stats", tier2)
	}
	if len(c.ByRegion) != 3 || c.ByRegion[0].Key != "" || c.ByRegion[1].Key != "APAC" {
		t.Errorf("region groups %+v, want '', APAC and EMEA", c.ByRegion)
	}
	if len(c.ByOwner) != 2 || c.ByOwner[0].Accounts != 3 {
		t.Errorf("owner groups %+v, want v1 with 3 accounts and v2", c.ByOwner)
	}
}

func checkStat(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s is null, want %v", name, want)
		return
	}
	if diff := *got - want; diff > 1e-12 || diff < -1e-12 {
		t.Errorf("%s = %v, want %v", name, *got, want)
	}
}

func TestPortfolioAsOfDeparture(t *testing.T) {
	t0 := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	between := time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	store := memstore.New()
	ctx := context.Background()
	if _, err := store.Import(ctx, demo.Generate(1), graph.ImportOptions{Effective: t0}); err != nil {
		t.Fatal(err)
	}
	s := newService(t, store, portfolio.Config{})
	before, err := s.Portfolio(ctx, portfolio.Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	champion := championOf(t, store, demo.ChampionOnlyAccountID)
	if _, err := store.MarkDeparted(ctx, champion, "2026-06-01"); err != nil {
		t.Fatal(err)
	}

	past, err := s.Portfolio(ctx, portfolio.Filter{}, &between)
	if err != nil {
		t.Fatalf("Portfolio as of: %v", err)
	}
	if past.AsOf == nil || !past.AsOf.Equal(between) {
		t.Errorf("as_of = %v, want %s", past.AsOf, between)
	}
	if !reflect.DeepEqual(past.Accounts, before.Accounts) {
		t.Errorf("portfolio as of %s differs from the portfolio before the departure", between.Format(time.DateOnly))
	}
	now, err := s.Portfolio(ctx, portfolio.Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range before.Accounts {
		after := rowOf(t, now, row.AccountID)
		if row.AccountID == demo.ChampionOnlyAccountID {
			if reflect.DeepEqual(after, row) {
				t.Errorf("%s did not change after its champion left", row.AccountID)
			}
			if after.BusFactor == nil || *after.BusFactor != 0 {
				t.Errorf("%s bus factor %v after its champion left, want 0", row.AccountID, after.BusFactor)
			}
			continue
		}
		if !reflect.DeepEqual(after, row) {
			t.Errorf("%s changed although the departure is in another account:\n got %+v\nwant %+v", row.AccountID, after, row)
		}
	}
}

func championOf(t *testing.T, store graph.Store, accountID string) string {
	t.Helper()
	ag, err := store.AccountGraph(context.Background(), accountID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ag.People {
		if p.Role == graph.RoleChampion {
			return p.ID
		}
	}
	t.Fatalf("account %s has no champion", accountID)
	return ""
}

func TestTrendRecordsChanges(t *testing.T) {
	store := demoStore(t)
	clock := time.Date(2026, time.December, 1, 9, 0, 0, 0, time.UTC)
	s := newService(t, store, portfolio.Config{Now: func() time.Time { return clock }})
	ctx := context.Background()

	points, err := s.Trend(ctx, demo.ChampionOnlyAccountID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatalf("Trend: %v", err)
	}
	if len(points) != 1 {
		t.Fatalf("%d points after the first computation, want 1", len(points))
	}
	clock = clock.Add(time.Hour)
	if _, err := s.Results(ctx); err != nil {
		t.Fatal(err)
	}
	if points, _ = s.Trend(ctx, demo.ChampionOnlyAccountID, time.Time{}, time.Time{}); len(points) != 1 {
		t.Errorf("%d points after a refresh without changes, want 1", len(points))
	}

	clock = clock.Add(time.Hour)
	if _, err := store.MarkDeparted(ctx, championOf(t, store, demo.ChampionOnlyAccountID), "2026-12-01"); err != nil {
		t.Fatal(err)
	}
	points, err = s.Trend(ctx, demo.ChampionOnlyAccountID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(points) != 2 || *points[1].BusFactor != 0 || !points[1].ComputedAt.Equal(clock) {
		t.Errorf("points after the departure = %+v, want a second point with bus factor 0 at %s", points, clock)
	}
	window, err := s.Trend(ctx, demo.ChampionOnlyAccountID, clock, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(window) != 1 {
		t.Errorf("%d points from %s, want 1", len(window), clock)
	}
	if _, err := s.Trend(ctx, "nope", time.Time{}, time.Time{}); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("trend of an unknown account: error %v, want kind not_found", err)
	}
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}

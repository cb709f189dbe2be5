package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
)

// Times of the history cases: the first import takes effect at t0, a
// change at t1, and between lies between the two.
var (
	t0      = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	between = time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	t1      = time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)
)

// historyTests are the cases of graph.HistoryStore and graph.MetricsStore.
// They fail on a store that does not implement those interfaces.
func historyTests() []struct {
	name string
	fn   func(t *testing.T, s graph.Store)
} {
	return []struct {
		name string
		fn   func(t *testing.T, s graph.Store)
	}{
		{"History/VersionsBumpAffectedAccounts", testVersionsBumpAffectedAccounts},
		{"History/AccountGraphAsOf", testAccountGraphAsOf},
		{"History/RejectsBackdatedImport", testRejectsBackdatedImport},
		{"History/DemoDepartureAsOf", testDemoDepartureAsOf},
		{"History/MarkDepartedKeepsHistory", testMarkDepartedKeepsHistory},
		{"History/Metrics", testMetrics},
	}
}

func historyStore(t *testing.T, s graph.Store) graph.HistoryStore {
	t.Helper()
	h, ok := s.(graph.HistoryStore)
	if !ok {
		t.Fatalf("%T does not implement graph.HistoryStore", s)
	}
	return h
}

func importAt(t *testing.T, s graph.Store, ds *graph.Dataset, at time.Time) {
	t.Helper()
	if _, err := s.Import(context.Background(), ds, graph.ImportOptions{Effective: at}); err != nil {
		t.Fatalf("Import effective %s: %v", at.Format(time.RFC3339), err)
	}
}

func mustVersions(t *testing.T, h graph.HistoryStore) (uint64, map[string]uint64) {
	t.Helper()
	ctx := context.Background()
	version, err := h.Version(ctx)
	if err != nil {
		t.Fatalf("Version: %v", err)
	}
	accounts, err := h.AccountVersions(ctx)
	if err != nil {
		t.Fatalf("AccountVersions: %v", err)
	}
	return version, accounts
}

func testVersionsBumpAffectedAccounts(t *testing.T, s graph.Store) {
	h := historyStore(t, s)
	if v, _ := mustVersions(t, h); v != 0 {
		t.Errorf("Version of an empty store = %d, want 0", v)
	}
	mustImport(t, s, Fixture())
	v1, accounts1 := mustVersions(t, h)
	if v1 == 0 {
		t.Fatal("Version after an import = 0, want it bumped")
	}
	if len(accounts1) != 2 || accounts1["ACME"] == 0 || accounts1["GLOBEX"] == 0 {
		t.Fatalf("AccountVersions = %v, want ACME and GLOBEX above 0", accounts1)
	}

	mustImport(t, s, Fixture())
	if v, _ := mustVersions(t, h); v != v1 {
		t.Errorf("Version after an unchanged re-import = %d, want %d", v, v1)
	}

	// V2 relates only to G1 among customers, so the change touches GLOBEX.
	mustImport(t, s, &graph.Dataset{Relationships: []graph.Relationship{{PersonA: "G1", PersonB: "V2", Strength: 0.9}}})
	v2, accounts2 := mustVersions(t, h)
	if v2 <= v1 {
		t.Errorf("Version after a change = %d, want above %d", v2, v1)
	}
	if accounts2["GLOBEX"] != v2 {
		t.Errorf("GLOBEX version = %d, want %d after its relationship changed", accounts2["GLOBEX"], v2)
	}
	if accounts2["ACME"] != accounts1["ACME"] {
		t.Errorf("ACME version = %d, want %d: the change does not touch ACME", accounts2["ACME"], accounts1["ACME"])
	}

	// V1 is a member of ACME and V2 of GLOBEX, so their relationship is in
	// neither account graph.
	mustImport(t, s, &graph.Dataset{Relationships: []graph.Relationship{{PersonA: "V1", PersonB: "V2", Strength: 0.5}}})
	v3, accounts3 := mustVersions(t, h)
	if v3 <= v2 {
		t.Errorf("Version after a vendor relationship change = %d, want above %d", v3, v2)
	}
	if !reflect.DeepEqual(accounts3, accounts2) {
		t.Errorf("AccountVersions = %v, want %v unchanged", accounts3, accounts2)
	}

	// A customer in ACME changes, so ACME changes and so does every account
	// of the vendor people related to them.
	update := Fixture().People[4] // C2
	update.Title = "Chief Financial Officer"
	mustImport(t, s, &graph.Dataset{People: []graph.Person{update}})
	v4, accounts4 := mustVersions(t, h)
	if accounts4["ACME"] != v4 || accounts4["GLOBEX"] != accounts3["GLOBEX"] {
		t.Errorf("AccountVersions = %v, want ACME at %d and GLOBEX at %d", accounts4, v4, accounts3["GLOBEX"])
	}
}

func testAccountGraphAsOf(t *testing.T, s graph.Store) {
	h := historyStore(t, s)
	ctx := context.Background()
	importAt(t, s, Fixture(), t0)
	first, err := s.AccountGraph(ctx, "ACME")
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}

	update := &graph.Dataset{
		Accounts: []graph.Account{{ID: "ACME", Name: "Acme Group", Tier: 2, ARR: 900_000, OwnerID: "V2"}},
		People: []graph.Person{{ID: "C1", Name: "Carla Champion", Side: graph.SideCustomer, AccountID: "GLOBEX",
			Function: "IT", Status: graph.StatusActive}},
		Relationships: []graph.Relationship{
			{PersonA: "C2", PersonB: "C1", Strength: 0.9},
			{PersonA: "V2", PersonB: "C2", Strength: 0.7},
		},
	}
	importAt(t, s, update, t1)
	current, err := s.AccountGraph(ctx, "ACME")
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}

	for _, tc := range []struct {
		name string
		at   time.Time
		want *graph.AccountGraph
	}{
		{"AtFirstImport", t0, first},
		{"BetweenImports", between, first},
		{"AtChange", t1, current},
		{"Now", time.Now(), current},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := h.AccountGraphAsOf(ctx, "ACME", tc.at)
			if err != nil {
				t.Fatalf("AccountGraphAsOf: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("AccountGraphAsOf(%s):\n got %+v\nwant %+v", tc.at.Format(time.RFC3339), got, tc.want)
			}
		})
	}

	_, err = h.AccountGraphAsOf(ctx, "ACME", t0.Add(-time.Second))
	assertKind(t, err, graph.KindNotFound)

	accounts, err := h.AccountsAsOf(ctx, between)
	if err != nil {
		t.Fatalf("AccountsAsOf: %v", err)
	}
	if !reflect.DeepEqual(accounts, Canonical(Fixture()).Accounts) {
		t.Errorf("AccountsAsOf(between) = %+v, want the first import's accounts", accounts)
	}
	before, err := h.AccountsAsOf(ctx, t0.Add(-time.Second))
	if err != nil {
		t.Fatalf("AccountsAsOf: %v", err)
	}
	if len(before) != 0 {
		t.Errorf("AccountsAsOf before any import = %+v, want none", before)
	}
}

func testRejectsBackdatedImport(t *testing.T, s graph.Store) {
	importAt(t, s, Fixture(), t1)
	before := mustExport(t, s)

	ds := &graph.Dataset{Relationships: []graph.Relationship{{PersonA: "V1", PersonB: "C1", Strength: 0.3}}}
	_, err := s.Import(context.Background(), ds, graph.ImportOptions{Effective: t0})
	assertKind(t, err, graph.KindInvalid)
	assertSameData(t, mustExport(t, s), before)

	// An import that changes nothing stored may carry any time.
	importAt(t, s, Fixture(), t0)
}

// testDemoDepartureAsOf departs the champion of the demo account whose
// relationships all run through its champion, and checks that the report
// as of a date before the departure is the report of the data before it,
// and that the current graph differs from it by that departure only.
func testDemoDepartureAsOf(t *testing.T, s graph.Store) {
	h := historyStore(t, s)
	ctx := context.Background()
	importAt(t, s, demo.Generate(1), t0)
	original, err := s.AccountGraph(ctx, demo.ChampionOnlyAccountID)
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}
	champion := -1
	for i, p := range original.People {
		if p.Role == graph.RoleChampion {
			champion = i
		}
	}
	if champion < 0 {
		t.Fatalf("account %s has no champion", demo.ChampionOnlyAccountID)
	}
	departed := original.People[champion]
	departed.Status = graph.StatusDeparted
	departed.DepartedOn = graph.Date(t1.Format(time.DateOnly))
	importAt(t, s, &graph.Dataset{People: []graph.Person{departed}}, t1)

	past, err := h.AccountGraphAsOf(ctx, demo.ChampionOnlyAccountID, between)
	if err != nil {
		t.Fatalf("AccountGraphAsOf: %v", err)
	}
	if !reflect.DeepEqual(past, original) {
		t.Errorf("graph as of %s differs from the graph before the departure:\n got %+v\nwant %+v",
			between.Format(time.DateOnly), past, original)
	}
	now, err := s.AccountGraph(ctx, demo.ChampionOnlyAccountID)
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}
	want := cloneGraph(original)
	want.People[champion] = departed
	if !reflect.DeepEqual(now, want) {
		t.Errorf("current graph differs from the original by more than the departure:\n got %+v\nwant %+v", now, want)
	}

	opts := analytics.DefaultOptions()
	pastReport := mustCompute(t, past, opts)
	if want := mustCompute(t, original, opts); !reflect.DeepEqual(pastReport, want) {
		t.Errorf("report as of %s = %+v, want the report before the departure %+v", between.Format(time.DateOnly), pastReport, want)
	}
	nowReport := mustCompute(t, now, opts)
	if reflect.DeepEqual(pastReport.BusFactor, nowReport.BusFactor) {
		t.Errorf("bus factor %v both before and after the champion left, want a drop", fmtInt(nowReport.BusFactor))
	}
	if len(nowReport.Unreached) <= len(pastReport.Unreached) {
		t.Errorf("unreached %v after the departure, want more than %v", nowReport.Unreached, pastReport.Unreached)
	}
}

func testMarkDepartedKeepsHistory(t *testing.T, s graph.Store) {
	people, ok := s.(graph.PeopleStore)
	if !ok {
		t.Skipf("%T does not implement graph.PeopleStore", s)
	}
	h := historyStore(t, s)
	ctx := context.Background()
	importAt(t, s, Fixture(), t0)
	_, versions := mustVersions(t, h)

	if _, err := people.MarkDeparted(ctx, "C1", graph.Date(t1.Format(time.DateOnly))); err != nil {
		t.Fatalf("MarkDeparted: %v", err)
	}
	past, err := h.AccountGraphAsOf(ctx, "ACME", between)
	if err != nil {
		t.Fatalf("AccountGraphAsOf: %v", err)
	}
	if p := findPerson(past, "C1"); p == nil || p.Status != graph.StatusActive {
		t.Errorf("C1 as of %s = %+v, want active", between.Format(time.DateOnly), p)
	}
	current, err := h.AccountGraphAsOf(ctx, "ACME", t1)
	if err != nil {
		t.Fatalf("AccountGraphAsOf: %v", err)
	}
	if p := findPerson(current, "C1"); p == nil || p.Status != graph.StatusDeparted {
		t.Errorf("C1 as of %s = %+v, want departed", t1.Format(time.DateOnly), p)
	}
	_, after := mustVersions(t, h)
	if after["ACME"] == versions["ACME"] {
		t.Errorf("ACME version stayed %d after its champion departed", after["ACME"])
	}
}

func testMetrics(t *testing.T, s graph.Store) {
	m, ok := s.(graph.MetricsStore)
	if !ok {
		t.Fatalf("%T does not implement graph.MetricsStore", s)
	}
	ctx := context.Background()
	mustImport(t, s, Fixture())
	one, share, breadth := 1, 0.5, 0.25
	points := []graph.AccountMetrics{
		{AccountID: "ACME", ComputedAt: t1, GraphVersion: 3, Threshold: 0.25, Tier: 1, ARR: 1000, OwnerID: "V1",
			BusFactor: &one, SPOFs: 2, KeyStakeholders: []graph.StakeholderThreads{{PersonID: "C1", Threads: 1}, {PersonID: "C2", Threads: 2}},
			SingleThreadedShare: &share, Unreached: 1, Breadth: &breadth, Risk: "high", ARRAtRisk: 1000},
		{AccountID: "ACME", ComputedAt: t0, GraphVersion: 1, Threshold: 0.25, ARR: 1000,
			KeyStakeholders: []graph.StakeholderThreads{}, Risk: "medium", ARRAtRisk: 500},
		{AccountID: "GLOBEX", ComputedAt: between, GraphVersion: 2, Threshold: 0.25, ARR: 250,
			KeyStakeholders: []graph.StakeholderThreads{}, Risk: "low"},
	}
	if err := m.RecordMetrics(ctx, points); err != nil {
		t.Fatalf("RecordMetrics: %v", err)
	}

	all, err := m.MetricsHistory(ctx, "ACME", time.Time{}, time.Time{})
	if err != nil {
		t.Fatalf("MetricsHistory: %v", err)
	}
	if len(all) != 2 || !all[0].ComputedAt.Equal(t0) || !all[1].ComputedAt.Equal(t1) {
		t.Fatalf("MetricsHistory(ACME) = %+v, want the two points oldest first", all)
	}
	assertSameMetrics(t, all[1], points[0])
	assertSameMetrics(t, all[0], points[1])

	window, err := m.MetricsHistory(ctx, "ACME", between, time.Time{})
	if err != nil {
		t.Fatalf("MetricsHistory: %v", err)
	}
	if len(window) != 1 || !window[0].ComputedAt.Equal(t1) {
		t.Errorf("MetricsHistory(ACME, from %s) = %+v, want the point at %s", between.Format(time.DateOnly), window, t1.Format(time.DateOnly))
	}

	latest, err := m.LatestMetrics(ctx)
	if err != nil {
		t.Fatalf("LatestMetrics: %v", err)
	}
	if len(latest) != 2 || !latest["ACME"].ComputedAt.Equal(t1) || latest["GLOBEX"].Risk != "low" {
		t.Errorf("LatestMetrics = %+v, want ACME at %s and GLOBEX", latest, t1.Format(time.DateOnly))
	}

	replaced := points[2]
	replaced.Risk = "high"
	if err := m.RecordMetrics(ctx, []graph.AccountMetrics{replaced}); err != nil {
		t.Fatalf("RecordMetrics: %v", err)
	}
	globex, err := m.MetricsHistory(ctx, "GLOBEX", time.Time{}, time.Time{})
	if err != nil {
		t.Fatalf("MetricsHistory: %v", err)
	}
	if len(globex) != 1 || globex[0].Risk != "high" {
		t.Errorf("MetricsHistory(GLOBEX) after replacing = %+v, want one high-risk point", globex)
	}
}

// assertSameMetrics compares two points, their times by instant.
func assertSameMetrics(t *testing.T, got, want graph.AccountMetrics) {
	t.Helper()
	if !got.ComputedAt.Equal(want.ComputedAt) {
		t.Errorf("ComputedAt = %s, want %s", got.ComputedAt, want.ComputedAt)
	}
	got.ComputedAt, want.ComputedAt = time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("metrics point:\n got %+v\nwant %+v", got, want)
	}
}

func mustCompute(t *testing.T, ag *graph.AccountGraph, opts analytics.Options) *analytics.Report {
	t.Helper()
	report, err := analytics.Compute(context.Background(), ag, opts)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return report
}

func cloneGraph(ag *graph.AccountGraph) *graph.AccountGraph {
	return &graph.AccountGraph{
		Account:       ag.Account,
		People:        append([]graph.Person{}, ag.People...),
		Relationships: append([]graph.Relationship{}, ag.Relationships...),
	}
}

func findPerson(ag *graph.AccountGraph, id string) *graph.Person {
	for i := range ag.People {
		if ag.People[i].ID == id {
			return &ag.People[i]
		}
	}
	return nil
}

func fmtInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

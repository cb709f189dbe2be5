package analytics_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// departedCopy returns ag with the given people's status set to departed,
// built independently of Simulate.
func departedCopy(ag *graph.AccountGraph, ids []string) *graph.AccountGraph {
	removed := map[string]bool{}
	for _, id := range ids {
		removed[id] = true
	}
	out := &graph.AccountGraph{Account: ag.Account, Relationships: ag.Relationships}
	for _, p := range ag.People {
		if removed[p.ID] {
			p.Status = graph.StatusDeparted
		}
		out.People = append(out.People, p)
	}
	return out
}

// removalSets returns deterministic sets of people to remove from the
// account of report. They are the top vendor, the largest single point of
// failure, a key stakeholder and every vendor node. Three more sets mix
// two to four people of ag drawn with r.
func removalSets(r *splitMix, ag *graph.AccountGraph, report *analytics.Report) [][]string {
	var sets [][]string
	if report.Vendor.TopPersonID != "" {
		sets = append(sets, []string{report.Vendor.TopPersonID})
	}
	if len(report.SinglePointsOfFailure) > 0 {
		largest := report.SinglePointsOfFailure[0]
		for _, s := range report.SinglePointsOfFailure {
			if len(s.CutOff) > len(largest.CutOff) {
				largest = s
			}
		}
		sets = append(sets, []string{largest.PersonID})
	}
	if len(report.KeyStakeholders) > 0 {
		sets = append(sets, []string{report.KeyStakeholders[0].PersonID})
	}
	var vendors []string
	for _, s := range report.Vendor.Shares {
		vendors = append(vendors, s.PersonID)
	}
	if len(vendors) > 0 {
		sets = append(sets, vendors)
	}
	for range 3 {
		var set []string
		for range 2 + r.intn(3) {
			set = append(set, ag.People[r.intn(len(ag.People))].ID)
		}
		sets = append(sets, set)
	}
	return sets
}

// checkSimulation runs Simulate and compares its report with a fresh
// Compute on the graph without the removed people, and its changes with
// the two reports.
func checkSimulation(t *testing.T, ag *graph.AccountGraph, removed []string, opts analytics.Options) {
	t.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("%s without %v", ag.Account.ID, removed)
	sim, err := analytics.Simulate(ctx, ag, removed, opts)
	if err != nil {
		t.Fatalf("%s: Simulate: %v", name, err)
	}
	before, err := analytics.Compute(ctx, ag, opts)
	if err != nil {
		t.Fatalf("%s: Compute before: %v", name, err)
	}
	after, err := analytics.Compute(ctx, departedCopy(ag, removed), opts)
	if err != nil {
		t.Fatalf("%s: Compute after: %v", name, err)
	}

	gotJSON, _ := json.Marshal(sim.Report)
	wantJSON, _ := json.Marshal(after)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("%s: simulated report differs from a fresh report:\ngot  %s\nwant %s", name, gotJSON, wantJSON)
	}
	checkChanges(t, name, sim.Changes, before, after, removed)
}

// checkChanges checks every part of changes against the two reports,
// following the definitions of analytics.Changes.
func checkChanges(t *testing.T, name string, changes analytics.Changes, before, after *analytics.Report, removed []string) {
	t.Helper()
	wasUnreached := map[string]bool{}
	for _, id := range before.Unreached {
		wasUnreached[id] = true
	}
	wantUnreached := []string{}
	for _, id := range after.Unreached {
		if !wasUnreached[id] {
			wantUnreached = append(wantUnreached, id)
		}
	}
	if !reflect.DeepEqual(changes.NewlyUnreached, wantUnreached) {
		t.Errorf("%s: NewlyUnreached = %v, want %v", name, changes.NewlyUnreached, wantUnreached)
	}

	spofsBefore, spofsAfter := spofSet(before), spofSet(after)
	for _, s := range changes.SinglePointsGained {
		if spofsBefore[s.PersonID] || !spofsAfter[s.PersonID] {
			t.Errorf("%s: %s listed as gained single point, before %v, after %v", name, s.PersonID,
				spofsBefore[s.PersonID], spofsAfter[s.PersonID])
		}
	}
	for _, s := range changes.SinglePointsLost {
		if !spofsBefore[s.PersonID] || spofsAfter[s.PersonID] {
			t.Errorf("%s: %s listed as lost single point, before %v, after %v", name, s.PersonID,
				spofsBefore[s.PersonID], spofsAfter[s.PersonID])
		}
	}
	if got, want := len(spofsAfter)-len(spofsBefore), len(changes.SinglePointsGained)-len(changes.SinglePointsLost); got != want {
		t.Errorf("%s: single points went from %d to %d, but gained - lost = %d", name, len(spofsBefore), len(spofsAfter), want)
	}

	checkThreadChanges(t, name, changes.Threads, before, after, removed)
	if !reflect.DeepEqual(changes.BusFactor.Before, before.BusFactor) || !reflect.DeepEqual(changes.BusFactor.After, after.BusFactor) {
		t.Errorf("%s: BusFactor = %s -> %s, want %s -> %s", name,
			formatIntPointer(changes.BusFactor.Before), formatIntPointer(changes.BusFactor.After),
			formatIntPointer(before.BusFactor), formatIntPointer(after.BusFactor))
	}
	checkUncovered(t, name, changes.Coverage, before.Coverage, after.Coverage)
	if !reflect.DeepEqual(changes.Vendor.Before.Concentration, before.Vendor.Concentration) ||
		!reflect.DeepEqual(changes.Vendor.After.Concentration, after.Vendor.Concentration) {
		t.Errorf("%s: vendor concentration = %s -> %s, want %s -> %s", name,
			formatFloatPointer(changes.Vendor.Before.Concentration), formatFloatPointer(changes.Vendor.After.Concentration),
			formatFloatPointer(before.Vendor.Concentration), formatFloatPointer(after.Vendor.Concentration))
	}
}

func spofSet(r *analytics.Report) map[string]bool {
	set := map[string]bool{}
	for _, s := range r.SinglePointsOfFailure {
		set[s.PersonID] = true
	}
	return set
}

func checkThreadChanges(t *testing.T, name string, got []analytics.ThreadChange, before, after *analytics.Report, removed []string) {
	t.Helper()
	want := map[string]bool{}
	for _, k := range append(slices.Clone(before.KeyStakeholders), after.KeyStakeholders...) {
		want[k.PersonID] = true
	}
	if len(got) != len(want) {
		t.Errorf("%s: Threads lists %d stakeholders, want %d", name, len(got), len(want))
	}
	for _, c := range got {
		if !want[c.PersonID] {
			t.Errorf("%s: Threads lists %s, who is no key stakeholder", name, c.PersonID)
		}
		if c.Before != before.Threads[c.PersonID] || c.After != after.Threads[c.PersonID] || c.Lost != c.Before-c.After {
			t.Errorf("%s: threads of %s = %d -> %d (lost %d), want %d -> %d", name, c.PersonID,
				c.Before, c.After, c.Lost, before.Threads[c.PersonID], after.Threads[c.PersonID])
		}
		if c.Lost < 0 {
			t.Errorf("%s: %s gained threads by a removal: %d -> %d", name, c.PersonID, c.Before, c.After)
		}
		if c.Removed != slices.Contains(removed, c.PersonID) {
			t.Errorf("%s: Removed of %s = %v", name, c.PersonID, c.Removed)
		}
	}
}

// checkUncovered checks the function x seniority cells, the dimension
// with the most cells.
func checkUncovered(t *testing.T, name string, got analytics.CoverageChanges, before, after analytics.Coverage) {
	t.Helper()
	type key struct{ function, seniority string }
	afterCells := map[key]analytics.FunctionSeniorityCell{}
	for _, c := range after.FunctionSeniority.Cells {
		afterCells[key{c.Function, c.Seniority}] = c
	}
	var wantUncovered, wantVacated []key
	for _, c := range before.FunctionSeniority.Cells {
		now, ok := afterCells[key{c.Function, c.Seniority}]
		if c.Covered && !now.Covered {
			wantUncovered = append(wantUncovered, key{c.Function, c.Seniority})
		}
		if !ok {
			wantVacated = append(wantVacated, key{c.Function, c.Seniority})
		}
	}
	var gotUncovered, gotVacated []key
	for _, c := range got.FunctionSeniority.Uncovered {
		gotUncovered = append(gotUncovered, key{c.Function, c.Seniority})
	}
	for _, c := range got.FunctionSeniority.Vacated {
		gotVacated = append(gotVacated, key{c.Function, c.Seniority})
	}
	if !reflect.DeepEqual(gotUncovered, wantUncovered) {
		t.Errorf("%s: uncovered function x seniority cells = %v, want %v", name, gotUncovered, wantUncovered)
	}
	if !reflect.DeepEqual(gotVacated, wantVacated) {
		t.Errorf("%s: vacated function x seniority cells = %v, want %v", name, gotVacated, wantVacated)
	}
}

func TestSimulateMatchesComputeOnGeneratedGraphs(t *testing.T) {
	r := &splitMix{state: 42}
	for _, spec := range goldenSpecs {
		ds := generateDataset(spec)
		for _, account := range ds.Accounts {
			t.Run(spec.name+"/"+account.ID, func(t *testing.T) {
				ag := accountGraphOf(ds, account.ID)
				opts := analytics.DefaultOptions()
				opts.Threshold = spec.threshold
				report := computeReport(t, ag, spec.threshold)
				for _, removed := range removalSets(r, ag, report) {
					checkSimulation(t, ag, removed, opts)
				}
			})
		}
	}
}

func TestSimulateMatchesComputeOnRealData(t *testing.T) {
	dataDir := requireSharedData(t)
	r := &splitMix{state: 7}
	for _, name := range []string{"lazega", "enron"} {
		dir := filepath.Join(dataDir, name)
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("real data folder %s not found (%v)", dir, err)
		}
		ds := readDataset(t, dir)
		for _, account := range ds.Accounts {
			t.Run(name+"/"+account.ID, func(t *testing.T) {
				ag := accountGraphOf(ds, account.ID)
				report := computeReport(t, ag, analytics.DefaultThreshold)
				for _, removed := range removalSets(r, ag, report) {
					checkSimulation(t, ag, removed, analytics.DefaultOptions())
				}
			})
		}
	}
}

// simulationGraph is R - v1 - c1 - c2 and R - v2 - c1, with c2 the
// decision maker, c3 an unreached champion, and v3 a departed vendor.
var simulationGraph = newAccountGraph(
	[]graph.Person{
		vendorPerson("v1", "sales"), vendorPerson("v2", "support"), departed(vendorPerson("v3", "sales")),
		customerPerson("c1", graph.SeniorityManager, ""),
		customerPerson("c2", graph.SeniorityVP, graph.RoleDecisionMaker),
		customerPerson("c3", graph.SeniorityIC, graph.RoleChampion),
	},
	rel("v1", "c1", 1), rel("v2", "c1", 0.5), rel("c1", "c2", 1), rel("v3", "c2", 1),
)

func simulate(t *testing.T, removed ...string) *analytics.Simulation {
	t.Helper()
	sim, err := analytics.Simulate(context.Background(), simulationGraph, removed, analytics.DefaultOptions())
	if err != nil {
		t.Fatalf("Simulate(%v): %v", removed, err)
	}
	return sim
}

func TestSimulateRemovesOneVendor(t *testing.T) {
	sim := simulate(t, "v1")

	if !reflect.DeepEqual(sim.Removed, []string{"v1"}) {
		t.Errorf("Removed = %v, want [v1]", sim.Removed)
	}
	if len(sim.Changes.NewlyUnreached) != 0 {
		t.Errorf("NewlyUnreached = %v, want none: v2 still reaches c1", sim.Changes.NewlyUnreached)
	}
	gained := sim.Changes.SinglePointsGained
	if len(gained) != 1 || gained[0].PersonID != "v2" || !reflect.DeepEqual(gained[0].CutOff, []string{"c1", "c2"}) {
		t.Errorf("SinglePointsGained = %+v, want v2 cutting off c1 and c2", gained)
	}
	if len(sim.Changes.SinglePointsLost) != 0 {
		t.Errorf("SinglePointsLost = %+v, want none", sim.Changes.SinglePointsLost)
	}
	if sim.Changes.Vendor.After.TopPersonID != "v2" || *sim.Changes.Vendor.After.Concentration != 1 {
		t.Errorf("vendor after = %+v, want v2 holding everything", sim.Changes.Vendor.After)
	}
}

func TestSimulateRemovesEveryVendor(t *testing.T) {
	sim := simulate(t, "v1", "v2")

	if !reflect.DeepEqual(sim.Report.Unreached, []string{"c1", "c2", "c3"}) {
		t.Errorf("Unreached = %v, want every customer person", sim.Report.Unreached)
	}
	if !reflect.DeepEqual(sim.Changes.NewlyUnreached, []string{"c1", "c2"}) {
		t.Errorf("NewlyUnreached = %v, want [c1 c2]: c3 was unreached before", sim.Changes.NewlyUnreached)
	}
	if b := sim.Changes.BusFactor; formatIntPointer(b.Before) != "0" || formatIntPointer(b.After) != "0" {
		t.Errorf("bus factor %s -> %s, want 0 -> 0 because c3 was already unreached",
			formatIntPointer(b.Before), formatIntPointer(b.After))
	}
	if sim.Changes.Vendor.After.People != 0 || sim.Changes.Vendor.After.Concentration != nil {
		t.Errorf("vendor after = %+v, want no vendor people and no concentration", sim.Changes.Vendor.After)
	}
	uncovered := sim.Changes.Coverage.FunctionSeniority.Uncovered
	if len(uncovered) != 1 || uncovered[0].Seniority != "manager" {
		t.Errorf("uncovered cells = %+v, want the manager cell of c1", uncovered)
	}
	for _, c := range sim.Changes.Threads {
		if c.PersonID == "c2" && (c.Before != 1 || c.After != 0 || c.Lost != 1) {
			t.Errorf("threads of c2 = %+v, want 1 -> 0", c)
		}
	}
}

func TestSimulateRemovesCustomers(t *testing.T) {
	sim := simulate(t, "c2", "c3")

	vacated := sim.Changes.Coverage.FunctionSeniority.Vacated
	if len(vacated) != 2 {
		t.Errorf("vacated cells = %+v, want the cells of c2 and c3", vacated)
	}
	if len(sim.Changes.NewlyUnreached) != 0 {
		t.Errorf("NewlyUnreached = %v, want none: removed people are not unreached", sim.Changes.NewlyUnreached)
	}
	var removed []string
	for _, c := range sim.Changes.Threads {
		if c.Removed {
			removed = append(removed, c.PersonID)
		}
	}
	if !reflect.DeepEqual(removed, []string{"c2", "c3"}) {
		t.Errorf("stakeholders marked removed = %v, want [c2 c3]", removed)
	}
	// With both role-marked stakeholders gone, no vp or c_level person is
	// left either, so the account has no key stakeholders.
	if sim.Changes.BusFactor.After != nil {
		t.Errorf("bus factor after = %s, want null", formatIntPointer(sim.Changes.BusFactor.After))
	}
	lost := sim.Changes.SinglePointsLost
	if len(lost) != 1 || lost[0].PersonID != "c1" {
		t.Errorf("SinglePointsLost = %+v, want c1, whose only cut-off person c2 left", lost)
	}
}

func TestSimulateRepeatsAndDeparted(t *testing.T) {
	sim := simulate(t, "v3", "v2", "v3")

	if !reflect.DeepEqual(sim.Removed, []string{"v2", "v3"}) {
		t.Errorf("Removed = %v, want [v2 v3]", sim.Removed)
	}
	if !reflect.DeepEqual(sim.AlreadyDeparted, []string{"v3"}) {
		t.Errorf("AlreadyDeparted = %v, want [v3]", sim.AlreadyDeparted)
	}
}

func TestSimulateRejectsBadInput(t *testing.T) {
	cases := []struct {
		name    string
		removed []string
		want    string
	}{
		{"empty", nil, "no people to remove"},
		{"blank id", []string{"v1", " "}, "must not be blank"},
		{"one unknown", []string{"v1", "x9"}, `person "x9" is not in the graph of account "acme"`},
		{"several unknown", []string{"x2", "v1", "x1"}, `people "x1", "x2" are not in the graph`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := analytics.Simulate(context.Background(), simulationGraph, tc.removed, analytics.DefaultOptions())
			if err == nil {
				t.Fatal("Simulate returned no error")
			}
			if graph.KindOf(err) != graph.KindInvalid {
				t.Errorf("kind = %s, want %s", graph.KindOf(err), graph.KindInvalid)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}

	if _, err := analytics.Simulate(context.Background(), nil, []string{"v1"}, analytics.DefaultOptions()); graph.KindOf(err) != graph.KindInvalid {
		t.Errorf("Simulate(nil graph) = %v, want an invalid error", err)
	}
	if _, err := analytics.Simulate(context.Background(), simulationGraph, []string{"v1"}, analytics.Options{}); graph.KindOf(err) != graph.KindInvalid {
		t.Errorf("Simulate(zero threshold) = %v, want an invalid error", err)
	}
}

func TestSimulationJSONOmitsBefore(t *testing.T) {
	sim := simulate(t, "v1")
	if sim.Before == nil {
		t.Fatal("Before is nil")
	}
	data, err := json.Marshal(sim)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"account_id", "threshold", "removed", "already_departed", "report", "changes"} {
		if _, ok := fields[name]; !ok {
			t.Errorf("simulation JSON lacks %q", name)
		}
	}
	if _, ok := fields["before"]; ok {
		t.Error("simulation JSON carries the report before")
	}
}

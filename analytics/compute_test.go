package analytics_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// betweennessTolerance is the largest accepted absolute difference between
// two betweenness values, shares or strength sums.
const betweennessTolerance = 1e-9

func computeReport(t *testing.T, ag *graph.AccountGraph, threshold float64) *analytics.Report {
	t.Helper()
	opts := analytics.DefaultOptions()
	opts.Threshold = threshold
	report, err := analytics.Compute(context.Background(), ag, opts)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return report
}

func TestComputeHandCases(t *testing.T) {
	for _, tc := range handCases {
		t.Run(tc.name, func(t *testing.T) {
			got := computeReport(t, tc.graph, tc.threshold)

			if got.AccountID != testAccount {
				t.Errorf("AccountID = %q, want %q", got.AccountID, testAccount)
			}
			if got.Threshold != tc.threshold {
				t.Errorf("Threshold = %v, want %v", got.Threshold, tc.threshold)
			}
			if got.People != tc.people {
				t.Errorf("People = %d, want %d", got.People, tc.people)
			}
			if got.Relationships != tc.relationships {
				t.Errorf("Relationships = %d, want %d", got.Relationships, tc.relationships)
			}
			if !reflect.DeepEqual(got.Unreached, tc.unreached) {
				t.Errorf("Unreached = %v, want %v", got.Unreached, tc.unreached)
			}
			if !reflect.DeepEqual(got.SinglePointsOfFailure, tc.singlePoints) {
				t.Errorf("SinglePointsOfFailure = %+v, want %+v", got.SinglePointsOfFailure, tc.singlePoints)
			}
			if !reflect.DeepEqual(got.Bridges, tc.bridges) {
				t.Errorf("Bridges = %+v, want %+v", got.Bridges, tc.bridges)
			}
			if !reflect.DeepEqual(got.Threads, tc.threads) {
				t.Errorf("Threads = %v, want %v", got.Threads, tc.threads)
			}
			checkBetweenness(t, got.Betweenness, tc.betweenness)
			if !reflect.DeepEqual(got.KeyStakeholders, tc.keyStakeholders) {
				t.Errorf("KeyStakeholders = %+v, want %+v", got.KeyStakeholders, tc.keyStakeholders)
			}
			if !reflect.DeepEqual(got.BusFactor, tc.busFactor) {
				t.Errorf("BusFactor = %v, want %v", formatIntPointer(got.BusFactor), formatIntPointer(tc.busFactor))
			}
		})
	}
}

func checkBetweenness(t *testing.T, got, want map[string]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("Betweenness has %d nodes, want %d: got %v, want %v", len(got), len(want), got, want)
	}
	for id, w := range want {
		g, ok := got[id]
		if !ok {
			t.Errorf("Betweenness lacks node %q", id)
			continue
		}
		if math.Abs(g-w) > betweennessTolerance {
			t.Errorf("Betweenness[%q] = %.12f, want %.12f", id, g, w)
		}
	}
}

func formatIntPointer(p *int) string {
	if p == nil {
		return "nil"
	}
	return strconv.Itoa(*p)
}

func floatPointer(f float64) *float64 { return &f }

func TestComputeCoverage(t *testing.T) {
	opts := analytics.Options{
		Threshold:         0.25,
		ExpectedFunctions: []string{"Executive", "finance", " IT", "legal", "operations", "procurement", "finance"},
	}
	got, err := analytics.Compute(context.Background(), coverageGraph, opts)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	if got.People != 8 || got.Relationships != 5 {
		t.Errorf("People, Relationships = %d, %d, want 8, 5", got.People, got.Relationships)
	}

	// "Finance"/vp and " finance "/vp share a cell. c6 has an empty function
	// and seniority, and c4 an empty seniority. c6 is reached through c3 but
	// has no vendor relationship of its own, so its cell is not covered.
	want := analytics.Coverage{
		FunctionSeniority: analytics.Dimension[analytics.FunctionSeniorityCell]{
			Occupied: 4, Covered: 2, Breadth: floatPointer(0.5),
			Cells: []analytics.FunctionSeniorityCell{
				{Function: "", Seniority: "", CellStats: cellStats(1)},
				{Function: "finance", Seniority: "vp", CellStats: cellStats(2, "v1", "v2")},
				{Function: "it", Seniority: "manager", CellStats: cellStats(1, "v3")},
				{Function: "legal", Seniority: "", CellStats: cellStats(1)},
			},
		},
		// Business units are trimmed but keep their case.
		BusinessUnit: analytics.Dimension[analytics.BusinessUnitCell]{
			Occupied: 3, Covered: 2, Breadth: floatPointer(2.0 / 3),
			Cells: []analytics.BusinessUnitCell{
				{BusinessUnit: "", CellStats: cellStats(1)},
				{BusinessUnit: "Americas", CellStats: cellStats(2, "v3")},
				{BusinessUnit: "EMEA Ops", CellStats: cellStats(2, "v1", "v2")},
			},
		},
		// "Paris" and "paris" are different cells, and upper case sorts first.
		Geography: analytics.Dimension[analytics.GeographyCell]{
			Occupied: 4, Covered: 2, Breadth: floatPointer(0.5),
			Cells: []analytics.GeographyCell{
				{Geography: "", CellStats: cellStats(1)},
				{Geography: "London", CellStats: cellStats(1)},
				{Geography: "Paris", CellStats: cellStats(2, "v1", "v2", "v3")},
				{Geography: "paris", CellStats: cellStats(1, "v1")},
			},
		},
		ExpectedFunctions: []string{"executive", "finance", "it", "legal", "operations", "procurement"},
		// procurement belongs only to the departed c5, who still counts as
		// a known person of the function.
		UnchartedFunctions: []string{"executive", "operations"},
	}
	if !reflect.DeepEqual(got.Coverage, want) {
		gotJSON, _ := json.MarshalIndent(got.Coverage, "", " ")
		wantJSON, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("Coverage =\n%s\nwant\n%s", gotJSON, wantJSON)
	}
}

func cellStats(people int, vendors ...string) analytics.CellStats {
	if vendors == nil {
		vendors = []string{}
	}
	return analytics.CellStats{People: people, Covered: len(vendors) > 0, Depth: len(vendors), Vendors: vendors}
}

func TestComputeVendorBreadth(t *testing.T) {
	got := computeReport(t, coverageGraph, 0.25).Vendor

	// v1 holds 0.5 + 0.5 = 1, v2 holds 1 and v3 holds 0.25, of 2.25. The
	// shares are 4/9, 4/9 and 1/9: the tie goes to the smaller id v1, and
	// the Herfindahl index is (16 + 16 + 1) / 81.
	if got.People != 3 {
		t.Errorf("People = %d, want 3", got.People)
	}
	if want := []string{"engineering", "sales"}; !reflect.DeepEqual(got.Functions, want) {
		t.Errorf("Functions = %v, want %v", got.Functions, want)
	}
	if got.FunctionCount != 2 {
		t.Errorf("FunctionCount = %d, want 2", got.FunctionCount)
	}
	checkClose(t, "TotalStrength", got.TotalStrength, 2.25)
	if got.TopPersonID != "v1" {
		t.Errorf("TopPersonID = %q, want v1", got.TopPersonID)
	}
	if got.Concentration == nil {
		t.Fatal("Concentration = nil, want 4/9")
	}
	checkClose(t, "Concentration", *got.Concentration, 4.0/9)
	if got.Herfindahl == nil {
		t.Fatal("Herfindahl = nil, want 33/81")
	}
	checkClose(t, "Herfindahl", *got.Herfindahl, 33.0/81)

	want := []analytics.VendorShare{
		{PersonID: "v1", Strength: 1, Share: 4.0 / 9},
		{PersonID: "v2", Strength: 1, Share: 4.0 / 9},
		{PersonID: "v3", Strength: 0.25, Share: 1.0 / 9},
	}
	if len(got.Shares) != len(want) {
		t.Fatalf("Shares = %+v, want %+v", got.Shares, want)
	}
	for i := range want {
		if got.Shares[i].PersonID != want[i].PersonID {
			t.Errorf("Shares[%d].PersonID = %q, want %q", i, got.Shares[i].PersonID, want[i].PersonID)
		}
		checkClose(t, "Shares.Strength of "+want[i].PersonID, got.Shares[i].Strength, want[i].Strength)
		checkClose(t, "Shares.Share of "+want[i].PersonID, got.Shares[i].Share, want[i].Share)
	}
}

func checkClose(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > betweennessTolerance {
		t.Errorf("%s = %.12f, want %.12f", name, got, want)
	}
}

func TestComputeNoVendorRelationships(t *testing.T) {
	ag := newAccountGraph(
		[]graph.Person{customerPerson("c1", "", ""), vendorPerson("v1", "sales")},
		rel("c1", "v1", 0.1))
	got := computeReport(t, ag, 0.25).Vendor

	if got.People != 0 || got.TotalStrength != 0 || got.TopPersonID != "" {
		t.Errorf("People, TotalStrength, TopPersonID = %d, %v, %q, want 0, 0, \"\"",
			got.People, got.TotalStrength, got.TopPersonID)
	}
	if got.Concentration != nil {
		t.Errorf("Concentration = %v, want nil", *got.Concentration)
	}
	if got.Herfindahl != nil {
		t.Errorf("Herfindahl = %v, want nil", *got.Herfindahl)
	}
	if got.Shares == nil || len(got.Shares) != 0 {
		t.Errorf("Shares = %#v, want an empty slice", got.Shares)
	}
	if got.Functions == nil || len(got.Functions) != 0 {
		t.Errorf("Functions = %#v, want an empty slice", got.Functions)
	}
}

func TestReportJSONEmptyAccount(t *testing.T) {
	report := computeReport(t, newAccountGraph(nil), 0.25)
	data, err := json.Marshal(report)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	text := string(data)
	for _, fragment := range []string{
		`"unreached":[]`,
		`"single_points_of_failure":[]`,
		`"bridges":[]`,
		`"threads":{}`,
		`"key_stakeholders":[]`,
		`"bus_factor":null`,
		`"betweenness":{}`,
		`"function_seniority":{"occupied":0,"covered":0,"breadth":null,"cells":[]}`,
		`"uncharted_functions":["executive","finance","it","legal","operations","procurement"]`,
		`"functions":[]`,
		`"concentration":null`,
		`"herfindahl":null`,
		`"shares":[]`,
	} {
		if !strings.Contains(text, fragment) {
			t.Errorf("report JSON lacks %s:\n%s", fragment, text)
		}
	}
}

func TestReportJSONKeepsEmptyCutLists(t *testing.T) {
	report := computeReport(t, handCases[4].graph, 0.25) // disconnected
	data, err := json.Marshal(report)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	if !strings.Contains(string(data), `"min_cut":[]`) {
		t.Errorf("report JSON lacks an empty min_cut for the unreached stakeholder:\n%s", data)
	}

	data, err = json.Marshal(computeReport(t, coverageGraph, 0.25))
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	if !strings.Contains(string(data), `"vendors":[]`) {
		t.Errorf("report JSON lacks an empty vendors list for an uncovered cell:\n%s", data)
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, threshold := range []float64{0, -0.25, 1.5, math.NaN(), math.Inf(1)} {
		err := analytics.Options{Threshold: threshold}.Validate()
		if err == nil {
			t.Errorf("Validate(threshold %v) = nil, want an error", threshold)
			continue
		}
		if graph.KindOf(err) != graph.KindInvalid {
			t.Errorf("Validate(threshold %v) kind = %s, want %s", threshold, graph.KindOf(err), graph.KindInvalid)
		}
		if want := "invalid threshold " + formatFloat(threshold); !strings.Contains(err.Error(), want) {
			t.Errorf("Validate(threshold %v) = %q, want it to contain %q", threshold, err, want)
		}
	}
	for _, threshold := range []float64{1e-9, 0.25, 1} {
		if err := (analytics.Options{Threshold: threshold}).Validate(); err != nil {
			t.Errorf("Validate(threshold %v) = %v, want nil", threshold, err)
		}
	}
	err := analytics.Options{Threshold: 0.25, ExpectedFunctions: []string{"finance", "  "}}.Validate()
	if err == nil || !strings.Contains(err.Error(), `"  "`) {
		t.Errorf("Validate(blank expected function) = %v, want an error naming the value", err)
	}
	if err := analytics.DefaultOptions().Validate(); err != nil {
		t.Errorf("DefaultOptions().Validate() = %v, want nil", err)
	}
}

func formatFloat(f float64) string {
	b, err := json.Marshal(f)
	if err != nil { // NaN and infinities have no JSON form
		switch {
		case math.IsNaN(f):
			return "NaN"
		case f > 0:
			return "+Inf"
		default:
			return "-Inf"
		}
	}
	return string(b)
}

func TestComputeRejectsInvalidInput(t *testing.T) {
	people := []graph.Person{vendorPerson("v1", ""), customerPerson("c1", "", "")}
	cases := []struct {
		name    string
		graph   *graph.AccountGraph
		message string
	}{
		{"nil graph", nil, "nil"},
		{"duplicate person", newAccountGraph(append(people, customerPerson("c1", "", ""))), `duplicate person id "c1"`},
		{"unknown person", newAccountGraph(people, rel("v1", "x9", 1)), `unknown person "x9"`},
		{"self-relationship", newAccountGraph(people, rel("c1", "c1", 1)), `self-relationship of "c1"`},
		{"zero strength", newAccountGraph(people, rel("v1", "c1", 0)), "strength 0 outside (0, 1]"},
		{"strength above 1", newAccountGraph(people, rel("v1", "c1", 1.5)), "strength 1.5 outside (0, 1]"},
		{"duplicate pair", newAccountGraph(people, rel("v1", "c1", 1), rel("c1", "v1", 0.5)),
			`duplicate relationship between "c1" and "v1"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := analytics.Compute(context.Background(), tc.graph, analytics.DefaultOptions())
			if err == nil {
				t.Fatal("Compute = nil error, want one")
			}
			if graph.KindOf(err) != graph.KindInvalid {
				t.Errorf("kind = %s, want %s", graph.KindOf(err), graph.KindInvalid)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q does not contain %q", err, tc.message)
			}
		})
	}
}

func TestComputeRejectsTinyStrength(t *testing.T) {
	ag := newAccountGraph([]graph.Person{vendorPerson("v1", ""), customerPerson("c1", "", "")},
		rel("v1", "c1", 1e-300))
	_, err := analytics.Compute(context.Background(), ag, analytics.Options{Threshold: 1e-300})
	if err == nil || !strings.Contains(err.Error(), "overflow") {
		t.Errorf("Compute = %v, want an overflow error", err)
	}
}

func TestComputeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := analytics.Compute(ctx, handCases[0].graph, analytics.DefaultOptions())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Compute with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestNetworkMethodsCancelled(t *testing.T) {
	g, err := analytics.NewNetwork(generateBenchmarkGraph(300, 1500, 7), 0.25)
	if err != nil {
		t.Fatalf("NewNetwork: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := g.Betweenness(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Betweenness = %v, want context.Canceled", err)
	}
	if _, err := g.Threads(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Threads = %v, want context.Canceled", err)
	}
	if _, err := g.KeyStakeholders(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("KeyStakeholders = %v, want context.Canceled", err)
	}
}

func TestComputeIgnoresReportingLines(t *testing.T) {
	// c2 reports to c1, but a reporting line is no edge, so c2 stays
	// unreached.
	c2 := customerPerson("c2", "", "")
	c2.ManagerID = "c1"
	ag := newAccountGraph([]graph.Person{vendorPerson("v1", ""), customerPerson("c1", "", ""), c2},
		rel("v1", "c1", 1))
	got := computeReport(t, ag, 0.25)
	if want := []string{"c2"}; !reflect.DeepEqual(got.Unreached, want) {
		t.Errorf("Unreached = %v, want %v", got.Unreached, want)
	}
	if got.Relationships != 1 {
		t.Errorf("Relationships = %d, want 1", got.Relationships)
	}
}

func TestComputeIgnoresOtherAccounts(t *testing.T) {
	// x1 belongs to another account, so neither x1 nor v2, whose only
	// customer is x1, is a node.
	x1 := customerPerson("x1", "", "")
	x1.AccountID = "other"
	ag := newAccountGraph(
		[]graph.Person{vendorPerson("v1", ""), vendorPerson("v2", ""), customerPerson("c1", "", ""), x1},
		rel("v1", "c1", 1), rel("v2", "x1", 1), rel("c1", "x1", 1))
	got := computeReport(t, ag, 0.25)
	if got.People != 2 || got.Relationships != 1 {
		t.Errorf("People, Relationships = %d, %d, want 2, 1", got.People, got.Relationships)
	}
	if _, ok := got.Betweenness["x1"]; ok {
		t.Error("Betweenness contains x1 of another account")
	}
}

func TestComputeDeterministicAcrossProcs(t *testing.T) {
	ag := generateBenchmarkGraph(400, 3000, 11)
	previous := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(previous)
	serial := computeReport(t, ag, 0.25)
	runtime.GOMAXPROCS(4)
	parallel := computeReport(t, ag, 0.25)
	again := computeReport(t, ag, 0.25)

	if !reflect.DeepEqual(serial, parallel) {
		t.Error("reports with GOMAXPROCS 1 and 4 differ")
	}
	if !reflect.DeepEqual(parallel, again) {
		t.Error("two reports with GOMAXPROCS 4 differ")
	}
}

func TestMinCutUnknownPerson(t *testing.T) {
	g, err := analytics.NewNetwork(handCases[0].graph, 0.25)
	if err != nil {
		t.Fatalf("NewNetwork: %v", err)
	}
	for _, id := range []string{"nobody", "v1"} {
		_, err := g.MinCut(id)
		if graph.KindOf(err) != graph.KindNotFound {
			t.Errorf("MinCut(%q) = %v, want an error of kind %s", id, err, graph.KindNotFound)
		}
	}
}

func TestEdgeLength(t *testing.T) {
	cases := []struct {
		strength float64
		want     int64
	}{
		{1, 1_000_000},
		{0.5, 2_000_000},
		{0.25, 4_000_000},
		{0.75, 1_333_333},
		{0.3, 3_333_333},
		{2.0 / 3, 1_500_000},
		{0.8, 1_250_000},
		{0.99999950000025, 1_000_001}, // 1,000,000 / strength is exactly 1,000,000.5
		{1e-6, 1_000_000_000_000},
	}
	for _, tc := range cases {
		if got := analytics.EdgeLength(tc.strength); got != tc.want {
			t.Errorf("EdgeLength(%v) = %d, want %d", tc.strength, got, tc.want)
		}
	}
}

package main

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

// contractFields are the top-level fields of the report contract.
var contractFields = []string{
	"account_id", "threshold", "people", "relationships", "unreached", "single_points_of_failure",
	"bridges", "threads", "key_stakeholders", "bus_factor", "betweenness", "coverage", "vendor",
}

func TestReportJSONHasContractFields(t *testing.T) {
	r := runKamgraph(t, "report", "--data", "testdata/valid", "--account", "globex", "--format", "json")
	r.wantCode(t, exitOK)

	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &fields); err != nil {
		t.Fatalf("output is not a JSON object: %v\n%s", err, r.stdout)
	}
	for _, name := range contractFields {
		if _, ok := fields[name]; !ok {
			t.Errorf("report lacks the contract field %q", name)
		}
	}
	if !strings.Contains(r.stdout, "\n  \"account_id\": \"globex\"") {
		t.Errorf("report is not indented JSON:\n%s", r.stdout)
	}
}

func TestReportJSONMatchesCompute(t *testing.T) {
	r := runKamgraph(t, "report", "--data", "testdata/valid", "--account", "globex", "--format", "json",
		"--threshold", "0.3", "--expected-functions", "finance,legal")
	r.wantCode(t, exitOK)
	var got analytics.Report
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}

	want := computeGlobex(t, analytics.Options{Threshold: 0.3, ExpectedFunctions: []string{"finance", "legal"}})
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(want)
	if string(gotJSON) != string(wantJSON) {
		t.Errorf("report differs from analytics.Compute:\ngot  %s\nwant %s", gotJSON, wantJSON)
	}
	if got.BusFactor == nil || *got.BusFactor != 1 {
		t.Errorf("bus factor %v, want 1", got.BusFactor)
	}
	if want := []string{"legal"}; strings.Join(got.Coverage.UnchartedFunctions, ",") != strings.Join(want, ",") {
		t.Errorf("uncharted functions %v, want %v", got.Coverage.UnchartedFunctions, want)
	}
}

// computeGlobex computes the globex report straight from the library.
func computeGlobex(t *testing.T, opts analytics.Options) *analytics.Report {
	t.Helper()
	ds, err := csvimport.ReadDir("testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	store := memstore.New()
	ctx := context.Background()
	if _, err := store.Import(ctx, ds, graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ag, err := store.AccountGraph(ctx, "globex")
	if err != nil {
		t.Fatal(err)
	}
	report, err := analytics.Compute(ctx, ag, opts)
	if err != nil {
		t.Fatal(err)
	}
	return report
}

func TestReportText(t *testing.T) {
	r := runKamgraph(t, "report", "--data", "testdata/valid", "--account", "globex")
	r.wantCode(t, exitOK)

	for _, want := range []string{
		"Globex Corporation (globex)",
		"tier 1, ARR 1,250,000, renews 2027-03-31, owner Ann Keller (v-ann)",
		"At threshold 0.25: 6 people, 5 relationships, bus factor 1.",
		"Unreached customer people (0)",
		"Single points of failure (2)",
		"Priya Shah (g-apps), Director of Enterprise Applications [customer] cuts off 2:",
		"Carla Mendes (g-cfo), Omar Haddad (g-ops)",
		"Ann Keller (v-ann), Strategic Account Manager [vendor] cuts off 1:",
		"Bridge relationships (3)",
		"Ivan Petrov (g-cio) -- Ann Keller (v-ann) cuts off 1:",
		"Key stakeholders (3)",
		"Coverage (covered of occupied cells)",
		"business unit",
		"uncovered: Logistics (1 person)",
		"uncharted functions (nobody on record): executive, legal",
		"Our side",
		"2 vendor people in 2 functions: presales, sales",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestReportTextUnreached(t *testing.T) {
	r := runKamgraph(t, "report", "--demo", "--account", demo.NewLogoAccountID)
	r.wantCode(t, exitOK)
	for _, want := range []string{"bus factor 0", "Single points of failure (0)", "no vendor person has a qualifying relationship"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "Unreached customer people (0)") {
		t.Errorf("new logo account reports nobody unreached:\n%s", r.stdout)
	}
}

func TestReportDemoShowcases(t *testing.T) {
	cases := map[string]string{
		demo.SingleThreadedAccountID: "bus factor 1.",
		demo.ChampionOnlyAccountID:   "bus factor 1.",
		demo.UnmarkedAccountID:       "bus factor none (no key stakeholders).",
	}
	for account, want := range cases {
		r := runKamgraph(t, "report", "--demo", "--demo-seed", "7", "--account", account)
		r.wantCode(t, exitOK)
		if !strings.Contains(r.stdout, want) {
			t.Errorf("%s report lacks %q:\n%s", account, want, r.stdout)
		}
	}
}

func TestReportUnknownAccount(t *testing.T) {
	r := runKamgraph(t, "report", "--data", "testdata/valid", "--account", "acme")
	r.wantCode(t, exitFailure)
	if !strings.Contains(r.stderr, `account "acme" not found: known accounts are globex, initech`) {
		t.Errorf("stderr does not list the known accounts:\n%s", r.stderr)
	}
}

func TestReportInvalidData(t *testing.T) {
	r := runKamgraph(t, "report", "--data", "testdata/invalid", "--account", "globex")
	r.wantCode(t, exitFailure)
	if !strings.Contains(r.stderr, "people.csv:3: column seniority: ") {
		t.Errorf("stderr lacks the problem line:\n%s", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q, want no report", r.stdout)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

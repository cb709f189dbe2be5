package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

func TestWhatifAccountJSONMatchesSimulate(t *testing.T) {
	r := runKamgraph(t, "whatif", "--demo", "--account", "acct-02", "--remove", "v-08, v-13", "--format", "json",
		"--threshold", "0.3")
	r.wantCode(t, exitOK)

	ctx := context.Background()
	store := memstore.New()
	if _, err := store.Import(ctx, demo.Generate(1), graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ag, err := store.AccountGraph(ctx, "acct-02")
	if err != nil {
		t.Fatal(err)
	}
	opts := analytics.DefaultOptions()
	opts.Threshold = 0.3
	want, err := analytics.Simulate(ctx, ag, []string{"v-08", "v-13"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.MarshalIndent(want, "", "  ")
	if strings.TrimSpace(r.stdout) != string(wantJSON) {
		t.Errorf("whatif output differs from analytics.Simulate:\ngot  %s\nwant %s", r.stdout, wantJSON)
	}
}

func TestWhatifPortfolioText(t *testing.T) {
	r := runKamgraph(t, "whatif", "--data", "testdata/valid", "--remove", "v-ann,g-ops")
	r.wantCode(t, exitOK)
	for _, want := range []string{
		"What if Omar Haddad (g-ops), Ann Keller (v-ann) leave? 1 account touched.",
		"Account globex without Omar Haddad (g-ops), Ann Keller (v-ann), at threshold 0.25",
		"  bus factor: 1 -> 0",
		"  cut off (1): Ivan Petrov (g-cio)",
		"  single points of failure gained (1)\n    Cy Moreau (v-cy) [vendor] cuts off 2",
		"  single points of failure lost (1)\n    Ann Keller (v-ann) [vendor] cuts off 1",
		"    Priya Shah (g-apps)   champion        2       1      1",
		"  coverage cells no longer covered (1): it/c_level",
		"  cells left without people (3): operations/manager, business unit Logistics, geography APAC",
		"  vendor concentration: 67% held by Ann Keller (v-ann) -> 100% held by Cy Moreau (v-cy)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestWhatifPortfolioJSON(t *testing.T) {
	r := runKamgraph(t, "whatif", "--data", "testdata/valid", "--remove", "v-bo", "--format", "json")
	r.wantCode(t, exitOK)
	var got handover.PortfolioSimulation
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("output is not a portfolio simulation: %v\n%s", err, r.stdout)
	}
	// v-bo knows i-it at 0.3 and g-ops at 0.1, and owns initech.
	var accounts []string
	for _, sim := range got.Accounts {
		accounts = append(accounts, sim.AccountID)
	}
	if strings.Join(accounts, ",") != "globex,initech" {
		t.Errorf("accounts = %v, want globex and initech", accounts)
	}
}

func TestWhatifErrors(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"whatif", "--demo"}, exitUsage, "missing --remove"},
		{[]string{"whatif", "--demo", "--remove", " , "}, exitUsage, "missing --remove"},
		{[]string{"whatif", "--remove", "v-07"}, exitUsage, "exactly one of --data DIR and --demo"},
		{[]string{"whatif", "--demo", "--remove", "v-07", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"whatif", "--demo", "--remove", "v-07", "--format", "yaml"}, exitUsage, `invalid value "yaml" for flag -format`},
		{[]string{"whatif", "--demo", "--account", "nowhere", "--remove", "v-07"}, exitFailure, `account "nowhere" not found: known accounts are acct-01`},
		{[]string{"whatif", "--demo", "--account", "acct-02", "--remove", "v-07"}, exitFailure, `person "v-07" is not in the graph of account "acct-02"`},
		{[]string{"whatif", "--demo", "--remove", "nobody,v-07"}, exitFailure, `person "nobody" not found`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := runKamgraph(t, c.args...)
			r.wantCode(t, c.code)
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, r.stderr)
			}
		})
	}
}

func TestNewCommandsHelp(t *testing.T) {
	cases := map[string][]string{
		"whatif":   {"-data", "-demo", "-account", "-remove", "-threshold", "-format", "Removing every"},
		"handover": {"-data", "-demo", "-person", "-successors", "-format", "markdown or json"},
		"depart":   {"-neo4j-uri", "NEO4J_URI", "-person", "-date", "YYYY-MM-DD"},
	}
	help := runKamgraph(t, "help")
	for cmd, want := range cases {
		if !strings.Contains(help.stdout, "  "+cmd+" ") {
			t.Errorf("help does not list %s:\n%s", cmd, help.stdout)
		}
		r := runKamgraph(t, cmd, "-h")
		r.wantCode(t, exitOK)
		for _, s := range want {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("%s -h lacks %q:\n%s", cmd, s, r.stdout)
			}
		}
	}
}

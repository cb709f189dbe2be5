package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
	"github.com/kamgraph/kamgraph/graph/demo"
)

// The single-threaded demo account hangs on its owner. Its suggestions
// must raise the bus factor from 1, and each must name an introducer and
// give a reason.
func TestSuggestDemoSingleThreaded(t *testing.T) {
	r := runKamgraph(t, "suggest", "--demo", "--account", demo.SingleThreadedAccountID, "--format", "json")
	r.wantCode(t, exitOK)
	var out analytics.AccountSuggestions
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("stdout is not the suggestions JSON: %v\n%s", err, r.stdout)
	}
	if out.Before.BusFactor == nil || *out.Before.BusFactor != 1 {
		t.Fatalf("bus factor before %v, want 1", out.Before.BusFactor)
	}
	if out.After.BusFactor == nil || *out.After.BusFactor < 2 {
		t.Errorf("bus factor after %v, want at least 2", out.After.BusFactor)
	}
	for _, s := range out.Suggestions {
		if s.Introduction == nil || s.Introduction.IntroducerID == "" {
			t.Errorf("suggestion %d (%s-%s) has no introducer", s.Rank, s.Vendor.PersonID, s.Customer.PersonID)
		}
		if s.Reason == "" {
			t.Errorf("suggestion %d has no reason", s.Rank)
		}
	}

	text := runKamgraph(t, "suggest", "--demo", "--account", demo.SingleThreadedAccountID)
	text.wantCode(t, exitOK)
	for _, want := range []string{"Suggested connections for ", "bus factor 1 -> ", "introduction: ", "Ask "} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, text.stdout)
		}
	}
}

// The JSON output equals analytics.Suggest on the same folder.
func TestSuggestJSONMatchesSuggest(t *testing.T) {
	r := runKamgraph(t, "suggest", "--data", "testdata/valid", "--account", "globex", "--format", "json",
		"--k", "3", "--max-hops", "2")
	r.wantCode(t, exitOK)

	ds, err := csvimport.ReadDir("testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	opts := analytics.DefaultSuggestOptions()
	opts.K, opts.MaxHops = 3, 2
	want, err := analytics.Suggest(context.Background(), storeGraph(t, "globex"), analytics.PortfolioVendors(ds), opts)
	if err != nil {
		t.Fatal(err)
	}
	encoded, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(r.stdout); got != string(encoded) {
		t.Errorf("suggest output differs from analytics.Suggest:\n%s\nwant\n%s", got, encoded)
	}
}

// storeGraph returns the graph of one account of testdata/valid as the
// memory store builds it.
func storeGraph(t *testing.T, accountID string) *graph.AccountGraph {
	t.Helper()
	store, err := (&suggestFlags{dataDir: "testdata/valid"}).load(context.Background(), &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	ag, err := store.AccountGraph(context.Background(), accountID)
	if err != nil {
		t.Fatal(err)
	}
	return ag
}

func TestSuggestPerson(t *testing.T) {
	r := runKamgraph(t, "suggest", "--data", "testdata/valid", "--person", "v-bo", "--format", "json")
	r.wantCode(t, exitOK)
	var out analytics.PersonSuggestions
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("stdout is not the person suggestions JSON: %v\n%s", err, r.stdout)
	}
	// v-bo owns initech and has a weak relationship with a globex person.
	var ids []string
	for _, a := range out.Accounts {
		ids = append(ids, a.AccountID)
	}
	if strings.Join(ids, ",") != "globex,initech" {
		t.Errorf("accounts %v, want [globex initech]", ids)
	}
	for _, a := range out.Accounts {
		for _, s := range a.Suggestions {
			if s.Vendor.PersonID != "v-bo" {
				t.Errorf("%s: own suggestion for %s, want v-bo", a.AccountID, s.Vendor.PersonID)
			}
		}
	}

	text := runKamgraph(t, "suggest", "--data", "testdata/valid", "--person", "v-bo")
	text.wantCode(t, exitOK)
	for _, want := range []string{"Initech (initech, owner)", "Own next connections:", "Introductions this person can make:"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, text.stdout)
		}
	}
}

func TestSuggestErrors(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--data", "testdata/valid"}, exitUsage, "give exactly one of --account ID and --person ID"},
		{[]string{"--data", "testdata/valid", "--account", "globex", "--person", "v-bo"}, exitUsage,
			"give exactly one of --account ID and --person ID"},
		{[]string{"--account", "globex"}, exitUsage, "give exactly one of --data DIR and --demo"},
		{[]string{"--data", "testdata/valid", "--account", "globex", "--k", "0"}, exitUsage,
			"invalid number of suggestions 0"},
		{[]string{"--data", "testdata/valid", "--account", "globex", "--max-hops", "9"}, exitUsage,
			"invalid maximum path length 9"},
		{[]string{"--data", "testdata/valid", "--account", "globex", "--strength", "0.1"}, exitUsage,
			"invalid strength 0.1"},
		{[]string{"--data", "testdata/valid", "--account", "globex", "--max-vendor-relationships", "-2"}, exitUsage,
			"invalid --max-vendor-relationships -2"},
		{[]string{"--data", "testdata/valid", "--account", "globex", "--vendors", "g-cfo"}, exitFailure,
			`person "g-cfo" in vendors is a customer person`},
		{[]string{"--data", "testdata/valid", "--account", "globex", "--exclude", "nobody"}, exitFailure,
			`unknown person "nobody" in exclude`},
		{[]string{"--data", "testdata/valid", "--account", "acme"}, exitFailure,
			`account "acme" not found: known accounts are globex, initech`},
		{[]string{"--data", "testdata/valid", "--person", "nobody"}, exitFailure, `person "nobody" not found`},
		{[]string{"--data", "testdata/valid", "--person", "g-cfo"}, exitFailure,
			"suggestions by person are for vendor people"},
		{[]string{"--data", "testdata/invalid", "--account", "globex"}, exitFailure, "people.csv:3: column seniority: "},
	}
	for _, tt := range tests {
		r := runKamgraph(t, append([]string{"suggest"}, tt.args...)...)
		if r.code != tt.code {
			t.Errorf("suggest %v: exit status %d, want %d\nstderr: %s", tt.args, r.code, tt.code, r.stderr)
			continue
		}
		if !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("suggest %v: stderr %q does not contain %q", tt.args, r.stderr, tt.stderr)
		}
	}
}

func TestSuggestHelp(t *testing.T) {
	r := runKamgraph(t, "suggest", "-h")
	r.wantCode(t, exitOK)
	for _, flag := range []string{"-data", "-demo", "-account", "-person", "-k", "-threshold", "-max-hops",
		"-strength", "-exclude", "-vendors", "-max-vendor-relationships", "-format"} {
		if !strings.Contains(r.stdout, flag) {
			t.Errorf("help lacks %s:\n%s", flag, r.stdout)
		}
	}
	if help := runKamgraph(t, "help"); !strings.Contains(help.stdout, "  suggest ") {
		t.Errorf("help does not list suggest:\n%s", help.stdout)
	}
}

package handover_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
)

func simulatedAccounts(p *handover.PortfolioSimulation) map[string][]string {
	out := map[string][]string{}
	for _, sim := range p.Accounts {
		out[sim.AccountID] = sim.Removed
	}
	return out
}

func TestSimulatePortfolio(t *testing.T) {
	store := loadStore(t, smallPortfolio())
	ctx := context.Background()
	got, err := handover.SimulatePortfolio(ctx, store, []string{"vc", "va", "va"}, analytics.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}

	if !reflect.DeepEqual(got.Removed, []string{"va", "vc"}) {
		t.Errorf("Removed = %v, want [va vc]", got.Removed)
	}
	// vc's weak tie with a3 still puts vc in A1's graph.
	want := map[string][]string{"A1": {"va", "vc"}, "A2": {"va"}, "A3": {"vc"}}
	if accounts := simulatedAccounts(got); !reflect.DeepEqual(accounts, want) {
		t.Errorf("accounts = %v, want %v", accounts, want)
	}
	if len(got.OwnedOnly) != 0 {
		t.Errorf("OwnedOnly = %v, want none", got.OwnedOnly)
	}

	for _, sim := range got.Accounts {
		ag, err := store.AccountGraph(ctx, sim.AccountID)
		if err != nil {
			t.Fatal(err)
		}
		direct, err := analytics.Simulate(ctx, ag, sim.Removed, analytics.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		gotJSON, _ := json.Marshal(sim)
		wantJSON, _ := json.Marshal(direct)
		if string(gotJSON) != string(wantJSON) {
			t.Errorf("%s: portfolio simulation differs from Simulate on the account:\ngot  %s\nwant %s",
				sim.AccountID, gotJSON, wantJSON)
		}
	}
}

func TestSimulatePortfolioOwnedOnly(t *testing.T) {
	got, err := handover.SimulatePortfolio(context.Background(), loadStore(t, smallPortfolio()), []string{"va"}, analytics.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.OwnedOnly, []string{"A3"}) {
		t.Errorf("OwnedOnly = %v, want [A3]", got.OwnedOnly)
	}
	if want := map[string][]string{"A1": {"va"}, "A2": {"va"}}; !reflect.DeepEqual(simulatedAccounts(got), want) {
		t.Errorf("accounts = %v, want %v", simulatedAccounts(got), want)
	}
}

func TestSimulatePortfolioCustomer(t *testing.T) {
	got, err := handover.SimulatePortfolio(context.Background(), loadStore(t, smallPortfolio()), []string{"b1"}, analytics.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string][]string{"A2": {"b1"}}; !reflect.DeepEqual(simulatedAccounts(got), want) {
		t.Errorf("accounts = %v, want %v", simulatedAccounts(got), want)
	}
}

func TestSimulatePortfolioRejects(t *testing.T) {
	store := loadStore(t, smallPortfolio())
	cases := []struct {
		name    string
		removed []string
		opts    analytics.Options
		kind    graph.ErrorKind
		want    string
	}{
		{"empty", []string{}, analytics.DefaultOptions(), graph.KindInvalid, "no people to remove"},
		{"blank", []string{""}, analytics.DefaultOptions(), graph.KindInvalid, "must not be blank"},
		{"unknown", []string{"zz", "va", "yy"}, analytics.DefaultOptions(), graph.KindNotFound, `people "yy", "zz" not found`},
		{"bad threshold", []string{"va"}, analytics.Options{Threshold: 2}, graph.KindInvalid, "invalid threshold"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := handover.SimulatePortfolio(context.Background(), store, tc.removed, tc.opts)
			if graph.KindOf(err) != tc.kind {
				t.Errorf("kind = %s, want %s (error %v)", graph.KindOf(err), tc.kind, err)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v does not contain %q", err, tc.want)
			}
		})
	}
}

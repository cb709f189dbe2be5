package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

// TestWhatifNamesMatchExport renders demo simulations with the names read
// through graph.PeopleStore and with the names of every exported person,
// and checks that the text is the same.
func TestWhatifNamesMatchExport(t *testing.T) {
	ctx := context.Background()
	store := memstore.New()
	if _, err := store.Import(ctx, demo.Generate(1), graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	all, err := exportedNames(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	opts := analytics.DefaultOptions()
	ag, err := store.AccountGraph(ctx, "acct-02")
	if err != nil {
		t.Fatal(err)
	}
	var vendors, customers []string
	for _, p := range ag.People {
		if p.Side == graph.SideVendor {
			vendors = append(vendors, p.ID)
		} else {
			customers = append(customers, p.ID)
		}
	}

	var results []any
	for _, removed := range [][]string{vendors[:2], {vendors[0], customers[0]}} {
		sim, err := analytics.Simulate(ctx, ag, removed, opts)
		if err != nil {
			t.Fatalf("Simulate(%v): %v", removed, err)
		}
		results = append(results, sim)
	}
	// The vendor people of acct-02 touch other accounts too, so the
	// portfolio simulations name people of several account graphs.
	for _, removed := range [][]string{vendors[:2], {vendors[0], customers[0]}, {"v-01"}} {
		sim, err := handover.SimulatePortfolio(ctx, store, removed, opts)
		if err != nil {
			t.Fatalf("SimulatePortfolio(%v): %v", removed, err)
		}
		if len(sim.Accounts) < 2 && removed[0] != "v-01" {
			t.Errorf("SimulatePortfolio(%v) touched %d accounts, want at least 2", removed, len(sim.Accounts))
		}
		results = append(results, sim)
	}

	for i, result := range results {
		var removed []string
		switch r := result.(type) {
		case *analytics.Simulation:
			removed = r.Removed
		case *handover.PortfolioSimulation:
			removed = r.Removed
		}
		names, err := personNames(ctx, store, simulatedAccounts(result), removed)
		if err != nil {
			t.Fatalf("personNames: %v", err)
		}
		var got, want bytes.Buffer
		if err := writeTextSimulation(&got, names, result); err != nil {
			t.Fatal(err)
		}
		if err := writeTextSimulation(&want, all, result); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("result %d (%T) with looked-up names:\n%s\nwant, with every name:\n%s", i, result, &got, &want)
		}
	}
}

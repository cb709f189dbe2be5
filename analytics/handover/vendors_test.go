package handover_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/gen"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

// exportOnly hides graph.VendorStore, so that Build reads the portfolio
// with Export, and keeps the notes.
type exportOnly struct {
	handover.Store
	graph.NoteStore
}

// countingStore counts the calls of Export.
type countingStore struct {
	*memstore.Store
	exports int
}

func (s *countingStore) Export(ctx context.Context) (*graph.Dataset, error) {
	s.exports++
	return s.Store.Export(ctx)
}

func TestBuildVendorNetworkDemo(t *testing.T) {
	checkBuildMatchesExport(t, demo.Generate(1))
}

func TestBuildVendorNetworkGenerated(t *testing.T) {
	ds, err := gen.Portfolio(gen.PortfolioConfig{
		Accounts: 8,
		Account:  gen.Config{People: 60, Relationships: 400, SinglePoints: 2, Seed: 5},
		Team:     14,
	})
	if err != nil {
		t.Fatalf("gen.Portfolio: %v", err)
	}
	checkBuildMatchesExport(t, ds)
}

// checkBuildMatchesExport builds the brief of every vendor person of ds
// from the vendor network and from Export, and checks that the JSON of
// the two is the same byte for byte.
func checkBuildMatchesExport(t *testing.T, ds *graph.Dataset) {
	t.Helper()
	store := &countingStore{Store: loadStore(t, ds)}
	slow := exportOnly{Store: store, NoteStore: store.Store}
	ctx := context.Background()
	opts := handover.Options{Report: analytics.DefaultOptions()}

	briefs := 0
	for _, p := range ds.People {
		if p.Side != graph.SideVendor {
			continue
		}
		store.exports = 0
		fast, err := handover.Build(ctx, store, p.ID, opts)
		if err != nil {
			t.Fatalf("Build(%q) from the vendor network: %v", p.ID, err)
		}
		if store.exports != 0 {
			t.Fatalf("Build(%q) called Export %d times on a graph.VendorStore, want 0", p.ID, store.exports)
		}
		want, err := handover.Build(ctx, slow, p.ID, opts)
		if err != nil {
			t.Fatalf("Build(%q) from Export: %v", p.ID, err)
		}
		if store.exports != 1 {
			t.Fatalf("Build(%q) without graph.VendorStore called Export %d times, want 1", p.ID, store.exports)
		}
		gotJSON, wantJSON := mustJSON(t, fast), mustJSON(t, want)
		if !bytes.Equal(gotJSON, wantJSON) {
			t.Errorf("brief of %q from the vendor network differs from the one from Export:\ngot  %s\nwant %s",
				p.ID, gotJSON, wantJSON)
		}
		if len(want.Accounts) > 0 {
			briefs++
		}
	}
	if briefs == 0 {
		t.Fatal("no vendor person has an account: the case tests nothing")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return out
}

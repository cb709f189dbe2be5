package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// exportCounter counts the calls of Export on a memstore.
type exportCounter struct {
	*memstore.Store
	exports int
}

func (s *exportCounter) Export(ctx context.Context) (*graph.Dataset, error) {
	s.exports++
	return s.Store.Export(ctx)
}

// plainStore exposes only graph.Store, so that the suggestions read the
// portfolio with Export.
type plainStore struct{ graph.Store }

// suggestionsOutput returns the JSON of a result, or the kind and message
// of its error, for comparing two ways of computing it.
func suggestionsOutput(t *testing.T, v any, err error) []byte {
	t.Helper()
	if err != nil {
		return []byte(string(graph.KindOf(err)) + ": " + err.Error())
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return out
}

func TestSuggestionsVendorStoreMatchExport(t *testing.T) {
	ds := demo.Generate(demoSeed)
	mem := memstore.New()
	if _, err := mem.Import(context.Background(), ds, graph.ImportOptions{}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	fast := &exportCounter{Store: mem}
	slow := plainStore{mem}
	ctx := context.Background()
	opts := analytics.DefaultSuggestOptions()

	for _, a := range ds.Accounts {
		got, err := httpapi.AccountSuggestions(ctx, fast, a.ID, opts)
		gotOut := suggestionsOutput(t, got, err)
		want, err := httpapi.AccountSuggestions(ctx, slow, a.ID, opts)
		wantOut := suggestionsOutput(t, want, err)
		if !bytes.Equal(gotOut, wantOut) {
			t.Errorf("AccountSuggestions(%q) differs from the Export result:\ngot  %s\nwant %s", a.ID, gotOut, wantOut)
		}
	}

	ids := []string{"nobody"}
	for _, p := range ds.People {
		ids = append(ids, p.ID)
	}
	succeeded := 0
	for _, id := range ids {
		got, err := httpapi.PersonSuggestions(ctx, fast, id, opts)
		if err == nil && len(got.Accounts) > 0 {
			succeeded++
		}
		gotOut := suggestionsOutput(t, got, err)
		want, err := httpapi.PersonSuggestions(ctx, slow, id, opts)
		wantOut := suggestionsOutput(t, want, err)
		if !bytes.Equal(gotOut, wantOut) {
			t.Errorf("PersonSuggestions(%q) differs from the Export result:\ngot  %s\nwant %s", id, gotOut, wantOut)
		}
	}
	if succeeded == 0 {
		t.Error("no person of the demo has suggestions in an account: the case tests only errors")
	}
	if fast.exports != 0 {
		t.Errorf("suggestions called Export %d times on a graph.VendorStore, want 0", fast.exports)
	}
}

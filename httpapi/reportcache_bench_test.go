package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/gen"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// BenchmarkReportEndpoint serves GET /api/v1/accounts/{id}/report of the
// generated M account (2,000 people) on the memory store, computing the
// report on every request and from the cache. Requests go to the handler
// directly, without a network.
func BenchmarkReportEndpoint(b *testing.B) {
	cfg, err := gen.Preset("M")
	if err != nil {
		b.Fatal(err)
	}
	ds, err := gen.Generate(cfg)
	if err != nil {
		b.Fatal(err)
	}
	store := memstore.New()
	if _, err := store.Import(context.Background(), ds, graph.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	target := "/api/v1/accounts/" + ds.Accounts[0].ID + "/report"

	for _, variant := range []struct {
		name  string
		cache httpapi.ReportCacheConfig
	}{
		{"uncached", httpapi.ReportCacheConfig{Disabled: true}},
		{"cached", httpapi.ReportCacheConfig{}},
	} {
		b.Run(variant.name+"/M", func(b *testing.B) {
			server, err := httpapi.New(httpapi.Config{Store: store, ReportCache: variant.cache})
			if err != nil {
				b.Fatal(err)
			}
			handler := server.Handler()
			for b.Loop() {
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
				}
			}
		})
	}
}

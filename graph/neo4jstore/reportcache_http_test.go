package neo4jstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/neo4jstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// getReport returns the body of GET path from handler, failing unless
// the status is 200.
func getReport(t *testing.T, handler http.Handler, path string) []byte {
	t.Helper()
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d, body %s", path, rec.Code, rec.Body.String())
	}
	return rec.Body.Bytes()
}

// cacheHits returns the value of kamgraph_report_cache_hits_total as
// GET /metrics prints it.
func cacheHits(t *testing.T, handler http.Handler) string {
	t.Helper()
	body := string(getReport(t, handler, "/metrics"))
	for line := range strings.SplitSeq(body, "\n") {
		if value, ok := strings.CutPrefix(line, "kamgraph_report_cache_hits_total "); ok {
			return value
		}
	}
	t.Fatal("metrics lack kamgraph_report_cache_hits_total")
	return ""
}

// TestReportCacheSeesOtherWriters checks that the report cache of a
// server notices writes that another process, such as kamgraph import or
// kamgraph depart, makes to the same database through its own store.
func TestReportCacheSeesOtherWriters(t *testing.T) {
	store, server := openStore(t)
	mustImport(t, store, demo.Generate(1))
	other, err := neo4jstore.Open(context.Background(), neo4jstore.Config{
		URI: server.URI, Username: server.Username, Password: server.Password})
	if err != nil {
		t.Fatalf("Open a second store: %v", err)
	}
	t.Cleanup(func() { other.Close(context.Background()) })

	cached, err := httpapi.New(httpapi.Config{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	uncached, err := httpapi.New(httpapi.Config{Store: store, ReportCache: httpapi.ReportCacheConfig{Disabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	const path = "/api/v1/accounts/acct-02/report"
	checkFresh := func(t *testing.T) analytics.Report {
		t.Helper()
		got, want := getReport(t, cached.Handler(), path), getReport(t, uncached.Handler(), path)
		if !bytes.Equal(got, want) {
			t.Fatalf("cached report differs from a fresh computation:\n got %s\nwant %s", got, want)
		}
		var report analytics.Report
		if err := json.Unmarshal(got, &report); err != nil {
			t.Fatal(err)
		}
		return report
	}

	before := checkFresh(t)
	checkFresh(t)
	if hits := cacheHits(t, cached.Handler()); hits != "1" {
		t.Fatalf("cache hits = %s after two requests, want 1", hits)
	}

	t.Run("import", func(t *testing.T) {
		// A new strong relationship from a vendor to acct-02-p02, whose
		// only thread in the demo goes through the champion acct-02-p07.
		r := graph.Relationship{PersonA: "v-01", PersonB: "acct-02-p02", Strength: 0.9}
		if _, err := other.Import(context.Background(), &graph.Dataset{Relationships: []graph.Relationship{r}}, graph.ImportOptions{}); err != nil {
			t.Fatalf("Import through the second store: %v", err)
		}
		after := checkFresh(t)
		if after.Relationships != before.Relationships+1 {
			t.Errorf("relationships = %d after the import, want %d", after.Relationships, before.Relationships+1)
		}
	})

	t.Run("departure", func(t *testing.T) {
		if _, err := other.MarkDeparted(context.Background(), "acct-02-p07", "2026-11-30"); err != nil {
			t.Fatalf("MarkDeparted through the second store: %v", err)
		}
		after := checkFresh(t)
		if _, ok := after.Threads["acct-02-p07"]; ok {
			t.Errorf("threads still list the departed champion acct-02-p07")
		}
	})
}

// BenchmarkVersion measures the read of the write counter that the report
// cache makes on every hit.
func BenchmarkVersion(b *testing.B) {
	store, _ := openStore(b)
	mustImport(b, store, demo.Generate(1))
	for b.Loop() {
		if _, err := store.Version(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportCachedNeo4j serves the cached report of the demo account
// acct-02 from a server on Neo4j, without authentication, one request at
// a time.
func BenchmarkReportCachedNeo4j(b *testing.B) {
	store, _ := openStore(b)
	mustImport(b, store, demo.Generate(1))
	server, err := httpapi.New(httpapi.Config{Store: store})
	if err != nil {
		b.Fatal(err)
	}
	handler := server.Handler()
	for b.Loop() {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/accounts/acct-02/report", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

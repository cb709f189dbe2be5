package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
	"github.com/kamgraph/kamgraph/httpapi/authtest"
)

const globexReport = "/api/v1/accounts/globex/report"

// cacheFixture is a server with the report cache over a store, and a
// second server without the cache over the same store, whose reports the
// tests take as the expected ones.
type cacheFixture struct {
	cached   *testServer
	uncached *testServer
	store    *memstore.Store
}

func newCacheFixture(t *testing.T, cache httpapi.ReportCacheConfig) *cacheFixture {
	t.Helper()
	store := memstore.New()
	return &cacheFixture{
		cached:   newTestServerWith(t, httpapi.Config{Store: store, ReportCache: cache}),
		uncached: newTestServerWith(t, httpapi.Config{Store: store, ReportCache: httpapi.ReportCacheConfig{Disabled: true}}),
		store:    store,
	}
}

// importGlobex loads the small Globex account through the API: v-ann
// reaches g-it (0.8), who reaches g-cfo (0.6).
func (f *cacheFixture) importGlobex(t *testing.T) {
	t.Helper()
	if rec := f.cached.do(uploadRequest(t, "", validUploads()...)); rec.Code != http.StatusOK {
		t.Fatalf("import: status %d, body %s", rec.Code, rec.Body.String())
	}
}

// checkFresh gets target from the cached server, checks that its body
// equals the uncached server's and returns the decoded report.
func (f *cacheFixture) checkFresh(t *testing.T, target string) analytics.Report {
	t.Helper()
	got := f.cached.get(target)
	want := f.uncached.get(target)
	if got.Code != http.StatusOK || want.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d cached, %d uncached; body %s", target, got.Code, want.Code, got.Body.String())
	}
	if !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
		t.Fatalf("GET %s: cached body differs from a fresh computation:\n got %s\nwant %s", target, got.Body, want.Body)
	}
	var report analytics.Report
	if err := json.Unmarshal(got.Body.Bytes(), &report); err != nil {
		t.Fatalf("decode report: %v", err)
	}
	return report
}

// metricValue returns the value of an unlabelled counter from GET /metrics.
func metricValue(t *testing.T, ts *testServer, name string) float64 {
	t.Helper()
	body := ts.get("/metrics").Body.String()
	for line := range strings.SplitSeq(body, "\n") {
		if value, ok := strings.CutPrefix(line, name+" "); ok {
			v, err := strconv.ParseFloat(value, 64)
			if err != nil {
				t.Fatalf("metric %s: invalid value %q", name, value)
			}
			return v
		}
	}
	t.Fatalf("metrics lack %s", name)
	return 0
}

// checkCounts checks the hit and miss counters of ts.
func checkCounts(t *testing.T, ts *testServer, hits, misses float64) {
	t.Helper()
	if got := metricValue(t, ts, "kamgraph_report_cache_hits_total"); got != hits {
		t.Errorf("cache hits = %v, want %v", got, hits)
	}
	if got := metricValue(t, ts, "kamgraph_report_cache_misses_total"); got != misses {
		t.Errorf("cache misses = %v, want %v", got, misses)
	}
}

func TestReportCacheHitAfterMiss(t *testing.T) {
	f := newCacheFixture(t, httpapi.ReportCacheConfig{})
	f.importGlobex(t)

	first := f.cached.get(globexReport)
	second := f.cached.get(globexReport)
	if first.Code != http.StatusOK || second.Code != http.StatusOK {
		t.Fatalf("status %d then %d, want 200 twice", first.Code, second.Code)
	}
	if !bytes.Equal(first.Body.Bytes(), second.Body.Bytes()) {
		t.Errorf("hit body differs from the miss body:\n%s\n%s", first.Body, second.Body)
	}
	if got := second.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", got)
	}
	checkCounts(t, f.cached, 1, 1)
	f.checkFresh(t, globexReport)
}

func TestReportCacheInvalidation(t *testing.T) {
	f := newCacheFixture(t, httpapi.ReportCacheConfig{})
	f.importGlobex(t)

	// v-ann - g-it - g-cfo: both v-ann and g-it are single points.
	report := f.checkFresh(t, globexReport)
	if report.People != 3 || report.Relationships != 2 || len(report.SinglePointsOfFailure) != 2 {
		t.Fatalf("initial report: people %d, relationships %d, single points %d; want 3, 2, 2",
			report.People, report.Relationships, len(report.SinglePointsOfFailure))
	}

	t.Run("import through the API", func(t *testing.T) {
		rels := "person_a,person_b,strength\nv-ann,g-cfo,0.5\n"
		rec := f.cached.do(uploadRequest(t, "", upload{"relationships.csv", "relationships.csv", rels}))
		if rec.Code != http.StatusOK {
			t.Fatalf("import: status %d, body %s", rec.Code, rec.Body.String())
		}
		// A second thread to g-cfo leaves v-ann the only single point.
		report := f.checkFresh(t, globexReport)
		if report.Relationships != 3 || len(report.SinglePointsOfFailure) != 1 {
			t.Errorf("after import: relationships %d, single points %d; want 3 and 1",
				report.Relationships, len(report.SinglePointsOfFailure))
		}
	})

	t.Run("departure", func(t *testing.T) {
		rec := f.cached.do(jsonRequest(http.MethodPost, "/api/v1/people/g-it/departure", `{"date": "2026-11-30"}`))
		if rec.Code != http.StatusOK {
			t.Fatalf("departure: status %d, body %s", rec.Code, rec.Body.String())
		}
		report := f.checkFresh(t, globexReport)
		if report.People != 2 || report.Relationships != 1 {
			t.Errorf("after g-it left: people %d, relationships %d; want 2 and 1", report.People, report.Relationships)
		}
	})

	t.Run("write beside the API", func(t *testing.T) {
		// kamgraph import writes to the store without the server: here the
		// only relationship to g-cfo drops below the 0.25 threshold.
		weak := graph.Relationship{PersonA: "v-ann", PersonB: "g-cfo", Strength: 0.1}
		ds := &graph.Dataset{Relationships: []graph.Relationship{weak}}
		if _, err := f.store.Import(context.Background(), ds, graph.ImportOptions{}); err != nil {
			t.Fatalf("Import: %v", err)
		}
		report := f.checkFresh(t, globexReport)
		if report.People != 1 || report.Relationships != 0 || len(report.Unreached) != 1 {
			t.Errorf("after the weak relationship: people %d, relationships %d, unreached %v; want 1, 0, [g-cfo]",
				report.People, report.Relationships, report.Unreached)
		}
	})
}

func TestReportCacheKeepsEntryAfterNote(t *testing.T) {
	f := newCacheFixture(t, httpapi.ReportCacheConfig{})
	f.importGlobex(t)
	f.checkFresh(t, globexReport)

	// Notes are not part of the report, so a new note keeps the entry.
	note := `{"target": {"kind": "account", "id": "globex"}, "author": "v-ann", "kind": "risk", "text": "budget frozen until Q3"}`
	if rec := f.cached.do(jsonRequest(http.MethodPost, "/api/v1/notes", note)); rec.Code != http.StatusCreated {
		t.Fatalf("create note: status %d, body %s", rec.Code, rec.Body.String())
	}
	f.checkFresh(t, globexReport)
	checkCounts(t, f.cached, 1, 1)
}

func TestReportCacheOptionsKeyEntries(t *testing.T) {
	f := newCacheFixture(t, httpapi.ReportCacheConfig{})
	f.importGlobex(t)

	atDefault := f.checkFresh(t, globexReport)
	// At threshold 0.7 only v-ann - g-it (0.8) counts, so g-cfo is unreached.
	strict := f.checkFresh(t, globexReport+"?threshold=0.7")
	noFunctions := f.checkFresh(t, globexReport+"?expected_functions=")
	if atDefault.Threshold != 0.25 || len(atDefault.Unreached) != 0 {
		t.Errorf("default report: threshold %v, unreached %v; want 0.25 and none", atDefault.Threshold, atDefault.Unreached)
	}
	if strict.Threshold != 0.7 || len(strict.Unreached) != 1 {
		t.Errorf("threshold 0.7: threshold %v, unreached %v; want 0.7 and [g-cfo]", strict.Threshold, strict.Unreached)
	}
	if len(noFunctions.Coverage.UnchartedFunctions) != 0 {
		t.Errorf("no expected functions: uncharted %v, want none", noFunctions.Coverage.UnchartedFunctions)
	}
	checkCounts(t, f.cached, 0, 3)

	f.checkFresh(t, globexReport+"?threshold=0.7")
	checkCounts(t, f.cached, 1, 3)
}

func TestReportCacheEvictsLeastRecentlyUsed(t *testing.T) {
	f := newCacheFixture(t, httpapi.ReportCacheConfig{MaxEntries: 2})
	f.importGlobex(t)
	a, b, c := globexReport, globexReport+"?threshold=0.5", globexReport+"?threshold=0.7"

	for _, target := range []string{a, b, a, c, a, b} {
		f.checkFresh(t, target)
	}
	// Misses: a, b, c (evicts b), b (evicts c). Hits: a twice.
	checkCounts(t, f.cached, 2, 4)
	if got := metricValue(t, f.cached, "kamgraph_report_cache_evictions_total"); got != 2 {
		t.Errorf("evictions = %v, want 2", got)
	}
}

func TestReportCacheByteBound(t *testing.T) {
	// A bound below the size of one report keeps nothing.
	f := newCacheFixture(t, httpapi.ReportCacheConfig{MaxBytes: 100})
	f.importGlobex(t)
	f.checkFresh(t, globexReport)
	f.checkFresh(t, globexReport)
	checkCounts(t, f.cached, 0, 2)
}

func TestReportCacheDisabled(t *testing.T) {
	f := newCacheFixture(t, httpapi.ReportCacheConfig{Disabled: true})
	f.importGlobex(t)
	f.checkFresh(t, globexReport)
	f.checkFresh(t, globexReport)
	checkCounts(t, f.cached, 0, 0)
}

func TestReportETag(t *testing.T) {
	f := newCacheFixture(t, httpapi.ReportCacheConfig{})
	f.importGlobex(t)

	first := f.cached.get(globexReport)
	etag := first.Header().Get("ETag")
	if len(etag) < 3 || !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) {
		t.Fatalf("ETag = %q, want a quoted entity tag", etag)
	}
	if got := first.Header().Get("Cache-Control"); got != "private, no-cache" {
		t.Errorf("Cache-Control = %q, want private, no-cache", got)
	}

	cases := []struct {
		name        string
		ifNoneMatch string
		want        int
	}{
		{"same tag", etag, http.StatusNotModified},
		{"weak form", "W/" + etag, http.StatusNotModified},
		{"in a list", `"other", ` + etag, http.StatusNotModified},
		{"any", "*", http.StatusNotModified},
		{"other tag", `"other"`, http.StatusOK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, globexReport, nil)
			req.Header.Set("If-None-Match", tc.ifNoneMatch)
			rec := f.cached.do(req)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d", rec.Code, tc.want)
			}
			if got := rec.Header().Get("ETag"); got != etag {
				t.Errorf("ETag = %q, want %q", got, etag)
			}
			if tc.want == http.StatusNotModified && rec.Body.Len() != 0 {
				t.Errorf("304 has a body of %d bytes", rec.Body.Len())
			}
		})
	}

	// The same report from the uncached server carries the same tag, and a
	// change of the account gives a new one.
	if got := f.uncached.get(globexReport).Header().Get("ETag"); got != etag {
		t.Errorf("uncached ETag = %q, want %q", got, etag)
	}
	rec := f.cached.do(jsonRequest(http.MethodPost, "/api/v1/people/g-it/departure", `{"date": "2026-11-30"}`))
	if rec.Code != http.StatusOK {
		t.Fatalf("departure: status %d", rec.Code)
	}
	req := httptest.NewRequest(http.MethodGet, globexReport, nil)
	req.Header.Set("If-None-Match", etag)
	after := f.cached.do(req)
	if after.Code != http.StatusOK {
		t.Errorf("after a change, If-None-Match with the old tag: status %d, want 200", after.Code)
	}
	if got := after.Header().Get("ETag"); got == etag {
		t.Errorf("ETag after a change = %q, unchanged", got)
	}
}

func TestReportCacheAsOfBypassesCache(t *testing.T) {
	f := newCacheFixture(t, httpapi.ReportCacheConfig{})
	f.importGlobex(t)
	target := globexReport + "?as_of=2100-01-01T00:00:00Z"
	f.checkFresh(t, target)
	f.checkFresh(t, target)
	checkCounts(t, f.cached, 0, 0)
}

// TestReportCacheAccountScope warms the cache with the report of a
// foreign account and checks that an account_manager key still gets 404
// for it, without a hit.
func TestReportCacheAccountScope(t *testing.T) {
	store := memstore.New()
	fixture := authtest.Setup(t, store)
	tokens := authtest.CreateKeys(t, store, fixture)
	ts := newTestServerWith(t, httpapi.Config{Store: store, Auth: httpapi.AuthConfig{Enabled: true}})
	foreign := "/api/v1/accounts/" + fixture.ForeignAccount + "/report"

	for range 2 {
		if rec := ts.do(authorized(http.MethodGet, foreign, tokens[graph.KeyRoleAnalyst], "")); rec.Code != http.StatusOK {
			t.Fatalf("analyst GET %s: status %d", foreign, rec.Code)
		}
	}
	hits := metricValue(t, ts, "kamgraph_report_cache_hits_total")
	if hits != 1 {
		t.Fatalf("cache hits after warming = %v, want 1", hits)
	}

	rec := ts.do(authorized(http.MethodGet, foreign, tokens[graph.KeyRoleAccountManager], ""))
	if rec.Code != http.StatusNotFound {
		t.Errorf("account manager GET %s: status %d, want 404", foreign, rec.Code)
	}
	for _, id := range fixture.ForeignCustomers {
		if strings.Contains(rec.Body.String(), id) {
			t.Errorf("response to the account manager names foreign customer %s", id)
		}
	}
	if got := metricValue(t, ts, "kamgraph_report_cache_hits_total"); got != hits {
		t.Errorf("cache hits = %v after the account manager's request, want %v", got, hits)
	}

	own := "/api/v1/accounts/" + fixture.OwnAccount + "/report"
	if rec := ts.do(authorized(http.MethodGet, own, tokens[graph.KeyRoleAccountManager], "")); rec.Code != http.StatusOK {
		t.Errorf("account manager GET %s: status %d, want 200", own, rec.Code)
	}
}

func TestReportGzip(t *testing.T) {
	f := newCacheFixture(t, httpapi.ReportCacheConfig{})
	f.importGlobex(t)
	plain := f.cached.get(globexReport)

	for _, cached := range []bool{false, true} { // a miss, then a hit
		req := httptest.NewRequest(http.MethodGet, globexReport, nil)
		req.Header.Set("Accept-Encoding", "br;q=1.0, gzip;q=0.8")
		rec := f.cached.do(req)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d, want 200", rec.Code)
		}
		if got := rec.Header().Get("Content-Encoding"); got != "gzip" {
			t.Fatalf("Content-Encoding = %q, want gzip (cached %v)", got, cached)
		}
		if got := rec.Header().Get("Vary"); got != "Accept-Encoding" {
			t.Errorf("Vary = %q, want Accept-Encoding", got)
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatalf("gzip.NewReader: %v", err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("decompress: %v", err)
		}
		if !bytes.Equal(body, plain.Body.Bytes()) {
			t.Errorf("decompressed body differs from the plain one:\n%s\n%s", body, plain.Body)
		}
		etag := rec.Header().Get("ETag")
		if etag == plain.Header().Get("ETag") {
			t.Errorf("gzip ETag %s equals the plain one", etag)
		}

		req.Header.Set("If-None-Match", etag)
		if rec := f.cached.do(req); rec.Code != http.StatusNotModified {
			t.Errorf("If-None-Match with the gzip ETag: status %d, want 304", rec.Code)
		}
	}

	req := httptest.NewRequest(http.MethodGet, globexReport, nil)
	req.Header.Set("Accept-Encoding", "gzip;q=0")
	if got := f.cached.do(req).Header().Get("Content-Encoding"); got != "" {
		t.Errorf("gzip;q=0: Content-Encoding = %q, want none", got)
	}
}

package httpapi_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/gen"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// reportTarget returns the report path of an account with a raw query.
func reportTarget(account, query string) string {
	return "/api/v1/accounts/" + account + "/report?" + query
}

// hoeffdingBound is BetweennessErrorBound worked out independently:
// n/(n-1) · sqrt(ln(2n/failure) / (2·samples)).
func hoeffdingBound(n, samples int, failure float64) float64 {
	nodes := float64(n)
	return nodes / (nodes - 1) * math.Sqrt(math.Log(2*nodes/failure)/(2*float64(samples)))
}

func TestReportSampledBetweennessFields(t *testing.T) {
	ts := newTestServer(t)
	var r analytics.Report
	decode(t, ts.get(reportTarget(demo.SingleThreadedAccountID, "betweenness_samples=5&betweenness_seed=42")),
		http.StatusOK, &r)
	if r.People <= 5 {
		t.Fatalf("account %s has %d people, want more than 5 for a sampled report", r.AccountID, r.People)
	}

	if r.BetweennessMode != "sampled" {
		t.Errorf("betweenness_mode %q, want sampled", r.BetweennessMode)
	}
	if r.BetweennessSamples != 5 {
		t.Errorf("betweenness_samples %d, want 5", r.BetweennessSamples)
	}
	if r.BetweennessSeed == nil || *r.BetweennessSeed != 42 {
		t.Errorf("betweenness_seed %v, want 42", r.BetweennessSeed)
	}
	if want := hoeffdingBound(r.People, 5, 0.05); math.Abs(r.BetweennessErrorBound-want) > 1e-12 {
		t.Errorf("betweenness_error_bound %v, want %v", r.BetweennessErrorBound, want)
	}
	if r.BetweennessErrorProbability != 0.05 {
		t.Errorf("betweenness_error_probability %v, want 0.05", r.BetweennessErrorProbability)
	}
	if len(r.Betweenness) != r.People {
		t.Errorf("betweenness has %d people, want %d", len(r.Betweenness), r.People)
	}
}

func TestReportExactBetweennessFields(t *testing.T) {
	ts := newTestServer(t)
	rec := ts.get(reportTarget(demo.SingleThreadedAccountID, ""))
	var r analytics.Report
	decode(t, rec, http.StatusOK, &r)

	if r.BetweennessMode != "exact" {
		t.Errorf("betweenness_mode %q, want exact", r.BetweennessMode)
	}
	if r.BetweennessErrorBound != 0 || r.BetweennessErrorProbability != 0 {
		t.Errorf("error bound %v at probability %v, want 0 and 0", r.BetweennessErrorBound, r.BetweennessErrorProbability)
	}
	for _, field := range []string{`"betweenness_samples"`, `"betweenness_seed"`} {
		if strings.Contains(rec.Body.String(), field) {
			t.Errorf("exact report contains %s, want it absent", field)
		}
	}
}

// TestReportAllSamplesIsExact requests at least as many samples as the
// account graph has people, which computes every source.
func TestReportAllSamplesIsExact(t *testing.T) {
	ts := newTestServer(t)
	var exact analytics.Report
	decode(t, ts.get(reportTarget(demo.MultiThreadedAccountID, "")), http.StatusOK, &exact)

	for _, samples := range []int{exact.People, exact.People + 1, httpapi.MaxBetweennessSamples} {
		var r analytics.Report
		query := fmt.Sprintf("betweenness_samples=%d&betweenness_seed=3", samples)
		decode(t, ts.get(reportTarget(demo.MultiThreadedAccountID, query)), http.StatusOK, &r)
		if !reflect.DeepEqual(r.Betweenness, exact.Betweenness) {
			t.Errorf("%d samples: betweenness %v, want the exact %v", samples, r.Betweenness, exact.Betweenness)
		}
		if r.BetweennessMode != "exact" {
			t.Errorf("%d samples: betweenness_mode %q, want exact", samples, r.BetweennessMode)
		}
		if r.BetweennessErrorBound != 0 {
			t.Errorf("%d samples: betweenness_error_bound %v, want 0", samples, r.BetweennessErrorBound)
		}
	}
}

func TestReportSampledBetweennessRepeatable(t *testing.T) {
	ts, account := newGeneratedServer(t)
	first := ts.get(reportTarget(account, "betweenness_samples=40&betweenness_seed=11"))
	second := ts.get(reportTarget(account, "betweenness_samples=40&betweenness_seed=11"))
	if first.Code != http.StatusOK {
		t.Fatalf("status %d, body %s", first.Code, first.Body.String())
	}
	if first.Body.String() != second.Body.String() {
		t.Error("two reports with seed 11 differ")
	}

	var other, defaulted, zero analytics.Report
	decode(t, ts.get(reportTarget(account, "betweenness_samples=40&betweenness_seed=12")),
		http.StatusOK, &other)
	var seeded analytics.Report
	decode(t, first, http.StatusOK, &seeded)
	if reflect.DeepEqual(other.Betweenness, seeded.Betweenness) {
		t.Error("reports with seeds 11 and 12 have equal betweenness, want different samples")
	}

	decode(t, ts.get(reportTarget(account, "betweenness_samples=40")), http.StatusOK, &defaulted)
	decode(t, ts.get(reportTarget(account, "betweenness_samples=40&betweenness_seed=0")),
		http.StatusOK, &zero)
	if defaulted.BetweennessSeed == nil || *defaulted.BetweennessSeed != httpapi.DefaultBetweennessSeed {
		t.Errorf("default betweenness_seed %v, want %d", defaulted.BetweennessSeed, httpapi.DefaultBetweennessSeed)
	}
	if !reflect.DeepEqual(defaulted.Betweenness, zero.Betweenness) {
		t.Error("report without betweenness_seed differs from the one with seed 0")
	}
}

// TestReportSampledWithinBound compares sampled reports of a generated
// account of 600 people with its exact report. The bound holds with
// probability 95% for each request, and the fixed seeds make the check
// deterministic.
func TestReportSampledWithinBound(t *testing.T) {
	ts, account := newGeneratedServer(t)
	var exact analytics.Report
	decode(t, ts.get(reportTarget(account, "")), http.StatusOK, &exact)

	for _, samples := range []int{30, 60, 150} {
		for seed := range 3 {
			var r analytics.Report
			query := fmt.Sprintf("betweenness_samples=%d&betweenness_seed=%d", samples, seed)
			decode(t, ts.get(reportTarget(account, query)), http.StatusOK, &r)
			if r.BetweennessMode != "sampled" {
				t.Fatalf("%s: betweenness_mode %q, want sampled", query, r.BetweennessMode)
			}
			if want := hoeffdingBound(exact.People, samples, 0.05); math.Abs(r.BetweennessErrorBound-want) > 1e-12 {
				t.Errorf("%s: betweenness_error_bound %v, want %v", query, r.BetweennessErrorBound, want)
			}
			worst, at := largestDifference(r.Betweenness, exact.Betweenness)
			if worst > r.BetweennessErrorBound {
				t.Errorf("%s: betweenness of %s is off by %.4f, above the reported bound %.4f",
					query, at, worst, r.BetweennessErrorBound)
			}
			if len(r.Betweenness) != len(exact.Betweenness) {
				t.Errorf("%s: betweenness has %d people, want %d", query, len(r.Betweenness), len(exact.Betweenness))
			}
		}
	}
}

// largestDifference returns the largest absolute difference between got
// and want over the keys of want, and the key where it occurs.
func largestDifference(got, want map[string]float64) (float64, string) {
	worst, at := 0.0, ""
	for id, w := range want {
		if d := math.Abs(got[id] - w); d > worst || at == "" {
			worst, at = d, id
		}
	}
	return worst, at
}

func TestReportRejectsBadBetweennessParameters(t *testing.T) {
	ts := newTestServer(t)
	cases := []struct {
		query string
		value string // the value the detail must quote
		hint  string // the accepted values that the detail must name
	}{
		{"betweenness_samples=0", "0", "from 1 to 10000"},
		{"betweenness_samples=-3", "-3", "from 1 to 10000"},
		{"betweenness_samples=10001", "10001", "from 1 to 10000"},
		{"betweenness_samples=1.5", "1.5", "whole number"},
		{"betweenness_samples=abc", "abc", "whole number"},
		{"betweenness_samples=", "", "whole number"},
		{"betweenness_samples=5&betweenness_seed=-1", "-1", "from 0 to 18446744073709551615"},
		{"betweenness_samples=5&betweenness_seed=18446744073709551616", "18446744073709551616", "from 0 to"},
		{"betweenness_samples=5&betweenness_seed=x", "x", "whole number"},
		{"betweenness_samples=5&betweenness_seed=", "", "whole number"},
		{"betweenness_seed=7", "7", "add betweenness_samples"},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			p := decodeProblem(t, ts.get(reportTarget(demo.SingleThreadedAccountID, c.query)), http.StatusBadRequest)
			if !strings.Contains(p.Detail, `"`+c.value+`"`) {
				t.Errorf("detail %q does not quote the value %q", p.Detail, c.value)
			}
			if !strings.Contains(p.Detail, c.hint) {
				t.Errorf("detail %q does not say %q", p.Detail, c.hint)
			}
		})
	}
}

func TestReportRejectsRepeatedBetweennessParameters(t *testing.T) {
	ts := newTestServer(t)
	for name, query := range map[string]string{
		"betweenness_samples": "betweenness_samples=5&betweenness_samples=6",
		"betweenness_seed":    "betweenness_samples=5&betweenness_seed=1&betweenness_seed=1",
	} {
		p := decodeProblem(t, ts.get(reportTarget(demo.SingleThreadedAccountID, query)), http.StatusBadRequest)
		if !strings.Contains(p.Detail, "query parameter "+name+" given 2 times") {
			t.Errorf("%s: detail %q does not name %s as repeated", query, p.Detail, name)
		}
	}
}

// newGeneratedServer returns a server over a memstore holding one
// generated account of 600 people, large enough for sampling to matter
// and small enough for an exact report in a test.
func newGeneratedServer(t *testing.T) (*testServer, string) {
	t.Helper()
	cfg, err := gen.Preset("S")
	if err != nil {
		t.Fatal(err)
	}
	cfg.People, cfg.Relationships, cfg.SinglePoints = 600, 6000, 12
	ds, err := gen.Generate(cfg)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	store := memstore.New()
	if _, err := store.Import(context.Background(), ds, graph.ImportOptions{}); err != nil {
		t.Fatalf("import generated account: %v", err)
	}
	return newTestServerWith(t, httpapi.Config{Store: store}), cfg.AccountID
}

func TestSampledReportMatchesOpenAPI(t *testing.T) {
	spec := loadSpec(t)
	ts := newTestServer(t)
	const template = "/api/v1/accounts/{id}/report"
	for _, c := range []struct {
		query  string
		status int
	}{
		{"betweenness_samples=5&betweenness_seed=18446744073709551615", http.StatusOK},
		{"betweenness_samples=10000", http.StatusOK},
		{"betweenness_samples=0", http.StatusBadRequest},
		{"betweenness_seed=1", http.StatusBadRequest},
	} {
		req := httptest.NewRequest(http.MethodGet, reportTarget(demo.SingleThreadedAccountID, c.query), nil)
		checkDocumented(t, spec, ts, documentedCase{template, req, c.status})
	}
}

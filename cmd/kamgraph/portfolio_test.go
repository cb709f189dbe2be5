package main

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/portfolio"
)

func TestPortfolioJSON(t *testing.T) {
	r := runKamgraph(t, "portfolio", "--demo", "--format", "json")
	r.wantCode(t, exitOK)
	var report portfolio.Report
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("output is not a portfolio report: %v\n%s", err, r.stdout)
	}
	if len(report.Accounts) != demo.AccountCount {
		t.Errorf("%d accounts, want %d", len(report.Accounts), demo.AccountCount)
	}
}

func TestPortfolioFiltersAndCSV(t *testing.T) {
	r := runKamgraph(t, "portfolio", "--demo", "--risk", "high", "--tier", "1,2", "--format", "csv")
	r.wantCode(t, exitOK)
	records, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, r.stdout)
	}
	if len(records) < 2 || records[0][0] != "account_id" {
		t.Fatalf("records %v, want a header and at least one row", records)
	}
	for _, record := range records[1:] {
		if record[2] == "3" || record[15] != "high" {
			t.Errorf("row %v passes the filter tier 1,2 and risk high", record)
		}
	}
}

func TestPortfolioViewsText(t *testing.T) {
	for view, want := range map[string]string{
		"accounts":    "ARR AT RISK",
		"exposure":    "EXPOSED ARR",
		"consistency": "By owner:",
	} {
		r := runKamgraph(t, "portfolio", "--demo", "--view", view)
		r.wantCode(t, exitOK)
		if !strings.Contains(r.stdout, want) {
			t.Errorf("view %s lacks %q:\n%s", view, want, r.stdout)
		}
	}
}

func TestPortfolioAsOfBeforeData(t *testing.T) {
	r := runKamgraph(t, "portfolio", "--demo", "--as-of", "2000-01-01", "--format", "json")
	r.wantCode(t, exitOK)
	var report portfolio.Report
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatal(err)
	}
	if len(report.Accounts) != 0 || report.AsOf == nil {
		t.Errorf("as of 2000-01-01 the report has %d accounts and as_of %v, want none and a time", len(report.Accounts), report.AsOf)
	}
}

func TestPortfolioUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"NoSource", []string{"portfolio"}, "exactly one of"},
		{"TwoSources", []string{"portfolio", "--demo", "--data", "testdata/valid"}, "exactly one of"},
		{"CSVOfExposure", []string{"portfolio", "--demo", "--view", "exposure", "--format", "csv"}, "--format csv needs --view accounts"},
		{"WritebackInMemory", []string{"portfolio", "--demo", "--writeback"}, "--writeback needs --neo4j-uri"},
		{"BadTier", []string{"portfolio", "--demo", "--tier", "9"}, `invalid tier "9"`},
		{"BadAsOf", []string{"portfolio", "--demo", "--as-of", "soon"}, `invalid --as-of "soon"`},
		{"BadView", []string{"portfolio", "--demo", "--view", "map"}, "accounts, exposure, consistency"},
		{"AlertsBadDate", []string{"alerts", "--demo", "--date", "31/12/2026"}, `invalid --date`},
		{"AlertsNegativePeriod", []string{"alerts", "--demo", "--stale-days", "-3"}, "invalid stale period"},
		{"AlertsBadWebhook", []string{"alerts", "--demo", "--alert-webhook", "ftp://127.0.0.1/x"}, "invalid alert webhook URL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runKamgraph(t, tc.args...)
			r.wantCode(t, exitUsage)
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tc.want)
			}
		})
	}
}

func TestAlertsJSONAndWebhook(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(body))
		mu.Unlock()
		w.WriteHeader(http.StatusOK)
	}))
	defer hook.Close()

	r := runKamgraph(t, "alerts", "--demo", "--date", "2026-12-01", "--stale-days", "30", "--renewal-days", "400",
		"--format", "json", "--alert-webhook", hook.URL)
	r.wantCode(t, exitOK)
	var out struct {
		Alerts []portfolio.Alert `json:"alerts"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
	kinds := map[portfolio.AlertKind]int{}
	for _, a := range out.Alerts {
		kinds[a.Kind]++
	}
	if kinds[portfolio.AlertRenewal] == 0 || kinds[portfolio.AlertStaleSPOF] == 0 {
		t.Errorf("alert kinds %v, want renewals and stale relationships in the demo", kinds)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(bodies) != 1 {
		t.Fatalf("%d webhook deliveries, want 1", len(bodies))
	}
	var payload struct {
		Alerts []portfolio.Alert `json:"alerts"`
	}
	if err := json.Unmarshal([]byte(bodies[0]), &payload); err != nil {
		t.Fatal(err)
	}
	if len(payload.Alerts) != len(out.Alerts) {
		t.Errorf("webhook got %d alerts, want the %d printed", len(payload.Alerts), len(out.Alerts))
	}
}

func TestServeAlertFlags(t *testing.T) {
	c := &cli{stdout: io.Discard, stderr: io.Discard, lookupEnv: func(string) (string, bool) { return "", false }}
	if _, err := c.parseServe([]string{"--refresh-interval", "0s"}); err == nil || !strings.Contains(err.Error(), "refresh-interval") {
		t.Errorf("--refresh-interval 0s: error %v, want it rejected", err)
	}
	if _, err := c.parseServe([]string{"--alert-webhook", "mailto:ops@example.com"}); err == nil || !strings.Contains(err.Error(), "webhook") {
		t.Errorf("--alert-webhook mailto: error %v, want it rejected", err)
	}
	cfg, err := c.parseServe([]string{"--alert-webhook", "http://127.0.0.1:9/hook", "--refresh-interval", "1m"})
	if err != nil {
		t.Fatalf("valid alert flags rejected: %v", err)
	}
	if cfg.alerts.webhook != "http://127.0.0.1:9/hook" || cfg.alerts.refreshInterval.String() != "1m0s" {
		t.Errorf("alert flags = %+v", cfg.alerts)
	}
}

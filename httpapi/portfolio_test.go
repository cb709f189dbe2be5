package httpapi_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
	"github.com/kamgraph/kamgraph/portfolio"
)

// departedServer serves the demo portfolio imported as effective on
// 2026-01-01, whose champion-only account lost its champion on
// 2026-06-01. It returns the server and the champion's id.
func departedServer(t *testing.T) (*testServer, string) {
	t.Helper()
	store := memstore.New()
	ctx := context.Background()
	effective := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	if _, err := store.Import(ctx, demo.Generate(demoSeed), graph.ImportOptions{Effective: effective}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	ag, err := store.AccountGraph(ctx, demo.ChampionOnlyAccountID)
	if err != nil {
		t.Fatal(err)
	}
	champion := ""
	for _, p := range ag.People {
		if p.Role == graph.RoleChampion {
			champion = p.ID
		}
	}
	if _, err := store.MarkDeparted(ctx, champion, "2026-06-01"); err != nil {
		t.Fatal(err)
	}
	return newTestServerWith(t, httpapi.Config{Store: store}), champion
}

func TestPortfolioResponsesMatchOpenAPI(t *testing.T) {
	spec := loadSpec(t)
	ts, _ := departedServer(t)
	owner := demoOwner(t, ts, demo.SingleThreadedAccountID)
	get := func(template, target string, status int) documentedCase {
		return documentedCase{template, httptest.NewRequest(http.MethodGet, target, nil), status}
	}
	cases := []documentedCase{
		get("/api/v1/portfolio", "/api/v1/portfolio", http.StatusOK),
		get("/api/v1/portfolio", "/api/v1/portfolio?tier=1,2&risk=high,medium&as_of=2026-03-01", http.StatusOK),
		get("/api/v1/portfolio", "/api/v1/portfolio?tier=7", http.StatusBadRequest),
		get("/api/v1/portfolio", "/api/v1/portfolio?as_of=yesterday", http.StatusBadRequest),
		get("/api/v1/portfolio", "/api/v1/portfolio?format=xml", http.StatusBadRequest),
		get("/api/v1/portfolio/consistency", "/api/v1/portfolio/consistency", http.StatusOK),
		get("/api/v1/portfolio/consistency", "/api/v1/portfolio/consistency?risk=high&as_of=2026-03-01", http.StatusOK),
		get("/api/v1/exposure", "/api/v1/exposure", http.StatusOK),
		get("/api/v1/exposure", "/api/v1/exposure?as_of=2026-03-01T12:00:00Z", http.StatusOK),
		get("/api/v1/people/{id}/exposure", "/api/v1/people/"+owner+"/exposure", http.StatusOK),
		get("/api/v1/people/{id}/exposure", "/api/v1/people/nobody/exposure", http.StatusNotFound),
		get("/api/v1/people/{id}/exposure", "/api/v1/people/acct-01-p01/exposure", http.StatusBadRequest),
		get("/api/v1/alerts", "/api/v1/alerts", http.StatusOK),
		get("/api/v1/alerts", "/api/v1/alerts?date=2026-12-01&stale_days=30&renewal_days=365&since=2026-01-01", http.StatusOK),
		get("/api/v1/alerts", "/api/v1/alerts?stale_days=-1", http.StatusBadRequest),
		get("/api/v1/accounts/{id}/trend", "/api/v1/accounts/acct-02/trend", http.StatusOK),
		get("/api/v1/accounts/{id}/trend", "/api/v1/accounts/acct-02/trend?from=2026-01-01&to=2030-12-31", http.StatusOK),
		get("/api/v1/accounts/{id}/trend", "/api/v1/accounts/acct-02/trend?from=2026-02-01&to=2026-01-01", http.StatusBadRequest),
		get("/api/v1/accounts/{id}/trend", "/api/v1/accounts/nobody/trend", http.StatusNotFound),
		get("/api/v1/accounts/{id}/report", "/api/v1/accounts/acct-02/report?as_of=2026-03-01", http.StatusOK),
		get("/api/v1/accounts/{id}/report", "/api/v1/accounts/acct-02/report?as_of=2025-01-01", http.StatusNotFound),
		{"/api/v1/portfolio/writeback", httptest.NewRequest(http.MethodPost, "/api/v1/portfolio/writeback", nil), http.StatusBadRequest},
	}
	for _, c := range cases {
		checkDocumented(t, spec, ts, c)
	}
}

// demoOwner returns the owner of a demo account.
func demoOwner(t *testing.T, ts *testServer, accountID string) string {
	t.Helper()
	a, err := ts.store.Account(context.Background(), accountID)
	if err != nil {
		t.Fatal(err)
	}
	return a.OwnerID
}

func TestPortfolioRoute(t *testing.T) {
	ts := newTestServer(t)
	var report portfolio.Report
	decode(t, ts.get("/api/v1/portfolio"), http.StatusOK, &report)
	if len(report.Accounts) != demo.AccountCount || report.Totals.Accounts != demo.AccountCount {
		t.Fatalf("%d rows, totals %+v, want %d accounts", len(report.Accounts), report.Totals, demo.AccountCount)
	}
	if report.AsOf != nil {
		t.Errorf("as_of = %v, want null for the current data", report.AsOf)
	}

	var high portfolio.Report
	decode(t, ts.get("/api/v1/portfolio?risk=high&tier=1,2,3"), http.StatusOK, &high)
	if high.Totals.Accounts != report.Totals.High {
		t.Errorf("risk=high returned %d rows, want the %d high-risk accounts", high.Totals.Accounts, report.Totals.High)
	}
	for _, row := range high.Accounts {
		if row.Risk != portfolio.RiskHigh {
			t.Errorf("risk=high returned %s with risk %s", row.AccountID, row.Risk)
		}
	}

	p := decodeProblem(t, ts.get("/api/v1/portfolio?risk=severe"), http.StatusBadRequest)
	if !strings.Contains(p.Detail, "severe") {
		t.Errorf("detail %q does not name the bad value", p.Detail)
	}
	decodeProblem(t, ts.get("/api/v1/portfolio?tier=1&tier=2"), http.StatusBadRequest)
}

func TestPortfolioCSV(t *testing.T) {
	ts := newTestServer(t)
	byFormat := ts.get("/api/v1/portfolio?format=csv")
	req := httptest.NewRequest(http.MethodGet, "/api/v1/portfolio", nil)
	req.Header.Set("Accept", "text/csv")
	byAccept := ts.do(req)
	for name, rec := range map[string]*httptest.ResponseRecorder{"format=csv": byFormat, "Accept": byAccept} {
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d, body %s", name, rec.Code, rec.Body.String())
		}
		if got := rec.Header().Get("Content-Type"); !strings.HasPrefix(got, "text/csv") {
			t.Errorf("%s: Content-Type %q, want text/csv", name, got)
		}
		records, err := csv.NewReader(rec.Body).ReadAll()
		if err != nil {
			t.Fatalf("%s: body is not CSV: %v", name, err)
		}
		if len(records) != demo.AccountCount+1 || records[0][0] != "account_id" {
			t.Errorf("%s: %d records starting %v, want a header and %d rows", name, len(records), records[0], demo.AccountCount)
		}
	}
}

func TestPortfolioAsOfRoute(t *testing.T) {
	ts, champion := departedServer(t)
	var before, now portfolio.Report
	decode(t, ts.get("/api/v1/portfolio?as_of=2026-03-01"), http.StatusOK, &before)
	decode(t, ts.get("/api/v1/portfolio"), http.StatusOK, &now)
	if before.AsOf == nil || before.AsOf.Format(time.DateOnly) != "2026-03-01" {
		t.Errorf("as_of = %v, want 2026-03-01", before.AsOf)
	}
	rows := func(r portfolio.Report) map[string]portfolio.Row {
		out := make(map[string]portfolio.Row)
		for _, row := range r.Accounts {
			out[row.AccountID] = row
		}
		return out
	}
	past, current := rows(before), rows(now)
	for id, row := range past {
		changed := !sameRow(row, current[id])
		if changed != (id == demo.ChampionOnlyAccountID) {
			t.Errorf("%s changed = %v between 2026-03-01 and now, want a change only in %s", id, changed, demo.ChampionOnlyAccountID)
		}
	}
	if b := current[demo.ChampionOnlyAccountID].BusFactor; b == nil || *b != 0 {
		t.Errorf("bus factor now %v, want 0 after %s left", b, champion)
	}

	var pastReport, nowReport analytics.Report
	decode(t, ts.get("/api/v1/accounts/acct-02/report?as_of=2026-03-01"), http.StatusOK, &pastReport)
	decode(t, ts.get("/api/v1/accounts/acct-02/report"), http.StatusOK, &nowReport)
	if _, ok := pastReport.Threads[champion]; !ok {
		t.Errorf("report as of 2026-03-01 lacks the champion %s", champion)
	}
	if _, ok := nowReport.Threads[champion]; ok {
		t.Errorf("current report still counts the departed champion %s", champion)
	}
}

// sameRow compares two rows by their JSON-visible values.
func sameRow(a, b portfolio.Row) bool {
	intEq := func(x, y *int) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	floatEq := func(x, y *float64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	return a.AccountID == b.AccountID && a.Risk == b.Risk && a.ARRAtRisk == b.ARRAtRisk && a.SPOFs == b.SPOFs &&
		intEq(a.BusFactor, b.BusFactor) && floatEq(a.Breadth, b.Breadth) && floatEq(a.Concentration, b.Concentration) &&
		floatEq(a.SingleThreadedShare, b.SingleThreadedShare) && a.UnreachedKeyStakeholders == b.UnreachedKeyStakeholders
}

func TestExposureRoutes(t *testing.T) {
	ts := newTestServer(t)
	var list httpapi.ExposureList
	decode(t, ts.get("/api/v1/exposure"), http.StatusOK, &list)
	if len(list.People) == 0 {
		t.Fatal("no exposed person in the demo portfolio")
	}
	top := list.People[0]
	var one portfolio.Exposure
	decode(t, ts.get("/api/v1/people/"+top.PersonID+"/exposure"), http.StatusOK, &one)
	if one.PersonID != top.PersonID || one.ExposedARR != top.ExposedARR || len(one.Accounts) != len(top.Accounts) {
		t.Errorf("exposure of %s = %+v, want the ranked entry %+v", top.PersonID, one, top)
	}
}

func TestWritebackNeedsNeo4j(t *testing.T) {
	ts := newTestServer(t)
	p := decodeProblem(t, ts.do(httptest.NewRequest(http.MethodPost, "/api/v1/portfolio/writeback", nil)), http.StatusBadRequest)
	if !strings.Contains(p.Detail, "Neo4j") {
		t.Errorf("detail %q does not say that write-back needs Neo4j", p.Detail)
	}
}

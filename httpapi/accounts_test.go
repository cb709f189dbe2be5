package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

func TestListAccounts(t *testing.T) {
	ts := newTestServer(t)
	var body httpapi.AccountList
	decode(t, ts.get("/api/v1/accounts"), http.StatusOK, &body)

	if len(body.Accounts) != demo.AccountCount {
		t.Fatalf("%d accounts, want %d", len(body.Accounts), demo.AccountCount)
	}
	sorted := slices.IsSortedFunc(body.Accounts, func(a, b graph.Account) int { return strings.Compare(a.ID, b.ID) })
	if !sorted {
		t.Error("accounts are not sorted by id")
	}
}

func TestListAccountsEmptyStore(t *testing.T) {
	ts := newTestServerWith(t, httpapi.Config{Store: memstore.New()})
	rec := ts.get("/api/v1/accounts")
	if got := strings.TrimSpace(rec.Body.String()); got != `{"accounts":[]}` {
		t.Errorf("body %s, want an empty list", got)
	}
}

func TestGetAccount(t *testing.T) {
	ts := newTestServer(t)
	var got graph.AccountGraph
	decode(t, ts.get("/api/v1/accounts/"+demo.SingleThreadedAccountID), http.StatusOK, &got)

	want, err := ts.store.AccountGraph(context.Background(), demo.SingleThreadedAccountID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&got, want) {
		t.Errorf("account graph differs from the store's:\ngot  %+v\nwant %+v", got, *want)
	}
	if len(got.People) == 0 || len(got.Relationships) == 0 {
		t.Errorf("account graph has %d people and %d relationships, want some of each", len(got.People), len(got.Relationships))
	}
}

func TestGetAccountNotFound(t *testing.T) {
	ts := newTestServer(t)
	p := decodeProblem(t, ts.get("/api/v1/accounts/acct-99"), http.StatusNotFound)
	if !strings.Contains(p.Detail, "acct-99") {
		t.Errorf("detail %q does not name the account", p.Detail)
	}
}

func TestGetAccountEscapedID(t *testing.T) {
	store := memstore.New()
	ds := &graph.Dataset{Accounts: []graph.Account{{ID: "emea/north 1", Name: "Slash and Space Ltd"}}}
	if _, err := store.Import(context.Background(), ds, graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ts := newTestServerWith(t, httpapi.Config{Store: store})

	var got graph.AccountGraph
	decode(t, ts.get("/api/v1/accounts/"+url.PathEscape("emea/north 1")), http.StatusOK, &got)
	if got.Account.ID != "emea/north 1" {
		t.Errorf("account id %q, want %q", got.Account.ID, "emea/north 1")
	}

	p := decodeProblem(t, ts.get("/api/v1/accounts/"+url.PathEscape("emea/south 2")), http.StatusNotFound)
	if p.Instance != "/api/v1/accounts/emea%2Fsouth%202" {
		t.Errorf("instance %q, want the percent-encoded path", p.Instance)
	}
}

func TestReportMatchesCompute(t *testing.T) {
	ts := newTestServer(t)
	for _, id := range []string{demo.SingleThreadedAccountID, demo.MultiThreadedAccountID, demo.NewLogoAccountID} {
		rec := ts.get("/api/v1/accounts/" + id + "/report")
		if rec.Code != http.StatusOK {
			t.Fatalf("report %s: status %d, body %s", id, rec.Code, rec.Body.String())
		}

		ag, err := ts.store.AccountGraph(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		want, err := analytics.Compute(context.Background(), ag, analytics.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(rec.Body.String()); got != string(wantJSON) {
			t.Errorf("report %s differs from analytics.Compute:\ngot  %s\nwant %s", id, got, wantJSON)
		}
	}
}

func TestReportShowcaseBusFactors(t *testing.T) {
	ts := newTestServer(t)
	cases := []struct {
		account string
		want    *int
	}{
		{demo.SingleThreadedAccountID, intPtr(1)},
		{demo.ChampionOnlyAccountID, intPtr(1)},
		{demo.DepartedChampionAccountID, intPtr(0)},
		{demo.NewLogoAccountID, intPtr(0)},
		{demo.UnmarkedAccountID, nil},
	}
	for _, c := range cases {
		var r analytics.Report
		decode(t, ts.get("/api/v1/accounts/"+c.account+"/report"), http.StatusOK, &r)
		if !reflect.DeepEqual(r.BusFactor, c.want) {
			t.Errorf("%s bus factor %v, want %v", c.account, deref(r.BusFactor), deref(c.want))
		}
	}

	var multi analytics.Report
	decode(t, ts.get("/api/v1/accounts/"+demo.MultiThreadedAccountID+"/report"), http.StatusOK, &multi)
	if multi.BusFactor == nil || *multi.BusFactor < 2 {
		t.Errorf("multi-threaded bus factor %v, want at least 2", deref(multi.BusFactor))
	}
}

func TestReportOptions(t *testing.T) {
	ts := newTestServer(t)
	var r analytics.Report
	target := "/api/v1/accounts/" + demo.UnchartedAccountID + "/report?threshold=0.3&expected_functions=Finance,%20legal%20,,it"
	decode(t, ts.get(target), http.StatusOK, &r)

	if r.Threshold != 0.3 {
		t.Errorf("threshold %v, want 0.3", r.Threshold)
	}
	if want := []string{"finance", "it", "legal"}; !reflect.DeepEqual(r.Coverage.ExpectedFunctions, want) {
		t.Errorf("expected functions %v, want %v", r.Coverage.ExpectedFunctions, want)
	}
	if want := []string{"finance", "legal"}; !reflect.DeepEqual(r.Coverage.UnchartedFunctions, want) {
		t.Errorf("uncharted functions %v, want %v", r.Coverage.UnchartedFunctions, want)
	}

	var defaults analytics.Report
	decode(t, ts.get("/api/v1/accounts/"+demo.UnchartedAccountID+"/report"), http.StatusOK, &defaults)
	if defaults.Threshold != analytics.DefaultThreshold {
		t.Errorf("default threshold %v, want %v", defaults.Threshold, analytics.DefaultThreshold)
	}
	if len(defaults.Coverage.ExpectedFunctions) != len(analytics.DefaultExpectedFunctions) {
		t.Errorf("default expected functions %v, want %v", defaults.Coverage.ExpectedFunctions, analytics.DefaultExpectedFunctions)
	}

	var none analytics.Report
	decode(t, ts.get("/api/v1/accounts/"+demo.UnchartedAccountID+"/report?expected_functions="), http.StatusOK, &none)
	if len(none.Coverage.UnchartedFunctions) != 0 {
		t.Errorf("uncharted functions %v with an empty expected list, want none", none.Coverage.UnchartedFunctions)
	}
}

func TestReportRejectsBadThreshold(t *testing.T) {
	ts := newTestServer(t)
	for _, value := range []string{"0", "-0.5", "1.01", "abc", "NaN", "", "Inf"} {
		t.Run(value, func(t *testing.T) {
			target := "/api/v1/accounts/" + demo.SingleThreadedAccountID + "/report?threshold=" + url.QueryEscape(value)
			p := decodeProblem(t, ts.get(target), http.StatusBadRequest)
			if !strings.Contains(p.Detail, `"`+value+`"`) {
				t.Errorf("detail %q does not name the value %q", p.Detail, value)
			}
		})
	}
}

func TestReportRejectsRepeatedThreshold(t *testing.T) {
	ts := newTestServer(t)
	p := decodeProblem(t, ts.get("/api/v1/accounts/"+demo.SingleThreadedAccountID+"/report?threshold=0.3&threshold=0.5"), http.StatusBadRequest)
	if !strings.Contains(p.Detail, "threshold") {
		t.Errorf("detail %q does not name the parameter", p.Detail)
	}
}

func TestReportAccountNotFound(t *testing.T) {
	ts := newTestServer(t)
	decodeProblem(t, ts.get("/api/v1/accounts/acct-99/report"), http.StatusNotFound)
}

func intPtr(n int) *int { return &n }

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

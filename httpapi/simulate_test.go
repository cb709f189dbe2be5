package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/httpapi"
)

// storeWithoutPeople hides every method but those of graph.Store, standing
// in for a store that does not implement graph.PeopleStore.
type storeWithoutPeople struct{ graph.Store }

func jsonRequest(method, target, body string) *http.Request {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

func TestSimulateAccount(t *testing.T) {
	ts := newTestServer(t)
	rec := ts.do(jsonRequest(http.MethodPost, "/api/v1/accounts/acct-02/simulate",
		`{"remove": ["v-08", "v-13", "v-08"], "threshold": 0.3, "expected_functions": ["finance"]}`))
	var got analytics.Simulation
	decode(t, rec, http.StatusOK, &got)

	ctx := context.Background()
	ag, err := ts.store.AccountGraph(ctx, "acct-02")
	if err != nil {
		t.Fatal(err)
	}
	want, err := analytics.Simulate(ctx, ag, []string{"v-08", "v-13"},
		analytics.Options{Threshold: 0.3, ExpectedFunctions: []string{"finance"}})
	if err != nil {
		t.Fatal(err)
	}
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(want)
	if string(gotJSON) != string(wantJSON) {
		t.Errorf("simulation differs from analytics.Simulate:\ngot  %s\nwant %s", gotJSON, wantJSON)
	}
}

func TestSimulateAccountRejects(t *testing.T) {
	ts := newTestServer(t)
	target := "/api/v1/accounts/" + demo.ChampionOnlyAccountID + "/simulate"
	cases := []struct {
		name   string
		req    *http.Request
		status int
		want   string
	}{
		{"empty removal", jsonRequest(http.MethodPost, target, `{"remove": []}`), http.StatusBadRequest, "no people to remove"},
		{"no body", jsonRequest(http.MethodPost, target, ``), http.StatusBadRequest, "missing JSON body"},
		{"person not in the graph", jsonRequest(http.MethodPost, target, `{"remove": ["v-08", "acct-01-p01", "nobody"]}`),
			http.StatusBadRequest, `people "acct-01-p01", "nobody" are not in the graph of account "acct-02"`},
		{"blank id", jsonRequest(http.MethodPost, target, `{"remove": [""]}`), http.StatusBadRequest, "must not be blank"},
		{"bad threshold", jsonRequest(http.MethodPost, target, `{"remove": ["v-08"], "threshold": 0}`), http.StatusBadRequest, "invalid threshold 0"},
		{"unknown field", jsonRequest(http.MethodPost, target, `{"removed": ["v-08"]}`), http.StatusBadRequest, `unknown field "removed"`},
		{"malformed", jsonRequest(http.MethodPost, target, `{"remove": "v-08"}`), http.StatusBadRequest, "invalid JSON body"},
		{"trailing data", jsonRequest(http.MethodPost, target, `{"remove": ["v-08"]} {}`), http.StatusBadRequest, "one object"},
		{"unknown account", jsonRequest(http.MethodPost, "/api/v1/accounts/nowhere/simulate", `{"remove": ["v-08"]}`),
			http.StatusNotFound, `account "nowhere" not found`},
		{"form body", formRequest(target), http.StatusUnsupportedMediaType, "send the body as application/json"},
		{"body too large", jsonRequest(http.MethodPost, target, `{"remove": ["`+strings.Repeat("x", 2<<20)+`"]}`),
			http.StatusRequestEntityTooLarge, "larger than 1 MiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := decodeProblem(t, ts.do(tc.req), tc.status)
			if !strings.Contains(p.Detail, tc.want) {
				t.Errorf("detail %q does not contain %q", p.Detail, tc.want)
			}
		})
	}
}

func formRequest(target string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader("remove=v-08"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

func TestSimulatePortfolio(t *testing.T) {
	ts := newTestServer(t)
	rec := ts.do(jsonRequest(http.MethodPost, "/api/v1/simulate", `{"remove": ["v-07", "acct-03-p01"]}`))
	var got handover.PortfolioSimulation
	decode(t, rec, http.StatusOK, &got)

	if !reflect.DeepEqual(got.Removed, []string{"acct-03-p01", "v-07"}) {
		t.Errorf("removed = %v, want [acct-03-p01 v-07]", got.Removed)
	}
	people, ok := ts.store.(graph.PeopleStore)
	if !ok {
		t.Fatal("the test store implements no graph.PeopleStore")
	}
	want, err := people.PersonAccounts(context.Background(), "v-07")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(want, "acct-03") {
		want = append(want, "acct-03")
	}
	slices.Sort(want)
	touched := slices.Clone(got.OwnedOnly)
	for _, sim := range got.Accounts {
		touched = append(touched, sim.AccountID)
	}
	slices.Sort(touched)
	if !reflect.DeepEqual(touched, want) {
		t.Errorf("simulated and owned-only accounts = %v, want every account the two people touch, %v", touched, want)
	}
}

func TestSimulatePortfolioRejects(t *testing.T) {
	ts := newTestServer(t)
	rec := ts.do(jsonRequest(http.MethodPost, "/api/v1/simulate", `{"remove": ["zz", "v-07", "yy"]}`))
	if p := decodeProblem(t, rec, http.StatusNotFound); !strings.Contains(p.Detail, `people "yy", "zz" not found`) {
		t.Errorf("detail %q does not name the unknown people", p.Detail)
	}
	rec = ts.do(jsonRequest(http.MethodPost, "/api/v1/simulate", `{}`))
	if p := decodeProblem(t, rec, http.StatusBadRequest); !strings.Contains(p.Detail, "no people to remove") {
		t.Errorf("detail %q does not say that nobody is removed", p.Detail)
	}

	limited := newTestServerWith(t, httpapi.Config{Store: storeWithoutPeople{ts.store}})
	rec = limited.do(jsonRequest(http.MethodPost, "/api/v1/simulate", `{"remove": ["v-07"]}`))
	if p := decodeProblem(t, rec, http.StatusNotImplemented); !strings.Contains(p.Detail, "does not support") {
		t.Errorf("detail %q does not explain the missing support", p.Detail)
	}
}

func TestSimulationResponsesMatchOpenAPI(t *testing.T) {
	spec := loadSpec(t)
	ts := newTestServer(t)
	limited := newTestServerWith(t, httpapi.Config{Store: storeWithoutPeople{ts.store}})
	account := "/api/v1/accounts/{id}/simulate"
	portfolio := "/api/v1/simulate"
	cases := []documentedCase{
		{account, jsonRequest(http.MethodPost, "/api/v1/accounts/acct-01/simulate", `{"remove": ["v-07"]}`), http.StatusOK},
		{account, jsonRequest(http.MethodPost, "/api/v1/accounts/acct-02/simulate", `{"remove": ["v-08", "v-13", "v-15"]}`), http.StatusOK},
		{account, jsonRequest(http.MethodPost, "/api/v1/accounts/acct-03/simulate", `{"remove": ["acct-03-p01", "acct-03-p02"]}`), http.StatusOK},
		{account, jsonRequest(http.MethodPost, "/api/v1/accounts/acct-02/simulate", `{"remove": []}`), http.StatusBadRequest},
		{account, jsonRequest(http.MethodPost, "/api/v1/accounts/nowhere/simulate", `{"remove": ["v-07"]}`), http.StatusNotFound},
		{account, formRequest("/api/v1/accounts/acct-02/simulate"), http.StatusUnsupportedMediaType},
		{portfolio, jsonRequest(http.MethodPost, portfolio, `{"remove": ["v-07", "v-12"]}`), http.StatusOK},
		{portfolio, jsonRequest(http.MethodPost, portfolio, `{"remove": ["nobody"]}`), http.StatusNotFound},
		{portfolio, jsonRequest(http.MethodPost, portfolio, `{"remove": ["v-07"], "threshold": 2}`), http.StatusBadRequest},
	}
	for _, c := range cases {
		checkDocumented(t, spec, ts, c)
	}
	checkDocumented(t, spec, limited, documentedCase{portfolio,
		jsonRequest(http.MethodPost, portfolio, `{"remove": ["v-07"]}`), http.StatusNotImplemented})
}

package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/httpapi"
)

func TestGetPerson(t *testing.T) {
	ts := newTestServer(t)
	var p graph.Person
	decode(t, ts.get("/api/v1/people/v-07"), http.StatusOK, &p)
	if p.ID != "v-07" || p.Side != graph.SideVendor || p.Name == "" {
		t.Errorf("person = %+v, want the vendor person v-07 with a name", p)
	}

	if d := decodeProblem(t, ts.get("/api/v1/people/nobody"), http.StatusNotFound); !strings.Contains(d.Detail, `"nobody"`) {
		t.Errorf("detail %q does not name the person", d.Detail)
	}
}

func TestMarkDeparture(t *testing.T) {
	ts := newTestServer(t)
	var p graph.Person
	decode(t, ts.do(jsonRequest(http.MethodPost, "/api/v1/people/v-08/departure", `{"date": "2026-11-30"}`)), http.StatusOK, &p)
	if p.Status != graph.StatusDeparted || p.DepartedOn != "2026-11-30" {
		t.Errorf("person after departure = %+v, want departed on 2026-11-30", p)
	}
	decode(t, ts.get("/api/v1/people/v-08"), http.StatusOK, &p)
	if p.Status != graph.StatusDeparted || p.DepartedOn != "2026-11-30" {
		t.Errorf("stored person = %+v, want departed on 2026-11-30", p)
	}

	// v-08 had relationships in acct-02, so its report lists them as lost
	// in November, and not in October.
	var report analytics.Report
	decode(t, ts.get("/api/v1/accounts/acct-02/report?departed_from=2026-11-01&departed_to=2026-11-30"), http.StatusOK, &report)
	if len(report.Departures) != 1 || report.Departures[0].PersonID != "v-08" || len(report.Departures[0].Relationships) == 0 {
		t.Errorf("departures in November = %+v, want v-08 with relationships", report.Departures)
	}
	report = analytics.Report{}
	decode(t, ts.get("/api/v1/accounts/acct-02/report?departed_to=2026-10-31"), http.StatusOK, &report)
	if len(report.Departures) != 0 {
		t.Errorf("departures up to October = %+v, want none", report.Departures)
	}
	logs := ts.logs.String()
	if !strings.Contains(logs, `"msg":"person marked departed"`) || !strings.Contains(logs, `"person_id":"v-08"`) {
		t.Errorf("log lacks the departure of v-08:\n%s", logs)
	}
}

func TestMarkDepartureRejects(t *testing.T) {
	ts := newTestServer(t)
	cases := []struct {
		name   string
		req    *http.Request
		status int
		want   string
	}{
		{"missing date", jsonRequest(http.MethodPost, "/api/v1/people/v-08/departure", `{}`), http.StatusBadRequest, "missing departure date"},
		{"bad date", jsonRequest(http.MethodPost, "/api/v1/people/v-08/departure", `{"date": "30.11.2026"}`), http.StatusBadRequest, `invalid departure date "30.11.2026"`},
		{"unknown person", jsonRequest(http.MethodPost, "/api/v1/people/nobody/departure", `{"date": "2026-11-30"}`), http.StatusNotFound, `"nobody"`},
		{"form body", formRequest("/api/v1/people/v-08/departure"), http.StatusUnsupportedMediaType, "application/json"},
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

func TestReportDeparturePeriodRejects(t *testing.T) {
	ts := newTestServer(t)
	cases := map[string]string{
		"?departed_from=2026-02-30":                          `invalid departed_from "2026-02-30"`,
		"?departed_to=soon":                                  `invalid departed_to "soon"`,
		"?departed_from=2026-12-01&departed_to=2026-11-01":   "is after",
		"?departed_from=2026-01-01&departed_from=2026-02-01": "departed_from given 2 times",
	}
	for query, want := range cases {
		p := decodeProblem(t, ts.get("/api/v1/accounts/acct-02/report"+query), http.StatusBadRequest)
		if !strings.Contains(p.Detail, want) {
			t.Errorf("%s: detail %q does not contain %q", query, p.Detail, want)
		}
	}
}

func TestPeopleRoutesNeedPeopleStore(t *testing.T) {
	ts := newTestServer(t)
	limited := newTestServerWith(t, httpapi.Config{Store: storeWithoutPeople{ts.store}})
	for _, req := range []*http.Request{
		jsonRequest(http.MethodGet, "/api/v1/people/v-07", ""),
		jsonRequest(http.MethodGet, "/api/v1/people/v-07/handover", ""),
		jsonRequest(http.MethodPost, "/api/v1/people/v-07/departure", `{"date": "2026-11-30"}`),
	} {
		decodeProblem(t, limited.do(req), http.StatusNotImplemented)
	}
}

func TestPeopleResponsesMatchOpenAPI(t *testing.T) {
	spec := loadSpec(t)
	ts := newTestServer(t)
	limited := newTestServerWith(t, httpapi.Config{Store: storeWithoutPeople{ts.store}})
	get := func(template, target string, status int) documentedCase {
		return documentedCase{template, jsonRequest(http.MethodGet, target, ""), status}
	}
	departure := "/api/v1/people/{id}/departure"
	for _, c := range []documentedCase{
		get("/api/v1/people/{id}", "/api/v1/people/v-07", http.StatusOK),
		get("/api/v1/people/{id}", "/api/v1/people/acct-05-p04", http.StatusOK),
		get("/api/v1/people/{id}", "/api/v1/people/nobody", http.StatusNotFound),
		{departure, jsonRequest(http.MethodPost, "/api/v1/people/acct-02-p07/departure", `{"date": "2026-11-30"}`), http.StatusOK},
		{departure, jsonRequest(http.MethodPost, "/api/v1/people/acct-02-p07/departure", `{"date": ""}`), http.StatusBadRequest},
		{departure, jsonRequest(http.MethodPost, "/api/v1/people/nobody/departure", `{"date": "2026-11-30"}`), http.StatusNotFound},
		get("/api/v1/accounts/{id}/report", "/api/v1/accounts/acct-02/report", http.StatusOK),
		get("/api/v1/accounts/{id}/report", "/api/v1/accounts/acct-02/report?departed_from=2026-11-01", http.StatusOK),
		get("/api/v1/accounts/{id}/report", "/api/v1/accounts/acct-02/report?departed_to=x", http.StatusBadRequest),
	} {
		checkDocumented(t, spec, ts, c)
	}
	checkDocumented(t, spec, limited, get("/api/v1/people/{id}", "/api/v1/people/v-07", http.StatusNotImplemented))
	checkDocumented(t, spec, limited, documentedCase{departure,
		jsonRequest(http.MethodPost, "/api/v1/people/v-07/departure", `{"date": "2026-11-30"}`), http.StatusNotImplemented})
}

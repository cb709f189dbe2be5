package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
)

// demoAccount returns the account with the given id of the demo portfolio
// that newTestServer loads.
func demoAccount(t *testing.T, id string) graph.Account {
	t.Helper()
	for _, a := range demo.Generate(demoSeed).Accounts {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("demo portfolio has no account %s", id)
	return graph.Account{}
}

// The single-threaded demo account hangs on its owner. Its suggestions
// must raise the bus factor from 1, and each must name an introducer and
// give a reason.
func TestAccountSuggestionsSingleThreaded(t *testing.T) {
	ts := newTestServer(t)
	var out analytics.AccountSuggestions
	decode(t, ts.get("/api/v1/accounts/"+demo.SingleThreadedAccountID+"/suggestions"), http.StatusOK, &out)

	if out.Before.BusFactor == nil || *out.Before.BusFactor != 1 {
		t.Fatalf("bus factor before %v, want 1", out.Before.BusFactor)
	}
	if out.After.BusFactor == nil || *out.After.BusFactor < 2 {
		t.Errorf("bus factor after %v, want at least 2", out.After.BusFactor)
	}
	if len(out.Suggestions) != analytics.DefaultSuggestions {
		t.Errorf("%d suggestions, want %d", len(out.Suggestions), analytics.DefaultSuggestions)
	}
	raised := false
	for _, s := range out.Suggestions {
		if s.Score.BusFactor > 0 && *s.Before.BusFactor == 1 {
			raised = true
		}
		if s.Introduction == nil || s.Introduction.IntroducerID == "" || len(s.Introduction.Path) < 2 {
			t.Errorf("suggestion %d (%s-%s): introduction %+v, want an introducer and a path",
				s.Rank, s.Vendor.PersonID, s.Customer.PersonID, s.Introduction)
		}
		if !strings.Contains(s.Reason, s.Customer.Name) || !strings.Contains(s.Reason, "Ask ") {
			t.Errorf("suggestion %d reason %q names neither the customer nor an introducer", s.Rank, s.Reason)
		}
	}
	if !raised {
		t.Error("no suggestion raises the bus factor from 1")
	}
}

func TestAccountSuggestionsOptions(t *testing.T) {
	ts := newTestServer(t)
	owner := demoAccount(t, demo.SingleThreadedAccountID).OwnerID
	var out analytics.AccountSuggestions
	target := "/api/v1/accounts/" + demo.SingleThreadedAccountID +
		"/suggestions?k=2&threshold=0.3&max_hops=2&strength=0.9&exclude=" + owner + "&max_vendor_relationships=0"
	decode(t, ts.get(target), http.StatusOK, &out)

	if len(out.Suggestions) != 2 {
		t.Errorf("%d suggestions, want 2", len(out.Suggestions))
	}
	if out.Threshold != 0.3 || out.Strength != 0.9 || out.MaxHops != 2 {
		t.Errorf("threshold %v, strength %v, max hops %d, want 0.3, 0.9 and 2", out.Threshold, out.Strength, out.MaxHops)
	}
	for _, s := range out.Suggestions {
		if s.Vendor.PersonID == owner {
			t.Errorf("suggestion %d uses the excluded owner %s", s.Rank, owner)
		}
		if s.Introduction != nil && s.Introduction.Hops > 2 {
			t.Errorf("suggestion %d: introduction of %d hops, want at most 2", s.Rank, s.Introduction.Hops)
		}
	}
}

func TestPersonSuggestions(t *testing.T) {
	ts := newTestServer(t)
	owner := demoAccount(t, demo.SingleThreadedAccountID).OwnerID
	var out analytics.PersonSuggestions
	decode(t, ts.get("/api/v1/people/"+owner+"/suggestions"), http.StatusOK, &out)

	if out.PersonID != owner {
		t.Errorf("person %q, want %q", out.PersonID, owner)
	}
	var entry *analytics.PersonAccountEntry
	for i := range out.Accounts {
		if out.Accounts[i].AccountID == demo.SingleThreadedAccountID {
			entry = &out.Accounts[i]
		}
	}
	if entry == nil {
		t.Fatalf("accounts %+v do not include %s, which the person owns", out.Accounts, demo.SingleThreadedAccountID)
	}
	if !entry.Owner {
		t.Errorf("%s: owner false, want true", entry.AccountID)
	}
	// The owner knows every customer of the account, so every colleague's
	// introduction runs through the owner.
	if len(entry.Introductions) == 0 {
		t.Errorf("%s: no introductions, want the owner as introducer", entry.AccountID)
	}
	for _, s := range entry.Introductions {
		if s.Introduction.IntroducerID != owner {
			t.Errorf("%s: introduction %+v, want the introducer %s", entry.AccountID, s.Introduction, owner)
		}
	}
	for _, a := range out.Accounts {
		for _, s := range a.Suggestions {
			if s.Vendor.PersonID != owner {
				t.Errorf("%s: own suggestion for vendor %s, want %s", a.AccountID, s.Vendor.PersonID, owner)
			}
		}
	}
}

func TestSuggestionsReject(t *testing.T) {
	ts := newTestServer(t)
	account := "/api/v1/accounts/" + demo.SingleThreadedAccountID + "/suggestions"
	customer := demo.SingleThreadedAccountID + "-p01"
	tests := []struct {
		target string
		status int
		detail string
	}{
		{account + "?k=0", http.StatusBadRequest, "invalid number of suggestions 0"},
		{account + "?k=many", http.StatusBadRequest, `invalid k "many"`},
		{account + "?k=1&k=2", http.StatusBadRequest, "query parameter k given 2 times"},
		{account + "?threshold=2", http.StatusBadRequest, `invalid threshold "2"`},
		{account + "?max_hops=9", http.StatusBadRequest, "invalid maximum path length 9"},
		{account + "?strength=0.1", http.StatusBadRequest, "invalid strength 0.1"},
		{account + "?strength=x", http.StatusBadRequest, `invalid strength "x"`},
		{account + "?max_vendor_relationships=-1", http.StatusBadRequest, `invalid max_vendor_relationships "-1"`},
		{account + "?exclude=nobody", http.StatusBadRequest, `unknown person "nobody" in exclude`},
		{account + "?vendors=" + customer, http.StatusBadRequest, "is a customer person"},
		{"/api/v1/accounts/nobody/suggestions", http.StatusNotFound, "nobody"},
		{"/api/v1/people/nobody/suggestions", http.StatusNotFound, `person "nobody" not found`},
		{"/api/v1/people/" + customer + "/suggestions", http.StatusBadRequest, "suggestions by person are for vendor people"},
	}
	for _, tt := range tests {
		p := decodeProblem(t, ts.get(tt.target), tt.status)
		if !strings.Contains(p.Detail, tt.detail) {
			t.Errorf("GET %s: detail %q does not contain %q", tt.target, p.Detail, tt.detail)
		}
	}
}

func TestSuggestionResponsesMatchOpenAPI(t *testing.T) {
	spec := loadSpec(t)
	ts := newTestServer(t)
	get := func(template, target string, status int) documentedCase {
		return documentedCase{template, httptest.NewRequest(http.MethodGet, target, nil), status}
	}
	const accountPath, personPath = "/api/v1/accounts/{id}/suggestions", "/api/v1/people/{id}/suggestions"
	cases := []documentedCase{
		get(accountPath, "/api/v1/accounts/nobody/suggestions", http.StatusNotFound),
		get(accountPath, "/api/v1/accounts/acct-01/suggestions?k=0", http.StatusBadRequest),
		get(personPath, "/api/v1/people/nobody/suggestions", http.StatusNotFound),
	}
	ds := demo.Generate(demoSeed)
	for _, a := range ds.Accounts {
		cases = append(cases, get(accountPath, "/api/v1/accounts/"+a.ID+"/suggestions", http.StatusOK))
	}
	for _, p := range ds.People {
		if p.Side == graph.SideVendor && p.Active() {
			cases = append(cases, get(personPath, "/api/v1/people/"+p.ID+"/suggestions?k=2", http.StatusOK))
		}
	}
	for _, c := range cases {
		checkDocumented(t, spec, ts, c)
	}
}

package authtest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
)

// request is one request of a case, without its Authorization header.
type request struct {
	method, target, body string
}

// routeCase is the expected access to one route, written out here apart
// from the server's own table so that a change of either shows up.
type routeCase struct {
	public bool
	// roles lists the roles other than account_manager that may call the
	// route.
	roles []graph.KeyRole
	// am is the treatment of an account_manager key: "denied" (403),
	// "scoped" (its own object passes, a foreign one gets 404) or
	// "filtered" (200 without foreign data).
	am string
	// own is the request for an object of the account manager, or the
	// only request of a route that names no object.
	own func(f Fixture) request
	// foreign is the request for an object outside the account
	// manager's accounts; nil for routes that name no object.
	foreign func(f Fixture) request
}

var (
	readers  = []graph.KeyRole{graph.KeyRoleAdmin, graph.KeyRoleAnalyst, graph.KeyRoleLeader}
	importer = []graph.KeyRole{graph.KeyRoleAdmin, graph.KeyRoleAnalyst}
	admins   = []graph.KeyRole{graph.KeyRoleAdmin}
)

func get(target string) request { return request{http.MethodGet, target, ""} }

func path(format string, ids ...string) string {
	for _, id := range ids {
		format = strings.Replace(format, "{}", url.PathEscape(id), 1)
	}
	return "/api/v1" + format
}

func accountGet(suffix string) (func(Fixture) request, func(Fixture) request) {
	return func(f Fixture) request { return get(path("/accounts/{}"+suffix, f.OwnAccount)) },
		func(f Fixture) request { return get(path("/accounts/{}"+suffix, f.ForeignAccount)) }
}

func selfGet(suffix string) (func(Fixture) request, func(Fixture) request) {
	return func(f Fixture) request { return get(path("/people/{}"+suffix, f.AM)) },
		func(f Fixture) request { return get(path("/people/{}"+suffix, f.OtherVendor)) }
}

func fixed(r request) func(Fixture) request { return func(Fixture) request { return r } }

// routeCases maps "METHOD PATH", with PATH as echo registers it, to its
// case.
func routeCases() map[string]routeCase {
	account, foreignAccount := accountGet("")
	report, foreignReport := accountGet("/report")
	trend, foreignTrend := accountGet("/trend")
	suggestions, foreignSuggestions := accountGet("/suggestions")
	exposure, foreignExposure := selfGet("/exposure")
	handover, foreignHandover := selfGet("/handover")
	personSuggestions, foreignPersonSuggestions := selfGet("/suggestions")
	noteBody := func(account string) string {
		return `{"target":{"kind":"account","id":"` + account + `"},"author":"authtest","text":"new note"}`
	}
	return map[string]routeCase{
		"GET /healthz":             {public: true, own: fixed(get("/healthz"))},
		"GET /readyz":              {public: true, own: fixed(get("/readyz"))},
		"GET /metrics":             {public: true, own: fixed(get("/metrics"))},
		"GET /api/v1/openapi.json": {public: true, own: fixed(get("/api/v1/openapi.json"))},

		"GET /api/v1/accounts":                 {roles: readers, am: "filtered", own: fixed(get("/api/v1/accounts"))},
		"GET /api/v1/accounts/:id":             {roles: readers, am: "scoped", own: account, foreign: foreignAccount},
		"GET /api/v1/accounts/:id/report":      {roles: readers, am: "scoped", own: report, foreign: foreignReport},
		"GET /api/v1/accounts/:id/trend":       {roles: readers, am: "scoped", own: trend, foreign: foreignTrend},
		"GET /api/v1/accounts/:id/suggestions": {roles: readers, am: "scoped", own: suggestions, foreign: foreignSuggestions},
		"POST /api/v1/accounts/:id/simulate": {roles: readers, am: "scoped",
			own: func(f Fixture) request {
				return request{http.MethodPost, path("/accounts/{}/simulate", f.OwnAccount), `{"remove":["` + f.OwnCustomer + `"]}`}
			},
			foreign: func(f Fixture) request {
				return request{http.MethodPost, path("/accounts/{}/simulate", f.ForeignAccount), `{"remove":["` + f.ForeignCustomer + `"]}`}
			}},
		"GET /api/v1/portfolio":             {roles: readers, am: "filtered", own: fixed(get("/api/v1/portfolio"))},
		"GET /api/v1/portfolio/consistency": {roles: readers, am: "denied", own: fixed(get("/api/v1/portfolio/consistency"))},
		"POST /api/v1/portfolio/writeback":  {roles: admins, am: "denied", own: fixed(request{http.MethodPost, "/api/v1/portfolio/writeback", ""})},
		"GET /api/v1/exposure":              {roles: readers, am: "filtered", own: fixed(get("/api/v1/exposure"))},
		"GET /api/v1/alerts":                {roles: readers, am: "filtered", own: fixed(get("/api/v1/alerts"))},
		"POST /api/v1/simulate": {roles: readers, am: "denied",
			own: func(f Fixture) request {
				return request{http.MethodPost, "/api/v1/simulate", `{"remove":["` + f.AM + `"]}`}
			}},
		"GET /api/v1/people/:id": {roles: readers, am: "scoped",
			own:     func(f Fixture) request { return get(path("/people/{}", f.OwnCustomer)) },
			foreign: func(f Fixture) request { return get(path("/people/{}", f.ForeignCustomer)) }},
		"GET /api/v1/people/:id/exposure":    {roles: readers, am: "scoped", own: exposure, foreign: foreignExposure},
		"GET /api/v1/people/:id/handover":    {roles: readers, am: "scoped", own: handover, foreign: foreignHandover},
		"GET /api/v1/people/:id/suggestions": {roles: readers, am: "scoped", own: personSuggestions, foreign: foreignPersonSuggestions},
		"POST /api/v1/people/:id/departure": {roles: importer, am: "scoped",
			own: func(f Fixture) request {
				return request{http.MethodPost, path("/people/{}/departure", f.OwnCustomer), `{"date":"2026-11-01"}`}
			},
			foreign: func(f Fixture) request {
				return request{http.MethodPost, path("/people/{}/departure", f.ForeignCustomer), `{"date":"2026-11-01"}`}
			}},
		"GET /api/v1/notes":        {roles: readers, am: "filtered", own: fixed(get("/api/v1/notes"))},
		"GET /api/v1/notes/search": {roles: readers, am: "filtered", own: fixed(get("/api/v1/notes/search?q=note"))},
		"POST /api/v1/notes": {roles: admins, am: "scoped",
			own:     func(f Fixture) request { return request{http.MethodPost, "/api/v1/notes", noteBody(f.OwnAccount)} },
			foreign: func(f Fixture) request { return request{http.MethodPost, "/api/v1/notes", noteBody(f.ForeignAccount)} }},
		"GET /api/v1/notes/:id": {roles: readers, am: "scoped",
			own:     func(f Fixture) request { return get(path("/notes/{}", f.OwnNote)) },
			foreign: func(f Fixture) request { return get(path("/notes/{}", f.ForeignNote)) }},
		"PUT /api/v1/notes/:id": {roles: admins, am: "scoped",
			own: func(f Fixture) request {
				return request{http.MethodPut, path("/notes/{}", f.OwnNote), `{"base_version":1,"author":"authtest","text":"edited"}`}
			},
			foreign: func(f Fixture) request {
				return request{http.MethodPut, path("/notes/{}", f.ForeignNote), `{"base_version":1,"author":"authtest","text":"edited"}`}
			}},
		"DELETE /api/v1/notes/:id": {roles: admins, am: "scoped",
			own: func(f Fixture) request {
				return request{http.MethodDelete, path("/notes/{}", f.OwnNote) + "?author=authtest", ""}
			},
			foreign: func(f Fixture) request {
				return request{http.MethodDelete, path("/notes/{}", f.ForeignNote) + "?author=authtest", ""}
			}},
		"POST /api/v1/imports":    {roles: importer, am: "denied", own: fixed(request{http.MethodPost, "/api/v1/imports", ""})},
		"GET /api/v1/keys":        {roles: admins, am: "denied", own: fixed(get("/api/v1/keys"))},
		"POST /api/v1/keys":       {roles: admins, am: "denied", own: fixed(request{http.MethodPost, "/api/v1/keys", `{"name":"made by authtest","role":"leader"}`})},
		"DELETE /api/v1/keys/:id": {roles: admins, am: "denied", own: fixed(request{http.MethodDelete, "/api/v1/keys/0000000000000000", ""})},
	}
}

// Run sends every registered route of handler, an echo server with
// authentication on, the request of each role and of no key, and checks
// each status against the cases above. handler must serve a store
// prepared by Setup and hold the keys of tokens.
func Run(t *testing.T, handler http.Handler, f Fixture, tokens Tokens) {
	t.Helper()
	e, ok := handler.(*echo.Echo)
	if !ok {
		t.Fatalf("handler is a %T, want the *echo.Echo of httpapi.Server.Handler", handler)
	}
	cases := routeCases()
	for _, r := range e.Routes() {
		key := r.Method + " " + r.Path
		tc, ok := cases[key]
		if r.Method == http.MethodHead {
			// A HEAD route must follow the access rules of its GET route.
			tc, ok = cases[http.MethodGet+" "+r.Path]
			tc = headCase(tc)
		}
		if !ok {
			t.Errorf("route %s has no case in the access table of package authtest: add one with the roles that may call it", key)
			continue
		}
		t.Run(key, func(t *testing.T) {
			runCase(t, handler, f, tokens, tc)
		})
	}
}

// headCase returns tc with its requests sent as HEAD instead of GET.
func headCase(tc routeCase) routeCase {
	asHead := func(build func(Fixture) request) func(Fixture) request {
		if build == nil {
			return nil
		}
		return func(f Fixture) request {
			r := build(f)
			r.method = http.MethodHead
			return r
		}
	}
	tc.own = asHead(tc.own)
	tc.foreign = asHead(tc.foreign)
	return tc
}

func runCase(t *testing.T, handler http.Handler, f Fixture, tokens Tokens, tc routeCase) {
	own := tc.own(f)
	anonymous := send(t, handler, own, "")
	if tc.public {
		if anonymous.Code != http.StatusOK {
			t.Errorf("%s %s without a key: status %d, want 200", own.method, own.target, anonymous.Code)
		}
		return
	}
	if anonymous.Code != http.StatusUnauthorized {
		t.Errorf("%s %s without a key: status %d, want 401", own.method, own.target, anonymous.Code)
	}
	for _, role := range graph.KeyRoles {
		if role == graph.KeyRoleAccountManager {
			checkAccountManager(t, handler, f, tokens[role], tc)
			continue
		}
		rec := send(t, handler, own, tokens[role])
		allowed := false
		for _, r := range tc.roles {
			allowed = allowed || r == role
		}
		switch {
		case allowed && (rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden):
			t.Errorf("%s %s as %s: status %d, want access: %.300s", own.method, own.target, role, rec.Code, rec.Body)
		case !allowed && rec.Code != http.StatusForbidden:
			t.Errorf("%s %s as %s: status %d, want 403", own.method, own.target, role, rec.Code)
		}
	}
}

func checkAccountManager(t *testing.T, handler http.Handler, f Fixture, token string, tc routeCase) {
	t.Helper()
	own := tc.own(f)
	rec := send(t, handler, own, token)
	switch tc.am {
	case "denied":
		if rec.Code != http.StatusForbidden {
			t.Errorf("%s %s as account_manager: status %d, want 403", own.method, own.target, rec.Code)
		}
		return
	case "filtered":
		if rec.Code != http.StatusOK {
			t.Errorf("%s %s as account_manager: status %d, want 200: %.300s", own.method, own.target, rec.Code, rec.Body)
		}
	case "scoped":
		if rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden || rec.Code == http.StatusNotFound {
			t.Errorf("%s %s as account_manager on its own object: status %d, want access: %.300s", own.method, own.target, rec.Code, rec.Body)
		}
	}
	checkNoForeignData(t, own, rec, f)

	if tc.foreign == nil {
		return
	}
	foreign := tc.foreign(f)
	rec = send(t, handler, foreign, token)
	if rec.Code != http.StatusNotFound {
		t.Errorf("%s %s as account_manager on a foreign object: status %d, want 404: %.300s", foreign.method, foreign.target, rec.Code, rec.Body)
	}
	checkNoForeignData(t, foreign, rec, f)
}

// checkNoForeignData fails when the body of rec holds the foreign
// account's id, one of its customers' ids or the foreign note's text.
func checkNoForeignData(t *testing.T, req request, rec *httptest.ResponseRecorder, f Fixture) {
	t.Helper()
	body := rec.Body.String()
	if rec.Code != http.StatusNotFound && strings.Contains(body, `"`+f.ForeignAccount+`"`) {
		t.Errorf("%s %s as account_manager: the response contains the foreign account %s: %.300s", req.method, req.target, f.ForeignAccount, body)
	}
	if strings.Contains(body, ForeignNoteText) {
		t.Errorf("%s %s as account_manager: the response contains the foreign note's text", req.method, req.target)
	}
	for _, id := range f.ForeignCustomers {
		if rec.Code != http.StatusNotFound && strings.Contains(body, `"`+id+`"`) {
			t.Errorf("%s %s as account_manager: the response contains the foreign customer %s", req.method, req.target, id)
		}
	}
}

// checkHeadBody fails when the response to a HEAD request has a body.
func checkHeadBody(t *testing.T, req request, rec *httptest.ResponseRecorder) {
	t.Helper()
	if req.method == http.MethodHead && rec.Body.Len() > 0 {
		t.Errorf("HEAD %s: response has a body of %d bytes, want none: %.100s", req.target, rec.Body.Len(), rec.Body)
	}
}

// send sends r with token, or without a key when token is empty, and
// checks that a HEAD response has no body.
func send(t *testing.T, handler http.Handler, r request, token string) *httptest.ResponseRecorder {
	t.Helper()
	var req *http.Request
	if r.body == "" {
		req = httptest.NewRequest(r.method, r.target, nil)
	} else {
		req = httptest.NewRequest(r.method, r.target, strings.NewReader(r.body))
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	}
	if token != "" {
		req.Header.Set(echo.HeaderAuthorization, "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	checkHeadBody(t, r, rec)
	return rec
}

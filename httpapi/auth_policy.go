package httpapi

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
)

// amScope is the rule that limits the requests of an account_manager key
// to a route to the accounts of its vendor person.
type amScope int

const (
	amDenied        amScope = iota // account managers get 403
	amAccountParam                 // the :id account must be one of theirs
	amSelfParam                    // the :id person must be their own person
	amPersonParam                  // the :id person must be them or a customer of their accounts
	amCustomerParam                // the :id person must be a customer of their accounts
	amNoteParam                    // the :id note must be on one of their accounts
	amNoteBody                     // the target of the note in the body must be on one of their accounts
	amFiltered                     // the handler leaves out what is not on their accounts
)

// routePolicy is who may call one route.
type routePolicy struct {
	public bool            // no authentication at all
	roles  []graph.KeyRole // roles other than account_manager that may call it
	am     amScope
}

// Role sets of the policies.
var (
	readers  = []graph.KeyRole{graph.KeyRoleAdmin, graph.KeyRoleAnalyst, graph.KeyRoleLeader}
	importer = []graph.KeyRole{graph.KeyRoleAdmin, graph.KeyRoleAnalyst}
	admins   = []graph.KeyRole{graph.KeyRoleAdmin}
)

// routePolicies maps "METHOD PATH", with PATH as echo registers it, to the
// policy of the route. Server.New fails when a registered route has no
// entry, so a new route cannot ship without a decision on its access.
var routePolicies = map[string]routePolicy{
	"GET /healthz":             {public: true},
	"GET /readyz":              {public: true},
	"GET /metrics":             {public: true},
	"GET /api/v1/openapi.json": {public: true},

	"GET /api/v1/accounts":                 {roles: readers, am: amFiltered},
	"GET /api/v1/accounts/:id":             {roles: readers, am: amAccountParam},
	"GET /api/v1/accounts/:id/report":      {roles: readers, am: amAccountParam},
	"GET /api/v1/accounts/:id/trend":       {roles: readers, am: amAccountParam},
	"GET /api/v1/accounts/:id/suggestions": {roles: readers, am: amAccountParam},
	"POST /api/v1/accounts/:id/simulate":   {roles: readers, am: amAccountParam},
	"GET /api/v1/portfolio":                {roles: readers, am: amFiltered},
	"GET /api/v1/portfolio/consistency":    {roles: readers},
	"POST /api/v1/portfolio/writeback":     {roles: admins},
	"GET /api/v1/exposure":                 {roles: readers, am: amFiltered},
	"GET /api/v1/alerts":                   {roles: readers, am: amFiltered},
	"POST /api/v1/simulate":                {roles: readers},
	"GET /api/v1/people/:id":               {roles: readers, am: amPersonParam},
	"GET /api/v1/people/:id/exposure":      {roles: readers, am: amSelfParam},
	"GET /api/v1/people/:id/handover":      {roles: readers, am: amSelfParam},
	"GET /api/v1/people/:id/suggestions":   {roles: readers, am: amSelfParam},
	"POST /api/v1/people/:id/departure":    {roles: importer, am: amCustomerParam},
	"GET /api/v1/notes":                    {roles: readers, am: amFiltered},
	"GET /api/v1/notes/search":             {roles: readers, am: amFiltered},
	"POST /api/v1/notes":                   {roles: admins, am: amNoteBody},
	"GET /api/v1/notes/:id":                {roles: readers, am: amNoteParam},
	"PUT /api/v1/notes/:id":                {roles: admins, am: amNoteParam},
	"DELETE /api/v1/notes/:id":             {roles: admins, am: amNoteParam},
	"POST /api/v1/imports":                 {roles: importer},
	"GET /api/v1/keys":                     {roles: admins},
	"POST /api/v1/keys":                    {roles: admins},
	"DELETE /api/v1/keys/:id":              {roles: admins},
}

// policyOf returns the policy of the route the request matched, and false
// when it matched none, as for 404 and 405 responses. A HEAD request gets
// the policy of the GET route, whose handler it runs.
func (s *Server) policyOf(c echo.Context) (routePolicy, bool) {
	policy, ok := routePolicies[policyKey(c.Request().Method, c.Path())]
	return policy, ok
}

// policyKey returns the key of routePolicies for a method and an echo
// path, with HEAD mapped to GET.
func policyKey(method, path string) string {
	if method == http.MethodHead {
		method = http.MethodGet
	}
	return method + " " + path
}

// checkPolicies returns an error naming every registered route that has
// no entry in routePolicies.
func (s *Server) checkPolicies() error {
	var missing []string
	for _, r := range s.echo.Routes() {
		key := policyKey(r.Method, r.Path)
		if _, ok := routePolicies[key]; !ok && !strings.HasSuffix(r.Path, "/*") {
			missing = append(missing, key)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		missing = slices.Compact(missing) // a GET route and its HEAD route share a key
		return fmt.Errorf("httpapi: routes without an access policy: %s: add them to routePolicies", strings.Join(missing, ", "))
	}
	return nil
}

// authorize rejects a request whose principal's role may not call the
// route with 403, and a request of an account_manager key for an object
// outside its accounts with 404, so that the response does not tell
// whether the object exists.
func (s *Server) authorize(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := principalFrom(c)
		policy, ok := s.policyOf(c)
		if p == nil || !ok || policy.public {
			return next(c)
		}
		if p.role != graph.KeyRoleAccountManager {
			if !slices.Contains(policy.roles, p.role) {
				return forbidden(p)
			}
			return next(c)
		}
		if policy.am == amDenied {
			return forbidden(p)
		}
		scope, err := s.loadScope(c, p)
		if err != nil {
			return err
		}
		c.Set(contextKeyScope, scope)
		if err := s.checkScope(c, policy.am, scope); err != nil {
			return err
		}
		return next(c)
	}
}

func forbidden(p *principal) error {
	return echo.NewHTTPError(http.StatusForbidden,
		fmt.Sprintf("the %s role may not use this route: ask an admin for a key with a role that may", p.role))
}

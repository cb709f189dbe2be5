package httpapi

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/portfolio"
)

// contextKeyScope holds the *accountScope of an account_manager request.
const contextKeyScope = "kamgraph.scope"

// accountScope is the reach of an account_manager key: its vendor person
// and the accounts that person owns or has relationships in.
type accountScope struct {
	personID string
	accounts map[string]bool
}

func (sc *accountScope) hasAccount(id string) bool { return sc.accounts[id] }

// loadScope reads the accounts of the principal's person. A key whose
// person no longer exists reaches no account.
func (s *Server) loadScope(c echo.Context, p *principal) (*accountScope, error) {
	people, ok := s.store.(graph.PeopleStore)
	if !ok {
		return nil, errNoPeopleStore()
	}
	sc := &accountScope{personID: p.personID, accounts: map[string]bool{}}
	ids, err := people.PersonAccounts(c.Request().Context(), p.personID)
	if err != nil && graph.KindOf(err) != graph.KindNotFound {
		return nil, err
	}
	for _, id := range ids {
		sc.accounts[id] = true
	}
	return sc, nil
}

// scopeFrom returns the scope of an account_manager request, or nil when
// the request may see every account.
func scopeFrom(c echo.Context) *accountScope {
	sc, _ := c.Get(contextKeyScope).(*accountScope)
	return sc
}

// checkScope returns a not-found error when the object that the route
// names lies outside sc. The message equals the store's own, so that a
// client cannot distinguish a foreign object from a missing one.
func (s *Server) checkScope(c echo.Context, scope amScope, sc *accountScope) error {
	switch scope {
	case amAccountParam:
		id, err := accountIDParam(c)
		if err != nil {
			return err
		}
		if !sc.hasAccount(id) {
			return graph.Errorf(graph.KindNotFound, "account %q not found", id)
		}
	case amSelfParam, amPersonParam, amCustomerParam:
		id, err := personIDParam(c)
		if err != nil {
			return err
		}
		if !s.personVisible(c, scope, sc, id) {
			return graph.Errorf(graph.KindNotFound, "person %q not found", id)
		}
	case amNoteParam:
		return s.checkNoteScope(c, sc)
	case amNoteBody:
		return s.checkNoteBodyScope(c, sc)
	}
	return nil
}

// personVisible reports whether the person id is within sc for scope.
func (s *Server) personVisible(c echo.Context, scope amScope, sc *accountScope, id string) bool {
	if id == sc.personID && scope != amCustomerParam {
		return true
	}
	if scope == amSelfParam {
		return false
	}
	people, ok := s.store.(graph.PeopleStore)
	if !ok {
		return false
	}
	person, err := people.Person(c.Request().Context(), id)
	return err == nil && person.Side == graph.SideCustomer && sc.hasAccount(person.AccountID)
}

func (s *Server) checkNoteScope(c echo.Context, sc *accountScope) error {
	store, err := s.noteStore()
	if err != nil {
		return err
	}
	id, err := noteIDParam(c)
	if err != nil {
		return err
	}
	note, err := store.Note(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if !sc.hasAccount(note.AccountID) {
		return graph.Errorf(graph.KindNotFound, "note %q not found", id)
	}
	return nil
}

// checkNoteBodyScope reads the target of a new note from the body, which
// it puts back for the handler, and accepts targets on the accounts of
// sc: the account itself, one of its customer people, or a relationship
// with one of them.
func (s *Server) checkNoteBodyScope(c echo.Context, sc *accountScope) error {
	req := c.Request()
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), req.Body, maxJSONBodyBytes))
	if err != nil {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge,
			"request body larger than "+formatBytes(maxJSONBodyBytes)+": send only the fields the route documents")
	}
	req.Body = io.NopCloser(bytes.NewReader(body))

	var n graph.NewNote
	if json.Unmarshal(body, &n) != nil {
		return nil // the handler rejects the body with its own message
	}
	ends := []string{n.Target.ID}
	switch n.Target.Kind {
	case graph.TargetAccount:
		if sc.hasAccount(n.Target.ID) {
			return nil
		}
		return graph.Errorf(graph.KindNotFound, "account %q not found", n.Target.ID)
	case graph.TargetRelationship:
		ends = append(ends, n.Target.OtherID)
	}
	for _, id := range ends {
		if s.personVisible(c, amCustomerParam, sc, id) {
			return nil
		}
	}
	return graph.Errorf(graph.KindNotFound, "note target %s not found", n.Target)
}

// scopeAccounts leaves out the accounts outside the request's scope.
func scopeAccounts(c echo.Context, accounts []graph.Account) []graph.Account {
	sc := scopeFrom(c)
	if sc == nil {
		return accounts
	}
	kept := []graph.Account{}
	for _, a := range accounts {
		if sc.hasAccount(a.ID) {
			kept = append(kept, a)
		}
	}
	return kept
}

// scopeNotes leaves out the notes that are not on an account of the
// request's scope, such as notes on vendor people.
func scopeNotes(c echo.Context, notes []graph.Note) []graph.Note {
	sc := scopeFrom(c)
	if sc == nil {
		return notes
	}
	kept := []graph.Note{}
	for _, n := range notes {
		if sc.hasAccount(n.AccountID) {
			kept = append(kept, n)
		}
	}
	return kept
}

// scopedSearchLimit returns the number of notes to ask the store for when
// the request asked for limit: MaxNoteSearchLimit for a scoped request,
// whose foreign notes scopeNotes drops afterwards.
//
// NOTE: when more than MaxNoteSearchLimit foreign notes rank above the
// account manager's own, the response holds fewer notes than match.
func scopedSearchLimit(c echo.Context, limit int) int {
	if scopeFrom(c) == nil {
		return limit
	}
	return max(limit, MaxNoteSearchLimit)
}

// scopeAlerts leaves out the alerts on accounts outside the request's
// scope.
func scopeAlerts(c echo.Context, alerts []portfolio.Alert) []portfolio.Alert {
	sc := scopeFrom(c)
	if sc == nil {
		return alerts
	}
	kept := []portfolio.Alert{}
	for _, a := range alerts {
		if sc.hasAccount(a.AccountID) {
			kept = append(kept, a)
		}
	}
	return kept
}

// scopeExposures keeps only the exposure of the request's own person when
// the request has a scope.
func scopeExposures(c echo.Context, exposures []portfolio.Exposure) []portfolio.Exposure {
	sc := scopeFrom(c)
	if sc == nil {
		return exposures
	}
	kept := []portfolio.Exposure{}
	for _, e := range exposures {
		if e.PersonID == sc.personID {
			kept = append(kept, e)
		}
	}
	return kept
}

// scopePortfolio leaves out the rows outside the request's scope and sums
// the totals of the rows that remain.
func scopePortfolio(c echo.Context, report *portfolio.Report) {
	sc := scopeFrom(c)
	if sc == nil {
		return
	}
	rows := []portfolio.Row{}
	totals := portfolio.Totals{}
	for _, row := range report.Accounts {
		if !sc.hasAccount(row.AccountID) {
			continue
		}
		rows = append(rows, row)
		totals.Accounts++
		totals.ARR += row.ARR
		totals.ARRAtRisk += row.ARRAtRisk
		switch row.Risk {
		case portfolio.RiskHigh:
			totals.High++
		case portfolio.RiskMedium:
			totals.Medium++
		default:
			totals.Low++
		}
	}
	report.Accounts = rows
	report.Totals = totals
}

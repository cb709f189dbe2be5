package httpapi

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// getAccountSuggestions responds with the suggested next connections of
// one account.
func (s *Server) getAccountSuggestions(c echo.Context) error {
	id, err := accountIDParam(c)
	if err != nil {
		return err
	}
	opts, err := ParseSuggestOptions(c.QueryParams())
	if err != nil {
		return err
	}

	out, err := AccountSuggestions(c.Request().Context(), s.store, id, opts)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// getPersonSuggestions responds with one vendor person's suggestions
// across the accounts that person touches.
func (s *Server) getPersonSuggestions(c echo.Context) error {
	id, err := personIDParam(c)
	if err != nil {
		return err
	}
	opts, err := ParseSuggestOptions(c.QueryParams())
	if err != nil {
		return err
	}

	out, err := PersonSuggestions(c.Request().Context(), s.store, id, opts)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// AccountSuggestions loads account accountID and every vendor person of
// store, and returns analytics.Suggest for them. The API and the CLI share
// it. It reads the vendor people through graph.VendorStore when store
// implements it, and from Export otherwise. It returns an error of kind
// graph.KindNotFound for an unknown account.
func AccountSuggestions(ctx context.Context, store graph.Store, accountID string,
	opts analytics.SuggestOptions) (*analytics.AccountSuggestions, error) {
	ag, err := store.AccountGraph(ctx, accountID)
	if err != nil {
		return nil, err
	}
	vendors, err := portfolioVendors(ctx, store)
	if err != nil {
		return nil, err
	}
	return analytics.Suggest(ctx, ag, vendors, opts)
}

// portfolioVendors returns every vendor person of store, sorted by id, as
// analytics.PortfolioVendors returns them from an export.
func portfolioVendors(ctx context.Context, store graph.Store) ([]graph.Person, error) {
	if vs, ok := store.(graph.VendorStore); ok {
		return vs.VendorPeople(ctx)
	}
	ds, err := store.Export(ctx)
	if err != nil {
		return nil, err
	}
	return analytics.PortfolioVendors(ds), nil
}

// PersonSuggestions returns analytics.SuggestForPerson for the person with
// the given id over the accounts that person touches (see
// analytics.AccountsTouchedBy). The API and the CLI share it. It returns
// an error of kind graph.KindNotFound for an unknown person, and of kind
// graph.KindInvalid for a customer person or a departed one.
//
// It reads the person, their accounts and the vendor people through
// graph.PeopleStore and graph.VendorStore when store implements both, and
// from Export otherwise.
func PersonSuggestions(ctx context.Context, store graph.Store, personID string,
	opts analytics.SuggestOptions) (*analytics.PersonSuggestions, error) {
	in, err := readPersonPortfolio(ctx, store, personID)
	if err != nil {
		return nil, err
	}

	var accounts []*graph.AccountGraph
	for _, id := range in.accountIDs {
		ag, err := store.AccountGraph(ctx, id)
		if err != nil {
			return nil, err
		}
		accounts = append(accounts, ag)
	}
	return analytics.SuggestForPerson(ctx, in.person, accounts, in.vendors, opts)
}

// personPortfolio is the input of PersonSuggestions other than the
// account graphs.
type personPortfolio struct {
	person     graph.Person
	accountIDs []string // the accounts a vendor person touches, none for a customer
	vendors    []graph.Person
}

// readPersonPortfolio reads the person with the given id, the accounts
// they touch and every vendor person, or returns an error of kind
// graph.KindNotFound for an unknown person.
func readPersonPortfolio(ctx context.Context, store graph.Store, personID string) (*personPortfolio, error) {
	ps, isPeople := store.(graph.PeopleStore)
	vs, isVendors := store.(graph.VendorStore)
	if !isPeople || !isVendors {
		return exportPersonPortfolio(ctx, store, personID)
	}

	person, err := ps.Person(ctx, personID)
	if err != nil {
		return nil, err
	}
	in := &personPortfolio{person: person}
	if person.Side == graph.SideVendor {
		if in.accountIDs, err = ps.PersonAccounts(ctx, personID); err != nil {
			return nil, err
		}
	}
	if in.vendors, err = vs.VendorPeople(ctx); err != nil {
		return nil, err
	}
	return in, nil
}

// exportPersonPortfolio is readPersonPortfolio for a store that lacks
// graph.PeopleStore or graph.VendorStore: it reads the whole store once.
func exportPersonPortfolio(ctx context.Context, store graph.Store, personID string) (*personPortfolio, error) {
	ds, err := store.Export(ctx)
	if err != nil {
		return nil, err
	}
	in := &personPortfolio{vendors: analytics.PortfolioVendors(ds)}
	found := false
	for _, p := range ds.People {
		if p.ID == personID {
			in.person, found = p, true
		}
	}
	if !found {
		return nil, graph.Errorf(graph.KindNotFound, "person %q not found", personID)
	}
	if in.person.Side == graph.SideVendor {
		in.accountIDs = analytics.AccountsTouchedBy(ds, personID)
	}
	return in, nil
}

// suggestParameters are the query parameters of the suggestion routes.
var suggestParameters = []string{"k", "threshold", "max_hops", "strength", "exclude", "vendors",
	"max_vendor_relationships"}

// ParseSuggestOptions parses the query parameters of the suggestion
// routes into analytics.SuggestOptions: k, threshold, max_hops, strength,
// exclude and vendors (comma-separated person ids) and
// max_vendor_relationships. A missing parameter keeps its default. Each
// parameter may appear once. Errors are of kind graph.KindInvalid and
// name the parameter and its value.
func ParseSuggestOptions(query url.Values) (analytics.SuggestOptions, error) {
	opts := analytics.DefaultSuggestOptions()
	for _, name := range suggestParameters {
		if n := len(query[name]); n > 1 {
			return opts, invalidf("query parameter %s given %d times: give it once", name, n)
		}
	}

	var err error
	if query.Has("k") {
		if opts.K, err = parseCount("k", query.Get("k")); err != nil {
			return opts, err
		}
	}
	if query.Has("threshold") {
		if opts.Threshold, err = ParseThreshold(query.Get("threshold")); err != nil {
			return opts, err
		}
	}
	if query.Has("max_hops") {
		if opts.MaxHops, err = parseCount("max_hops", query.Get("max_hops")); err != nil {
			return opts, err
		}
	}
	if query.Has("strength") {
		raw := query.Get("strength")
		strength, parseErr := strconv.ParseFloat(strings.TrimSpace(raw), 64)
		if parseErr != nil || math.IsNaN(strength) || strength <= 0 || strength > 1 {
			return opts, invalidf("invalid strength %q: use a number greater than 0 and at most 1, at least the threshold", raw)
		}
		opts.Strength = strength
	}
	if query.Has("max_vendor_relationships") {
		raw := query.Get("max_vendor_relationships")
		limit, parseErr := strconv.Atoi(strings.TrimSpace(raw))
		if parseErr != nil || limit < 0 {
			return opts, invalidf("invalid max_vendor_relationships %q: use a whole number, 0 or more", raw)
		}
		opts.MaxVendorRelationships = &limit
	}
	opts.Exclude = SplitList(query.Get("exclude"))
	opts.Vendors = SplitList(query.Get("vendors"))
	if err := opts.Validate(); err != nil {
		return opts, invalidf("invalid suggestion options: %v", err)
	}
	return opts, nil
}

// parseCount parses a whole-number query parameter.
func parseCount(name, raw string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil {
		return 0, invalidf("invalid %s %q: use a whole number", name, raw)
	}
	return n, nil
}

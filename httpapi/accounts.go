package httpapi

import (
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// AccountList is the body of GET /api/v1/accounts.
type AccountList struct {
	Accounts []graph.Account `json:"accounts"` // sorted by id
}

func (s *Server) listAccounts(c echo.Context) error {
	accounts, err := s.store.Accounts(c.Request().Context())
	if err != nil {
		return err
	}
	if accounts == nil {
		accounts = []graph.Account{}
	}
	return c.JSON(http.StatusOK, AccountList{Accounts: scopeAccounts(c, accounts)})
}

func (s *Server) getAccount(c echo.Context) error {
	id, err := accountIDParam(c)
	if err != nil {
		return err
	}

	ctx := c.Request().Context()
	ag, err := s.store.AccountGraph(ctx, id)
	if err != nil {
		return err
	}
	notes, err := s.accountNotes(ctx, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, AccountView{AccountGraph: ag, Notes: notes})
}

func (s *Server) getReport(c echo.Context) error {
	id, err := accountIDParam(c)
	if err != nil {
		return err
	}
	opts, err := reportOptions(c.QueryParams())
	if err != nil {
		return err
	}
	if isCurrentReport(c.QueryParams()) {
		return s.serveCurrentReport(c, id, opts)
	}

	ctx := c.Request().Context()
	ag, err := s.reportGraph(ctx, id, c.QueryParams())
	if err != nil {
		return err
	}
	report, err := analytics.Compute(ctx, ag, opts)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, report)
}

// accountIDParam returns the :id path parameter decoded. Echo matches the
// escaped path when the request has one, so an id such as "a/b" arrives
// as "a%2Fb".
func accountIDParam(c echo.Context) (string, error) {
	raw := c.Param("id")
	if c.Request().URL.RawPath == "" {
		return raw, nil
	}
	id, err := url.PathUnescape(raw)
	if err != nil {
		return "", invalidf("invalid account id %q in the path: %v", raw, err)
	}
	return id, nil
}

// reportOptions parses the query of GET /accounts/:id/report. A missing
// threshold is analytics.DefaultThreshold. A missing expected_functions is
// analytics.DefaultExpectedFunctions, and an empty one means no expected
// functions. departed_from and departed_to bound the departures listed,
// and without them every dated departure is listed. betweenness_samples
// and betweenness_seed ask for sampled betweenness (see
// betweennessOptions).
func reportOptions(query url.Values) (analytics.Options, error) {
	opts := analytics.DefaultOptions()
	for name, values := range query {
		if len(values) > 1 && slices.Contains(reportParameters, name) {
			return opts, invalidf("query parameter %s given %d times: give it once", name, len(values))
		}
	}

	if query.Has("threshold") {
		threshold, err := ParseThreshold(query.Get("threshold"))
		if err != nil {
			return opts, err
		}
		opts.Threshold = threshold
	}
	if query.Has("expected_functions") {
		opts.ExpectedFunctions = SplitList(query.Get("expected_functions"))
	}
	var err error
	if opts.DeparturesFrom, err = dateParameter(query, "departed_from"); err != nil {
		return opts, err
	}
	if opts.DeparturesTo, err = dateParameter(query, "departed_to"); err != nil {
		return opts, err
	}
	if err := betweennessOptions(query, &opts); err != nil {
		return opts, err
	}
	if err := opts.Validate(); err != nil {
		return opts, invalidf("invalid report options: %v", err)
	}
	return opts, nil
}

// reportParameters are the query parameters of the report that may be
// given at most once.
var reportParameters = []string{"threshold", "expected_functions", "departed_from", "departed_to",
	"betweenness_samples", "betweenness_seed"}

// dateParameter returns the YYYY-MM-DD date of the named query parameter,
// or the empty date when it is absent or empty.
func dateParameter(query url.Values, name string) (graph.Date, error) {
	value := strings.TrimSpace(query.Get(name))
	date, err := graph.ParseDate(value)
	if err != nil {
		return "", invalidf("invalid %s %q: use a date as YYYY-MM-DD", name, query.Get(name))
	}
	return date, nil
}

// ParseThreshold parses a qualifying strength: a number greater than 0
// and at most 1. The error, of kind graph.KindInvalid, names the value.
func ParseThreshold(s string) (float64, error) {
	threshold, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(threshold) || threshold <= 0 || threshold > 1 {
		return 0, invalidf("invalid threshold %q: use a number greater than 0 and at most 1, such as 0.25", s)
	}
	return threshold, nil
}

// SplitList splits a comma-separated list, trims each item and drops
// empty items. It returns an empty, non-nil slice for "".
func SplitList(s string) []string {
	items := []string{}
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}

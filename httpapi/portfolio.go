package httpapi

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/portfolio"
)

// ExposureList is the body of GET /api/v1/exposure.
type ExposureList struct {
	AsOf   *time.Time           `json:"as_of"`
	People []portfolio.Exposure `json:"people"` // ranked by exposed ARR, then id
}

// AlertList is the body of GET /api/v1/alerts.
type AlertList struct {
	Date        string            `json:"date"` // the day staleness and renewals are measured from
	StaleDays   int               `json:"stale_days"`
	RenewalDays int               `json:"renewal_days"`
	Since       *time.Time        `json:"since"`
	Alerts      []portfolio.Alert `json:"alerts"`
}

// Trend is the body of GET /api/v1/accounts/{id}/trend.
type Trend struct {
	AccountID string                 `json:"account_id"`
	From      *time.Time             `json:"from"`
	To        *time.Time             `json:"to"`
	Points    []graph.AccountMetrics `json:"points"` // oldest first
}

// portfolioQueryParams lists the query parameters of the portfolio
// routes that may appear once.
var portfolioQueryParams = []string{"tier", "owner", "region", "risk", "as_of", "format",
	"date", "stale_days", "renewal_days", "since", "from", "to"}

func (s *Server) getPortfolio(c echo.Context) error {
	query := c.QueryParams()
	filter, asOf, err := portfolioQuery(query)
	if err != nil {
		return err
	}
	csvRequested, err := wantsCSV(c)
	if err != nil {
		return err
	}

	report, err := s.portfolio.Portfolio(c.Request().Context(), filter, asOf)
	if err != nil {
		return err
	}
	scopePortfolio(c, report)
	if !csvRequested {
		return c.JSON(http.StatusOK, report)
	}
	var body bytes.Buffer
	if err := portfolio.WriteCSV(&body, report); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="portfolio.csv"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", body.Bytes())
}

func (s *Server) getConsistency(c echo.Context) error {
	filter, asOf, err := portfolioQuery(c.QueryParams())
	if err != nil {
		return err
	}
	consistency, err := s.portfolio.Consistency(c.Request().Context(), filter, asOf)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, consistency)
}

func (s *Server) listExposure(c echo.Context) error {
	asOf, err := asOfParam(c.QueryParams())
	if err != nil {
		return err
	}
	exposures, err := s.portfolio.Exposures(c.Request().Context(), asOf)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ExposureList{AsOf: asOf, People: scopeExposures(c, exposures)})
}

func (s *Server) getPersonExposure(c echo.Context) error {
	id, err := personIDParam(c)
	if err != nil {
		return err
	}
	asOf, err := asOfParam(c.QueryParams())
	if err != nil {
		return err
	}
	exposure, err := s.portfolio.PersonExposure(c.Request().Context(), id, asOf)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, exposure)
}

func (s *Server) listAlerts(c echo.Context) error {
	opts, err := alertOptions(c.QueryParams())
	if err != nil {
		return err
	}
	if opts.Date.IsZero() {
		opts.Date = time.Now().UTC()
	}
	alerts, err := s.portfolio.Alerts(c.Request().Context(), opts)
	if err != nil {
		return err
	}
	list := AlertList{Date: opts.Date.Format(time.DateOnly), StaleDays: opts.StaleDays, RenewalDays: opts.RenewalDays, Alerts: scopeAlerts(c, alerts)}
	if !opts.Since.IsZero() {
		list.Since = &opts.Since
	}
	return c.JSON(http.StatusOK, list)
}

func (s *Server) getTrend(c echo.Context) error {
	id, err := accountIDParam(c)
	if err != nil {
		return err
	}
	query := c.QueryParams()
	if err := checkOnce(query); err != nil {
		return err
	}

	trend := Trend{AccountID: id}
	var from, to time.Time
	if query.Has("from") {
		if from, err = portfolio.ParseTime("from", query.Get("from"), false); err != nil {
			return err
		}
		trend.From = &from
	}
	if query.Has("to") {
		if to, err = portfolio.ParseTime("to", query.Get("to"), true); err != nil {
			return err
		}
		trend.To = &to
	}
	if trend.From != nil && trend.To != nil && to.Before(from) {
		return invalidf("invalid period: from %s is after to %s", query.Get("from"), query.Get("to"))
	}

	trend.Points, err = s.portfolio.Trend(c.Request().Context(), id, from, to)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, trend)
}

func (s *Server) createWriteback(c echo.Context) error {
	summary, err := s.portfolio.Writeback(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, summary)
}

// portfolioQuery parses the filters and as_of of a portfolio request.
func portfolioQuery(query url.Values) (portfolio.Filter, *time.Time, error) {
	if err := checkOnce(query); err != nil {
		return portfolio.Filter{}, nil, err
	}
	filter, err := portfolio.ParseFilter(query.Get("tier"), query.Get("owner"), query.Get("region"), query.Get("risk"))
	if err != nil {
		return portfolio.Filter{}, nil, err
	}
	asOf, err := asOfParam(query)
	return filter, asOf, err
}

// asOfParam parses the as_of query parameter, nil when absent.
func asOfParam(query url.Values) (*time.Time, error) {
	if err := checkOnce(query); err != nil {
		return nil, err
	}
	if !query.Has("as_of") {
		return nil, nil
	}
	t, err := portfolio.ParseTime("as_of", query.Get("as_of"), true)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// alertOptions parses the query of GET /api/v1/alerts.
func alertOptions(query url.Values) (portfolio.AlertOptions, error) {
	opts := portfolio.DefaultAlertOptions()
	if err := checkOnce(query); err != nil {
		return opts, err
	}
	var err error
	if query.Has("date") {
		if opts.Date, err = portfolio.ParseTime("date", query.Get("date"), false); err != nil {
			return opts, err
		}
	}
	if query.Has("since") {
		if opts.Since, err = portfolio.ParseTime("since", query.Get("since"), false); err != nil {
			return opts, err
		}
	}
	for _, p := range []struct {
		name  string
		value *int
	}{{"stale_days", &opts.StaleDays}, {"renewal_days", &opts.RenewalDays}} {
		if !query.Has(p.name) {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(query.Get(p.name)))
		if err != nil || n < 0 {
			return opts, invalidf("invalid %s %q: use a whole number of days, 0 or more", p.name, query.Get(p.name))
		}
		*p.value = n
	}
	return opts, nil
}

// checkOnce rejects a portfolio query parameter given more than once.
func checkOnce(query url.Values) error {
	for _, name := range portfolioQueryParams {
		if n := len(query[name]); n > 1 {
			return invalidf("query parameter %s given %d times: give it once, with a comma-separated list where it takes one", name, n)
		}
	}
	return nil
}

// wantsCSV reports whether the request selects CSV: format=csv, or no
// format and an Accept header that names text/csv.
func wantsCSV(c echo.Context) (bool, error) {
	switch format := c.QueryParam("format"); format {
	case "csv":
		return true, nil
	case "json":
		return false, nil
	case "":
		return strings.Contains(c.Request().Header.Get(echo.HeaderAccept), "text/csv"), nil
	default:
		return false, invalidf("invalid format %q: use json or csv", format)
	}
}

// reportGraph returns the account graph that GET /accounts/:id/report
// reports on: the current one, or the one as of the as_of parameter.
func (s *Server) reportGraph(ctx context.Context, id string, query url.Values) (*graph.AccountGraph, error) {
	asOf, err := asOfParam(query)
	if err != nil {
		return nil, err
	}
	if asOf == nil {
		return s.store.AccountGraph(ctx, id)
	}
	history, ok := s.store.(graph.HistoryStore)
	if !ok {
		return nil, invalidf("as_of is not available: the store keeps no history")
	}
	return history.AccountGraphAsOf(ctx, id, *asOf)
}

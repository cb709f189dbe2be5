package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
)

// maxJSONBodyBytes caps the JSON body of the simulation and departure
// routes, which carry a few ids and numbers.
const maxJSONBodyBytes = 1 << 20

// SimulationRequest is the body of POST /api/v1/accounts/{id}/simulate
// and POST /api/v1/simulate.
type SimulationRequest struct {
	// Remove lists the ids of the people who leave. Repeats count once.
	Remove []string `json:"remove"`
	// Threshold is the minimum strength of a qualifying relationship, or
	// analytics.DefaultThreshold when absent.
	Threshold *float64 `json:"threshold,omitempty"`
	// ExpectedFunctions lists the functions checked for uncharted ones, or
	// analytics.DefaultExpectedFunctions when absent.
	ExpectedFunctions *[]string `json:"expected_functions,omitempty"`
}

// options returns the analytics options of the request.
func (r SimulationRequest) options() (analytics.Options, error) {
	opts := analytics.DefaultOptions()
	if r.Threshold != nil {
		opts.Threshold = *r.Threshold
	}
	if r.ExpectedFunctions != nil {
		opts.ExpectedFunctions = *r.ExpectedFunctions
	}
	if err := opts.Validate(); err != nil {
		return opts, invalidf("invalid simulation options: %v", err)
	}
	if len(r.Remove) == 0 {
		return opts, invalidf(`no people to remove: give their ids in "remove", such as {"remove": ["v-07"]}`)
	}
	return opts, nil
}

// simulateAccount runs the what-if of one account. Every id to remove
// must be a person of the account's graph.
func (s *Server) simulateAccount(c echo.Context) error {
	id, err := accountIDParam(c)
	if err != nil {
		return err
	}
	var req SimulationRequest
	if err := decodeJSONRequest(c, &req); err != nil {
		return err
	}
	opts, err := req.options()
	if err != nil {
		return err
	}

	ctx := c.Request().Context()
	ag, err := s.store.AccountGraph(ctx, id)
	if err != nil {
		return err
	}
	sim, err := analytics.Simulate(ctx, ag, req.Remove, opts)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sim)
}

// simulatePortfolio runs the what-if of every account that the removed
// people touch.
func (s *Server) simulatePortfolio(c echo.Context) error {
	store, err := s.peopleStore()
	if err != nil {
		return err
	}
	var req SimulationRequest
	if err := decodeJSONRequest(c, &req); err != nil {
		return err
	}
	opts, err := req.options()
	if err != nil {
		return err
	}

	result, err := handover.SimulatePortfolio(c.Request().Context(), store, req.Remove, opts)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, result)
}

// peopleStore returns the store as a handover.Store, or a 501 error when
// the store cannot look people up.
func (s *Server) peopleStore() (handover.Store, error) {
	store, ok := s.store.(handover.Store)
	if !ok {
		return nil, errNoPeopleStore()
	}
	return store, nil
}

// errNoPeopleStore is the 501 error of the routes that need a store that
// implements graph.PeopleStore.
func errNoPeopleStore() error {
	return echo.NewHTTPError(http.StatusNotImplemented,
		"this server's store does not support looking up or changing single people: use the account routes")
}

// decodeJSONRequest decodes the request's JSON body into v. It rejects a
// body of another media type with 415, a body larger than
// maxJSONBodyBytes with 413, and a missing or malformed body, unknown
// fields and trailing data with 400.
func decodeJSONRequest(c echo.Context, v any) error {
	req := c.Request()
	if contentType := req.Header.Get(echo.HeaderContentType); contentType != "" {
		mediaType, _, err := mime.ParseMediaType(contentType)
		if err != nil || mediaType != echo.MIMEApplicationJSON {
			return echo.NewHTTPError(http.StatusUnsupportedMediaType,
				fmt.Sprintf("unsupported Content-Type %q: send the body as application/json", contentType))
		}
	}

	body := http.MaxBytesReader(c.Response(), req.Body, maxJSONBodyBytes)
	decoder := json.NewDecoder(body)
	decoder.DisallowUnknownFields()
	err := decoder.Decode(v)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge,
			fmt.Sprintf("request body larger than %s: send only the fields the route documents", formatBytes(maxJSONBodyBytes)))
	case errors.Is(err, io.EOF):
		return invalidf("missing JSON body: see /api/v1/openapi.json for the fields of this route")
	case err != nil:
		return invalidf("invalid JSON body: %v", err)
	}
	if decoder.More() {
		return invalidf("invalid JSON body: unexpected data after the JSON object: send one object")
	}
	return nil
}

package httpapi

import (
	"log/slog"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
)

// DepartureRequest is the body of POST /api/v1/people/{id}/departure.
type DepartureRequest struct {
	Date graph.Date `json:"date"` // YYYY-MM-DD, required
}

func (s *Server) getPerson(c echo.Context) error {
	store, err := s.peopleStore()
	if err != nil {
		return err
	}
	id, err := personIDParam(c)
	if err != nil {
		return err
	}

	p, err := store.Person(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// markDeparture marks a person departed on the date of the body and
// responds with the changed person. The change takes effect at once,
// whatever the date.
func (s *Server) markDeparture(c echo.Context) error {
	people, ok := s.store.(graph.PeopleStore)
	if !ok {
		return errNoPeopleStore()
	}
	id, err := personIDParam(c)
	if err != nil {
		return err
	}
	var req DepartureRequest
	if err := decodeJSONRequest(c, &req); err != nil {
		return err
	}
	if req.Date == "" {
		return invalidf(`missing departure date: send {"date": "YYYY-MM-DD"}`)
	}
	if _, err := graph.ParseDate(string(req.Date)); err != nil {
		return invalidf("invalid departure date %q: use YYYY-MM-DD", req.Date)
	}

	p, err := people.MarkDeparted(c.Request().Context(), id, req.Date)
	if err != nil {
		return err
	}
	s.logger.Info("person marked departed",
		slog.String("person_id", p.ID),
		slog.String("departed_on", string(p.DepartedOn)),
		slog.String("request_id", requestID(c)))
	return c.JSON(http.StatusOK, p)
}

// personIDParam returns the :id path parameter decoded, like
// accountIDParam.
func personIDParam(c echo.Context) (string, error) {
	raw := c.Param("id")
	if c.Request().URL.RawPath == "" {
		return raw, nil
	}
	id, err := url.PathUnescape(raw)
	if err != nil {
		return "", invalidf("invalid person id %q in the path: %v", raw, err)
	}
	return id, nil
}

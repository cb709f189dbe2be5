package httpapi

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/analytics/handover"
)

// MarkdownContentType is the media type of a handover brief rendered as
// Markdown (RFC 7763).
const MarkdownContentType = "text/markdown; charset=utf-8"

// getHandover responds with the handover brief of a vendor person, as
// JSON or, with format=markdown, as a Markdown document.
func (s *Server) getHandover(c echo.Context) error {
	store, err := s.peopleStore()
	if err != nil {
		return err
	}
	id, err := personIDParam(c)
	if err != nil {
		return err
	}
	opts, markdown, err := handoverOptions(c.QueryParams())
	if err != nil {
		return err
	}

	brief, err := handover.Build(c.Request().Context(), store, id, opts)
	if err != nil {
		return err
	}
	if !markdown {
		return c.JSON(http.StatusOK, brief)
	}
	var buf bytes.Buffer
	if err := brief.WriteMarkdown(&buf); err != nil {
		return err
	}
	return c.Blob(http.StatusOK, MarkdownContentType, buf.Bytes())
}

// handoverOptions parses the query of GET /people/:id/handover: the
// report parameters, successors (a positive number) and format (json or
// markdown). It also reports whether Markdown was requested.
func handoverOptions(query url.Values) (handover.Options, bool, error) {
	for _, name := range []string{"successors", "format"} {
		if n := len(query[name]); n > 1 {
			return handover.Options{}, false, invalidf("query parameter %s given %d times: give it once", name, n)
		}
	}
	report, err := reportOptions(query)
	if err != nil {
		return handover.Options{}, false, err
	}
	opts := handover.Options{Report: report, Successors: handover.DefaultSuccessors}

	if query.Has("successors") {
		raw := query.Get("successors")
		n, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil || n < 1 {
			return opts, false, invalidf("invalid successors %q: use a positive whole number, such as 3", raw)
		}
		opts.Successors = n
	}

	switch format := query.Get("format"); format {
	case "", "json":
		return opts, false, nil
	case "markdown":
		return opts, true, nil
	default:
		return opts, false, invalidf("invalid format %q: use json or markdown", format)
	}
}

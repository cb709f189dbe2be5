package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
)

// ProblemContentType is the media type of every error response (RFC 9457).
const ProblemContentType = "application/problem+json"

// Problem is an RFC 9457 problem details object. Type is always
// "about:blank", so Title is the standard phrase of Status and clients
// tell problems apart by Status and by the extension members.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"` // the request path, percent-encoded

	// RequestID matches the X-Request-ID response header and the server
	// logs.
	RequestID string `json:"request_id,omitempty"`
	// Problems lists the defects of a rejected import, each with the file,
	// line, column and value where the input came from CSV files.
	Problems []graph.Problem `json:"problems,omitempty"`
	// ProblemsTruncated is true when the import had more than
	// graph.MaxProblems problems and only the first ones are listed.
	ProblemsTruncated bool `json:"problems_truncated,omitempty"`
}

// statusByKind maps every graph.ErrorKind to its HTTP status. An
// *graph.ImportError, whose kind is KindInvalid, gets 422 instead (see
// problemFor).
var statusByKind = map[graph.ErrorKind]int{
	graph.KindInvalid:     http.StatusBadRequest,
	graph.KindNotFound:    http.StatusNotFound,
	graph.KindConflict:    http.StatusConflict,
	graph.KindUnavailable: http.StatusServiceUnavailable,
	graph.KindTooLarge:    http.StatusRequestEntityTooLarge,
	graph.KindInternal:    http.StatusInternalServerError,
}

// problemFor turns any error a handler returns into the problem sent to
// the client. Only user-facing messages reach Detail: an internal error's
// cause stays in the logs.
func problemFor(err error) Problem {
	var httpErr *echo.HTTPError
	if errors.As(err, &httpErr) {
		return newProblem(httpErr.Code, httpErrorDetail(httpErr))
	}

	var importErr *graph.ImportError
	if errors.As(err, &importErr) {
		p := newProblem(http.StatusUnprocessableEntity, graph.MessageOf(err))
		p.Problems = importErr.Problems
		p.ProblemsTruncated = importErr.Truncated
		return p
	}

	var graphErr *graph.Error
	if !errors.As(err, &graphErr) && errors.Is(err, context.DeadlineExceeded) {
		return newProblem(http.StatusServiceUnavailable,
			"the request ran past the server's time limit (--request-timeout, or --import-timeout for imports): "+
				"retry later, or ask the operator to raise the limit")
	}

	status, ok := statusByKind[graph.KindOf(err)]
	if !ok {
		status = http.StatusInternalServerError
	}
	detail := graph.MessageOf(err)
	if status == http.StatusInternalServerError {
		detail = "internal error: the server logged the cause under this request id"
	}
	return newProblem(status, detail)
}

func newProblem(status int, detail string) Problem {
	return Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail}
}

// httpErrorDetail returns the message of an echo error, or a sentence for
// the statuses echo raises without one.
func httpErrorDetail(e *echo.HTTPError) string {
	if msg, ok := e.Message.(string); ok && msg != http.StatusText(e.Code) {
		return msg
	}
	switch e.Code {
	case http.StatusNotFound:
		return "no such route: see /api/v1/openapi.json for the routes this server serves"
	case http.StatusMethodNotAllowed:
		return "method not allowed on this route: see the Allow header"
	}
	return http.StatusText(e.Code)
}

// Keys of values that the error handler leaves in the echo context for
// logRequests.
const (
	contextKeyError      = "kamgraph.error"
	contextKeyRequestID  = "kamgraph.request_id"
	contextKeyConnection = "kamgraph.connection" // the context.Context of the connection
)

// handleError is the echo HTTPErrorHandler: it writes the problem for err
// and records err for the request log. When the client has closed the
// connection, it writes only the status statusClientClosed, which no
// client receives, for the request log and metrics.
func (s *Server) handleError(err error, c echo.Context) {
	c.Set(contextKeyError, err)
	if c.Response().Committed {
		return
	}
	if clientClosed(c, err) {
		c.Response().WriteHeader(statusClientClosed)
		return
	}

	p := problemFor(err)
	p.Instance = c.Request().URL.EscapedPath()
	p.RequestID, _ = c.Get(contextKeyRequestID).(string)

	body, marshalErr := json.Marshal(p)
	if marshalErr != nil {
		s.logger.Error("encode problem failed", slog.Any("error", marshalErr), slog.String("request_id", p.RequestID))
		body = []byte(fmt.Sprintf(`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"internal error","instance":%q}`, p.Instance))
		p.Status = http.StatusInternalServerError
	}

	// A HEAD request gets the same headers, and serveHead drops the body.
	if writeErr := c.Blob(p.Status, ProblemContentType, body); writeErr != nil {
		s.logger.Warn("write problem response failed", slog.Any("error", writeErr), slog.String("request_id", p.RequestID))
	}
}

// invalidf returns a KindInvalid error, which the API responds to with 400.
func invalidf(format string, args ...any) error {
	return graph.Errorf(graph.KindInvalid, format, args...)
}

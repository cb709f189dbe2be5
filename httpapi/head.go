package httpapi

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

// routeRegistrar is the part of echo.Echo and echo.Group that registers
// GET and HEAD routes.
type routeRegistrar interface {
	GET(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route
	HEAD(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route
}

// handleGet registers h for GET and HEAD requests to path. A HEAD request
// runs the same handler and the same authentication, authorisation and
// account scoping as GET (policyOf maps it to the GET policy), and
// serveHead drops the body.
func handleGet(r routeRegistrar, path string, h echo.HandlerFunc) {
	r.GET(path, h)
	r.HEAD(path, h)
}

// serveHead responds to a HEAD request with the status and headers that GET
// would send, without the body. It holds back the status until the
// handler and the error handler have finished, so that Content-Length can
// carry the size of the body that GET would send.
func (s *Server) serveHead(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method != http.MethodHead {
			return next(c)
		}
		res := c.Response()
		w := &headWriter{ResponseWriter: res.Writer}
		res.Writer = w
		defer func() {
			res.Writer = w.ResponseWriter
			w.send()
		}()
		return next(c)
	}
}

// headWriter is the http.ResponseWriter of a HEAD request: it records the
// status, counts and discards the body, and sends the status only from
// send.
type headWriter struct {
	http.ResponseWriter
	status int // 0 until WriteHeader or Write
	size   int64
}

func (w *headWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *headWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.size += int64(len(p))
	return len(p), nil
}

// Flush does nothing, because send writes the only part of a HEAD
// response. echo.Response.Flush panics on a writer without Flush.
func (w *headWriter) Flush() {}

// send writes the recorded status with a Content-Length of the discarded
// body, unless the handler set one or wrote nothing at all.
func (w *headWriter) send() {
	if w.status == 0 {
		return
	}
	header := w.Header()
	if header.Get(echo.HeaderContentLength) == "" && w.status >= http.StatusOK &&
		w.status != http.StatusNoContent && w.status != http.StatusNotModified {
		header.Set(echo.HeaderContentLength, strconv.FormatInt(w.size, 10))
	}
	w.ResponseWriter.WriteHeader(w.status)
}

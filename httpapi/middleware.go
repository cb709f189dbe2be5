package httpapi

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/labstack/echo/v4"
)

// RequestIDHeader carries the request id. A client may send one, and every
// response returns the id the server used.
const RequestIDHeader = "X-Request-ID"

// maxRequestIDLength caps a client-sent request id, so that ids stay short
// in logs.
const maxRequestIDLength = 64

// statusClientClosed is the status that the request log and the request
// metrics record for a request whose client closed the connection before
// the response, the 499 that nginx logs in that case. No client receives
// it.
const statusClientClosed = 499

// assignRequestID keeps a well-formed X-Request-ID from the client or
// generates a random one, and echoes it on the response. It also keeps the
// request's context, the one net/http cancels when the connection closes,
// for clientClosed, because limitDuration replaces it with one that has a
// deadline.
func (s *Server) assignRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			id = newRequestID()
		}
		c.Set(contextKeyRequestID, id)
		c.Set(contextKeyConnection, c.Request().Context())
		c.Response().Header().Set(RequestIDHeader, id)
		return next(c)
	}
}

// validRequestID accepts 1 to 64 letters, digits, '-', '_' and '.', which
// keeps client-chosen ids from forging log lines.
func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLength {
		return false
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
		if !ok {
			return false
		}
	}
	return true
}

// newRequestID returns 26 random base32 characters (128 bits).
func newRequestID() string {
	return rand.Text()
}

// logRequests writes one log record per request: 5xx at Error, 4xx at
// Warn, the rest at Info, and successful health probes at Debug so that
// frequent probes do not flood the log. It sends errors from the rest of
// the chain to the error handler first, so the record holds the status
// actually written.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}

		req := c.Request()
		status := c.Response().Status
		attrs := []slog.Attr{
			slog.String("method", req.Method),
			slog.String("path", req.URL.EscapedPath()),
			slog.String("route", c.Path()),
			slog.Int("status", status),
			slog.Duration("duration", time.Since(start)),
			slog.Int64("bytes", c.Response().Size),
			slog.String("request_id", requestID(c)),
			slog.String("remote_addr", req.RemoteAddr),
		}
		err, _ := c.Get(contextKeyError).(error)
		if err != nil {
			attrs = append(attrs, slog.Any("error", err))
		}
		// A client that hangs up is not a server fault, so handleError
		// records statusClientClosed and the request is logged as a
		// warning.
		clientClosed := status == statusClientClosed
		if clientClosed {
			attrs = append(attrs, slog.Bool("client_closed", true))
		}

		level := slog.LevelInfo
		switch {
		case clientClosed:
			level = slog.LevelWarn
		case status >= http.StatusInternalServerError:
			level = slog.LevelError
		case status >= http.StatusBadRequest:
			level = slog.LevelWarn
		case req.URL.Path == "/healthz" || req.URL.Path == "/readyz":
			level = slog.LevelDebug
		}
		s.logger.LogAttrs(req.Context(), level, "http request", attrs...)
		return nil
	}
}

// recoverPanics turns a panic in a handler into an internal error and logs
// the stack.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			recovered := recover()
			if recovered == nil {
				return
			}
			if recovered == http.ErrAbortHandler {
				panic(recovered)
			}
			s.logger.Error("handler panicked",
				slog.Any("panic", recovered),
				slog.String("request_id", requestID(c)),
				slog.String("stack", string(debug.Stack())))
			err = fmt.Errorf("handler panicked: %v", recovered)
		}()
		return next(c)
	}
}

// limitBody rejects request bodies larger than MaxUploadBytes with 413.
// It rejects at once when Content-Length exceeds the limit, and otherwise
// when reading the body passes it.
func (s *Server) limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.ContentLength > s.cfg.MaxUploadBytes {
			return s.bodyTooLarge()
		}
		req.Body = http.MaxBytesReader(c.Response(), req.Body, s.cfg.MaxUploadBytes)
		return next(c)
	}
}

func (s *Server) bodyTooLarge() error {
	return echo.NewHTTPError(http.StatusRequestEntityTooLarge,
		fmt.Sprintf("request body larger than the upload limit of %s: split the import into smaller files or raise the server's upload limit", formatBytes(s.cfg.MaxUploadBytes)))
}

// clientClosed reports whether err ended the request because its client
// closed the connection: err is a context cancellation and the context of
// the connection is done. net/http cancels that context when a read from
// the connection fails, which is how a closed connection shows while the
// handler runs. A request whose own deadline passed fails with
// context.DeadlineExceeded instead.
func clientClosed(c echo.Context, err error) bool {
	connection, ok := c.Get(contextKeyConnection).(context.Context)
	if !ok {
		connection = c.Request().Context()
	}
	return errors.Is(err, context.Canceled) && connection.Err() != nil
}

func requestID(c echo.Context) string {
	id, _ := c.Get(contextKeyRequestID).(string)
	return id
}

// formatBytes renders n in the largest binary unit that divides it, such
// as "64 MiB", or in bytes.
func formatBytes(n int64) string {
	units := []string{"GiB", "MiB", "KiB"}
	for i, unit := range units {
		size := int64(1) << (10 * (len(units) - i))
		if n >= size && n%size == 0 {
			return fmt.Sprintf("%d %s", n/size, unit)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

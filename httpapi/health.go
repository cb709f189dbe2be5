package httpapi

import (
	"context"
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
)

// openAPISpec is the OpenAPI 3.1 description of every route.
//
//go:embed openapi.json
var openAPISpec []byte

// OpenAPISpec returns a copy of the embedded OpenAPI document.
func OpenAPISpec() []byte { return append([]byte(nil), openAPISpec...) }

// Status is the body of the health probes.
type Status struct {
	Status string `json:"status"` // "ok" for liveness, "ready" for readiness
}

// healthz reports that the process serves HTTP. It checks no dependency,
// so an orchestrator restarts the process only when it hangs.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, Status{Status: "ok"})
}

// readyz pings the store with ReadinessTimeout and responds 200 when the
// ping succeeds, 503 when it fails or times out.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.cfg.ReadinessTimeout)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		return &graph.Error{Kind: graph.KindUnavailable, Message: "the graph store is not reachable: retry later", Err: err}
	}
	return c.JSON(http.StatusOK, Status{Status: "ready"})
}

func (s *Server) openAPIDocument(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openAPISpec)
}

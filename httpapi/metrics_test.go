package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

func TestMetricsCountRequestsByRoute(t *testing.T) {
	ts := newTestServer(t)
	ts.get("/api/v1/accounts")
	ts.get("/api/v1/accounts/acct-01/report")
	ts.get("/api/v1/accounts/nobody/report")
	ts.get("/no/such/path/12345")

	rec := ts.get("/metrics")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics: status %d", rec.Code)
	}
	body := rec.Body.String()
	for _, want := range []string{
		`kamgraph_http_requests_total{method="GET",route="/api/v1/accounts",status="200"} 1`,
		`kamgraph_http_requests_total{method="GET",route="/api/v1/accounts/:id/report",status="200"} 1`,
		`kamgraph_http_requests_total{method="GET",route="/api/v1/accounts/:id/report",status="404"} 1`,
		`kamgraph_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`kamgraph_analytics_duration_seconds_count{route="/api/v1/accounts/:id/report"} 1`,
		`kamgraph_http_request_duration_seconds_bucket`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, "12345") || strings.Contains(body, "nobody") {
		t.Error("metrics hold a request path or id, which would let clients grow the label set")
	}
}

func TestMetricsCountUnavailableStore(t *testing.T) {
	store := &failingStore{Store: memstore.New(), err: graph.Errorf(graph.KindUnavailable, "neo4j at bolt://127.0.0.1:1 is unreachable")}
	ts := newTestServerWith(t, httpapi.Config{Store: store})
	decodeProblem(t, ts.get("/api/v1/accounts"), http.StatusServiceUnavailable)

	body := ts.get("/metrics").Body.String()
	if want := `kamgraph_server_errors_total{kind="unavailable"} 1`; !strings.Contains(body, want) {
		t.Errorf("metrics lack %s", want)
	}
}

func TestMetricsCountImportRows(t *testing.T) {
	ts := newTestServerWith(t, httpapi.Config{Store: memstore.New()})
	ts.do(uploadRequest(t, "?dry_run=true", validUploads()...))
	if rec := ts.do(uploadRequest(t, "", validUploads()...)); rec.Code != http.StatusOK {
		t.Fatalf("import: status %d: %s", rec.Code, rec.Body.String())
	}

	body := ts.get("/metrics").Body.String()
	// validUploads has one account, three people and two relationships;
	// the dry run before it counts nothing.
	want := `kamgraph_import_rows_total{format="kamgraph",outcome="read"} 6`
	if !strings.Contains(body, want) {
		t.Errorf("metrics lack %s", want)
	}
	if want := `kamgraph_import_rows_total{format="kamgraph",outcome="rejected"} 0`; !strings.Contains(body, want) {
		t.Errorf("metrics lack %s", want)
	}
}

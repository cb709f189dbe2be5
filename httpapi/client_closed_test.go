package httpapi_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// requestLog returns the "http request" log record of the first request
// to path, waiting up to 10 s for it, because a server logs a request
// only after its handler returns.
func requestLog(t *testing.T, logs *syncBuffer, path string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, rec := range logs.records(t) {
			if rec["msg"] == "http request" && rec["path"] == path {
				return rec
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no request log for %s within 10 s:\n%s", path, logs.String())
	return nil
}

// wantClientClosedLog checks that rec logs a request whose client closed
// the connection.
func wantClientClosedLog(t *testing.T, rec map[string]any) {
	t.Helper()
	if rec["status"] != float64(499) {
		t.Errorf("status %v, want 499", rec["status"])
	}
	if rec["level"] != "WARN" {
		t.Errorf("level %v, want WARN", rec["level"])
	}
	if rec["client_closed"] != true {
		t.Errorf("client_closed %v, want true", rec["client_closed"])
	}
}

// wantClientClosedMetrics checks that the metrics text counts one request
// of method and route with status 499, none with 500, and no server error.
func wantClientClosedMetrics(t *testing.T, metrics, method, route string) {
	t.Helper()
	closed := fmt.Sprintf(`kamgraph_http_requests_total{method=%q,route=%q,status="499"} 1`, method, route)
	if !strings.Contains(metrics, closed) {
		t.Errorf("metrics lack %s", closed)
	}
	internal := fmt.Sprintf(`kamgraph_http_requests_total{method=%q,route=%q,status="500"}`, method, route)
	if strings.Contains(metrics, internal) {
		t.Errorf("metrics count the closed request as 500")
	}
	for line := range strings.SplitSeq(metrics, "\n") {
		if strings.HasPrefix(line, "kamgraph_server_errors_total{") {
			t.Errorf("metrics count a server error: %s", line)
		}
	}
}

func TestClientClosedLoggedAsWarning(t *testing.T) {
	ts := newTestServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/api/v1/accounts/acct-03/report", nil).WithContext(ctx)
	if rec := ts.do(req); rec.Code != 499 {
		t.Errorf("recorded status %d, want 499", rec.Code)
	}

	wantClientClosedLog(t, requestLog(t, ts.logs, "/api/v1/accounts/acct-03/report"))
	wantClientClosedMetrics(t, ts.get("/metrics").Body.String(), http.MethodGet, "/api/v1/accounts/:id/report")
}

// blockingImportStore is a memstore whose Import waits until its context
// is done, after it has closed started.
type blockingImportStore struct {
	*memstore.Store
	started chan struct{}
	once    sync.Once
}

func (s *blockingImportStore) Import(ctx context.Context, ds *graph.Dataset, opts graph.ImportOptions) (graph.ImportSummary, error) {
	s.once.Do(func() { close(s.started) })
	<-ctx.Done()
	return graph.ImportSummary{}, ctx.Err()
}

func TestClientClosedDuringImport(t *testing.T) {
	logs := &syncBuffer{}
	store := &blockingImportStore{Store: memstore.New(), started: make(chan struct{})}
	base := serveOnLoopback(t, httpapi.Config{Store: store, Logger: newJSONLogger(logs)})

	upload := uploadRequest(t, "", validUploads()...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/imports", upload.Body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", upload.Header.Get("Content-Type"))
	replied := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		replied <- err
	}()
	select {
	case <-store.started:
	case <-time.After(10 * time.Second):
		t.Fatal("the import did not reach the store within 10 s")
	}
	cancel()
	if err := <-replied; err == nil {
		t.Error("the canceled request got a reply")
	}

	wantClientClosedLog(t, requestLog(t, logs, "/api/v1/imports"))
	wantClientClosedMetrics(t, getMetrics(t, base), http.MethodPost, "/api/v1/imports")
}

// getMetrics returns the body of GET /metrics at base.
func getMetrics(t *testing.T, base string) string {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatalf("GET /metrics: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read metrics: %v", err)
	}
	return string(body)
}

// sendPartialUpload opens a connection to base and sends the headers of an
// import of 1 MB and the first part of its body. It returns the connection.
func sendPartialUpload(t *testing.T, base string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	body := "--b\r\nContent-Disposition: form-data; name=\"people.csv\"; filename=\"people.csv\"\r\n\r\nperson_id,name\n"
	fmt.Fprintf(conn, "POST /api/v1/imports HTTP/1.1\r\nHost: kamgraph\r\n"+
		"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\n\r\n%s", 1<<20, body)
	return conn
}

func TestClientClosedDuringUpload(t *testing.T) {
	logs := &syncBuffer{}
	base := serveOnLoopback(t, httpapi.Config{Store: memstore.New(), Logger: newJSONLogger(logs)})

	conn := sendPartialUpload(t, base)
	// Let the server start reading the body before the client leaves.
	time.Sleep(100 * time.Millisecond)
	conn.Close()

	wantClientClosedLog(t, requestLog(t, logs, "/api/v1/imports"))
	wantClientClosedMetrics(t, getMetrics(t, base), http.MethodPost, "/api/v1/imports")
}

func TestUploadReadTimeoutIsNotClientClosed(t *testing.T) {
	logs := &syncBuffer{}
	base := serveOnLoopback(t, httpapi.Config{Store: memstore.New(), Logger: newJSONLogger(logs),
		ReadTimeout: 200 * time.Millisecond})

	conn := sendPartialUpload(t, base)
	// The client keeps the connection open and sends nothing more.
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read the reply to a stalled upload: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("status %d, want 400", resp.StatusCode)
	}
	rec := requestLog(t, logs, "/api/v1/imports")
	if rec["status"] != float64(http.StatusBadRequest) {
		t.Errorf("logged status %v, want 400", rec["status"])
	}
	if _, ok := rec["client_closed"]; ok {
		t.Errorf("a read timeout is logged with client_closed: %v", rec)
	}
}

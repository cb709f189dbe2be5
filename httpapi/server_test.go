package httpapi_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

func TestNewRejectsBadConfig(t *testing.T) {
	cases := []struct {
		name string
		cfg  httpapi.Config
		want string
	}{
		{"missing store", httpapi.Config{}, "Store is nil"},
		{"negative upload limit", httpapi.Config{Store: memstore.New(), MaxUploadBytes: -1}, "MaxUploadBytes -1"},
		{"negative timeout", httpapi.Config{Store: memstore.New(), ShutdownTimeout: -time.Second}, "ShutdownTimeout -1s"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := httpapi.New(c.cfg)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("New error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestHealthz(t *testing.T) {
	ts := newTestServer(t)
	var body httpapi.Status
	decode(t, ts.get("/healthz"), http.StatusOK, &body)
	if body.Status != "ok" {
		t.Errorf("status %q, want ok", body.Status)
	}
}

func TestReadyz(t *testing.T) {
	ts := newTestServer(t)
	var body httpapi.Status
	decode(t, ts.get("/readyz"), http.StatusOK, &body)
	if body.Status != "ready" {
		t.Errorf("status %q, want ready", body.Status)
	}
}

func TestReadyzStoreDown(t *testing.T) {
	cause := &graph.Error{Kind: graph.KindUnavailable, Message: "neo4j: connect", Err: errors.New("dial tcp 127.0.0.1:7687: connection refused")}
	ts := newTestServerWith(t, httpapi.Config{Store: &failingStore{Store: memstore.New(), err: cause}})

	p := decodeProblem(t, ts.get("/readyz"), http.StatusServiceUnavailable)
	if strings.Contains(p.Detail, "connection refused") {
		t.Errorf("detail %q shows the cause", p.Detail)
	}
	if !strings.Contains(ts.logs.String(), "connection refused") {
		t.Error("log lacks the cause of the failed ping")
	}
}

func TestUnknownRouteIsProblem(t *testing.T) {
	ts := newTestServer(t)
	p := decodeProblem(t, ts.get("/api/v1/nope"), http.StatusNotFound)
	if p.Instance != "/api/v1/nope" {
		t.Errorf("instance %q, want /api/v1/nope", p.Instance)
	}
}

func TestMethodNotAllowedIsProblem(t *testing.T) {
	ts := newTestServer(t)
	rec := ts.do(httptest.NewRequest(http.MethodDelete, "/api/v1/accounts", nil))
	decodeProblem(t, rec, http.StatusMethodNotAllowed)
	if allow := rec.Header().Get("Allow"); !strings.Contains(allow, http.MethodGet) {
		t.Errorf("Allow header %q, want it to list GET", allow)
	}
}

func TestErrorKindsMapToStatus(t *testing.T) {
	cases := []struct {
		kind   graph.ErrorKind
		status int
	}{
		{graph.KindInvalid, http.StatusBadRequest},
		{graph.KindNotFound, http.StatusNotFound},
		{graph.KindConflict, http.StatusConflict},
		{graph.KindUnavailable, http.StatusServiceUnavailable},
		{graph.KindTooLarge, http.StatusRequestEntityTooLarge},
		{graph.KindInternal, http.StatusInternalServerError},
	}
	for _, c := range cases {
		t.Run(string(c.kind), func(t *testing.T) {
			err := fmt.Errorf("store: list accounts: %w", graph.Errorf(c.kind, "message for %s", c.kind))
			ts := newTestServerWith(t, httpapi.Config{Store: &failingStore{Store: memstore.New(), err: err}})
			p := decodeProblem(t, ts.get("/api/v1/accounts"), c.status)
			if c.kind != graph.KindInternal && p.Detail != "message for "+string(c.kind) {
				t.Errorf("detail %q, want the error's message", p.Detail)
			}
		})
	}
}

func TestInternalErrorHidesCause(t *testing.T) {
	err := errors.New("neo4j: run query: credentials for bolt://db rejected")
	ts := newTestServerWith(t, httpapi.Config{Store: &failingStore{Store: memstore.New(), err: err}})

	rec := ts.get("/api/v1/accounts")
	p := decodeProblem(t, rec, http.StatusInternalServerError)
	if strings.Contains(rec.Body.String(), "credentials") {
		t.Errorf("body %q shows the internal cause", rec.Body.String())
	}
	if !strings.Contains(p.Detail, "request id") {
		t.Errorf("detail %q, want a pointer to the request id", p.Detail)
	}

	var logged bool
	for _, r := range ts.logs.records(t) {
		if r["level"] == "ERROR" && r["request_id"] == p.RequestID && strings.Contains(fmt.Sprint(r["error"]), "credentials") {
			logged = true
		}
	}
	if !logged {
		t.Errorf("no ERROR record with request_id %s and the cause; logs:\n%s", p.RequestID, ts.logs.String())
	}
}

func TestPanicBecomesInternalError(t *testing.T) {
	store := &failingStore{Store: memstore.New(), err: errors.New("boom"), panic: true}
	ts := newTestServerWith(t, httpapi.Config{Store: store})

	p := decodeProblem(t, ts.get("/api/v1/accounts"), http.StatusInternalServerError)
	if strings.Contains(p.Detail, "boom") {
		t.Errorf("detail %q shows the panic value", p.Detail)
	}
	if !strings.Contains(ts.logs.String(), "handler panicked") {
		t.Errorf("log lacks the panic; logs:\n%s", ts.logs.String())
	}
}

func TestRequestIDKeptOrGenerated(t *testing.T) {
	ts := newTestServer(t)

	req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.Header.Set(httpapi.RequestIDHeader, "client-id-42")
	if got := ts.do(req).Header().Get(httpapi.RequestIDHeader); got != "client-id-42" {
		t.Errorf("request id %q, want the client's client-id-42", got)
	}

	req = httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.Header.Set(httpapi.RequestIDHeader, "bad id\nlevel=ERROR")
	got := ts.do(req).Header().Get(httpapi.RequestIDHeader)
	if got == "" || strings.ContainsAny(got, " \n=") {
		t.Errorf("request id %q, want a generated id replacing the malformed one", got)
	}

	first := ts.get("/healthz").Header().Get(httpapi.RequestIDHeader)
	second := ts.get("/healthz").Header().Get(httpapi.RequestIDHeader)
	if first == "" || first == second {
		t.Errorf("generated ids %q and %q, want two distinct ids", first, second)
	}
}

func TestRequestLogRecords(t *testing.T) {
	ts := newTestServer(t)
	ok := ts.get("/api/v1/accounts")
	missing := ts.get("/api/v1/accounts/nobody")

	want := map[string]struct {
		level  string
		status float64
	}{
		ok.Header().Get(httpapi.RequestIDHeader):      {"INFO", 200},
		missing.Header().Get(httpapi.RequestIDHeader): {"WARN", 404},
	}
	found := 0
	for _, r := range ts.logs.records(t) {
		w, ok := want[fmt.Sprint(r["request_id"])]
		if r["msg"] != "http request" || !ok {
			continue
		}
		found++
		if r["level"] != w.level {
			t.Errorf("request %v logged at %v, want %s", r["request_id"], r["level"], w.level)
		}
		if r["status"] != w.status {
			t.Errorf("request %v logged status %v, want %v", r["request_id"], r["status"], w.status)
		}
		for _, key := range []string{"method", "path", "duration"} {
			if _, has := r[key]; !has {
				t.Errorf("request record lacks %q: %v", key, r)
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d request records, want 2; logs:\n%s", found, ts.logs.String())
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	s, err := httpapi.New(httpapi.Config{Store: memstore.New(), Logger: newJSONLogger(logs)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz status %d, want 200", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve returned %v, want nil after a graceful shutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return within 10s of cancellation")
	}
	for _, msg := range []string{"http server started", "http server stopping", "http server stopped"} {
		if !strings.Contains(logs.String(), msg) {
			t.Errorf("log lacks %q; logs:\n%s", msg, logs.String())
		}
	}
}

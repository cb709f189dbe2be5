package httpapi_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// slowStore is a memstore whose Accounts waits for release, or for the
// end of the request's context, before it returns.
type slowStore struct {
	*memstore.Store
	entered chan struct{}
	release chan struct{}
}

func newSlowStore() *slowStore {
	return &slowStore{Store: memstore.New(), entered: make(chan struct{}, 16), release: make(chan struct{})}
}

func (s *slowStore) Accounts(ctx context.Context) ([]graph.Account, error) {
	s.entered <- struct{}{}
	select {
	case <-s.release:
		return s.Store.Accounts(ctx)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func TestRateLimitPerClient(t *testing.T) {
	ts := newTestServerWith(t, httpapi.Config{Store: memstore.New(), Limits: httpapi.Limits{RateLimit: 1, RateBurst: 3}})
	request := func(addr string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/accounts", nil)
		req.RemoteAddr = addr
		return ts.do(req)
	}

	for i := range 3 {
		if rec := request("192.0.2.1:1000"); rec.Code != http.StatusOK {
			t.Fatalf("request %d within the burst: status %d, want 200", i+1, rec.Code)
		}
	}
	rec := request("192.0.2.1:1001")
	p := decodeProblem(t, rec, http.StatusTooManyRequests)
	if !strings.Contains(p.Detail, "rate limit") {
		t.Errorf("detail %q does not name the rate limit", p.Detail)
	}
	retry, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	if err != nil || retry < 1 {
		t.Errorf("Retry-After %q, want a whole number of seconds of at least 1", rec.Header().Get("Retry-After"))
	}
	if rec := request("192.0.2.2:1000"); rec.Code != http.StatusOK {
		t.Errorf("another client: status %d, want 200", rec.Code)
	}
	req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.RemoteAddr = "192.0.2.1:1000"
	if rec := ts.do(req); rec.Code != http.StatusOK {
		t.Errorf("GET /healthz over the limit: status %d, want 200", rec.Code)
	}
}

func TestRateLimitIgnoresForwardedFor(t *testing.T) {
	ts := newTestServerWith(t, httpapi.Config{Store: memstore.New(), Limits: httpapi.Limits{RateLimit: 1, RateBurst: 1}})
	codes := []int{}
	for i := range 2 {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/accounts", nil)
		req.RemoteAddr = "192.0.2.9:1000"
		req.Header.Set("X-Forwarded-For", "198.51.100."+strconv.Itoa(i+1))
		codes = append(codes, ts.do(req).Code)
	}
	if codes[1] != http.StatusTooManyRequests {
		t.Errorf("second request with a new X-Forwarded-For: status %d, want 429", codes[1])
	}
}

func TestRateLimitOnFailedAuthentication(t *testing.T) {
	store := memstore.New()
	ts := newTestServerWith(t, httpapi.Config{Store: store, Auth: httpapi.AuthConfig{Enabled: true, AdminToken: strings.Repeat("a", 32)},
		Limits: httpapi.Limits{RateLimit: 1, RateBurst: 2}})
	codes := []int{}
	for range 3 {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/accounts", nil)
		req.Header.Set("Authorization", "Bearer kg_0000000000000000_guess")
		codes = append(codes, ts.do(req).Code)
	}
	want := []int{http.StatusUnauthorized, http.StatusUnauthorized, http.StatusTooManyRequests}
	for i := range want {
		if codes[i] != want[i] {
			t.Errorf("guess %d: status %d, want %d", i+1, codes[i], want[i])
		}
	}
}

func TestBodyLimit(t *testing.T) {
	ts := newTestServerWith(t, httpapi.Config{Store: memstore.New(), Limits: httpapi.Limits{MaxBodyBytes: 64}})
	body := `{"remove":["` + strings.Repeat("x", 100) + `"]}`
	req := httptest.NewRequest(http.MethodPost, "/api/v1/simulate", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	decodeProblem(t, ts.do(req), http.StatusRequestEntityTooLarge)

	req = httptest.NewRequest(http.MethodPost, "/api/v1/simulate", io.NopCloser(strings.NewReader(body)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	decodeProblem(t, ts.do(req), http.StatusRequestEntityTooLarge)
}

func TestRequestTimeoutIs503(t *testing.T) {
	store := newSlowStore()
	ts := newTestServerWith(t, httpapi.Config{Store: store, Limits: httpapi.Limits{RequestTimeout: 50 * time.Millisecond}})
	start := time.Now()
	p := decodeProblem(t, ts.get("/api/v1/accounts"), http.StatusServiceUnavailable)
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("request took %s, want about the 50ms timeout", elapsed)
	}
	if !strings.Contains(p.Detail, "ran past the server's time limit (--request-timeout") {
		t.Errorf("detail %q, want it to name the time limit that passed", p.Detail)
	}
}

func TestNewRejectsBadLimits(t *testing.T) {
	cases := map[string]httpapi.Limits{
		"RateLimit -1":      {RateLimit: -1},
		"RateBurst -1":      {RateBurst: -1},
		"MaxBodyBytes -1":   {MaxBodyBytes: -1},
		"RequestTimeout -1": {RequestTimeout: -time.Second},
		"ImportTimeout -1":  {ImportTimeout: -time.Second},
	}
	for name, limits := range cases {
		if _, err := httpapi.New(httpapi.Config{Store: memstore.New(), Limits: limits}); err == nil {
			t.Errorf("New with %s: nil error, want one", name)
		}
	}
}

func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	store := newSlowStore()
	s, err := httpapi.New(httpapi.Config{Store: store, ShutdownTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	status := make(chan int, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/api/v1/accounts")
		if err != nil {
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	<-store.entered
	cancel()
	time.Sleep(100 * time.Millisecond) // let Shutdown close the listener first
	close(store.release)

	if got := <-status; got != http.StatusOK {
		t.Errorf("request in flight during shutdown: status %d, want 200", got)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve returned %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return within 10s")
	}
}

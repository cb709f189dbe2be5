package httpapi_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

func TestHeadMatchesGet(t *testing.T) {
	ts := newTestServer(t)
	// GET /api/v1/portfolio is left out: its generated_at field carries
	// the time to the nanosecond, so two responses may differ in length.
	targets := []string{
		"/healthz",
		"/readyz",
		"/api/v1/openapi.json",
		"/api/v1/accounts",
		"/api/v1/accounts/acct-01",
		"/api/v1/accounts/acct-01/report",
		"/api/v1/accounts/nobody",                     // 404
		"/api/v1/accounts/acct-01/report?threshold=2", // 400
		"/api/v1/portfolio?format=csv",
		"/api/v1/alerts",
		"/api/v1/notes",
	}
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			get := ts.get(target)
			head := ts.do(httptest.NewRequest(http.MethodHead, target, nil))
			if head.Code != get.Code {
				t.Errorf("HEAD status %d, GET status %d", head.Code, get.Code)
			}
			if got, want := head.Header().Get("Content-Type"), get.Header().Get("Content-Type"); got != want {
				t.Errorf("HEAD Content-Type %q, GET Content-Type %q", got, want)
			}
			if got, want := head.Header().Get("Content-Length"), strconv.Itoa(get.Body.Len()); got != want {
				t.Errorf("HEAD Content-Length %q, want %s, the size of the GET body", got, want)
			}
			if head.Body.Len() != 0 {
				t.Errorf("HEAD body has %d bytes, want none", head.Body.Len())
			}
			if head.Header().Get("X-Request-ID") == "" {
				t.Error("HEAD response has no X-Request-ID")
			}
		})
	}
}

func TestHeadOnlyOnGetRoutes(t *testing.T) {
	ts := newTestServer(t)
	for _, target := range []string{"/api/v1/simulate", "/api/v1/imports", "/api/v1/portfolio/writeback"} {
		rec := ts.do(httptest.NewRequest(http.MethodHead, target, nil))
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("HEAD %s: status %d, want 405", target, rec.Code)
		}
		if rec.Body.Len() != 0 {
			t.Errorf("HEAD %s: body has %d bytes, want none", target, rec.Body.Len())
		}
	}
}

func TestHeadOverHTTP(t *testing.T) {
	ts := newTestServer(t)
	server := httptest.NewServer(ts.handler)
	defer server.Close()

	// The report is larger than the 2 KiB that net/http buffers, so GET
	// sends it chunked and only HEAD states its size.
	target := server.URL + "/api/v1/accounts/acct-01/report"
	get, err := http.Get(target)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(get.Body)
	get.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	head, err := http.Head(target)
	if err != nil {
		t.Fatal(err)
	}
	head.Body.Close()
	if head.StatusCode != http.StatusOK {
		t.Errorf("HEAD status %d, want 200", head.StatusCode)
	}
	if head.ContentLength != int64(len(body)) {
		t.Errorf("HEAD Content-Length %d, want %d, the size of the GET body", head.ContentLength, len(body))
	}
	if len(body) <= 2048 {
		t.Errorf("GET body of %d bytes does not exceed the 2 KiB buffer this test needs", len(body))
	}
}

package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestServeReportCacheFlags(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		disabled bool
	}{
		{"default", nil, false},
		{"off", []string{"--report-cache=false"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := startServe(t, nil, append([]string{"--demo"}, tc.args...)...)
			for range 2 {
				resp, err := http.Get(s.baseURL + "/api/v1/accounts/acct-02/report")
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("report status %d, want 200", resp.StatusCode)
				}
			}
			resp, err := http.Get(s.baseURL + "/metrics")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			want := "kamgraph_report_cache_hits_total 1"
			if tc.disabled {
				want = "kamgraph_report_cache_hits_total 0"
			}
			if !strings.Contains(string(body), want) {
				t.Errorf("metrics lack %q", want)
			}
		})
	}
}

func TestServeReportCacheInvalidEntries(t *testing.T) {
	var stdout, stderr syncBuffer
	code := runWithEnv(t, context.Background(), nil, &stdout, &stderr,
		"serve", "--addr", "127.0.0.1:0", "--report-cache-entries", "0")
	if code != exitUsage {
		t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitUsage, stderr.String())
	}
	if !strings.Contains(stderr.String(), "invalid --report-cache-entries 0") {
		t.Errorf("stderr does not name the bad value:\n%s", stderr.String())
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/httpapi"
)

// startTimeout caps how long a test waits for the server to listen or
// stop.
const startTimeout = 20 * time.Second

// runningServer is a kamgraph serve started in-process.
type runningServer struct {
	baseURL string
	stderr  *syncBuffer
	cancel  context.CancelFunc
	exit    chan int
}

// startServe runs "kamgraph serve --addr 127.0.0.1:0 --log-format json
// ARGS..." in a goroutine and waits for its listening address in the log.
func startServe(t *testing.T, env map[string]string, args ...string) *runningServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &runningServer{stderr: &syncBuffer{}, cancel: cancel, exit: make(chan int, 1)}
	args = append([]string{"serve", "--addr", "127.0.0.1:0", "--log-format", "json"}, args...)
	go func() { s.exit <- runWithEnv(t, ctx, env, &syncBuffer{}, s.stderr, args...) }()
	t.Cleanup(func() { s.stop(t) })

	deadline := time.Now().Add(startTimeout)
	for time.Now().Before(deadline) {
		if addr := listeningAddr(s.stderr.String()); addr != "" {
			s.baseURL = "http://" + addr
			return s
		}
		select {
		case code := <-s.exit:
			s.exit <- code
			t.Fatalf("serve exited with status %d before listening; stderr:\n%s", code, s.stderr)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not log its address within %s; stderr:\n%s", startTimeout, s.stderr)
	return nil
}

// listeningAddr returns the addr of the "http server started" record.
func listeningAddr(logs string) string {
	for line := range strings.SplitSeq(logs, "\n") {
		var rec struct {
			Msg  string `json:"msg"`
			Addr string `json:"addr"`
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "http server started" {
			return rec.Addr
		}
	}
	return ""
}

// stop cancels the server's context and returns its exit status.
func (s *runningServer) stop(t *testing.T) int {
	t.Helper()
	s.cancel()
	select {
	case code := <-s.exit:
		s.exit <- code
		return code
	case <-time.After(startTimeout):
		t.Fatalf("serve did not stop within %s; stderr:\n%s", startTimeout, s.stderr)
		return -1
	}
}

// getJSON fetches path from the server and decodes the body into v.
func (s *runningServer) getJSON(t *testing.T, path string, wantStatus int, v any) {
	t.Helper()
	resp, err := http.Get(s.baseURL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", path, err)
	}
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s: status %d, want %d; body %s", path, resp.StatusCode, wantStatus, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: decode %s: %v", path, body, err)
	}
}

func TestServeDemo(t *testing.T) {
	s := startServe(t, nil, "--demo", "--demo-seed", "3")

	var health httpapi.Status
	s.getJSON(t, "/healthz", http.StatusOK, &health)
	s.getJSON(t, "/readyz", http.StatusOK, &health)

	var list httpapi.AccountList
	s.getJSON(t, "/api/v1/accounts", http.StatusOK, &list)
	if len(list.Accounts) != demo.AccountCount {
		t.Errorf("%d accounts, want %d", len(list.Accounts), demo.AccountCount)
	}

	var report analytics.Report
	s.getJSON(t, "/api/v1/accounts/"+demo.SingleThreadedAccountID+"/report?threshold=0.3", http.StatusOK, &report)
	if report.BusFactor == nil || *report.BusFactor != 1 {
		t.Errorf("single-threaded bus factor %v, want 1", report.BusFactor)
	}
	var problem httpapi.Problem
	s.getJSON(t, "/api/v1/accounts/"+demo.SingleThreadedAccountID+"/report?threshold=7", http.StatusBadRequest, &problem)

	if code := s.stop(t); code != exitOK {
		t.Errorf("exit status %d after cancellation, want 0", code)
	}
	logs := s.stderr.String()
	for _, want := range []string{`"msg":"kamgraph starting"`, `"msg":"demo portfolio loaded"`, `"seed":3`,
		`"msg":"http request"`, `"level":"WARN"`, `"msg":"http server stopped"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %s:\n%s", want, logs)
		}
	}
}

func TestServeDataFolder(t *testing.T) {
	s := startServe(t, nil, "--data", "testdata/valid")

	var ag graph.AccountGraph
	s.getJSON(t, "/api/v1/accounts/globex", http.StatusOK, &ag)
	if ag.Account.Name != "Globex Corporation" {
		t.Errorf("account name %q, want Globex Corporation", ag.Account.Name)
	}
	if !strings.Contains(s.stderr.String(), `"msg":"data folder imported"`) {
		t.Errorf("log lacks the import:\n%s", s.stderr)
	}
}

func TestServeEnvironment(t *testing.T) {
	env := map[string]string{"KAMGRAPH_DEMO": "true", "KAMGRAPH_MAX_UPLOAD_SIZE": "1KiB"}
	s := startServe(t, env)

	var list httpapi.AccountList
	s.getJSON(t, "/api/v1/accounts", http.StatusOK, &list)
	if len(list.Accounts) != demo.AccountCount {
		t.Errorf("%d accounts with KAMGRAPH_DEMO=true, want %d", len(list.Accounts), demo.AccountCount)
	}

	body := strings.NewReader(strings.Repeat("x", 2048))
	resp, err := http.Post(s.baseURL+"/api/v1/imports", "multipart/form-data; boundary=x", body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 KiB upload status %d with KAMGRAPH_MAX_UPLOAD_SIZE=1KiB, want 413", resp.StatusCode)
	}
}

func TestServeStopsOnSIGTERM(t *testing.T) {
	s := startServe(t, nil)
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-s.exit:
		s.exit <- code
		if code != exitOK {
			t.Errorf("exit status %d after SIGTERM, want 0", code)
		}
	case <-time.After(startTimeout):
		t.Fatalf("serve did not stop within %s of SIGTERM", startTimeout)
	}
}

func TestServeInvalidDataFolder(t *testing.T) {
	var stdout, stderr syncBuffer
	code := runWithEnv(t, context.Background(), nil, &stdout, &stderr,
		"serve", "--addr", "127.0.0.1:0", "--data", "testdata/invalid")
	if code != exitFailure {
		t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitFailure, stderr.String())
	}
	for _, want := range []string{"people.csv:3: column seniority: ", "import rejected with "} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}

func TestServeNeo4jUnreachable(t *testing.T) {
	var stdout, stderr syncBuffer
	code := runWithEnv(t, context.Background(), map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}, &stdout, &stderr,
		"serve", "--addr", "127.0.0.1:0")
	if code != exitFailure {
		t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitFailure, stderr.String())
	}
	if !strings.Contains(stderr.String(), "127.0.0.1:1") {
		t.Errorf("stderr does not name the Neo4j server:\n%s", stderr.String())
	}
}

func TestServeAddressInUse(t *testing.T) {
	s := startServe(t, nil)
	addr := strings.TrimPrefix(s.baseURL, "http://")

	var stdout, stderr syncBuffer
	code := runWithEnv(t, context.Background(), nil, &stdout, &stderr, "serve", "--addr", addr)
	if code != exitFailure {
		t.Fatalf("exit status %d, want %d", code, exitFailure)
	}
	if want := fmt.Sprintf("listen on %s", addr); !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
	}
}

package neo4jstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/httpapi"
)

// Environment and bounds of TestAPISurvivesNeo4jOutage. It runs only with
// KAMGRAPH_FAULT_TEST=1, like TestImportSurvivesNeo4jKill, and uses a port
// of its own so that both can run in one go test invocation.
const (
	envOutagePort = "KAMGRAPH_OUTAGE_NEO4J_PORT" // Bolt port of the test's own Neo4j, default 7706

	// outageClientTimeout bounds every HTTP request, so that a request the
	// server never responds to fails the test instead of hanging it.
	outageClientTimeout = 20 * time.Second
	// outageReadyWithin is how soon after the stop /readyz must return 503.
	outageReadyWithin = 5 * time.Second
	// outageRecoveryTimeout bounds the wait for /readyz to return 200 after
	// Neo4j starts again.
	outageRecoveryTimeout = 90 * time.Second
)

// TestAPISurvivesNeo4jOutage stops the API's Neo4j, checks that the API
// returns 503 problems promptly instead of hanging, starts Neo4j again on
// the same data folder and checks that the API recovers without losing
// data that it had acknowledged.
func TestAPISurvivesNeo4jOutage(t *testing.T) {
	n := startOwnNeo4j(t, "outage test, which starts and stops its own Neo4j", envOutagePort, "7706")
	root, port, dataDir, uri := n.root, n.port, n.dataDir, n.uri

	store := openFaultStore(t, uri)
	if _, err := store.Import(context.Background(), demo.Generate(1), graph.ImportOptions{}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	api, err := httpapi.New(httpapi.Config{Store: store, ReadinessTimeout: time.Second})
	if err != nil {
		t.Fatalf("httpapi.New: %v", err)
	}
	server := httptest.NewServer(api.Handler())
	t.Cleanup(server.Close)
	client := &http.Client{Timeout: outageClientTimeout}

	accountsPath := "/api/v1/accounts"
	reportPath := "/api/v1/accounts/" + demo.MultiThreadedAccountID + "/report"
	if status, body := getPath(t, client, server.URL+"/readyz"); status != http.StatusOK {
		t.Fatalf("GET /readyz before the outage: status %d, want 200; body: %s", status, body)
	}
	accountsBefore := getOK(t, client, server.URL+accountsPath)
	reportBefore := getOK(t, client, server.URL+reportPath)

	stopped := time.Now()
	runNeo4jLocal(t, root, port, dataDir, "stop")
	t.Logf("Neo4j stopped in %s", time.Since(stopped).Round(time.Millisecond))

	outageStart := time.Now()
	status, body := getPath(t, client, server.URL+"/readyz")
	readyzElapsed := time.Since(outageStart)
	if status != http.StatusServiceUnavailable {
		t.Errorf("GET /readyz during the outage: status %d, want 503; body: %s", status, body)
	}
	if readyzElapsed > outageReadyWithin {
		t.Errorf("GET /readyz during the outage took %s, want at most %s", readyzElapsed, outageReadyWithin)
	}
	t.Logf("GET /readyz during the outage: %d after %s", status, readyzElapsed.Round(time.Millisecond))

	reportStart := time.Now()
	status, body = getPath(t, client, server.URL+reportPath)
	reportElapsed := time.Since(reportStart)
	if status != http.StatusServiceUnavailable {
		t.Errorf("GET %s during the outage: status %d, want 503; body: %s", reportPath, status, body)
	}
	var problem httpapi.Problem
	if err := json.Unmarshal(body, &problem); err != nil {
		t.Errorf("GET %s during the outage: body %q is not a problem document: %v", reportPath, body, err)
	} else if problem.Status != http.StatusServiceUnavailable {
		t.Errorf("GET %s during the outage: problem status %d, want 503", reportPath, problem.Status)
	}
	t.Logf("GET %s during the outage: %d after %s", reportPath, status, reportElapsed.Round(time.Millisecond))

	restarted := time.Now()
	startLocalNeo4j(t, root, port, dataDir)
	t.Logf("Neo4j started again in %s", time.Since(restarted).Round(time.Millisecond))

	recovery := time.Now()
	deadline := recovery.Add(outageRecoveryTimeout)
	for {
		status, body = getPath(t, client, server.URL+"/readyz")
		if status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET /readyz still returns %d %s after the restart, %s of polling", status, body, outageRecoveryTimeout)
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Logf("GET /readyz returned 200 %s after Neo4j was ready again", time.Since(recovery).Round(time.Millisecond))

	if accountsAfter := getOK(t, client, server.URL+accountsPath); !bytes.Equal(accountsAfter, accountsBefore) {
		t.Errorf("GET %s after the outage differs from before it:\nbefore: %s\nafter:  %s", accountsPath, accountsBefore, accountsAfter)
	}
	if reportAfter := getOK(t, client, server.URL+reportPath); !bytes.Equal(reportAfter, reportBefore) {
		t.Errorf("GET %s after the outage differs from before it:\nbefore: %s\nafter:  %s", reportPath, reportBefore, reportAfter)
	}
}

// getPath sends GET url and returns the status and body. A transport
// error, such as the client timeout, fails the test.
func getPath(t *testing.T, client *http.Client, url string) (int, []byte) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", url, err)
	}
	return resp.StatusCode, body
}

// getOK sends GET url, fails the test unless it returns 200, and returns
// the body.
func getOK(t *testing.T, client *http.Client, url string) []byte {
	t.Helper()
	status, body := getPath(t, client, url)
	if status != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200; body: %s", url, status, body)
	}
	return body
}

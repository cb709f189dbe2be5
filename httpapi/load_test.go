package httpapi_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// Bounds of TestLoadMixedReadsAndImports.
const (
	envLoadDuration     = "KAMGRAPH_LOAD_DURATION" // how long the workers send requests, default 3s
	loadDefaultDuration = 3 * time.Second
	loadWorkers         = 8
	// loadMaxRequestsPerWorker caps each worker's loop independently of
	// the duration.
	loadMaxRequestsPerWorker = 50000
	loadClientTimeout        = 10 * time.Second
)

// loadResult is what one request of the load test returned.
type loadResult struct {
	status  int
	latency time.Duration
	// imported is the id prefix of the two people an import request
	// created, empty for reads.
	imported string
}

// TestLoadMixedReadsAndImports runs concurrent report, account list and
// import requests against a server over the demo portfolio for a fixed
// duration. It checks that no request failed with 5xx and that the store
// then contains exactly the demo plus every import that returned 200.
func TestLoadMixedReadsAndImports(t *testing.T) {
	duration := loadDefaultDuration
	if value := os.Getenv(envLoadDuration); value != "" {
		parsed, err := time.ParseDuration(value)
		if err != nil || parsed <= 0 {
			t.Fatalf("invalid %s %q: use a positive duration such as 3s", envLoadDuration, value)
		}
		duration = parsed
	}

	store := memstore.New()
	demoData := demo.Generate(demoSeed)
	if _, err := store.Import(context.Background(), demoData, graph.ImportOptions{}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	demoExport, err := store.Export(context.Background())
	if err != nil {
		t.Fatalf("export demo: %v", err)
	}
	api, err := httpapi.New(httpapi.Config{Store: store})
	if err != nil {
		t.Fatalf("httpapi.New: %v", err)
	}
	server := httptest.NewServer(api.Handler())
	t.Cleanup(server.Close)
	client := &http.Client{
		Timeout:   loadClientTimeout,
		Transport: &http.Transport{MaxIdleConnsPerHost: loadWorkers},
	}
	t.Cleanup(client.CloseIdleConnections)

	accountIDs := make([]string, len(demoData.Accounts))
	for i, a := range demoData.Accounts {
		accountIDs[i] = a.ID
	}

	results := make([][]loadResult, loadWorkers)
	stop := time.Now().Add(duration)
	var wg sync.WaitGroup
	for worker := range loadWorkers {
		wg.Go(func() {
			for i := 0; i < loadMaxRequestsPerWorker && time.Now().Before(stop); i++ {
				account := accountIDs[(worker+i)%len(accountIDs)]
				result, err := sendLoadRequest(client, server.URL, worker, i, account)
				if err != nil {
					t.Errorf("worker %d, request %d: %v", worker, i, err)
					return
				}
				results[worker] = append(results[worker], result)
			}
		})
	}
	wg.Wait()

	statuses := map[int]int{}
	var latencies []time.Duration
	var importedPrefixes []string
	for _, workerResults := range results {
		for _, r := range workerResults {
			statuses[r.status]++
			latencies = append(latencies, r.latency)
			if r.imported != "" && r.status == http.StatusOK {
				importedPrefixes = append(importedPrefixes, r.imported)
			}
		}
	}
	if len(latencies) == 0 {
		t.Fatal("no request completed")
	}
	slices.Sort(latencies)
	p99 := latencies[(len(latencies)*99+99)/100-1]
	t.Logf("%d workers for %s: %d requests, %.0f requests/s, p50 %s, p99 %s, max %s, statuses %v, imports applied %d",
		loadWorkers, duration, len(latencies), float64(len(latencies))/duration.Seconds(),
		latencies[len(latencies)/2], p99, latencies[len(latencies)-1], statuses, len(importedPrefixes))

	for status, count := range statuses {
		if status >= 500 {
			t.Errorf("%d requests returned status %d, want no 5xx", count, status)
		}
		if status != http.StatusOK {
			t.Errorf("%d requests returned status %d, want 200 with no rate limit configured", count, status)
		}
	}
	checkLoadExport(t, store, demoExport, importedPrefixes)
}

// sendLoadRequest sends request i of worker: an import every fourth
// request, a report every other one, and the account list otherwise.
func sendLoadRequest(client *http.Client, baseURL string, worker, i int, account string) (loadResult, error) {
	var req *http.Request
	var err error
	result := loadResult{}
	switch i % 4 {
	case 0:
		result.imported = fmt.Sprintf("load-w%d-r%d", worker, i)
		req, err = loadImportRequest(baseURL, result.imported, account)
	case 1, 3:
		req, err = http.NewRequest(http.MethodGet, baseURL+"/api/v1/accounts/"+account+"/report", nil)
	default:
		req, err = http.NewRequest(http.MethodGet, baseURL+"/api/v1/accounts", nil)
	}
	if err != nil {
		return result, err
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return result, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	result.latency = time.Since(start)
	result.status = resp.StatusCode
	if err != nil {
		return result, fmt.Errorf("%s %s: read body: %w", req.Method, req.URL.Path, err)
	}
	return result, nil
}

// loadImportRequest returns a POST /api/v1/imports request that adds two
// customer people of account, prefix-a and prefix-b, and a relationship
// between them.
func loadImportRequest(baseURL, prefix, account string) (*http.Request, error) {
	people := "person_id,name,side,account_id,title,function\n" +
		prefix + "-a,Load Person A,customer," + account + ",Buyer,Procurement\n" +
		prefix + "-b,Load Person B,customer," + account + ",Engineer,IT\n"
	relationships := "person_a,person_b,strength,type\n" +
		prefix + "-a," + prefix + "-b,0.5,colleague\n"

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, file := range []struct{ name, content string }{
		{"people.csv", people},
		{"relationships.csv", relationships},
	} {
		part, err := w.CreateFormFile(file.name, file.name)
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(part, file.content); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, baseURL+"/api/v1/imports", &body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	return req, nil
}

// checkLoadExport checks that the store contains the demo records
// unchanged plus the two people and one relationship of every applied
// import, and nothing else.
func checkLoadExport(t *testing.T, store graph.Store, demoExport *graph.Dataset, importedPrefixes []string) {
	t.Helper()
	export, err := store.Export(context.Background())
	if err != nil {
		t.Fatalf("export after the load: %v", err)
	}
	if !reflect.DeepEqual(export.Accounts, demoExport.Accounts) {
		t.Errorf("after the load the store has %d accounts that differ from the %d demo accounts", len(export.Accounts), len(demoExport.Accounts))
	}

	wantPeople := map[string]bool{}
	for _, p := range demoExport.People {
		wantPeople[p.ID] = true
	}
	wantRelationships := map[[2]string]bool{}
	for _, r := range demoExport.Relationships {
		wantRelationships[[2]string{r.PersonA, r.PersonB}] = true
	}
	for _, prefix := range importedPrefixes {
		wantPeople[prefix+"-a"] = true
		wantPeople[prefix+"-b"] = true
		wantRelationships[[2]string{prefix + "-a", prefix + "-b"}] = true
	}

	gotPeople := map[string]bool{}
	for _, p := range export.People {
		gotPeople[p.ID] = true
	}
	gotRelationships := map[[2]string]bool{}
	for _, r := range export.Relationships {
		gotRelationships[[2]string{r.PersonA, r.PersonB}] = true
	}
	if len(export.People) != len(wantPeople) {
		t.Errorf("after the load the store has %d people, want %d (demo plus 2 per applied import)", len(export.People), len(wantPeople))
	}
	for id := range wantPeople {
		if !gotPeople[id] {
			t.Errorf("person %s is missing after the load", id)
		}
	}
	for id := range gotPeople {
		if !wantPeople[id] {
			t.Errorf("person %s is stored but no applied import or the demo contains it", id)
		}
	}
	if len(export.Relationships) != len(wantRelationships) {
		t.Errorf("after the load the store has %d relationships, want %d (demo plus 1 per applied import)", len(export.Relationships), len(wantRelationships))
	}
	for pair := range wantRelationships {
		if !gotRelationships[pair] {
			t.Errorf("relationship %s-%s is missing after the load", pair[0], pair[1])
		}
	}
	for pair := range gotRelationships {
		if !wantRelationships[pair] {
			t.Errorf("relationship %s-%s is stored but no applied import or the demo contains it", pair[0], pair[1])
		}
	}
}

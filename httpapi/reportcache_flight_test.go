package httpapi_test

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// gatedStore is a memstore that counts AccountGraph calls. The first call
// reads the graph, closes entered and returns only when release is closed,
// so that a write made in between is missing from its result.
type gatedStore struct {
	*memstore.Store
	calls   atomic.Int32
	entered chan struct{}
	release chan struct{}
}

func newGatedStore() *gatedStore {
	return &gatedStore{Store: memstore.New(), entered: make(chan struct{}), release: make(chan struct{})}
}

func (s *gatedStore) AccountGraph(ctx context.Context, id string) (*graph.AccountGraph, error) {
	g, err := s.Store.AccountGraph(ctx, id)
	if s.calls.Add(1) == 1 {
		close(s.entered)
		<-s.release
	}
	return g, err
}

// newGatedFixture returns a server with the report cache over a gated
// store containing Globex, and a server without the cache over the same data.
func newGatedFixture(t *testing.T) (store *gatedStore, cached, uncached *testServer) {
	t.Helper()
	store = newGatedStore()
	cached = newTestServerWith(t, httpapi.Config{Store: store})
	uncached = newTestServerWith(t, httpapi.Config{Store: store.Store, ReportCache: httpapi.ReportCacheConfig{Disabled: true}})
	if rec := cached.do(uploadRequest(t, "", validUploads()...)); rec.Code != http.StatusOK {
		t.Fatalf("import: status %d, body %s", rec.Code, rec.Body.String())
	}
	return store, cached, uncached
}

func TestReportMissesShareComputation(t *testing.T) {
	store, cached, uncached := newGatedFixture(t)

	const requests = 6
	bodies := make([][]byte, requests)
	var wg sync.WaitGroup
	for i := range requests {
		wg.Go(func() {
			rec := cached.get(globexReport)
			if rec.Code != http.StatusOK {
				t.Errorf("request %d: status %d, body %s", i, rec.Code, rec.Body.String())
			}
			bodies[i] = rec.Body.Bytes()
		})
		if i == 0 {
			<-store.entered
		}
	}
	// The other requests find the first computation running and wait.
	time.Sleep(100 * time.Millisecond)
	close(store.release)
	wg.Wait()

	if got := store.calls.Load(); got != 1 {
		t.Errorf("AccountGraph called %d times for %d concurrent requests, want 1", got, requests)
	}
	want := uncached.get(globexReport).Body.Bytes()
	for i, body := range bodies {
		if !bytes.Equal(body, want) {
			t.Errorf("request %d: body differs from a fresh computation:\n got %s\nwant %s", i, body, want)
		}
	}
	if got := metricValue(t, cached, "kamgraph_report_computations_shared_total"); got < 1 {
		t.Errorf("kamgraph_report_computations_shared_total = %v, want at least 1", got)
	}
}

func TestReportMissAfterWriteComputesAgain(t *testing.T) {
	store, cached, uncached := newGatedFixture(t)

	first := make(chan []byte)
	go func() { first <- cached.get(globexReport).Body.Bytes() }()
	<-store.entered

	// A write commits while the first computation holds the graph it read
	// before the write: the second thread to g-cfo.
	second := graph.Relationship{PersonA: "v-ann", PersonB: "g-cfo", Strength: 0.5}
	if _, err := store.Import(context.Background(), &graph.Dataset{Relationships: []graph.Relationship{second}},
		graph.ImportOptions{}); err != nil {
		t.Fatalf("Import: %v", err)
	}
	later := make(chan []byte)
	go func() { later <- cached.get(globexReport).Body.Bytes() }()
	time.Sleep(100 * time.Millisecond)
	close(store.release)

	got := <-later
	<-first
	if want := uncached.get(globexReport).Body.Bytes(); !bytes.Equal(got, want) {
		t.Errorf("request after the write got a report without it:\n got %s\nwant %s", got, want)
	}
	if calls := store.calls.Load(); calls != 2 {
		t.Errorf("AccountGraph called %d times, want 2: the request after the write computes its own report", calls)
	}
}

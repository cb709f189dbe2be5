package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

// slowImportStore is a memstore whose Import waits for delay first, as a
// large import into Neo4j does. It stops waiting when ctx is done.
type slowImportStore struct {
	*memstore.Store
	delay time.Duration
}

func (s slowImportStore) Import(ctx context.Context, ds *graph.Dataset, opts graph.ImportOptions) (graph.ImportSummary, error) {
	select {
	case <-time.After(s.delay):
	case <-ctx.Done():
		return graph.ImportSummary{}, ctx.Err()
	}
	return s.Store.Import(ctx, ds, opts)
}

// serveOnLoopback runs a server for cfg on a free loopback port until the
// test ends and returns its base URL.
func serveOnLoopback(t *testing.T, cfg httpapi.Config) string {
	t.Helper()
	s, err := httpapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// postUpload sends the valid test upload to POST /api/v1/imports at base.
func postUpload(t *testing.T, base string) (*http.Response, []byte) {
	t.Helper()
	upload := uploadRequest(t, "", validUploads()...)
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/imports", upload.Body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", upload.Header.Get("Content-Type"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /api/v1/imports: %v: the client got no reply", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read import reply: %v", err)
	}
	return resp, body
}

func TestImportOutlastsWriteTimeout(t *testing.T) {
	store := slowImportStore{Store: memstore.New(), delay: 600 * time.Millisecond}
	base := serveOnLoopback(t, httpapi.Config{Store: store, WriteTimeout: 150 * time.Millisecond})

	resp, body := postUpload(t, base)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200; body %s", resp.StatusCode, body)
	}
	var summary graph.ImportSummary
	if err := json.Unmarshal(body, &summary); err != nil {
		t.Fatalf("import summary is not JSON: %v; body %s", err, body)
	}
	// The upload holds 1 account, 3 people and 2 relationships.
	want := graph.ImportSummary{
		Accounts:      graph.Counts{Created: 1},
		People:        graph.Counts{Created: 3},
		Relationships: graph.Counts{Created: 2},
	}
	if summary != want {
		t.Errorf("summary %+v, want %+v", summary, want)
	}
	if _, err := store.Account(context.Background(), "globex"); err != nil {
		t.Errorf("account globex after the import: %v", err)
	}
}

func TestImportTimeoutReturns503(t *testing.T) {
	store := slowImportStore{Store: memstore.New(), delay: time.Minute}
	base := serveOnLoopback(t, httpapi.Config{
		Store:        store,
		WriteTimeout: 100 * time.Millisecond,
		Limits:       httpapi.Limits{ImportTimeout: 300 * time.Millisecond},
	})

	start := time.Now()
	resp, body := postUpload(t, base)
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503; body %s", resp.StatusCode, body)
	}
	if elapsed := time.Since(start); elapsed > 30*time.Second {
		t.Errorf("the reply took %s, want it soon after the import timeout of 300ms", elapsed)
	}
	if _, err := store.Account(context.Background(), "globex"); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("account globex after a timed-out import: error %v, want not found", err)
	}
}

package httpapi

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// counterStore is a HistoryStore whose Version returns counter after a
// short pause, standing in for a query's round trip, and counts calls.
type counterStore struct {
	graph.HistoryStore
	counter atomic.Uint64
	calls   atomic.Int64
}

func (s *counterStore) Version(ctx context.Context) (uint64, error) {
	s.calls.Add(1)
	v := s.counter.Load()
	time.Sleep(200 * time.Microsecond)
	return v, nil
}

// TestVersionReaderNeverReturnsOlderValue checks the property the report
// cache relies on: a read returns a counter at least as new as the one
// stored when the read began, while writers bump the counter throughout.
func TestVersionReaderNeverReturnsOlderValue(t *testing.T) {
	store := &counterStore{}
	reader := &versionReader{store: store, timeout: time.Minute}
	ctx := context.Background()

	stop := make(chan struct{})
	var writer sync.WaitGroup
	writer.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
				store.counter.Add(1)
				time.Sleep(50 * time.Microsecond)
			}
		}
	})

	const readers, readsEach = 16, 200
	var wg sync.WaitGroup
	for range readers {
		wg.Go(func() {
			for range readsEach {
				before := store.counter.Load()
				got, err := reader.read(ctx)
				if err != nil {
					t.Errorf("read: %v", err)
					return
				}
				if got < before {
					t.Errorf("read returned %d, older than the %d stored before the call", got, before)
					return
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	writer.Wait()

	if calls := store.calls.Load(); calls >= readers*readsEach {
		t.Errorf("Version called %d times for %d reads, want fewer: concurrent reads were not shared", calls, readers*readsEach)
	}
}

func TestVersionReaderWaiterCancelled(t *testing.T) {
	store := &counterStore{}
	reader := &versionReader{store: store, timeout: time.Minute}
	reader.running = true // a read in flight that never finishes

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := reader.read(ctx); err != context.Canceled {
		t.Errorf("read with a cancelled context = %v, want context.Canceled", err)
	}
}

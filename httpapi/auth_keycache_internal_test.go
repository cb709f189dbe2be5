package httpapi

import (
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

func TestKeyCachePutAfterDropDiscarded(t *testing.T) {
	c := newKeyCache(time.Second, 10, func() {})
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	key := graph.APIKey{ID: "00000000000000aa"}

	// A read begins, the key is deleted through the API, then the read
	// returns the key as it was before the delete.
	generation := c.begin()
	c.drop(key.ID)
	c.put(key, start, generation)
	if _, ok := c.get(key.ID, start); ok {
		t.Error("a key read before a drop was cached after it")
	}

	c.put(key, start, c.begin())
	if _, ok := c.get(key.ID, start); !ok {
		t.Error("a key read after the drop was not cached")
	}
}

func TestKeyCacheEvictsStaleFirst(t *testing.T) {
	evictions := 0
	c := newKeyCache(time.Second, 2, func() { evictions++ })
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	c.put(graph.APIKey{ID: "stale"}, start, c.begin())
	c.put(graph.APIKey{ID: "fresh"}, start.Add(500*time.Millisecond), c.begin())

	later := start.Add(1200 * time.Millisecond)
	c.put(graph.APIKey{ID: "new"}, later, c.begin())
	if got := c.len(); got != 2 {
		t.Errorf("cache holds %d keys, want the cap of 2", got)
	}
	if _, ok := c.get("fresh", later); !ok {
		t.Error("the fresh key was evicted while a stale one was there")
	}
	if _, ok := c.get("new", later); !ok {
		t.Error("the new key was not cached")
	}
	if evictions != 1 {
		t.Errorf("%d evictions after the stale key was removed, want 1", evictions)
	}

	c.put(graph.APIKey{ID: "newest"}, later, c.begin())
	if got := c.len(); got != 2 {
		t.Errorf("cache holds %d keys after a put into a full cache of fresh keys, want 2", got)
	}
	if evictions != 2 {
		t.Errorf("%d evictions after a put into a full cache of fresh keys, want 2", evictions)
	}
}

func TestKeyCacheClockStepBack(t *testing.T) {
	c := newKeyCache(time.Second, 10, func() {})
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	c.put(graph.APIKey{ID: "k"}, start, c.begin())
	if _, ok := c.get("k", start.Add(-time.Hour)); ok {
		t.Error("a key read in the future of the clock was used")
	}
}

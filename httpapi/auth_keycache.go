package httpapi

import (
	"sync"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// DefaultKeyCacheTTL is the default of kamgraph serve's --key-cache-ttl,
// which sets AuthConfig.KeyCacheTTL.
const DefaultKeyCacheTTL = time.Second

// DefaultKeyCacheMaxEntries is the AuthConfig.KeyCacheMaxEntries of a
// config that sets none. An entry takes an estimated 300 to 500 bytes,
// so a full cache takes a few MB.
const DefaultKeyCacheMaxEntries = 10000

// keyCache keeps API keys that authenticated a request, so that the next
// requests with the same key within ttl do not read the key store.
//
// An entry is only ever added after a token's secret verified against
// the stored key, so unknown ids and wrong secrets never enter it, and
// the cache holds at most one entry per stored key. Lookups go by the
// key id, which is the public part of a token. The secret is still
// compared against the cached salted hash with a constant-time compare
// on every request.
type keyCache struct {
	ttl        time.Duration
	maxEntries int
	evicted    func() // called for each entry that evict removes

	mu      sync.RWMutex
	entries map[string]cachedKey
	// generation counts the calls of drop. A store read that started
	// before a drop may return the key that the drop revoked, so put
	// adds a key only when no drop happened since the read began.
	generation uint64
}

// cachedKey is a stored key and the time at which the read that
// returned it began.
type cachedKey struct {
	key      graph.APIKey
	readFrom time.Time
}

func newKeyCache(ttl time.Duration, maxEntries int, evicted func()) *keyCache {
	return &keyCache{ttl: ttl, maxEntries: maxEntries, evicted: evicted, entries: map[string]cachedKey{}}
}

// get returns the cached key with the given id when its read began less
// than ttl before now. A read that began after now, which happens when
// the clock steps back, counts as stale.
func (c *keyCache) get(id string, now time.Time) (graph.APIKey, bool) {
	c.mu.RLock()
	entry, ok := c.entries[id]
	c.mu.RUnlock()
	if !ok || !c.fresh(entry, now) {
		return graph.APIKey{}, false
	}
	return entry.key, true
}

func (c *keyCache) fresh(entry cachedKey, now time.Time) bool {
	age := now.Sub(entry.readFrom)
	return age >= 0 && age < c.ttl
}

// begin returns the generation to pass to put for a store read that
// starts now.
func (c *keyCache) begin() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.generation
}

// put caches key, read from the store by a read that began at readFrom
// and generation. It adds nothing when a drop happened since, because
// the read may have returned a key that the drop revoked. When the cache
// is full, it first removes stale entries and then, if none was stale,
// one entry chosen at random.
func (c *keyCache) put(key graph.APIKey, readFrom time.Time, generation uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if generation != c.generation {
		return
	}
	if _, ok := c.entries[key.ID]; !ok && len(c.entries) >= c.maxEntries {
		c.evict(readFrom)
	}
	c.entries[key.ID] = cachedKey{key: key, readFrom: readFrom}
}

// evict removes the stale entries, or one entry when none is stale. The
// caller holds mu.
func (c *keyCache) evict(now time.Time) {
	removed := false
	for id, entry := range c.entries {
		if !c.fresh(entry, now) {
			delete(c.entries, id)
			c.evicted()
			removed = true
		}
	}
	if removed {
		return
	}
	for id := range c.entries {
		// Go randomises map iteration order, so this is a random entry.
		delete(c.entries, id)
		c.evicted()
		return
	}
}

// drop removes the key with the given id, so that the next request with
// it reads the store. Call it after the store has committed a change of
// the key.
func (c *keyCache) drop(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.generation++
	delete(c.entries, id)
}

// len returns the number of cached keys, stale ones included.
func (c *keyCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.entries)
}

package httpapi

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// Defaults of the report cache for the zero values of ReportCacheConfig.
const (
	DefaultReportCacheBytes   = 64 << 20 // 64 MiB
	DefaultReportCacheEntries = 10000
)

// reportEntryOverhead is an estimate, in bytes, of the memory an entry
// takes beyond its key and body: the list element, the map slot and the
// ETag. It keeps a cache of many tiny reports within MaxBytes.
const reportEntryOverhead = 256

// ReportCacheConfig sizes the cache of encoded account reports that GET
// /api/v1/accounts/{id}/report serves from. See reportcache.go.
type ReportCacheConfig struct {
	// Disabled turns the cache off: every request computes its report.
	Disabled bool
	// MaxBytes caps the estimated memory of the cached reports, in bytes.
	MaxBytes int64
	// MaxEntries caps the number of cached reports.
	MaxEntries int
}

// withDefaults replaces zero sizes with the defaults and rejects negative
// ones.
func (c *ReportCacheConfig) withDefaults() error {
	if c.MaxBytes < 0 {
		return fmt.Errorf("httpapi: invalid ReportCache.MaxBytes %d: use a positive size or 0 for the default", c.MaxBytes)
	}
	if c.MaxEntries < 0 {
		return fmt.Errorf("httpapi: invalid ReportCache.MaxEntries %d: use a positive count or 0 for the default", c.MaxEntries)
	}
	if c.MaxBytes == 0 {
		c.MaxBytes = DefaultReportCacheBytes
	}
	if c.MaxEntries == 0 {
		c.MaxEntries = DefaultReportCacheEntries
	}
	return nil
}

// cachedReport is one encoded report and the versions it was computed at.
//
// The body is valid while the account's version in the store equals
// accountVersion. Reading account versions can cost a query over every
// account, so checkedAt records the store's write counter at a time when
// accountVersion was current. While the counter still equals checkedAt,
// nothing was written since, so the body is current without a read of
// the account versions.
type cachedReport struct {
	key            string
	accountVersion uint64
	checkedAt      uint64
	body           []byte // JSON followed by a newline, as echo's Context.JSON writes it
	etag           string // strong entity tag of body, quoted
	gzipBody       []byte // body compressed with gzip
	gzipETag       string // strong entity tag of gzipBody, quoted
}

// size returns the estimated memory of the entry in bytes.
func (r *cachedReport) size() int64 {
	return int64(len(r.key)+len(r.body)+len(r.gzipBody)) + reportEntryOverhead
}

// reportCache is a least-recently-used cache of encoded reports, bounded
// by entry count and by estimated bytes. It is safe for concurrent use.
// It checks no version itself: Server.lookupReport does, with history and
// versions.
type reportCache struct {
	maxBytes   int64
	maxEntries int

	history  graph.HistoryStore // nil when the store keeps no versions
	versions *versionReader

	mu      sync.Mutex
	bytes   int64
	order   *list.List // of *cachedReport, most recently used first
	entries map[string]*list.Element

	evicted func() // called once per entry evicted to respect a bound
}

// newReportCache returns an empty cache for the reports of store, whose
// shared version reads time out after readTimeout.
func newReportCache(cfg ReportCacheConfig, store graph.Store, readTimeout time.Duration, evicted func()) *reportCache {
	c := &reportCache{
		maxBytes:   cfg.MaxBytes,
		maxEntries: cfg.MaxEntries,
		order:      list.New(),
		entries:    make(map[string]*list.Element),
		evicted:    evicted,
	}
	if history, ok := store.(graph.HistoryStore); ok {
		c.history = history
		c.versions = &versionReader{store: history, timeout: readTimeout}
	}
	return c
}

// get returns a copy of the entry of key and marks it recently used, or
// false when there is none.
func (c *reportCache) get(key string) (cachedReport, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	element, ok := c.entries[key]
	if !ok {
		return cachedReport{}, false
	}
	c.order.MoveToFront(element)
	return *element.Value.(*cachedReport), true
}

// confirm sets checkedAt of the entry of key to counter, if the entry
// still holds accountVersion.
func (c *reportCache) confirm(key string, accountVersion, counter uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if element, ok := c.entries[key]; ok {
		entry := element.Value.(*cachedReport)
		if entry.accountVersion == accountVersion && counter > entry.checkedAt {
			entry.checkedAt = counter
		}
	}
}

// put stores entry under entry.key, replacing an older one, and evicts
// the least recently used entries until both bounds hold. An entry larger
// than maxBytes is not stored.
func (c *reportCache) put(entry *cachedReport) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[entry.key]; ok {
		c.removeElement(old)
	}
	if entry.size() > c.maxBytes {
		return
	}
	c.entries[entry.key] = c.order.PushFront(entry)
	c.bytes += entry.size()
	for c.bytes > c.maxBytes || c.order.Len() > c.maxEntries {
		c.removeElement(c.order.Back())
		if c.evicted != nil {
			c.evicted()
		}
	}
}

// remove drops the entry of key, if any.
func (c *reportCache) remove(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if element, ok := c.entries[key]; ok {
		c.removeElement(element)
	}
}

// removeElement drops one entry. The caller holds mu.
func (c *reportCache) removeElement(element *list.Element) {
	entry := c.order.Remove(element).(*cachedReport)
	delete(c.entries, entry.key)
	c.bytes -= entry.size()
}

// len returns the number of entries and their estimated bytes.
func (c *reportCache) len() (int, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len(), c.bytes
}

// reportCacheKey returns the cache key of the report of account id with
// opts. The options are encoded with %#v, which prints every field,
// unexported ones included, so that a field added to analytics.Options
// takes part in the key without a change here. A pointer field would
// print as an address and only cost misses, never a wrong hit.
func reportCacheKey(id string, opts any) string {
	var b strings.Builder
	b.WriteString(id)
	b.WriteByte(0)
	fmt.Fprintf(&b, "%#v", opts)
	return b.String()
}

// encodeReport sets the bodies and entity tags of entry to the report
// encoded as echo's Context.JSON encodes it without the pretty parameter,
// plain and compressed with gzip. The two tags differ, as RFC 9110
// requires of strong tags of two encodings.
func encodeReport(entry *cachedReport, report any) error {
	body, err := json.Marshal(report)
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	entry.body = append(body, '\n')
	sum := sha256.Sum256(entry.body)
	tag := hex.EncodeToString(sum[:16])
	entry.etag = `"` + tag + `"`

	var compressed bytes.Buffer
	w := gzip.NewWriter(&compressed)
	if _, err := w.Write(entry.body); err != nil {
		return fmt.Errorf("compress report: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("compress report: %w", err)
	}
	entry.gzipBody = compressed.Bytes()
	entry.gzipETag = `"` + tag + `-gzip"`
	return nil
}

// acceptsGzip reports whether an Accept-Encoding header value allows
// gzip: it names gzip or x-gzip with a weight above 0, or names neither
// and has * with a weight above 0.
func acceptsGzip(acceptEncoding string) bool {
	wildcard := false
	for item := range strings.SplitSeq(acceptEncoding, ",") {
		coding, params, _ := strings.Cut(item, ";")
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip", "x-gzip":
			return positiveWeight(params)
		case "*":
			wildcard = positiveWeight(params)
		}
	}
	return wildcard
}

// positiveWeight reports whether the parameters of one Accept-Encoding
// item give a weight above 0; no weight means 1.
func positiveWeight(params string) bool {
	q, found := strings.CutPrefix(strings.ReplaceAll(strings.ToLower(params), " ", ""), "q=")
	if !found {
		return true
	}
	weight, err := strconv.ParseFloat(q, 64)
	return err == nil && weight > 0
}

// matchesETag reports whether the If-None-Match header value names etag or
// is "*". It uses the weak comparison that RFC 9110, section 13.1.2,
// prescribes for If-None-Match, so W/"x" matches "x".
func matchesETag(ifNoneMatch, etag string) bool {
	for candidate := range strings.SplitSeq(ifNoneMatch, ",") {
		candidate = strings.TrimSpace(candidate)
		if candidate == "*" || strings.TrimPrefix(candidate, "W/") == etag {
			return true
		}
	}
	return false
}

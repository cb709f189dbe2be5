package httpapi

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
)

func TestReportCacheKeyCoversEveryOption(t *testing.T) {
	base := analytics.DefaultOptions()
	key := reportCacheKey("acme", base)

	// Changing any one field of analytics.Options must change the key.
	value := reflect.ValueOf(&base).Elem()
	for i := range value.NumField() {
		changed := analytics.DefaultOptions()
		field := reflect.ValueOf(&changed).Elem().Field(i)
		switch field.Kind() {
		case reflect.Float64:
			field.SetFloat(field.Float() + 0.125)
		case reflect.Int, reflect.Int64:
			field.SetInt(field.Int() + 1)
		case reflect.Uint64:
			field.SetUint(field.Uint() + 1)
		case reflect.String:
			field.SetString(field.String() + "2026-01-01")
		case reflect.Slice:
			field.Set(reflect.Append(field, reflect.ValueOf("extra")))
		default:
			t.Fatalf("field %s has kind %s, which this test cannot change: extend it", value.Type().Field(i).Name, field.Kind())
		}
		if reportCacheKey("acme", changed) == key {
			t.Errorf("key unchanged when %s changes", value.Type().Field(i).Name)
		}
	}
	if reportCacheKey("acme2", base) == key {
		t.Error("key unchanged when the account id changes")
	}
}

func TestReportCacheKeySeparatesID(t *testing.T) {
	// The separator keeps an id from running into the options.
	if !strings.HasPrefix(reportCacheKey("a", 1), "a\x00") {
		t.Errorf("key %q does not start with the id and a NUL byte", reportCacheKey("a", 1))
	}
}

func newTestEntry(key string, bodyBytes int) *cachedReport {
	return &cachedReport{key: key, body: make([]byte, bodyBytes), etag: `"` + key + `"`}
}

func TestReportCacheLRUEntryBound(t *testing.T) {
	evictions := 0
	c := newReportCache(ReportCacheConfig{MaxBytes: 1 << 20, MaxEntries: 2}, nil, 0, func() { evictions++ })
	c.put(newTestEntry("a", 10))
	c.put(newTestEntry("b", 10))
	if _, ok := c.get("a"); !ok { // a becomes the most recently used
		t.Fatal("a missing")
	}
	c.put(newTestEntry("c", 10))

	if _, ok := c.get("b"); ok {
		t.Error("b kept, want it evicted as the least recently used")
	}
	for _, key := range []string{"a", "c"} {
		if _, ok := c.get(key); !ok {
			t.Errorf("%s evicted, want it kept", key)
		}
	}
	if evictions != 1 {
		t.Errorf("evictions = %d, want 1", evictions)
	}
}

func TestReportCacheLRUByteBound(t *testing.T) {
	// Each entry takes 1 + 100 + reportEntryOverhead bytes, so two fit.
	entrySize := int64(1 + 100 + reportEntryOverhead)
	c := newReportCache(ReportCacheConfig{MaxBytes: 2*entrySize + 10, MaxEntries: 100}, nil, 0, nil)
	for _, key := range []string{"a", "b", "c"} {
		c.put(newTestEntry(key, 100))
	}
	n, size := c.len()
	if n != 2 || size != 2*entrySize {
		t.Errorf("len = %d entries, %d bytes; want 2 and %d", n, size, 2*entrySize)
	}
	if _, ok := c.get("a"); ok {
		t.Error("a kept, want it evicted")
	}

	c.put(newTestEntry("huge", 4096))
	if _, ok := c.get("huge"); ok {
		t.Error("an entry larger than MaxBytes was stored")
	}
	if n, _ := c.len(); n != 2 {
		t.Errorf("len after the oversized entry = %d, want the 2 entries kept", n)
	}
}

func TestReportCacheReplaceAndConfirm(t *testing.T) {
	c := newReportCache(ReportCacheConfig{MaxBytes: 1 << 20, MaxEntries: 10}, nil, 0, nil)
	c.put(&cachedReport{key: "k", accountVersion: 3, checkedAt: 5, body: []byte("old")})
	c.put(&cachedReport{key: "k", accountVersion: 4, checkedAt: 6, body: []byte("new")})
	if n, size := c.len(); n != 1 || size != int64(1+3+reportEntryOverhead) {
		t.Errorf("len after replace = %d entries, %d bytes; want 1 and %d", n, size, 1+3+reportEntryOverhead)
	}

	c.confirm("k", 3, 9) // an older account version must not be confirmed
	if got, _ := c.get("k"); got.checkedAt != 6 {
		t.Errorf("checkedAt = %d after confirming another version, want 6", got.checkedAt)
	}
	c.confirm("k", 4, 9)
	if got, _ := c.get("k"); got.checkedAt != 9 {
		t.Errorf("checkedAt = %d, want 9", got.checkedAt)
	}
	c.remove("k")
	if n, size := c.len(); n != 0 || size != 0 {
		t.Errorf("len after remove = %d entries, %d bytes; want 0 and 0", n, size)
	}
}

func TestMatchesETag(t *testing.T) {
	const etag = `"abc"`
	cases := []struct {
		header string
		want   bool
	}{
		{`"abc"`, true},
		{`W/"abc"`, true},
		{`"x", "abc"`, true},
		{`*`, true},
		{``, false},
		{`"abcd"`, false},
		{`abc`, false},
	}
	for _, tc := range cases {
		if got := matchesETag(tc.header, etag); got != tc.want {
			t.Errorf("matchesETag(%q, %q) = %v, want %v", tc.header, etag, got, tc.want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	cases := []struct {
		header string
		want   bool
	}{
		{"gzip", true},
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.5", true},
		{"GZIP", true},
		{"x-gzip", true},
		{"*", true},
		{"", false},
		{"br, deflate", false},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"identity", false},
		{"*, gzip;q=0", false},
		{"*;q=0", false},
	}
	for _, tc := range cases {
		if got := acceptsGzip(tc.header); got != tc.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

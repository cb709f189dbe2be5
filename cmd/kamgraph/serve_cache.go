package main

import (
	"flag"

	"github.com/kamgraph/kamgraph/httpapi"
)

// serveCacheFlags size the cache of account reports of serve.
type serveCacheFlags struct {
	enabled    bool
	maxBytes   byteSize
	maxEntries int
}

func (f *serveCacheFlags) register(fs *flag.FlagSet, env envFallbacks) {
	f.maxBytes = byteSize(httpapi.DefaultReportCacheBytes)
	fs.BoolVar(&f.enabled, "report-cache", true, "serve GET /api/v1/accounts/{id}/report from a cache of encoded reports, checked against the store's versions on every request; false computes every report")
	fs.Var(&f.maxBytes, "report-cache-size", "maximum memory of the cached reports, in `bytes` or with KiB, MiB or GiB (an estimate: body, key and a fixed overhead per report)")
	fs.IntVar(&f.maxEntries, "report-cache-entries", httpapi.DefaultReportCacheEntries, "maximum `number` of cached reports; the least recently used go first")
	env["report-cache"] = "KAMGRAPH_REPORT_CACHE"
	env["report-cache-size"] = "KAMGRAPH_REPORT_CACHE_SIZE"
	env["report-cache-entries"] = "KAMGRAPH_REPORT_CACHE_ENTRIES"
}

func (f *serveCacheFlags) validate() error {
	if f.maxEntries < 1 {
		return usagef("invalid --report-cache-entries %d: use a whole number of at least 1, or --report-cache=false to turn the cache off", f.maxEntries)
	}
	return nil
}

func (f *serveCacheFlags) config() httpapi.ReportCacheConfig {
	return httpapi.ReportCacheConfig{
		Disabled:   !f.enabled,
		MaxBytes:   int64(f.maxBytes),
		MaxEntries: f.maxEntries,
	}
}

package httpapi

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// isCurrentReport reports whether a report request is for the current
// graph in the compact encoding, which serveCurrentReport serves. Reports
// as of a past time and pretty-printed ones are computed on every request.
func isCurrentReport(query url.Values) bool {
	return !query.Has("as_of") && !query.Has("pretty")
}

// serveCurrentReport writes the report of account id with opts, from the
// cache when it contains a current one. Authorization and account scoping
// have run before, because the middleware rejects a request for a foreign
// account before any handler runs.
func (s *Server) serveCurrentReport(c echo.Context, id string, opts analytics.Options) error {
	// reportGraph rejects repeated portfolio parameters, so this path does too.
	if err := checkOnce(c.QueryParams()); err != nil {
		return err
	}
	ctx := c.Request().Context()
	key := reportCacheKey(id, opts)
	entry, hit, err := s.lookupReport(ctx, id, key)
	if err != nil {
		return err
	}
	if !hit {
		compute := s.computeReport
		if _, cached := s.reportHistory(); cached {
			compute = s.computeShared
		}
		if entry, err = compute(ctx, id, opts, key); err != nil {
			return err
		}
	}
	return writeReport(c, entry)
}

// reportHistory returns the store's HistoryStore when the report cache is
// on, or false when reports are computed on every request.
func (s *Server) reportHistory() (graph.HistoryStore, bool) {
	if s.reports == nil || s.reports.history == nil {
		return nil, false
	}
	return s.reports.history, true
}

// lookupReport returns the cached report of key when it is current. It
// reads the store's write counter on every call, because another process,
// such as kamgraph import, may write to the same database. On Neo4j that
// read is a query, which concurrent calls share (see versionReader). Only
// when the counter moved does it read the account versions.
func (s *Server) lookupReport(ctx context.Context, id, key string) (cachedReport, bool, error) {
	history, ok := s.reportHistory()
	if !ok {
		return cachedReport{}, false, nil
	}
	entry, ok := s.reports.get(key)
	if !ok {
		s.metrics.reportCacheMisses.Inc()
		return cachedReport{}, false, nil
	}

	counter, err := s.reports.versions.read(ctx)
	if err != nil {
		return cachedReport{}, false, err
	}
	if counter != entry.checkedAt {
		versions, err := history.AccountVersions(ctx)
		if err != nil {
			return cachedReport{}, false, err
		}
		if version, found := versions[id]; !found || version != entry.accountVersion {
			s.metrics.reportCacheMisses.Inc()
			return cachedReport{}, false, nil
		}
		// The account versions were read after counter, so the entry was
		// current when the store's counter stood at counter.
		s.reports.confirm(key, entry.accountVersion, counter)
	}
	s.metrics.reportCacheHits.Inc()
	return entry, true, nil
}

// computeReport loads the account graph, computes and encodes its report
// and, when the cache is on, stores it. The versions are read before the
// graph, so a write in between makes the entry look older than its body,
// which costs a later miss but never serves a stale report.
// Concurrent misses of one key share a computation through computeShared.
func (s *Server) computeReport(ctx context.Context, id string, opts analytics.Options, key string) (cachedReport, error) {
	entry := cachedReport{key: key}
	history, cached := s.reportHistory()
	if cached {
		var err error
		if entry.checkedAt, err = history.Version(ctx); err != nil {
			return entry, err
		}
		versions, err := history.AccountVersions(ctx)
		if err != nil {
			return entry, err
		}
		entry.accountVersion = versions[id]
	}

	ag, err := s.store.AccountGraph(ctx, id)
	if err != nil {
		return entry, err
	}
	report, err := analytics.Compute(ctx, ag, opts)
	if err != nil {
		return entry, err
	}
	if err := encodeReport(&entry, report); err != nil {
		return entry, err
	}
	if cached {
		s.reports.put(&entry)
	}
	return entry, nil
}

// writeReport writes the report with its ETag, compressed with gzip when
// the request's Accept-Encoding allows it, or 304 Not Modified without a
// body when If-None-Match names the ETag of the chosen encoding.
// Cache-Control lets only the client keep the report, and only after
// revalidating it.
func writeReport(c echo.Context, entry cachedReport) error {
	req := c.Request()
	header := c.Response().Header()
	body, etag := entry.body, entry.etag
	if acceptsGzip(req.Header.Get(echo.HeaderAcceptEncoding)) {
		body, etag = entry.gzipBody, entry.gzipETag
		header.Set(echo.HeaderContentEncoding, "gzip")
	}
	header.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	header.Set("ETag", etag)
	header.Set(echo.HeaderCacheControl, "private, no-cache")
	if matchesETag(req.Header.Get("If-None-Match"), etag) {
		header.Del(echo.HeaderContentEncoding)
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, body)
}

package httpapi

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/kamgraph/kamgraph/graph"
)

// serverMetrics are the Prometheus metrics of a Server.
type serverMetrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	analysis *prometheus.HistogramVec
	errors   *prometheus.CounterVec
	imports  *prometheus.CounterVec

	reportCacheHits      prometheus.Counter
	reportCacheMisses    prometheus.Counter
	reportCacheEvictions prometheus.Counter

	reportComputationsShared prometheus.Counter

	keyCacheHits      prometheus.Counter
	keyCacheMisses    prometheus.Counter
	keyCacheEvictions prometheus.Counter
}

// analyticsRoutes are the routes whose duration is mostly analytics, which
// kamgraph_analytics_duration_seconds records apart from the other routes.
var analyticsRoutes = map[string]bool{
	APIPrefix + "/accounts/:id/report":      true,
	APIPrefix + "/accounts/:id/suggestions": true,
	APIPrefix + "/accounts/:id/simulate":    true,
	APIPrefix + "/simulate":                 true,
	APIPrefix + "/portfolio":                true,
	APIPrefix + "/portfolio/consistency":    true,
	APIPrefix + "/exposure":                 true,
	APIPrefix + "/alerts":                   true,
	APIPrefix + "/people/:id/handover":      true,
	APIPrefix + "/people/:id/suggestions":   true,
}

// newServerMetrics registers the metrics with registry, or with a new
// registry that also holds the Go runtime and process collectors.
func newServerMetrics(registry *prometheus.Registry) (*serverMetrics, error) {
	if registry == nil {
		registry = prometheus.NewRegistry()
		registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	m := &serverMetrics{
		registry: registry,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kamgraph_http_requests_total",
			Help: "HTTP requests by method, route pattern and status code.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kamgraph_http_request_duration_seconds",
			Help:    "Time from the start of routing to the end of the response, by method and route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"method", "route"}),
		analysis: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kamgraph_analytics_duration_seconds",
			Help:    "Duration of successful requests to the routes that compute analytics, by route pattern.",
			Buckets: []float64{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"route"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kamgraph_server_errors_total",
			Help: "Responses with status 500 or more by error kind; kind unavailable counts an unreachable Neo4j.",
		}, []string{"kind"}),
		imports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kamgraph_import_rows_total",
			Help: "Rows read by applied imports (dry runs excluded), by format and outcome: read or rejected.",
		}, []string{"format", "outcome"}),
		reportCacheHits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kamgraph_report_cache_hits_total",
			Help: "Account report requests served from the report cache.",
		}),
		reportCacheMisses: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kamgraph_report_cache_misses_total",
			Help: "Account report requests that computed the report because the cache held no current one.",
		}),
		reportCacheEvictions: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kamgraph_report_cache_evictions_total",
			Help: "Cached account reports dropped to keep the cache within its entry and byte bounds.",
		}),
		reportComputationsShared: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kamgraph_report_computations_shared_total",
			Help: "Account report misses answered by a computation that a concurrent request for the same report started.",
		}),
		keyCacheHits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kamgraph_key_cache_hits_total",
			Help: "API key lookups served from the verified-key cache without reading the key store.",
		}),
		keyCacheMisses: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kamgraph_key_cache_misses_total",
			Help: "API key lookups that read the key store because the verified-key cache held no fresh entry.",
		}),
		keyCacheEvictions: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kamgraph_key_cache_evictions_total",
			Help: "Cached API keys dropped to keep the verified-key cache within its entry cap.",
		}),
	}
	metrics := []prometheus.Collector{m.requests, m.duration, m.analysis, m.errors, m.imports,
		m.reportCacheHits, m.reportCacheMisses, m.reportCacheEvictions, m.reportComputationsShared,
		m.keyCacheHits, m.keyCacheMisses, m.keyCacheEvictions}
	for _, c := range metrics {
		if err := registry.Register(c); err != nil {
			return nil, errors.New("httpapi: register metrics: " + err.Error())
		}
	}
	return m, nil
}

// serveMetrics serves the metrics in the Prometheus text format.
func (s *Server) serveMetrics(c echo.Context) error {
	handler := promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})
	handler.ServeHTTP(c.Response(), c.Request())
	return nil
}

// measureRequests counts every request and records its duration. It sends
// errors to the error handler first, so that the status is the one
// written. Requests that matched no route count under the route
// "unmatched", so that random paths cannot grow the label set.
func (s *Server) measureRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		elapsed := time.Since(start).Seconds()

		route := c.Path()
		if _, ok := s.policyOf(c); !ok {
			route = "unmatched"
		}
		status := c.Response().Status
		method := c.Request().Method
		s.metrics.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
		s.metrics.duration.WithLabelValues(method, route).Observe(elapsed)
		if analyticsRoutes[route] && status < http.StatusBadRequest {
			s.metrics.analysis.WithLabelValues(route).Observe(elapsed)
		}
		if err, ok := c.Get(contextKeyError).(error); ok && status >= http.StatusInternalServerError {
			s.metrics.errors.WithLabelValues(string(graph.KindOf(err))).Inc()
		}
		return nil
	}
}

package httpapi

import (
	"context"
	"sync"

	"github.com/kamgraph/kamgraph/analytics"
)

// reportFlights lets concurrent misses of one cache key share a single
// computation of the report. It is safe for concurrent use.
type reportFlights struct {
	mu      sync.Mutex
	running map[string]*reportFlight
}

// reportFlight is one computation of a report that requests can wait for.
type reportFlight struct {
	done  chan struct{} // closed when entry and err are set
	entry cachedReport
	err   error
}

// computeShared returns computeReport of key, sharing one computation
// among concurrent requests. A request that finds a computation running
// first reads the store's write counter. It takes the shared result only
// when that counter equals the one the computation read before loading
// the graph. Then no write committed between the start of the computation
// and the request's arrival, so the result includes every write that the
// request could have seen. Otherwise, and when the shared computation
// failed, the request computes its own report.
func (s *Server) computeShared(ctx context.Context, id string, opts analytics.Options, key string) (cachedReport, error) {
	flights := &s.reportFlights
	flights.mu.Lock()
	flight, running := flights.running[key]
	if !running {
		flight = &reportFlight{done: make(chan struct{})}
		if flights.running == nil {
			flights.running = map[string]*reportFlight{}
		}
		flights.running[key] = flight
	}
	flights.mu.Unlock()

	if !running {
		flight.entry, flight.err = s.computeReport(ctx, id, opts, key)
		flights.mu.Lock()
		delete(flights.running, key)
		flights.mu.Unlock()
		close(flight.done)
		return flight.entry, flight.err
	}

	counter, err := s.reports.versions.read(ctx)
	if err != nil {
		return cachedReport{}, err
	}
	select {
	case <-flight.done:
	case <-ctx.Done():
		return cachedReport{}, ctx.Err()
	}
	if flight.err == nil && flight.entry.checkedAt == counter {
		s.metrics.reportComputationsShared.Inc()
		return flight.entry, nil
	}
	return s.computeReport(ctx, id, opts, key)
}

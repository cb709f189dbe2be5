package httpapi

import (
	"context"
	"sync"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// versionReader shares reads of a store's write counter among concurrent
// requests, so that a burst of cache hits costs one query on Neo4j
// instead of one per request.
//
// A request may only use a read that started after the request arrived,
// or it could miss a write that committed just before. So a request that
// finds a read in flight does not join it: it joins the next read, which
// starts once the one in flight has finished. At most one read runs at a
// time, and every request waits for at most two.
type versionReader struct {
	store   graph.HistoryStore
	timeout time.Duration // bounds each read that run starts for queued requests

	mu      sync.Mutex
	running bool         // a read is in flight
	queued  *versionRead // the next read, which requests arriving now join
}

// versionRead is one read of the counter and the requests waiting for it.
type versionRead struct {
	done    chan struct{} // closed when version and err are set
	version uint64
	err     error
}

func newVersionRead() *versionRead {
	return &versionRead{done: make(chan struct{})}
}

// read returns the store's write counter as read at some time after the
// call began.
func (v *versionReader) read(ctx context.Context) (uint64, error) {
	v.mu.Lock()
	if !v.running {
		v.running = true
		v.mu.Unlock()
		r := newVersionRead()
		v.run(ctx, r)
		return r.version, r.err
	}
	if v.queued == nil {
		v.queued = newVersionRead()
	}
	r := v.queued
	v.mu.Unlock()

	select {
	case <-r.done:
		return r.version, r.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// run reads the counter into r, then starts the queued read, if any, in a
// goroutine of its own. The caller has set running.
func (v *versionReader) run(ctx context.Context, r *versionRead) {
	r.version, r.err = v.store.Version(ctx)
	close(r.done)

	v.mu.Lock()
	next := v.queued
	v.queued = nil
	v.running = next != nil
	v.mu.Unlock()
	if next != nil {
		// The waiters of next may give up, each on its own context, so the
		// read is not cancelled with any of them, but it has a deadline so
		// that a stuck read cannot hold up the reads queued after it.
		go func() {
			readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), v.timeout)
			defer cancel()
			v.run(readCtx, next)
		}()
	}
}

package interactions_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
)

// generatedLog produces a CSV interaction log row by row, so that the
// benchmark measures the reader's memory and not the input's. People
// P00000..P09999 each write to 30 fixed contacts; 80% of rows are emails,
// 10% meetings and 10% calls, spread over the two years before asOf.
type generatedLog struct {
	rows, next int
	rng        *rand.Rand
	buf        []byte
}

const (
	benchPeople   = 10_000
	benchContacts = 30
)

func newGeneratedLog(rows int) *generatedLog {
	return &generatedLog{rows: rows, rng: rand.New(rand.NewPCG(1, 2)), buf: []byte("time,from,to,type\n")}
}

func (g *generatedLog) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && g.next < g.rows {
		g.buf = g.appendRow(g.buf)
		g.next++
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	return n, nil
}

func (g *generatedLog) appendRow(b []byte) []byte {
	from := g.rng.IntN(benchPeople)
	to := (from + 1 + g.rng.IntN(benchContacts)*7919) % benchPeople
	when := asOf.Add(-time.Duration(g.rng.Int64N(int64(2 * 365 * 24 * time.Hour))))
	typ := "email"
	switch g.rng.IntN(10) {
	case 0:
		typ = "meeting"
	case 1:
		typ = "call"
	}
	return fmt.Appendf(b, "%s,P%05d,P%05d,%s\n", when.Format(time.RFC3339), from, to, typ)
}

// peakHeap samples the heap in use every millisecond until stop is
// called and returns the highest sample in bytes.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak.Load()
	}
}

// BenchmarkReadCSVMillion derives relationships from 1,000,000 generated
// interactions and reports the peak heap in use (sampled every
// millisecond, so a shorter spike can be missed) and the number of pairs.
// Run it with -benchtime=1x: each iteration reads the whole log.
func BenchmarkReadCSVMillion(b *testing.B) {
	const rows = 1_000_000
	for b.Loop() {
		runtime.GC()
		stop := peakHeap()
		r, err := interactions.NewReader(interactions.Options{AsOf: asOf})
		if err != nil {
			b.Fatal(err)
		}
		r.ReadCSV("generated.csv", newGeneratedLog(rows))
		res, stats, err := r.Result()
		if err != nil {
			b.Fatal(err)
		}
		peak := stop()
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(stats.Pairs), "pairs")
		b.ReportMetric(float64(len(res.Dataset.Relationships)), "relationships")
		b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	}
}

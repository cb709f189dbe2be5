package analytics_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/gen"
)

// The benchmarks run on the generated accounts of package graph/gen:
//
//	S         200 people,   2,000 relationships
//	M       2,000 people,  20,000 relationships
//	L      20,000 people, 200,000 relationships
//	random  2,000 people and 20,000 relationships drawn uniformly, with
//	        no organisational structure (generateBenchmarkGraph)
//
// Run them with
//
//	go test ./analytics -run '^$' -bench . -benchmem
//
// -short leaves out L, whose exact betweenness alone takes tens of
// seconds. Besides ns/op, each benchmark reports cpu-ns/op, the CPU time
// of the whole process per operation, summed over its threads. Unlike
// ns/op it hardly changes when other jobs load the machine. BENCHMARKS.md
// at the repository root records the results.
var benchmarkSizes = []string{"S", "M", "L", "random"}

// benchmarkGraphs caches one AccountGraph per size, because generating L
// takes longer than some of the benchmarks.
var benchmarkGraphs sync.Map

func benchmarkGraph(b *testing.B, size string) *graph.AccountGraph {
	b.Helper()
	if cached, ok := benchmarkGraphs.Load(size); ok {
		return cached.(*graph.AccountGraph)
	}
	var ag *graph.AccountGraph
	if size == "random" {
		ag = generateBenchmarkGraph(2000, 20000, 42)
	} else {
		ag = generatedAccount(b, size)
	}
	benchmarkGraphs.Store(size, ag)
	return ag
}

func benchmarkNetwork(b *testing.B, size string) *analytics.Network {
	b.Helper()
	g, err := analytics.NewNetwork(benchmarkGraph(b, size), analytics.DefaultThreshold)
	if err != nil {
		b.Fatalf("NewNetwork: %v", err)
	}
	return g
}

// measure runs op b.N times and reports its CPU time per operation.
func measure(b *testing.B, op func()) {
	b.Helper()
	b.ReportAllocs()
	start, ok := processCPUTime()
	for b.Loop() {
		op()
	}
	if end, ok2 := processCPUTime(); ok && ok2 {
		b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
	}
}

// forEachSize runs fn as one sub-benchmark per size, leaving out L in
// -short mode.
func forEachSize(b *testing.B, fn func(b *testing.B, size string)) {
	for _, size := range benchmarkSizes {
		b.Run(size, func(b *testing.B) {
			if size == "L" && testing.Short() {
				b.Skip("L is left out in -short mode")
			}
			fn(b, size)
		})
	}
}

func BenchmarkCompute(b *testing.B) {
	forEachSize(b, func(b *testing.B, size string) {
		ag := benchmarkGraph(b, size)
		opts := analytics.DefaultOptions()
		measure(b, func() {
			if _, err := analytics.Compute(context.Background(), ag, opts); err != nil {
				b.Fatalf("Compute: %v", err)
			}
		})
	})
}

// BenchmarkComputeSampled is BenchmarkCompute with betweenness estimated
// from 200 and 1,000 sampled sources, as GET /api/v1/accounts/{id}/report
// computes it with betweenness_samples.
func BenchmarkComputeSampled(b *testing.B) {
	forEachSize(b, func(b *testing.B, size string) {
		ag := benchmarkGraph(b, size)
		for _, samples := range []int{200, 1000} {
			b.Run(fmt.Sprint(samples), func(b *testing.B) {
				opts := analytics.DefaultOptions()
				opts.BetweennessSamples = samples
				measure(b, func() {
					if _, err := analytics.Compute(context.Background(), ag, opts); err != nil {
						b.Fatalf("Compute with %d samples: %v", samples, err)
					}
				})
			})
		}
	})
}

func BenchmarkNewNetwork(b *testing.B) {
	forEachSize(b, func(b *testing.B, size string) {
		ag := benchmarkGraph(b, size)
		measure(b, func() {
			if _, err := analytics.NewNetwork(ag, analytics.DefaultThreshold); err != nil {
				b.Fatalf("NewNetwork: %v", err)
			}
		})
	})
}

func BenchmarkBetweenness(b *testing.B) {
	forEachSize(b, func(b *testing.B, size string) {
		g := benchmarkNetwork(b, size)
		measure(b, func() {
			if _, err := g.Betweenness(context.Background()); err != nil {
				b.Fatalf("Betweenness: %v", err)
			}
		})
	})
}

// betweennessSamples is the sample size of BenchmarkBetweennessSample.
const betweennessSamples = 500

func BenchmarkBetweennessSample(b *testing.B) {
	forEachSize(b, func(b *testing.B, size string) {
		g := benchmarkNetwork(b, size)
		measure(b, func() {
			if _, err := g.BetweennessSample(context.Background(), betweennessSamples, 1); err != nil {
				b.Fatalf("BetweennessSample: %v", err)
			}
		})
	})
}

func BenchmarkCutPoints(b *testing.B) {
	forEachSize(b, func(b *testing.B, size string) {
		g := benchmarkNetwork(b, size)
		measure(b, func() { g.CutPoints() })
	})
}

func BenchmarkThreads(b *testing.B) {
	forEachSize(b, func(b *testing.B, size string) {
		g := benchmarkNetwork(b, size)
		measure(b, func() {
			if _, err := g.Threads(context.Background()); err != nil {
				b.Fatalf("Threads: %v", err)
			}
		})
	})
}

func BenchmarkKeyStakeholders(b *testing.B) {
	forEachSize(b, func(b *testing.B, size string) {
		g := benchmarkNetwork(b, size)
		measure(b, func() {
			if _, err := g.KeyStakeholders(context.Background()); err != nil {
				b.Fatalf("KeyStakeholders: %v", err)
			}
		})
	})
}

func BenchmarkCoverage(b *testing.B) {
	forEachSize(b, func(b *testing.B, size string) {
		g := benchmarkNetwork(b, size)
		measure(b, func() { g.Coverage(analytics.DefaultExpectedFunctions) })
	})
}

// generatedAccount returns the account graph of a preset size of package
// graph/gen.
func generatedAccount(t testing.TB, size string) *graph.AccountGraph {
	t.Helper()
	cfg, err := gen.Preset(size)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := gen.Generate(cfg)
	if err != nil {
		t.Fatalf("generate %s: %v", size, err)
	}
	return gen.AccountGraph(ds, cfg.AccountID)
}

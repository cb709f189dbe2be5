package analytics_test

import (
	"context"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
)

// The benchmarks run on one generated account of 2,000 people, 400 of them
// vendors, and 20,000 relationships, about a tenth of them below the
// default threshold. Run them with
//
//	go test ./analytics -run '^$' -bench . -benchmem
const (
	benchmarkPeople        = 2000
	benchmarkRelationships = 20000
	benchmarkSeed          = 42
)

func benchmarkNetwork(b *testing.B) *analytics.Network {
	b.Helper()
	g, err := analytics.NewNetwork(generateBenchmarkGraph(benchmarkPeople, benchmarkRelationships, benchmarkSeed),
		analytics.DefaultThreshold)
	if err != nil {
		b.Fatalf("NewNetwork: %v", err)
	}
	return g
}

func BenchmarkCompute(b *testing.B) {
	ag := generateBenchmarkGraph(benchmarkPeople, benchmarkRelationships, benchmarkSeed)
	opts := analytics.DefaultOptions()
	b.ResetTimer()
	for b.Loop() {
		if _, err := analytics.Compute(context.Background(), ag, opts); err != nil {
			b.Fatalf("Compute: %v", err)
		}
	}
}

func BenchmarkBetweenness(b *testing.B) {
	g := benchmarkNetwork(b)
	for b.Loop() {
		if _, err := g.Betweenness(context.Background()); err != nil {
			b.Fatalf("Betweenness: %v", err)
		}
	}
}

func BenchmarkThreads(b *testing.B) {
	g := benchmarkNetwork(b)
	for b.Loop() {
		if _, err := g.Threads(context.Background()); err != nil {
			b.Fatalf("Threads: %v", err)
		}
	}
}

func BenchmarkCutPoints(b *testing.B) {
	g := benchmarkNetwork(b)
	for b.Loop() {
		g.CutPoints()
	}
}

func BenchmarkNewNetwork(b *testing.B) {
	ag := generateBenchmarkGraph(benchmarkPeople, benchmarkRelationships, benchmarkSeed)
	for b.Loop() {
		if _, err := analytics.NewNetwork(ag, analytics.DefaultThreshold); err != nil {
			b.Fatalf("NewNetwork: %v", err)
		}
	}
}

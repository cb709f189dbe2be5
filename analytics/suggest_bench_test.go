package analytics_test

import (
	"context"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/gen"
)

// BenchmarkSuggest measures Suggest with the default options, five
// suggestions, on accounts of 2,000 people and 20,000 relationships:
//
//	random  generateBenchmarkGraph, with no organisational structure
//	M       the graph/gen preset M, with every vendor person of the
//	        generated portfolio as a candidate
//
// Run it on one core with
//
//	go test ./analytics -run '^$' -bench Suggest -benchmem -cpu 1
func BenchmarkSuggest(b *testing.B) {
	inputs := []struct {
		name string
		load func(b *testing.B) (*graph.AccountGraph, []graph.Person)
	}{
		{"random", func(*testing.B) (*graph.AccountGraph, []graph.Person) {
			return generateBenchmarkGraph(2000, 20000, 42), nil
		}},
		{"M", func(b *testing.B) (*graph.AccountGraph, []graph.Person) {
			cfg, err := gen.Preset("M")
			if err != nil {
				b.Fatal(err)
			}
			ds, err := gen.Generate(cfg)
			if err != nil {
				b.Fatalf("generate M: %v", err)
			}
			return gen.AccountGraph(ds, cfg.AccountID), analytics.PortfolioVendors(ds)
		}},
	}
	for _, in := range inputs {
		for _, k := range []int{1, analytics.DefaultSuggestions} {
			b.Run(in.name+"/k="+string(rune('0'+k)), func(b *testing.B) {
				ag, cand := in.load(b)
				opts := analytics.DefaultSuggestOptions()
				opts.K = k
				b.ResetTimer()
				for b.Loop() {
					if _, err := analytics.Suggest(context.Background(), ag, cand, opts); err != nil {
						b.Fatalf("Suggest: %v", err)
					}
				}
			})
		}
	}
}

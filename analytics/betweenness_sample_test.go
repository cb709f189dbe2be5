package analytics_test

import (
	"context"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/gen"
)

// sampleAccount returns a generated account of 600 people, large enough
// for sampling to matter and small enough for exact betweenness in a test.
func sampleAccount(t *testing.T) *analytics.Network {
	t.Helper()
	g, err := analytics.NewNetwork(generatedSampleGraph(t), analytics.DefaultThreshold)
	if err != nil {
		t.Fatalf("NewNetwork: %v", err)
	}
	return g
}

func exactBetweenness(t *testing.T, g *analytics.Network) map[string]float64 {
	t.Helper()
	exact, err := g.Betweenness(context.Background())
	if err != nil {
		t.Fatalf("Betweenness: %v", err)
	}
	return exact
}

func sampledBetweenness(t *testing.T, g *analytics.Network, samples int, seed uint64) map[string]float64 {
	t.Helper()
	estimate, err := g.BetweennessSample(context.Background(), samples, seed)
	if err != nil {
		t.Fatalf("BetweennessSample(%d, %d): %v", samples, seed, err)
	}
	return estimate
}

// maxError returns the largest absolute difference between two score maps
// with the same keys.
func maxError(got, want map[string]float64) float64 {
	worst := 0.0
	for id, w := range want {
		worst = math.Max(worst, math.Abs(got[id]-w))
	}
	return worst
}

func TestBetweennessSampleAllSourcesIsExact(t *testing.T) {
	g := sampleAccount(t)
	exact := exactBetweenness(t, g)
	for _, samples := range []int{g.Len(), g.Len() + 10} {
		if got := sampledBetweenness(t, g, samples, 1); !reflect.DeepEqual(got, exact) {
			t.Errorf("BetweennessSample(%d) differs from Betweenness by up to %g, want equal",
				samples, maxError(got, exact))
		}
	}
}

// TestBetweennessSampleWithinBound checks, with fixed seeds, that the
// estimates stay within BetweennessErrorBound at 1% failure probability.
// The observed errors lie below a third of the bound, which the
// documentation of BetweennessErrorBound reports.
func TestBetweennessSampleWithinBound(t *testing.T) {
	g := sampleAccount(t)
	exact := exactBetweenness(t, g)
	n := g.Len()
	for _, samples := range []int{n / 20, n / 10, n / 4} {
		bound := analytics.BetweennessErrorBound(n, samples, 0.01)
		for seed := range uint64(5) {
			observed := maxError(sampledBetweenness(t, g, samples, seed), exact)
			if observed > bound {
				t.Errorf("%d samples, seed %d: max error %.4f exceeds the bound %.4f", samples, seed, observed, bound)
			}
			if observed > bound/3 {
				t.Errorf("%d samples, seed %d: max error %.4f is above a third of the bound %.4f", samples, seed, observed, bound)
			}
		}
	}
}

// TestBetweennessSampleUnbiased averages the estimates of many seeds. Each
// estimate is the mean of samples bounded draws, so the average of runs
// independent estimates obeys Hoeffding's bound for runs·samples draws.
func TestBetweennessSampleUnbiased(t *testing.T) {
	g := sampleAccount(t)
	exact := exactBetweenness(t, g)
	n, samples, runs := g.Len(), g.Len()/20, 40
	mean := map[string]float64{}
	for seed := range uint64(runs) {
		for id, x := range sampledBetweenness(t, g, samples, 100+seed) {
			mean[id] += x / float64(runs)
		}
	}
	draws := float64(runs * samples)
	bound := float64(n) / float64(n-1) * math.Sqrt(math.Log(2*float64(n)/0.01)/(2*draws))
	if observed := maxError(mean, exact); observed > bound {
		t.Errorf("mean of %d estimates is off by %.4f, above the bound %.4f for %v draws", runs, observed, bound, draws)
	}
}

func TestBetweennessSampleDeterministic(t *testing.T) {
	g := sampleAccount(t)
	first := sampledBetweenness(t, g, 50, 7)
	if again := sampledBetweenness(t, g, 50, 7); !reflect.DeepEqual(first, again) {
		t.Error("two estimates with seed 7 differ")
	}
	if other := sampledBetweenness(t, g, 50, 8); reflect.DeepEqual(first, other) {
		t.Error("estimates with seeds 7 and 8 are equal, want different samples")
	}
}

func TestBetweennessSampleRejectsNonPositive(t *testing.T) {
	g := sampleAccount(t)
	for _, samples := range []int{0, -3} {
		if _, err := g.BetweennessSample(context.Background(), samples, 1); graph.KindOf(err) != graph.KindInvalid {
			t.Errorf("BetweennessSample(%d) = %v, want an error of kind %s", samples, err, graph.KindInvalid)
		}
	}
	opts := analytics.DefaultOptions()
	opts.BetweennessSamples = -1
	if err := opts.Validate(); graph.KindOf(err) != graph.KindInvalid {
		t.Errorf("Validate with BetweennessSamples -1 = %v, want an error of kind %s", err, graph.KindInvalid)
	}
}

func TestComputeUsesBetweennessSamples(t *testing.T) {
	g := sampleAccount(t)
	ag := generatedSampleGraph(t)
	opts := analytics.DefaultOptions()
	opts.BetweennessSamples, opts.BetweennessSeed = 60, 3
	report, err := analytics.Compute(context.Background(), ag, opts)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	if want := sampledBetweenness(t, g, 60, 3); !reflect.DeepEqual(report.Betweenness, want) {
		t.Errorf("Compute with 60 samples differs from BetweennessSample by up to %g", maxError(report.Betweenness, want))
	}
}

// generatedSampleGraph returns the AccountGraph behind sampleAccount.
func generatedSampleGraph(t *testing.T) *graph.AccountGraph {
	t.Helper()
	cfg, err := gen.Preset("S")
	if err != nil {
		t.Fatal(err)
	}
	cfg.People, cfg.Relationships, cfg.SinglePoints = 600, 6000, 12
	ds, err := gen.Generate(cfg)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return gen.AccountGraph(ds, cfg.AccountID)
}

func TestBetweennessErrorBound(t *testing.T) {
	// 1000/999 · sqrt(ln(2·1000/0.05) / (2·100))
	want := 1000.0 / 999 * math.Sqrt(math.Log(40000)/200)
	if got := analytics.BetweennessErrorBound(1000, 100, 0.05); math.Abs(got-want) > 1e-12 {
		t.Errorf("BetweennessErrorBound(1000, 100, 0.05) = %v, want %v", got, want)
	}
	if got := analytics.BetweennessErrorBound(1000, 1000, 0.05); got != 0 {
		t.Errorf("BetweennessErrorBound with every source sampled = %v, want 0", got)
	}
	for _, args := range []struct {
		n, samples int
		failure    float64
	}{{2, 1, 0.1}, {10, 0, 0.1}, {10, 5, 0}, {10, 5, 1}, {10, 5, math.NaN()}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("BetweennessErrorBound(%d, %d, %v) did not panic", args.n, args.samples, args.failure)
				}
			}()
			analytics.BetweennessErrorBound(args.n, args.samples, args.failure)
		}()
	}
}

func TestComputeDescribesSampledBetweenness(t *testing.T) {
	ag := generatedSampleGraph(t)
	opts := analytics.DefaultOptions()
	opts.BetweennessSamples, opts.BetweennessSeed = 60, 0
	report, err := analytics.Compute(context.Background(), ag, opts)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	n := float64(report.People)
	// n/(n-1) · sqrt(ln(2n/0.05) / (2·60)), the Hoeffding bound at 5%.
	wantBound := n / (n - 1) * math.Sqrt(math.Log(2*n/0.05)/120)
	if report.BetweennessMode != "sampled" {
		t.Errorf("BetweennessMode = %q, want sampled", report.BetweennessMode)
	}
	if report.BetweennessSamples != 60 {
		t.Errorf("BetweennessSamples = %d, want 60", report.BetweennessSamples)
	}
	if report.BetweennessSeed == nil || *report.BetweennessSeed != 0 {
		t.Errorf("BetweennessSeed = %v, want a pointer to 0", report.BetweennessSeed)
	}
	if math.Abs(report.BetweennessErrorBound-wantBound) > 1e-12 {
		t.Errorf("BetweennessErrorBound = %v, want %v", report.BetweennessErrorBound, wantBound)
	}
	if report.BetweennessErrorProbability != 0.05 {
		t.Errorf("BetweennessErrorProbability = %v, want 0.05", report.BetweennessErrorProbability)
	}
}

// TestComputeDescribesExactBetweenness covers the default and a sample of
// every node, which BetweennessSample computes exactly.
func TestComputeDescribesExactBetweenness(t *testing.T) {
	ag := generatedSampleGraph(t)
	exact, err := analytics.Compute(context.Background(), ag, analytics.DefaultOptions())
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}

	opts := analytics.DefaultOptions()
	opts.BetweennessSamples, opts.BetweennessSeed = exact.People, 9
	all, err := analytics.Compute(context.Background(), ag, opts)
	if err != nil {
		t.Fatalf("Compute with %d samples: %v", exact.People, err)
	}
	if !reflect.DeepEqual(all, exact) {
		t.Errorf("report with %d samples differs from the exact report", exact.People)
	}

	if exact.BetweennessMode != "exact" {
		t.Errorf("BetweennessMode = %q, want exact", exact.BetweennessMode)
	}
	if exact.BetweennessErrorBound != 0 || exact.BetweennessErrorProbability != 0 {
		t.Errorf("error bound %v at probability %v, want 0 and 0",
			exact.BetweennessErrorBound, exact.BetweennessErrorProbability)
	}

	data, err := json.Marshal(exact)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"betweenness_samples"`, `"betweenness_seed"`} {
		if strings.Contains(string(data), field) {
			t.Errorf("exact report JSON contains %s, want it absent", field)
		}
	}
}

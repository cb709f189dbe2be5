package main

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
)

// globexPeople is the number of people in the account graph of globex in
// testdata/valid at the default threshold.
const globexPeople = 6

func reportJSON(t *testing.T, args ...string) analytics.Report {
	t.Helper()
	base := []string{"report", "--data", "testdata/valid", "--account", "globex", "--format", "json"}
	r := runKamgraph(t, append(base, args...)...)
	r.wantCode(t, exitOK)
	var report analytics.Report
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("output is not a report: %v\n%s", err, r.stdout)
	}
	return report
}

func TestReportSampledBetweennessJSON(t *testing.T) {
	got := reportJSON(t, "--betweenness-samples", "3", "--betweenness-seed", "9")

	opts := analytics.DefaultOptions()
	opts.BetweennessSamples, opts.BetweennessSeed = 3, 9
	want := computeGlobex(t, opts)
	if !reflect.DeepEqual(got.Betweenness, want.Betweenness) {
		t.Errorf("betweenness %v, want %v from analytics.Compute", got.Betweenness, want.Betweenness)
	}
	if got.People != globexPeople {
		t.Fatalf("%d people, want %d", got.People, globexPeople)
	}
	if got.BetweennessMode != "sampled" {
		t.Errorf("betweenness_mode %q, want sampled", got.BetweennessMode)
	}
	if got.BetweennessSamples != 3 {
		t.Errorf("betweenness_samples %d, want 3", got.BetweennessSamples)
	}
	if got.BetweennessSeed == nil || *got.BetweennessSeed != 9 {
		t.Errorf("betweenness_seed %v, want 9", got.BetweennessSeed)
	}
	// 6/5 · sqrt(ln(2·6/0.05) / (2·3))
	if bound := 1.2 * math.Sqrt(math.Log(240)/6); math.Abs(got.BetweennessErrorBound-bound) > 1e-12 {
		t.Errorf("betweenness_error_bound %v, want %v", got.BetweennessErrorBound, bound)
	}
}

func TestReportAllSamplesIsExact(t *testing.T) {
	exact := reportJSON(t)
	for _, samples := range []int{globexPeople, 1000000} {
		got := reportJSON(t, "--betweenness-samples", fmt.Sprint(samples))
		if !reflect.DeepEqual(got, exact) {
			t.Errorf("report with %d samples differs from the exact report", samples)
		}
	}
	if exact.BetweennessMode != "exact" {
		t.Errorf("betweenness_mode %q, want exact", exact.BetweennessMode)
	}
}

func TestReportSampledSeedRepeatable(t *testing.T) {
	args := []string{"report", "--demo", "--account", "acct-02", "--format", "json", "--betweenness-samples", "4"}
	first := runKamgraph(t, append(args, "--betweenness-seed", "5")...)
	second := runKamgraph(t, append(args, "--betweenness-seed", "5")...)
	first.wantCode(t, exitOK)
	if first.stdout != second.stdout {
		t.Error("two reports with seed 5 differ")
	}
	defaulted := runKamgraph(t, args...)
	zero := runKamgraph(t, append(args, "--betweenness-seed", "0")...)
	if defaulted.stdout != zero.stdout {
		t.Error("report without --betweenness-seed differs from the one with seed 0")
	}
}

func TestReportTextSampledBetweenness(t *testing.T) {
	r := runKamgraph(t, "report", "--data", "testdata/valid", "--account", "globex",
		"--betweenness-samples", "3", "--betweenness-seed", "9")
	r.wantCode(t, exitOK)
	bound := fmt.Sprintf("%.4f", 1.2*math.Sqrt(math.Log(240)/6))
	for _, want := range []string{
		"Highest betweenness (5 of 6 people)",
		"estimate from 3 sampled source people, seed 9: with probability 95%",
		"every value is within " + bound + " of the exact betweenness",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, r.stdout)
		}
	}

	exact := runKamgraph(t, "report", "--data", "testdata/valid", "--account", "globex")
	exact.wantCode(t, exitOK)
	if !strings.Contains(exact.stdout, "  exact, over the shortest paths between every pair of people") {
		t.Errorf("exact text report does not say betweenness is exact:\n%s", exact.stdout)
	}
	if strings.Contains(exact.stdout, "estimate") {
		t.Errorf("exact text report mentions an estimate:\n%s", exact.stdout)
	}
}

func TestReportRejectsBadBetweennessFlags(t *testing.T) {
	cases := []struct {
		flags []string
		want  string
	}{
		{[]string{"--betweenness-samples", "0"}, `invalid value "0" for flag -betweenness-samples: use a whole number`},
		{[]string{"--betweenness-samples", "-2"}, `invalid value "-2" for flag -betweenness-samples`},
		{[]string{"--betweenness-samples", "1.5"}, `invalid value "1.5" for flag -betweenness-samples`},
		{[]string{"--betweenness-samples", "many"}, `invalid value "many" for flag -betweenness-samples`},
		{[]string{"--betweenness-samples", "3", "--betweenness-samples", "4"}, "flag given twice: give it once"},
		{[]string{"--betweenness-samples", "3", "--betweenness-seed", "-1"},
			`invalid value "-1" for flag -betweenness-seed: use a whole number from 0 to 18446744073709551615`},
		{[]string{"--betweenness-samples", "3", "--betweenness-seed", "18446744073709551616"},
			`invalid value "18446744073709551616" for flag -betweenness-seed`},
		{[]string{"--betweenness-samples", "3", "--betweenness-seed", "1", "--betweenness-seed", "1"},
			"flag given twice: give it once"},
		{[]string{"--betweenness-seed", "4"}, "--betweenness-seed 4 given without --betweenness-samples"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.flags, " "), func(t *testing.T) {
			args := append([]string{"report", "--demo", "--account", "acct-02"}, c.flags...)
			r := runKamgraph(t, args...)
			r.wantCode(t, exitUsage)
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want no report", r.stdout)
			}
		})
	}
}

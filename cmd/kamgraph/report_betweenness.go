package main

import (
	"cmp"
	"errors"
	"flag"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kamgraph/kamgraph/analytics"
)

var (
	_ flag.Value = (*samplesValue)(nil)
	_ flag.Value = (*seedValue)(nil)
)

// samplesValue is the --betweenness-samples flag: a positive number of
// sampled sources, given at most once. Zero means the flag is absent.
type samplesValue int

func (v *samplesValue) String() string { return strconv.Itoa(int(*v)) }

func (v *samplesValue) Set(s string) error {
	if *v != 0 {
		return errors.New("flag given twice: give it once")
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return errors.New("use a whole number of sampled sources, 1 or more, or leave the flag out for exact betweenness")
	}
	*v = samplesValue(n)
	return nil
}

// seedValue is the --betweenness-seed flag: an unsigned 64-bit seed,
// given at most once.
type seedValue struct {
	seed uint64
	set  bool
}

func (v *seedValue) String() string { return strconv.FormatUint(v.seed, 10) }

func (v *seedValue) Set(s string) error {
	if v.set {
		return errors.New("flag given twice: give it once")
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return errors.New("use a whole number from 0 to " + strconv.FormatUint(math.MaxUint64, 10))
	}
	v.seed, v.set = seed, true
	return nil
}

// registerBetweennessFlags adds --betweenness-samples and
// --betweenness-seed to fs.
func (f *reportFlags) registerBetweennessFlags(fs *flag.FlagSet) {
	fs.Var(&f.betweennessSamples, "betweenness-samples",
		"estimate betweenness from `count` sampled source people instead of computing it exactly, "+
			"which is faster on large accounts; a count of at least the people in the account graph gives "+
			"the exact result (default: exact)")
	fs.Var(&f.betweennessSeed, "betweenness-seed",
		"`seed` of the sampling, from 0 to 2^64-1; the same seed gives the same estimate; "+
			"needs --betweenness-samples (default 0)")
}

// validateBetweenness rejects a seed without a sample size, which would
// have no effect.
func (f *reportFlags) validateBetweenness() error {
	if f.betweennessSeed.set && f.betweennessSamples == 0 {
		return usagef("--betweenness-seed %d given without --betweenness-samples: "+
			"add --betweenness-samples N for sampled betweenness, or leave out --betweenness-seed for exact betweenness",
			f.betweennessSeed.seed)
	}
	return nil
}

// topBetweenness is how many people the text report lists by betweenness.
const topBetweenness = 5

// betweenness writes the people of highest betweenness and how the values
// were computed: exactly, or as an estimate with its error bound.
func (t *textReport) betweenness() {
	ids := slices.SortedFunc(maps.Keys(t.r.Betweenness), func(a, b string) int {
		return cmp.Or(cmp.Compare(t.r.Betweenness[b], t.r.Betweenness[a]), strings.Compare(a, b))
	})
	top := ids[:min(len(ids), topBetweenness)]
	t.printf("\nHighest betweenness (%d of %d people)\n", len(top), len(ids))

	if t.r.BetweennessMode == analytics.BetweennessSampled {
		seed := uint64(0)
		if t.r.BetweennessSeed != nil {
			seed = *t.r.BetweennessSeed
		}
		t.printf("  estimate from %d sampled source people, seed %d: with probability %g%%,\n",
			t.r.BetweennessSamples, seed, 100*(1-t.r.BetweennessErrorProbability))
		t.printf("  every value is within %.4f of the exact betweenness\n", t.r.BetweennessErrorBound)
	} else {
		t.printf("  exact, over the shortest paths between every pair of people\n")
	}
	for _, id := range top {
		t.printf("  %.4f  %s\n", t.r.Betweenness[id], t.person(id))
	}
}

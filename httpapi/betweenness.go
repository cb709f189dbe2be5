package httpapi

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/kamgraph/kamgraph/analytics"
)

// MaxBetweennessSamples caps the betweenness_samples query parameter of
// the report. A sampled source costs more than a source of the exact
// computation, which works block by block. On the generated account of
// 20,000 people, a report from 10,000 sampled sources took about 85% of
// the CPU time of the exact report (BENCHMARKS.md). Any value at least
// the number of people in the account graph gives the exact result.
const MaxBetweennessSamples = 10000

// DefaultBetweennessSeed is the seed of sampled betweenness when the
// request gives none, so that repeated requests return the same estimate.
const DefaultBetweennessSeed uint64 = 0

// betweennessOptions sets opts.BetweennessSamples and BetweennessSeed from
// the betweenness_samples and betweenness_seed query parameters. Without
// betweenness_samples the report has exact betweenness, and
// betweenness_seed without betweenness_samples is an error, not ignored.
func betweennessOptions(query url.Values, opts *analytics.Options) error {
	if !query.Has("betweenness_samples") {
		if query.Has("betweenness_seed") {
			return invalidf("betweenness_seed %q given without betweenness_samples: "+
				"add betweenness_samples for sampled betweenness, or leave out betweenness_seed for exact betweenness",
				query.Get("betweenness_seed"))
		}
		return nil
	}

	raw := query.Get("betweenness_samples")
	samples, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || samples < 1 || samples > MaxBetweennessSamples {
		return invalidf("invalid betweenness_samples %q: use a whole number of sampled sources from 1 to %d, "+
			"or leave it out for exact betweenness", raw, MaxBetweennessSamples)
	}
	opts.BetweennessSamples = samples
	opts.BetweennessSeed = DefaultBetweennessSeed
	if !query.Has("betweenness_seed") {
		return nil
	}

	raw = query.Get("betweenness_seed")
	seed, err := strconv.ParseUint(strings.TrimSpace(raw), 10, 64)
	if err != nil {
		return invalidf("invalid betweenness_seed %q: use a whole number from 0 to %d", raw, uint64(math.MaxUint64))
	}
	opts.BetweennessSeed = seed
	return nil
}

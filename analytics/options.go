package analytics

import (
	"math"

	"github.com/kamgraph/kamgraph/graph"
)

// DefaultThreshold is the minimum strength of a qualifying relationship
// when a request sets none.
const DefaultThreshold = 0.25

// DefaultExpectedFunctions lists the customer functions that a key account
// is expected to have, normalised with graph.NormalizeFunction. Coverage
// reports those with no known customer person as uncharted.
var DefaultExpectedFunctions = []string{"executive", "finance", "it", "legal", "operations", "procurement"}

// Options are the parameters of Compute.
type Options struct {
	// Threshold is the minimum strength of a qualifying relationship, in
	// (0, 1].
	Threshold float64
	// ExpectedFunctions lists the functions to check for uncharted ones.
	// Compute normalises them with graph.NormalizeFunction and drops
	// duplicates. An empty list reports no uncharted function.
	ExpectedFunctions []string
	// DeparturesFrom and DeparturesTo bound, both inclusive, the departure
	// dates that the report's Departures lists. An empty bound leaves that
	// side open, so with both empty every dated departure is listed.
	DeparturesFrom, DeparturesTo graph.Date
	// BetweennessSamples, when positive, makes Compute estimate betweenness
	// from that many sampled sources with BetweennessSample instead of
	// computing it exactly. 0 means exact.
	BetweennessSamples int
	// BetweennessSeed seeds the sampling of sources. Compute ignores it
	// when BetweennessSamples is 0.
	BetweennessSeed uint64
}

// DefaultOptions returns Options with DefaultThreshold and a copy of
// DefaultExpectedFunctions.
func DefaultOptions() Options {
	return Options{
		Threshold:         DefaultThreshold,
		ExpectedFunctions: append([]string(nil), DefaultExpectedFunctions...),
	}
}

// Validate returns an error of kind graph.KindInvalid that names the bad
// value when the threshold is outside (0, 1], an expected function is
// blank, BetweennessSamples is negative, a departure bound is not a
// YYYY-MM-DD date, or DeparturesFrom is after DeparturesTo.
func (o Options) Validate() error {
	if math.IsNaN(o.Threshold) || o.Threshold <= 0 || o.Threshold > 1 {
		return graph.Errorf(graph.KindInvalid,
			"invalid threshold %v: use a number greater than 0 and at most 1", o.Threshold)
	}
	for i, f := range o.ExpectedFunctions {
		if graph.NormalizeFunction(f) == "" {
			return graph.Errorf(graph.KindInvalid,
				"invalid expected function %q at position %d: use a non-blank function name", f, i+1)
		}
	}
	if o.BetweennessSamples < 0 {
		return graph.Errorf(graph.KindInvalid,
			"invalid betweenness sample size %d: use 0 for exact betweenness or a positive number of sources",
			o.BetweennessSamples)
	}
	return o.validateDeparturePeriod()
}

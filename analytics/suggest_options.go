package analytics

import (
	"math"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
)

// Limits and defaults of SuggestOptions.
const (
	// DefaultSuggestions is the number of suggestions when a request sets
	// none.
	DefaultSuggestions = 5
	// MaxSuggestions caps SuggestOptions.K. Each suggestion rebuilds the
	// account graph and updates the flows of every key stakeholder, so the
	// cost grows linearly with K.
	MaxSuggestions = 50
	// DefaultMaxHops is the maximum number of relationships on a warm
	// introduction path when a request sets none.
	DefaultMaxHops = 3
	// MaxIntroductionHops caps SuggestOptions.MaxHops. Longer chains are
	// not warm introductions any more, and each hop adds one pass over the
	// relationships to every path search.
	MaxIntroductionHops = 6
)

// SuggestOptions are the parameters of Suggest and SuggestForPerson.
type SuggestOptions struct {
	// K is the number of suggestions to return, from 1 to MaxSuggestions.
	K int
	// Threshold is the minimum strength of a qualifying relationship, in
	// (0, 1], as in Options.
	Threshold float64
	// MaxHops is the maximum number of relationships on a warm
	// introduction path, from 1 to MaxIntroductionHops.
	MaxHops int
	// Strength is the assumed strength of each suggested relationship once
	// it exists, from Threshold to 1. Zero means Threshold. The strength
	// changes no result of Suggest, because every value that Suggest
	// reports depends only on whether a relationship qualifies. It is
	// reported, and a caller that applies a suggestion records it.
	Strength float64
	// Exclude lists person ids, vendor or customer, that must not appear in
	// a suggestion or on an introduction path, such as people on leave.
	Exclude []string
	// Vendors, when not empty, lists the only vendor people that may be
	// suggested. Introducers may still be anyone.
	Vendors []string
	// MaxVendorRelationships, when not nil, admits only vendor people who
	// have at most that many qualifying relationships with customer people
	// of the account, counting the suggestions picked before. It keeps
	// suggestions away from people without capacity.
	MaxVendorRelationships *int
}

// DefaultSuggestOptions returns SuggestOptions with DefaultSuggestions,
// DefaultThreshold, DefaultMaxHops, the strength of the threshold and no
// filters.
func DefaultSuggestOptions() SuggestOptions {
	return SuggestOptions{K: DefaultSuggestions, Threshold: DefaultThreshold, MaxHops: DefaultMaxHops}
}

// Validate returns an error of kind graph.KindInvalid that names the bad
// value when an option is out of range or a listed id is blank. It does
// not check that the listed ids exist, which Suggest does.
func (o SuggestOptions) Validate() error {
	if o.K < 1 || o.K > MaxSuggestions {
		return graph.Errorf(graph.KindInvalid,
			"invalid number of suggestions %d: use a whole number from 1 to %d", o.K, MaxSuggestions)
	}
	if err := (Options{Threshold: o.Threshold}).Validate(); err != nil {
		return err
	}
	if o.MaxHops < 1 || o.MaxHops > MaxIntroductionHops {
		return graph.Errorf(graph.KindInvalid,
			"invalid maximum path length %d: use a whole number of relationships from 1 to %d",
			o.MaxHops, MaxIntroductionHops)
	}
	if math.IsNaN(o.Strength) || (o.Strength != 0 && (o.Strength < o.Threshold || o.Strength > 1)) {
		return graph.Errorf(graph.KindInvalid,
			"invalid strength %v: use a number from the threshold %v to 1, or 0 for the threshold",
			o.Strength, o.Threshold)
	}
	if o.MaxVendorRelationships != nil && *o.MaxVendorRelationships < 0 {
		return graph.Errorf(graph.KindInvalid,
			"invalid maximum number of vendor relationships %d: use 0 or more, or leave it unset for no limit",
			*o.MaxVendorRelationships)
	}
	for _, list := range []struct {
		name string
		ids  []string
	}{{"exclude", o.Exclude}, {"vendors", o.Vendors}} {
		for i, id := range list.ids {
			if strings.TrimSpace(id) == "" {
				return graph.Errorf(graph.KindInvalid,
					"invalid %s list: entry %d is blank, name a person id", list.name, i+1)
			}
		}
	}
	return nil
}

// strength returns the assumed strength of a suggested relationship.
func (o SuggestOptions) strength() float64 {
	if o.Strength == 0 {
		return o.Threshold
	}
	return o.Strength
}

package analytics

import (
	"context"

	"github.com/kamgraph/kamgraph/graph"
)

// SuggestWithPredictions runs Suggest and also returns, for each pick, the
// score that the pruned search predicted before the pick was recomputed.
func SuggestWithPredictions(ctx context.Context, ag *graph.AccountGraph, vendors []graph.Person,
	opts SuggestOptions) (*AccountSuggestions, []Score, error) {
	if err := opts.Validate(); err != nil {
		return nil, nil, err
	}
	s, err := newSuggester(ag, vendors, opts)
	if err != nil {
		return nil, nil, err
	}
	if err := checkListedIDs(opts, s.known, ag.Account.ID); err != nil {
		return nil, nil, err
	}
	out, err := s.run(ctx)
	return out, s.predicted, err
}

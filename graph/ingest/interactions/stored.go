package interactions

import (
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// Stored returns in as a graph.InteractionStore keeps it: participants
// mapped to person ids through resolve, and the direction applied, so
// that From is the sender. An inbound interaction with several people in
// To becomes one stored interaction per person, each from that person to
// in.From, which links the same pairs as the aggregator does. Unresolved
// participants are left out, and an interaction left without a pair
// returns nothing. A nil resolve keeps participants as they are.
func Stored(in Interaction, resolve func(string) (string, bool)) []graph.Interaction {
	if resolve == nil {
		resolve = func(p string) (string, bool) { return p, p != "" }
	}
	from, ok := resolve(in.From)
	if !ok {
		return nil
	}
	var to []string
	for _, participant := range in.To {
		if id, ok := resolve(participant); ok && id != from {
			to = append(to, id)
		}
	}
	if len(to) == 0 {
		return nil
	}

	stored := graph.Interaction{MessageID: in.MessageID, At: in.Time, Type: graph.InteractionType(in.Type)}
	if in.Direction == Outbound {
		stored.From, stored.To = from, to
		return []graph.Interaction{stored}
	}
	out := make([]graph.Interaction, 0, len(to))
	for _, sender := range to {
		one := stored
		one.From, one.To = sender, []string{from}
		out = append(out, one)
	}
	return out
}

// NewStoredAggregator returns an aggregator with the default weights for
// the interactions of a graph.InteractionStore. A halfLife of 0 means
// DefaultHalfLife. It returns a graph.KindInvalid error for a zero asOf or
// a negative halfLife.
func NewStoredAggregator(asOf time.Time, halfLife time.Duration) (*Aggregator, error) {
	agg, err := NewAggregator(Options{AsOf: asOf, HalfLife: halfLife})
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "%v", err)
	}
	return agg, nil
}

// AddStored adds an interaction in the form a graph.InteractionStore
// keeps, whose From is always the sender.
func (a *Aggregator) AddStored(in graph.Interaction) {
	a.Add(Interaction{Time: in.At, From: in.From, To: in.To, Type: Type(in.Type), MessageID: in.MessageID})
}

// StrengthSummary returns what a recompute over the added interactions
// did, with the counts of the import of its relationships. Call it after
// Relationships.
func (a *Aggregator) StrengthSummary(relationships graph.Counts) graph.StrengthSummary {
	stats := a.Stats()
	return graph.StrengthSummary{
		AsOf:          a.opts.AsOf.UTC(),
		HalfLifeDays:  a.opts.HalfLife.Hours() / 24,
		Interactions:  stats.Interactions - stats.AfterAsOf,
		AfterAsOf:     stats.AfterAsOf,
		Pairs:         stats.Pairs,
		TooWeak:       stats.TooWeak,
		Relationships: relationships,
	}
}

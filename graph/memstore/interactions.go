package memstore

import (
	"context"
	"iter"
	"slices"
	"sync"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
)

var _ graph.InteractionStore = (*Store)(nil)

// interactionLog holds the stored interactions. Its mutex is taken before
// Store.mu, so that RecomputeStrengths reads the log and imports the
// strengths with no AddInteractions in between.
type interactionLog struct {
	mu       sync.Mutex
	list     []graph.Interaction
	byID     map[string]int
	byPerson map[string][]int // positions in list of the interactions a person takes part in
}

func (l *interactionLog) add(list []graph.Interaction) {
	if l.byID == nil {
		l.byID = make(map[string]int)
		l.byPerson = make(map[string][]int)
	}
	for _, in := range list {
		i := len(l.list)
		l.list = append(l.list, in)
		l.byID[in.ID] = i
		l.byPerson[in.From] = append(l.byPerson[in.From], i)
		for _, id := range in.To {
			l.byPerson[id] = append(l.byPerson[id], i)
		}
	}
}

// AddInteractions stores the interactions of seq under the log's lock, all
// of them or none.
func (s *Store) AddInteractions(ctx context.Context, seq iter.Seq2[graph.Interaction, error],
	opts graph.InteractionOptions) (graph.InteractionSummary, error) {
	log := &s.interactions
	log.mu.Lock()
	defer log.mu.Unlock()

	summary := graph.InteractionSummary{DryRun: opts.DryRun}
	errs := &graph.ImportError{}
	var pending []graph.Interaction
	seen := map[string]bool{}
	for in, err := range seq {
		if err != nil {
			return graph.InteractionSummary{}, err
		}
		if err := ctx.Err(); err != nil {
			return graph.InteractionSummary{}, err
		}
		normal, err := graph.NormalizeInteraction(in)
		if err != nil {
			errs.Add(graph.InteractionProblem(in, err))
			continue
		}
		if _, stored := log.byID[normal.ID]; stored || seen[normal.ID] {
			summary.Duplicates++
			continue
		}
		seen[normal.ID] = true
		pending = append(pending, normal)
	}

	s.mu.RLock()
	graph.CheckParticipants(pending, func(id string) bool { _, ok := s.people[id]; return ok }, errs)
	s.mu.RUnlock()
	if err := errs.ErrOrNil(); err != nil {
		return graph.InteractionSummary{}, err
	}
	summary.Added = len(pending)
	if !opts.DryRun {
		log.add(pending)
	}
	return summary, nil
}

// Interactions returns the interactions that link the two people, oldest
// first.
func (s *Store) Interactions(ctx context.Context, personA, personB string) ([]graph.Interaction, error) {
	if personA == personB {
		return nil, graph.Errorf(graph.KindInvalid, "invalid pair: %q twice: name two different people", personA)
	}
	log := &s.interactions
	log.mu.Lock()
	defer log.mu.Unlock()

	s.mu.RLock()
	for _, id := range []string{personA, personB} {
		if _, ok := s.people[id]; !ok {
			s.mu.RUnlock()
			return nil, graph.Errorf(graph.KindNotFound, "person %q not found", id)
		}
	}
	s.mu.RUnlock()

	out := []graph.Interaction{}
	for _, i := range log.byPerson[personA] {
		if in, ok := log.list[i].Between(personA, personB); ok {
			out = append(out, in)
		}
	}
	graph.SortInteractions(out)
	return out, nil
}

// RecomputeStrengths derives strengths from every stored interaction and
// imports them with Import.
func (s *Store) RecomputeStrengths(ctx context.Context, asOf time.Time, halfLife time.Duration) (graph.StrengthSummary, error) {
	agg, err := interactions.NewStoredAggregator(asOf, halfLife)
	if err != nil {
		return graph.StrengthSummary{}, err
	}
	log := &s.interactions
	log.mu.Lock()
	defer log.mu.Unlock()

	// The aggregator sums in time order, as the Neo4j store reads them, so
	// that both stores round the same sums.
	order := make([]int, len(log.list))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return log.list[x].At.Compare(log.list[y].At) })
	for _, i := range order {
		agg.AddStored(log.list[i])
	}

	ds := &graph.Dataset{Relationships: agg.Relationships()}
	summary, err := s.Import(ctx, ds, graph.ImportOptions{})
	if err != nil {
		return graph.StrengthSummary{}, err
	}
	return agg.StrengthSummary(summary.Relationships), nil
}

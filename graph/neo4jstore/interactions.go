package neo4jstore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/cypher"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
)

// The interaction model. Interactions are kept per pair, in one
// relationship for each pair and call of AddInteractions that added to it:
//
//	(a:Person)-[:INTERACTIONS {added_at, ids, at, types, from_a, message_ids}]->(b:Person)
//
// The relationship runs from the lower person id to the higher, like
// RELATES_TO, and added_at is the time of the call. The other properties
// are parallel lists with one entry per interaction:
//
//	ids          the interaction id
//	at           its time, a datetime in UTC
//	types        email, meeting or call
//	from_a       true when a is the sender, organiser or caller
//	message_ids  the log's message id, "" when it had none
//
// An interaction with several recipients has an entry in a relationship
// of each pair it links, under the same id.
//
// Keeping the interactions of a pair together costs a relationship per
// pair and call instead of a node and two or more relationships per
// interaction. That matters because AddInteractions writes in one
// transaction, and Neo4j keeps the changes of a transaction in memory, up
// to dbms.memory.transaction.total.max: 716.8 MiB on a 1 GiB heap in
// Neo4j 5.26, as its error message reports. Measured with SHOW
// TRANSACTIONS on the local launcher (Neo4j 5.26, 1 GiB heap), 20,000
// interactions as nodes with FROM and TO links took about 88 MB, and
// 100,000 interactions as entries of 500 pairs about 44 MB. A call writes
// only its own relationships, so its memory grows with the interactions
// it adds and not with those already stored.

var (
	queryInteractionPeople    = cypher.MustGet("interaction_people")
	queryAddInteractions      = cypher.MustGet("add_interactions")
	queryInteractionStoredIDs = cypher.MustGet("interaction_stored_ids")
	queryPairInteractions     = cypher.MustGet("pair_interactions")
	queryAllPairInteractions  = cypher.MustGet("all_pair_interactions")
)

var _ graph.InteractionStore = (*Store)(nil)

// interactionBatchSize is the number of interactions that AddInteractions
// gathers by pair before it writes them. Each round of writes rewrites the
// lists of every pair it touches, so the rewriting grows with the square
// of the number of rounds. BenchmarkInteractions added 1,000,000
// interactions of 20,000 pairs in 345 s in rounds of 5,000 and in 77 s in
// rounds of 100,000 (local launcher, 1 GiB heap, 2 cores). The writes of a
// round go in UNWIND statements of up to batchSize pairs. Tests lower it
// to cover several rounds.
var interactionBatchSize = 100_000

// AddInteractions stores the interactions of seq in one explicit write
// transaction, in batches of interactionBatchSize. The transaction takes
// the import lock first, so it runs alone among imports and recomputes.
// Unlike the other writes it is not retried, because seq can be read only
// once. A dry run reads in a read transaction and writes nothing.
func (s *Store) AddInteractions(ctx context.Context, seq iter.Seq2[graph.Interaction, error],
	opts graph.InteractionOptions) (graph.InteractionSummary, error) {
	session := s.writeSession(ctx)
	if opts.DryRun {
		session = s.readSession(ctx)
	}
	defer s.closeSession(ctx, session)

	start := time.Now()
	if !opts.DryRun {
		if err := s.awaitStagedImport(ctx); err != nil {
			return graph.InteractionSummary{}, err
		}
	}
	tx, err := session.BeginTransaction(ctx)
	if err != nil {
		return graph.InteractionSummary{}, s.wrapError("add interactions", err)
	}
	// Close rolls back a transaction that was not committed.
	defer func() {
		if err := tx.Close(ctx); err != nil {
			s.logger.Warn("neo4j: close interaction transaction", slog.String("uri", s.uri), slog.Any("error", err))
		}
	}()

	w := &interactionWriter{tx: tx, dryRun: opts.DryRun, errs: &graph.ImportError{}, addedAt: s.now().UTC()}
	w.summary.DryRun = opts.DryRun
	if opts.DryRun {
		w.seen = map[string]bool{}
	} else if err := acquireImportLock(ctx, tx, ""); err != nil {
		return graph.InteractionSummary{}, s.wrapError("add interactions", err)
	}
	if err := w.addAll(ctx, seq); err != nil {
		var inputErr sequenceError
		if errors.As(err, &inputErr) {
			return graph.InteractionSummary{}, inputErr.err
		}
		return graph.InteractionSummary{}, s.wrapError("add interactions", err)
	}
	if err := w.errs.ErrOrNil(); err != nil {
		return graph.InteractionSummary{}, err
	}
	if opts.DryRun {
		return w.summary, nil
	}
	if err := tx.Commit(ctx); err != nil {
		return graph.InteractionSummary{}, s.wrapError("commit interactions", err)
	}
	s.logger.Info("neo4j interactions added",
		slog.Int("added", w.summary.Added),
		slog.Int("duplicates", w.summary.Duplicates),
		slog.Duration("duration", time.Since(start)))
	return w.summary, nil
}

// interactionWriter adds the interactions of one AddInteractions call.
type interactionWriter struct {
	tx      neo4j.ExplicitTransaction
	dryRun  bool
	errs    *graph.ImportError
	summary graph.InteractionSummary
	batch   []graph.Interaction
	addedAt time.Time // the key of the relationships this call writes
	// seen holds the ids counted in a dry run, which writes nothing that
	// later batches could find.
	seen map[string]bool
}

// sequenceError is an error that the sequence of AddInteractions yielded,
// which AddInteractions returns as it is.
type sequenceError struct{ err error }

func (e sequenceError) Error() string { return e.err.Error() }

func (w *interactionWriter) addAll(ctx context.Context, seq iter.Seq2[graph.Interaction, error]) error {
	for in, err := range seq {
		if err != nil {
			return sequenceError{err}
		}
		normal, err := graph.NormalizeInteraction(in)
		if err != nil {
			w.errs.Add(graph.InteractionProblem(in, err))
			continue
		}
		w.batch = append(w.batch, normal)
		if len(w.batch) >= interactionBatchSize {
			if err := w.flush(ctx); err != nil {
				return err
			}
		}
	}
	return w.flush(ctx)
}

// flush checks the batch against the stored people and writes its
// interactions to their pairs, unless a problem was found or this is a dry
// run, which only counts.
func (w *interactionWriter) flush(ctx context.Context) error {
	if len(w.batch) == 0 {
		return nil
	}
	batch := w.batch
	w.batch = w.batch[:0]

	people := map[string]bool{}
	for ids := range slices.Chunk(graph.ParticipantIDs(batch), batchSize) {
		found, err := w.listedIDs(ctx, queryInteractionPeople, map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		maps.Copy(people, found)
	}
	graph.CheckParticipants(batch, func(id string) bool { return people[id] }, w.errs)

	unique := make([]graph.Interaction, 0, len(batch))
	inBatch := make(map[string]bool, len(batch))
	for _, in := range batch {
		if inBatch[in.ID] || w.seen[in.ID] {
			w.summary.Duplicates++
			continue
		}
		inBatch[in.ID] = true
		if w.seen != nil {
			w.seen[in.ID] = true
		}
		unique = append(unique, in)
	}

	var written map[string]bool
	switch {
	case len(w.errs.Problems) > 0:
		// The call fails, so the counts no longer matter.
		return nil
	case w.dryRun:
		stored := map[string]bool{}
		for rows := range slices.Chunk(pairIDRows(unique), batchSize) {
			found, err := w.listedIDs(ctx, queryInteractionStoredIDs, map[string]any{"rows": rows})
			if err != nil {
				return err
			}
			maps.Copy(stored, found)
		}
		written = make(map[string]bool, len(unique))
		for _, in := range unique {
			if !stored[in.ID] {
				written[in.ID] = true
			}
		}
	default:
		var err error
		if written, err = w.append(ctx, unique); err != nil {
			return err
		}
	}
	w.summary.Added += len(written)
	w.summary.Duplicates += len(unique) - len(written)
	return nil
}

// append writes the interactions to the relationships of their pairs and
// returns the ids that were new.
func (w *interactionWriter) append(ctx context.Context, list []graph.Interaction) (map[string]bool, error) {
	added := make(map[string]bool, len(list))
	for rows := range slices.Chunk(pairEntryRows(list), batchSize) {
		params := map[string]any{"rows": rows, "added_at": w.addedAt}
		ids, err := w.listedIDs(ctx, queryAddInteractions, params)
		if err != nil {
			return nil, err
		}
		maps.Copy(added, ids)
	}
	return added, nil
}

// listedIDs runs a query that returns lists of ids in the column "ids"
// and returns the ids of every row.
func (w *interactionWriter) listedIDs(ctx context.Context, query string, params map[string]any) (map[string]bool, error) {
	result, err := w.tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	found := map[string]bool{}
	for result.Next(ctx) {
		ids, err := listColumn(result.Record(), "ids")
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			found[fmt.Sprint(id)] = true
		}
	}
	return found, result.Err()
}

// pairLink is one pair that an interaction links, canonical (a < b), and
// whether a is the person the interaction comes from.
type pairLink struct {
	key   graph.PairKey
	fromA bool
}

// links returns the pairs that in links.
func links(in graph.Interaction) []pairLink {
	out := make([]pairLink, len(in.To))
	for i, to := range in.To {
		key := graph.Pair(in.From, to)
		out[i] = pairLink{key: key, fromA: key.A == in.From}
	}
	return out
}

// pairEntryRows returns the rows of add_interactions: one per pair, in
// the order the pairs first appear, with an entry for each interaction.
func pairEntryRows(list []graph.Interaction) []map[string]any {
	var rows []map[string]any
	index := map[graph.PairKey]int{}
	for _, in := range list {
		for _, link := range links(in) {
			i, ok := index[link.key]
			if !ok {
				i = len(rows)
				index[link.key] = i
				rows = append(rows, map[string]any{"a": link.key.A, "b": link.key.B, "entries": []map[string]any{}})
			}
			entry := map[string]any{
				"id":         in.ID,
				"at":         in.At.UTC(),
				"type":       string(in.Type),
				"from_a":     link.fromA,
				"message_id": in.MessageID,
			}
			rows[i]["entries"] = append(rows[i]["entries"].([]map[string]any), entry)
		}
	}
	return rows
}

// pairIDRows returns the rows of interaction_stored_ids: one per pair with
// the ids of its interactions in list.
func pairIDRows(list []graph.Interaction) []map[string]any {
	var rows []map[string]any
	index := map[graph.PairKey]int{}
	for _, in := range list {
		for _, link := range links(in) {
			i, ok := index[link.key]
			if !ok {
				i = len(rows)
				index[link.key] = i
				rows = append(rows, map[string]any{"a": link.key.A, "b": link.key.B, "ids": []string{}})
			}
			rows[i]["ids"] = append(rows[i]["ids"].([]string), in.ID)
		}
	}
	return rows
}

// Interactions returns the history of the pair, oldest first.
func (s *Store) Interactions(ctx context.Context, personA, personB string) ([]graph.Interaction, error) {
	if personA == personB {
		return nil, graph.Errorf(graph.KindInvalid, "invalid pair: %q twice: name two different people", personA)
	}
	key := graph.Pair(personA, personB)
	return readTransaction(ctx, s, "read interactions", func(tx neo4j.ManagedTransaction) ([]graph.Interaction, error) {
		found := map[string]bool{}
		err := eachRecord(ctx, tx, queryInteractionPeople, map[string]any{"ids": []string{key.A, key.B}},
			func(record *neo4j.Record) error {
				ids, err := listColumn(record, "ids")
				for _, id := range ids {
					found[fmt.Sprint(id)] = true
				}
				return err
			})
		if err != nil {
			return nil, err
		}
		for _, id := range []string{personA, personB} {
			if !found[id] {
				return nil, graph.Errorf(graph.KindNotFound, "person %q not found", id)
			}
		}

		list := []graph.Interaction{}
		err = eachRecord(ctx, tx, queryPairInteractions, map[string]any{"a": key.A, "b": key.B}, func(record *neo4j.Record) error {
			pair, err := decodePair(key, record.AsMap())
			list = append(list, pair...)
			return err
		})
		graph.SortInteractions(list)
		return list, err
	})
}

// decodePair decodes the parallel lists of the INTERACTIONS relationship
// of a pair into its interactions, each from one person of the pair to
// the other.
func decodePair(key graph.PairKey, values map[string]any) ([]graph.Interaction, error) {
	p := properties{kind: "interactions of", values: map[string]any{"id": key.A + "-" + key.B}}
	ids, at, types := listOf(&p, values, "ids"), listOf(&p, values, "at"), listOf(&p, values, "types")
	fromA, messageIDs := listOf(&p, values, "from_a"), listOf(&p, values, "message_ids")
	if p.err != nil {
		return nil, p.err
	}
	if len(at) != len(ids) || len(types) != len(ids) || len(fromA) != len(ids) ||
		(messageIDs != nil && len(messageIDs) != len(ids)) {
		return nil, fmt.Errorf("stored interactions of (%s, %s): lists of different lengths", key.A, key.B)
	}

	out := make([]graph.Interaction, len(ids))
	for i := range ids {
		p.values = map[string]any{"id": ids[i], "at": at[i], "type": types[i], "from_a": fromA[i], "message_id": nil}
		if messageIDs != nil {
			p.values["message_id"] = messageIDs[i]
		}
		in := graph.Interaction{
			ID:        p.text("id"),
			MessageID: p.text("message_id"),
			At:        p.timestamp("at"),
			Type:      graph.InteractionType(p.text("type")),
			From:      key.B,
			To:        []string{key.A},
		}
		if isFromA, ok := p.values["from_a"].(bool); !ok {
			p.fail("from_a", p.values["from_a"], "a boolean")
		} else if isFromA {
			in.From, in.To = key.A, []string{key.B}
		}
		out[i] = in
	}
	return out, p.err
}

// listOf returns the list in key of values, or nil when it is absent.
func listOf(p *properties, values map[string]any, key string) []any {
	switch v := values[key].(type) {
	case nil:
		return nil
	case []any:
		return v
	default:
		p.fail(key, v, "a list")
		return nil
	}
}

// RecomputeStrengths reads the interactions of every pair, derives the
// strengths from those at or before asOf and writes them as an import
// would, all in one write transaction under the import lock.
func (s *Store) RecomputeStrengths(ctx context.Context, asOf time.Time, halfLife time.Duration) (graph.StrengthSummary, error) {
	if _, err := interactions.NewStoredAggregator(asOf, halfLife); err != nil {
		return graph.StrengthSummary{}, err
	}
	start := time.Now()
	var summary graph.StrengthSummary
	err := waitForStaging(ctx, func() (err error) {
		summary, err = s.recomputeStrengths(ctx, asOf, halfLife)
		return err
	})
	if err != nil {
		return graph.StrengthSummary{}, err
	}
	s.logger.Info("neo4j strengths recomputed",
		slog.Time("as_of", summary.AsOf),
		slog.Int("interactions", summary.Interactions),
		slog.Int("pairs", summary.Pairs),
		slog.Any("relationships", summary.Relationships),
		slog.Duration("duration", time.Since(start)))
	return summary, nil
}

// recomputeStrengths is RecomputeStrengths in one write transaction.
func (s *Store) recomputeStrengths(ctx context.Context, asOf time.Time, halfLife time.Duration) (graph.StrengthSummary, error) {
	return writeTransaction(ctx, s, "recompute strengths", func(tx neo4j.ManagedTransaction) (graph.StrengthSummary, error) {
		if err := acquireImportLock(ctx, tx, ""); err != nil {
			return graph.StrengthSummary{}, err
		}
		agg, err := interactions.NewStoredAggregator(asOf, halfLife)
		if err != nil {
			return graph.StrengthSummary{}, err
		}
		counted, err := aggregatePairs(ctx, tx, agg, asOf)
		if err != nil {
			return graph.StrengthSummary{}, err
		}

		ds := &graph.Dataset{Relationships: agg.Relationships()}
		planned, existing, err := plan(ctx, tx, ds, ds.Refs())
		if err != nil {
			return graph.StrengthSummary{}, err
		}
		if err := writeWithHistory(ctx, tx, ds, existing, time.Time{}); err != nil {
			return graph.StrengthSummary{}, err
		}
		summary := agg.StrengthSummary(planned.Relationships)
		summary.Interactions, summary.AfterAsOf = len(counted.until), len(counted.after)
		return summary, nil
	})
}

// aggregatePairs reads the interactions of every pair and adds them to
// agg, each pair in time order as the memory store adds them, so that both
// stores round the same sums. A pair's entries may come in several rows,
// so they are gathered first, in a compact form. It counts the distinct
// interactions at or before asOf and after it.
func aggregatePairs(ctx context.Context, tx neo4j.ManagedTransaction, agg *interactions.Aggregator, asOf time.Time) (
	interactionCounts, error) {
	counts := interactionCounts{until: idSet{}, after: idSet{}}
	pairs := map[graph.PairKey][]pairEntry{}
	err := eachRecord(ctx, tx, queryAllPairInteractions, nil, func(record *neo4j.Record) error {
		values := record.AsMap()
		key := graph.Pair(fmt.Sprint(values["a"]), fmt.Sprint(values["b"]))
		list, err := decodePair(key, values)
		if err != nil {
			return err
		}
		for _, in := range list {
			if in.At.After(asOf) {
				counts.after.add(in.ID)
				continue
			}
			counts.until.add(in.ID)
			pairs[key] = append(pairs[key], pairEntry{at: in.At.UnixNano(), typ: in.Type, fromA: in.From == key.A})
		}
		return nil
	})
	if err != nil {
		return counts, err
	}

	for key, entries := range pairs {
		slices.SortFunc(entries, func(x, y pairEntry) int { return cmp.Compare(x.at, y.at) })
		for _, e := range entries {
			in := graph.Interaction{At: time.Unix(0, e.at).UTC(), Type: e.typ, From: key.B, To: []string{key.A}}
			if e.fromA {
				in.From, in.To = key.A, []string{key.B}
			}
			agg.AddStored(in)
		}
	}
	return counts, nil
}

// pairEntry is one interaction of a pair, as a recompute needs it.
type pairEntry struct {
	at    int64 // Unix nanoseconds
	typ   graph.InteractionType
	fromA bool // the interaction comes from the pair's lower id
}

// interactionCounts counts the distinct interactions that a recompute
// reads, at or before as_of and after it.
type interactionCounts struct {
	until, after idSet
}

// idSet counts distinct interaction ids, which a recompute needs because
// an interaction with several recipients appears in several pairs. It
// keeps a 64-bit hash of each id, 8 bytes instead of the id's 39.
type idSet map[uint64]struct{}

func (s idSet) add(id string) {
	h := fnv.New64a()
	h.Write([]byte(id))
	s[h.Sum64()] = struct{}{}
}

package neo4jstore

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
)

// batchSize is the number of rows that one UNWIND statement writes or
// looks up. Tests lower it to cover imports that span several batches.
var batchSize = 2000

// importLockID is the id of the ImportLock node that serialises imports.
const importLockID = "import"

// Import validates ds against itself and the stored graph and applies it
// whole or not at all: in one write transaction, or in stages made visible
// by one last transaction when ds has more than Config.StagedImportRecords
// records (see staged.go). With opts.DryRun it validates and counts in a
// read transaction instead.
func (s *Store) Import(ctx context.Context, ds *graph.Dataset, opts graph.ImportOptions) (graph.ImportSummary, error) {
	if ds == nil {
		return graph.ImportSummary{}, graph.Errorf(graph.KindInvalid, "neo4j: import: missing dataset")
	}
	refs := ds.Refs()
	if opts.DryRun {
		summary, err := readTransaction(ctx, s, "plan import", func(tx neo4j.ManagedTransaction) (graph.ImportSummary, error) {
			summary, _, err := plan(ctx, tx, ds, refs)
			return summary, err
		})
		if err != nil {
			return graph.ImportSummary{}, err
		}
		summary.DryRun = true
		return summary, nil
	}

	if s.stagedRecords >= 0 && len(ds.Accounts)+len(ds.People)+len(ds.Relationships) > s.stagedRecords {
		return s.importStaged(ctx, ds, refs, opts)
	}

	start := time.Now()
	var summary graph.ImportSummary
	err := waitForStaging(ctx, func() (err error) {
		summary, err = s.importInOneTransaction(ctx, ds, refs, opts)
		return err
	})
	if err != nil {
		return graph.ImportSummary{}, err
	}
	s.logger.Info("neo4j import applied",
		slog.Any("accounts", summary.Accounts),
		slog.Any("people", summary.People),
		slog.Any("relationships", summary.Relationships),
		slog.Duration("duration", time.Since(start)))
	return summary, nil
}

// importInOneTransaction validates ds and applies it in one write
// transaction.
func (s *Store) importInOneTransaction(ctx context.Context, ds *graph.Dataset, refs graph.Refs,
	opts graph.ImportOptions) (graph.ImportSummary, error) {
	return writeTransaction(ctx, s, "import", func(tx neo4j.ManagedTransaction) (graph.ImportSummary, error) {
		// Taking the lock before reading keeps a concurrent import from
		// changing what Plan validated against.
		if err := acquireImportLock(ctx, tx, ""); err != nil {
			return graph.ImportSummary{}, err
		}
		summary, existing, err := plan(ctx, tx, ds, refs)
		if err != nil {
			return graph.ImportSummary{}, err
		}
		return summary, writeWithHistory(ctx, tx, ds, existing, opts.Effective)
	})
}

// plan loads what ds touches in the stored graph and validates ds against
// it with graph.Plan.
func plan(ctx context.Context, tx neo4j.ManagedTransaction, ds *graph.Dataset, refs graph.Refs) (
	graph.ImportSummary, graph.Existing, error) {
	existing, err := loadExisting(ctx, tx, refs)
	if err != nil {
		return graph.ImportSummary{}, graph.Existing{}, err
	}
	summary, err := graph.Plan(ds, existing)
	return summary, existing, err
}

// loadExisting looks up the accounts, people and relationships of refs in
// batches.
func loadExisting(ctx context.Context, tx neo4j.ManagedTransaction, refs graph.Refs) (graph.Existing, error) {
	existing := graph.Existing{
		Accounts:      make(map[string]graph.Account),
		People:        make(map[string]graph.Person),
		Relationships: make(map[graph.PairKey]graph.Relationship),
	}
	for ids := range slices.Chunk(refs.AccountIDs, batchSize) {
		params := map[string]any{"ids": ids}
		err := eachListItem(ctx, tx, queryExistingAccounts, params, "accounts", func(values map[string]any) error {
			a, err := decodeAccount(values)
			existing.Accounts[a.ID] = a
			return err
		})
		if err != nil {
			return graph.Existing{}, err
		}
	}
	for ids := range slices.Chunk(refs.PersonIDs, batchSize) {
		params := map[string]any{"ids": ids}
		err := eachListItem(ctx, tx, queryExistingPeople, params, "people", func(values map[string]any) error {
			p, err := decodePerson(values)
			existing.People[p.ID] = p
			return err
		})
		if err != nil {
			return graph.Existing{}, err
		}
	}
	// A pair can be stored only when both of its people are.
	var stored []graph.PairKey
	for _, pair := range refs.Pairs {
		_, okA := existing.People[pair.A]
		_, okB := existing.People[pair.B]
		if okA && okB {
			stored = append(stored, pair)
		}
	}
	for pairs := range slices.Chunk(pairRows(stored), batchSize) {
		params := map[string]any{"pairs": pairs}
		err := eachListItem(ctx, tx, queryExistingRelationships, params, "relationships", func(values map[string]any) error {
			r, err := decodeRelationship(values)
			existing.Relationships[graph.Pair(r.PersonA, r.PersonB)] = r
			return err
		})
		if err != nil {
			return graph.Existing{}, err
		}
	}
	return existing, nil
}

// write applies c. Nodes come first, because the link statements match
// both of their ends, and a person's manager or an account's owner may come
// later in the same dataset.
func write(ctx context.Context, tx neo4j.ManagedTransaction, c changes) error {
	accounts, err := accountRows(c.accounts)
	if err != nil {
		return err
	}
	people, err := personRows(c.people)
	if err != nil {
		return err
	}
	newRelationships, err := relationshipRows(c.newRelationships)
	if err != nil {
		return err
	}
	updatedRelationships, err := relationshipRows(c.updatedRelationships)
	if err != nil {
		return err
	}

	steps := []struct {
		query string
		rows  []map[string]any
	}{
		{queryUpsertAccounts, accounts},
		{queryUpsertPeople, people},
		{queryLinkPersonFunction, functionRows(c.people)},
		{queryLinkPersonBusinessUnit, unitRows(c.people)},
		{queryLinkPersonAccount, personAccountRows(c.people)},
		{queryLinkPersonManager, managerRows(c.people)},
		{queryLinkAccountOwner, ownerRows(c.accounts)},
		{queryCreateRelationships, newRelationships},
		{queryUpdateRelationships, updatedRelationships},
	}
	for _, step := range steps {
		for rows := range slices.Chunk(step.rows, batchSize) {
			if err := run(ctx, tx, step.query, map[string]any{"rows": rows}); err != nil {
				return err
			}
		}
	}

	if !c.peopleUpdated {
		return nil
	}
	// Moving a link can leave a Function or BusinessUnit without people.
	if err := run(ctx, tx, queryDeleteOrphanFunctions, nil); err != nil {
		return err
	}
	return run(ctx, tx, queryDeleteOrphanUnits, nil)
}

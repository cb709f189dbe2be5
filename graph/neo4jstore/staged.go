package neo4jstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/cypher"
	"github.com/kamgraph/kamgraph/graph"
)

// Staged imports.
//
// Neo4j holds the whole state of a transaction on its heap until commit,
// so one transaction cannot create a million relationships with their
// versions. An import of more than Config.StagedImportRecords records is
// therefore written in stages, and still becomes visible all at once:
//
//  1. It takes the staging lease on the ImportLock node. While the lease
//     is live, other imports, AddInteractions and RecomputeStrengths wait,
//     and fail with KindUnavailable when their context ends first.
//  2. It validates the dataset against the stored graph, as Import does.
//  3. It writes the new accounts and people, their links and versions, and
//     every new relationship with at least one new end, in transactions of
//     stagingTxRows rows. New nodes carry the labels StagedAccount,
//     StagedPerson, StagedAccountVersion and StagedPersonVersion, which no
//     reader matches, and relationships to them are unseen because every
//     reader requires Person, Customer, Vendor or Account at both ends.
//     Each transaction extends the lease.
//  4. One last transaction relabels the staged nodes: StagedPerson becomes
//     Person with the label of its side, and so on. The nodes keep the
//     property staged_import, the id of the import that created them,
//     because removing it would double the memory of this transaction. It then applies the
//     rest of the dataset (changed records and new relationships between
//     stored people) as Import does, bumps the versions and ends the lease.
//
// When a step fails, the import deletes what it staged. When the process
// dies instead, its lease expires after stagingLease. The next import then
// ends the lease, and the next staged import or Open deletes the nodes.

// DefaultStagedImportRecords is the StagedImportRecords of a Config that
// sets none.
const DefaultStagedImportRecords = 10000

var (
	// stagingLease is how long a staging lease lasts without being
	// extended. Tests shorten it.
	stagingLease = 2 * time.Minute
	// stagingTxRows is the number of rows each staging transaction writes.
	stagingTxRows = 20000
	// stagingHook, when set, runs after each staging transaction commits,
	// with the name of the step, and once more with "publish" before the
	// last transaction. An error stops the import there. Tests only.
	stagingHook func(step string) error
)

var (
	queryStagingLease     = cypher.MustGet("staging_lease")
	queryStagingRelease   = cypher.MustGet("staging_release")
	queryStagedDelete     = cypher.MustGet("staged_delete")
	queryStagedAccounts   = cypher.MustGet("staged_create_accounts")
	queryStagedPeople     = cypher.MustGet("staged_create_people")
	queryStagedLinkPeople = cypher.MustGet("staged_link_people")
	queryStagedLinkOwners = cypher.MustGet("staged_link_owners")
	queryStagedRelations  = cypher.MustGet("staged_create_relationships")
	queryStagedRelsFromA  = cypher.MustGet("staged_create_relationships_stored_a")
	queryStagedRelsFromB  = cypher.MustGet("staged_create_relationships_stored_b")
	queryStagedDeleteRels = cypher.MustGet("staged_delete_relationships")
	queryStagedExists     = cypher.MustGet("staged_exists")

	// publishStatements relabel the staged nodes, accounts before the
	// people whose versions name them.
	publishStatements = []string{
		cypher.MustGet("staged_publish_accounts"),
		cypher.MustGet("staged_publish_people"),
		cypher.MustGet("staged_publish_account_versions"),
		cypher.MustGet("staged_publish_person_versions"),
	}
)

// stagedDeleteBatch is the number of staged relationships, or of staged
// nodes once their relationships are gone, that one clean-up transaction
// deletes.
const stagedDeleteBatch = 10000

// publishBatch is the number of staged nodes that one statement of the
// last transaction relabels.
const publishBatch = 10000

// abandonTimeout bounds the clean-up after a failed staged import, which
// runs even when the import's context has ended.
const abandonTimeout = 5 * time.Minute

// txRunner is the method that lockImport uses of a managed or an explicit
// transaction.
type txRunner interface {
	Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error)
}

// lockImport takes the import lock in tx and returns the staged import
// that holds a live staging lease, or "" when none does. It ends an
// expired lease, whose import stopped without finishing.
func lockImport(ctx context.Context, tx txRunner) (string, error) {
	result, err := tx.Run(ctx, queryLockImport, map[string]any{"lock_id": importLockID})
	if err != nil {
		return "", err
	}
	record, err := result.Single(ctx)
	if err != nil {
		return "", err
	}
	holder, _ := record.Get("staging_id")
	live, _ := record.Get("staging_live")
	id, _ := holder.(string)
	if id == "" {
		return "", nil
	}
	if isLive, _ := live.(bool); isLive {
		return id, nil
	}
	return "", releaseLease(ctx, tx, id)
}

// releaseLease ends the staging lease of id, if id holds it. The caller
// holds the import lock.
func releaseLease(ctx context.Context, tx txRunner, id string) error {
	result, err := tx.Run(ctx, queryStagingRelease, map[string]any{"lock_id": importLockID, "staging_id": id})
	if err != nil {
		return err
	}
	_, err = result.Consume(ctx)
	return err
}

// extendLease takes the import lock in tx, checks that id still holds the
// staging lease and extends it by stagingLease.
func (s *Store) extendLease(ctx context.Context, tx neo4j.ManagedTransaction, id string) error {
	if err := acquireImportLock(ctx, tx, id); err != nil {
		return err
	}
	return run(ctx, tx, queryStagingLease, s.leaseParams(id))
}

// endLease ends the staging lease of id in a transaction of its own.
func (s *Store) endLease(ctx context.Context, id string) error {
	_, err := writeTransaction(ctx, s, "end staging lease", func(tx neo4j.ManagedTransaction) (struct{}, error) {
		if _, err := lockImport(ctx, tx); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, releaseLease(ctx, tx, id)
	})
	return err
}

// acquireImportLock takes the import lock for an import that writes in
// tx. It fails with KindUnavailable while a staged import other than own
// holds the staging lease; own is "" for imports that are not staged.
func acquireImportLock(ctx context.Context, tx txRunner, own string) error {
	holder, err := lockImport(ctx, tx)
	if err != nil {
		return err
	}
	if holder != "" && holder != own {
		return &graph.Error{
			Kind: graph.KindUnavailable,
			Message: fmt.Sprintf("neo4j: another import is being written in stages: retry when it has finished "+
				"(the lease of an import that stopped expires within %s)", stagingLease),
			Err: errImportStaging,
		}
	}
	if own != "" && holder != own {
		return graph.Errorf(graph.KindUnavailable,
			"neo4j: staged import %s lost its lease, which expired after %s without a write: import again", own, stagingLease)
	}
	return nil
}

// errImportStaging marks the error of acquireImportLock while another
// import is staged.
var errImportStaging = errors.New("another import has the staging lease")

// stagingPollMax is the longest wait of waitForStaging between attempts.
const stagingPollMax = 2 * time.Second

// waitForStaging runs fn, and runs it again after a pause for as long as
// it fails because another import is staged, until ctx ends. Imports thus
// wait for a staged import as they wait for the import lock.
func waitForStaging(ctx context.Context, fn func() error) error {
	wait := 50 * time.Millisecond
	for {
		err := fn()
		if !errors.Is(err, errImportStaging) {
			return err
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return err
		case <-timer.C:
		}
		wait = min(2*wait, stagingPollMax)
	}
}

// awaitStagedImport returns once no other import is staged, or with the
// error of acquireImportLock when ctx ends first. For writers that cannot
// run their transaction again.
func (s *Store) awaitStagedImport(ctx context.Context) error {
	return waitForStaging(ctx, func() error {
		_, err := writeTransaction(ctx, s, "wait for staged import", func(tx neo4j.ManagedTransaction) (struct{}, error) {
			return struct{}{}, acquireImportLock(ctx, tx, "")
		})
		return err
	})
}

// stagedChanges splits c into what a staged import writes in stages and
// what it writes in its last transaction.
func stagedChanges(c changes, existing graph.Existing) (staged, final changes) {
	for _, a := range c.accounts {
		if _, ok := existing.Accounts[a.ID]; ok {
			final.accounts = append(final.accounts, a)
		} else {
			staged.accounts = append(staged.accounts, a)
		}
	}
	newPeople := make(map[string]bool)
	for _, p := range c.people {
		if _, ok := existing.People[p.ID]; ok {
			final.people = append(final.people, p)
		} else {
			staged.people = append(staged.people, p)
			newPeople[p.ID] = true
		}
	}
	final.peopleUpdated = c.peopleUpdated
	for _, r := range c.newRelationships {
		if newPeople[r.PersonA] || newPeople[r.PersonB] {
			staged.newRelationships = append(staged.newRelationships, r)
		} else {
			final.newRelationships = append(final.newRelationships, r)
		}
	}
	final.updatedRelationships = c.updatedRelationships
	return staged, final
}

// stagedPlan is the outcome of validating a staged import.
type stagedPlan struct {
	summary  graph.ImportSummary
	existing graph.Existing
}

// importStaged writes ds in stages; see the comment at the top of this
// file.
func (s *Store) importStaged(ctx context.Context, ds *graph.Dataset, refs graph.Refs, opts graph.ImportOptions) (graph.ImportSummary, error) {
	start := time.Now()
	id, err := newStagingID()
	if err != nil {
		return graph.ImportSummary{}, err
	}
	if err := s.beginStaging(ctx, id); err != nil {
		return graph.ImportSummary{}, err
	}
	summary, staged, err := s.writeStaged(ctx, id, ds, refs, opts)
	if err != nil {
		s.abandonStaging(ctx, id)
		return graph.ImportSummary{}, err
	}
	s.logger.Info("neo4j import applied in stages",
		slog.Any("accounts", summary.Accounts),
		slog.Any("people", summary.People),
		slog.Any("relationships", summary.Relationships),
		slog.Int("staged_records", staged),
		slog.Duration("duration", time.Since(start)))
	return summary, nil
}

// newStagingID returns a random id for a staged import.
func newStagingID() (string, error) {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", graph.Errorf(graph.KindInternal, "neo4j: failed to create a staged import id: %v", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// beginStaging takes the staging lease for id, then deletes whatever
// earlier staged imports left behind.
func (s *Store) beginStaging(ctx context.Context, id string) error {
	err := waitForStaging(ctx, func() error {
		_, err := writeTransaction(ctx, s, "begin staged import", func(tx neo4j.ManagedTransaction) (struct{}, error) {
			if err := acquireImportLock(ctx, tx, ""); err != nil {
				return struct{}{}, err
			}
			return struct{}{}, run(ctx, tx, queryStagingLease, s.leaseParams(id))
		})
		return err
	})
	if err != nil {
		return err
	}
	return s.deleteStaged(ctx, "", id, id)
}

func (s *Store) leaseParams(id string) map[string]any {
	return map[string]any{"lock_id": importLockID, "staging_id": id, "lease_seconds": int64(stagingLease / time.Second)}
}

// writeStaged validates ds, stages its new records and publishes the
// import. It returns the summary and the number of staged rows.
func (s *Store) writeStaged(ctx context.Context, id string, ds *graph.Dataset, refs graph.Refs,
	opts graph.ImportOptions) (graph.ImportSummary, int, error) {
	// The lease keeps other imports from changing what Plan validates
	// against until the import is published.
	// NOTE: MarkDeparted and the metrics write-back do not take the import
	// lock, so they may change a stored person between this plan and the
	// last transaction, which then writes the import's record over it.
	p, err := readTransaction(ctx, s, "plan import", func(tx neo4j.ManagedTransaction) (stagedPlan, error) {
		summary, existing, err := plan(ctx, tx, ds, refs)
		return stagedPlan{summary, existing}, err
	})
	if err != nil {
		return graph.ImportSummary{}, 0, err
	}
	all := diff(ds, p.existing)
	staged, final := stagedChanges(all, p.existing)
	at := time.Now().UTC()
	if !opts.Effective.IsZero() {
		at = opts.Effective.UTC()
		_, err := readTransaction(ctx, s, "check effective time", func(tx neo4j.ManagedTransaction) (struct{}, error) {
			return struct{}{}, checkEffective(ctx, tx, final, at)
		})
		if err != nil {
			return graph.ImportSummary{}, 0, err
		}
	}
	rows, err := s.stage(ctx, id, staged, at)
	if err != nil {
		return graph.ImportSummary{}, 0, err
	}
	if stagingHook != nil {
		if err := stagingHook("publish"); err != nil {
			return graph.ImportSummary{}, 0, err
		}
	}
	_, err = writeTransaction(ctx, s, "publish staged import", func(tx neo4j.ManagedTransaction) (struct{}, error) {
		if err := acquireImportLock(ctx, tx, id); err != nil {
			return struct{}{}, err
		}
		if err := publish(ctx, tx, id, all, final, at, !opts.Effective.IsZero()); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, releaseLease(ctx, tx, id)
	})
	if err != nil {
		return graph.ImportSummary{}, 0, err
	}
	return p.summary, rows, nil
}

// stage writes the records of staged in transactions of stagingTxRows
// rows, each of which first extends the lease of id. It returns the number
// of rows written.
func (s *Store) stage(ctx context.Context, id string, staged changes, at time.Time) (int, error) {
	accounts, err := accountRows(staged.accounts)
	if err != nil {
		return 0, err
	}
	var owners []map[string]any
	for i, a := range staged.accounts {
		accounts[i]["owner_id"] = nullable(a.OwnerID)
		if a.OwnerID != "" {
			owners = append(owners, map[string]any{"id": a.ID, "owner_id": a.OwnerID})
		}
	}
	people, err := stagedPersonRows(staged.people)
	if err != nil {
		return 0, err
	}
	// Each statement of relationships matches its two ends by the label
	// they have, staged or stored, so that it looks up each end once.
	newPeople := make(map[string]bool, len(staged.people))
	for _, p := range staged.people {
		newPeople[p.ID] = true
	}
	var bothNew, storedA, storedB []graph.Relationship
	for _, r := range staged.newRelationships {
		switch {
		case !newPeople[r.PersonA]:
			storedA = append(storedA, r)
		case !newPeople[r.PersonB]:
			storedB = append(storedB, r)
		default:
			bothNew = append(bothNew, r)
		}
	}
	relationships := make([][]map[string]any, 0, 3)
	for _, list := range [][]graph.Relationship{bothNew, storedA, storedB} {
		rows, err := relationshipRows(list)
		if err != nil {
			return 0, err
		}
		relationships = append(relationships, rows)
	}
	// Accounts and people come before the links that match them.
	steps := []struct {
		name  string
		query string
		rows  []map[string]any
	}{
		{"accounts", queryStagedAccounts, accounts},
		{"people", queryStagedPeople, people},
		{"people links", queryStagedLinkPeople, people},
		{"account owners", queryStagedLinkOwners, owners},
		{"relationships", queryStagedRelations, relationships[0]},
		{"relationships", queryStagedRelsFromA, relationships[1]},
		{"relationships", queryStagedRelsFromB, relationships[2]},
	}
	written := 0
	for _, step := range steps {
		for txRows := range slices.Chunk(step.rows, stagingTxRows) {
			_, err := writeTransaction(ctx, s, "stage import", func(tx neo4j.ManagedTransaction) (struct{}, error) {
				if err := s.extendLease(ctx, tx, id); err != nil {
					return struct{}{}, err
				}
				for rows := range slices.Chunk(txRows, batchSize) {
					params := map[string]any{"rows": rows, "staging_id": id, "at": at}
					if err := run(ctx, tx, step.query, params); err != nil {
						return struct{}{}, err
					}
				}
				return struct{}{}, nil
			})
			if err != nil {
				return written, err
			}
			written += len(txRows)
			if stagingHook != nil {
				if err := stagingHook(step.name); err != nil {
					return written, err
				}
			}
		}
	}
	return written, nil
}

// stagedPersonRows returns one row per person with every field that the
// staging statements of people read: the record, its version and links.
func stagedPersonRows(people []graph.Person) ([]map[string]any, error) {
	rows, err := personRows(people)
	if err != nil {
		return nil, err
	}
	functions := functionRows(people)
	units := unitRows(people)
	for i, p := range people {
		row := rows[i]
		row["account_id"] = nullable(p.AccountID)
		row["manager_id"] = nullable(p.ManagerID)
		row["function_key"] = functions[i]["function_key"]
		for _, key := range []string{"unit_side", "unit_org", "unit_key", "unit_name"} {
			row[key] = units[i][key]
		}
	}
	return rows, nil
}

// publish makes the staged records of id visible and applies final, the
// part of the import written in this transaction, with its versions and
// the version bumps of every affected account. all is every change of the
// import, staged or not.
func publish(ctx context.Context, tx neo4j.ManagedTransaction, id string, all, final changes, at time.Time, checkAt bool) error {
	if checkAt {
		if err := checkEffective(ctx, tx, final, at); err != nil {
			return err
		}
	}

	// Staged records only add people and relationships, so the accounts
	// that hold a person before the import matter only for final.
	before, err := memberships(ctx, tx, touchedPeople(final))
	if err != nil {
		return err
	}
	params := map[string]any{"staging_id": id, "limit": publishBatch}
	for _, query := range publishStatements {
		for {
			published, err := singleInt(ctx, tx, query, params, "published")
			if err != nil {
				return err
			}
			if published == 0 {
				break
			}
		}
	}

	if err := write(ctx, tx, final); err != nil {
		return err
	}
	after, err := memberships(ctx, tx, touchedPeople(all))
	if err != nil {
		return err
	}
	if err := addVersions(ctx, tx, final, at); err != nil {
		return err
	}
	if all.empty() {
		return nil
	}
	return bumpVersions(ctx, tx, affectedAccounts(all, before, after))
}

// abandonStaging deletes what the staged import id wrote and ends its
// lease. It runs after the import failed, so it goes on when ctx has
// ended. A failure is logged, and the next staged import or Open repairs
// it.
func (s *Store) abandonStaging(ctx context.Context, id string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abandonTimeout)
	defer cancel()
	err := s.deleteStaged(ctx, id, "", "")
	if err == nil {
		err = s.endLease(ctx, id)
	}
	if err != nil {
		s.logger.Warn("neo4j: clean-up of a failed staged import failed; the next staged import or start-up deletes its records",
			slog.String("staging_id", id), slog.Any("error", err))
	}
}

// deleteStaged deletes the staged nodes of the import only, or, when only
// is "", of every staged import but except, in transactions of
// stagedDeleteBatch nodes, and then the functions and business units that
// no person links to any more. When lease is set, each transaction first
// checks and extends that staging lease, so that no staged import begins
// while the deletion runs, however long it takes.
func (s *Store) deleteStaged(ctx context.Context, only, except, lease string) error {
	params := map[string]any{"only": nullable(only), "except": nullable(except), "limit": stagedDeleteBatch}
	total := int64(0)
	for _, query := range []string{queryStagedDeleteRels, queryStagedDelete} {
		for {
			deleted, err := writeTransaction(ctx, s, "delete staged records", func(tx neo4j.ManagedTransaction) (int64, error) {
				if lease != "" {
					if err := s.extendLease(ctx, tx, lease); err != nil {
						return 0, err
					}
				}
				return singleInt(ctx, tx, query, params, "deleted")
			})
			if err != nil {
				return err
			}
			total += deleted
			if deleted == 0 {
				break
			}
		}
	}
	if total == 0 {
		return nil
	}
	_, err := writeTransaction(ctx, s, "delete staged records", func(tx neo4j.ManagedTransaction) (struct{}, error) {
		if _, err := lockImport(ctx, tx); err != nil {
			return struct{}{}, err
		}
		if err := run(ctx, tx, queryDeleteOrphanFunctions, nil); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, run(ctx, tx, queryDeleteOrphanUnits, nil)
	})
	if err != nil {
		return err
	}
	s.logger.Info("neo4j staged records of unfinished imports deleted", slog.Int64("nodes_and_relationships", total))
	return nil
}

// removeAbandonedStaging deletes the staged nodes of imports that stopped
// without finishing, keeping those of an import whose lease is live.
//
// It takes the staging lease for the deletion, as a staged import does,
// because a staged import that began during it would otherwise lose
// nodes, and then publish part of itself. When another staged import holds
// a live lease, it leaves everything to that import, which deletes the
// rest when it begins. A first read without the import lock keeps Open
// from waiting for a long import when nothing is staged.
func (s *Store) removeAbandonedStaging(ctx context.Context) error {
	staged, err := readTransaction(ctx, s, "check staged imports", func(tx neo4j.ManagedTransaction) (int64, error) {
		return singleInt(ctx, tx, queryStagedExists, nil, "staged")
	})
	if err != nil || staged == 0 {
		return err
	}
	id, err := newStagingID()
	if err != nil {
		return err
	}
	leased, err := writeTransaction(ctx, s, "check staged imports", func(tx neo4j.ManagedTransaction) (bool, error) {
		holder, err := lockImport(ctx, tx)
		if err != nil || holder != "" {
			return false, err
		}
		return true, run(ctx, tx, queryStagingLease, s.leaseParams(id))
	})
	if err != nil || !leased {
		return err
	}
	err = s.deleteStaged(ctx, "", id, id)
	return errors.Join(err, s.endLease(ctx, id))
}

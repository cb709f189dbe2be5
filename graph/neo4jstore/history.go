package neo4jstore

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/cypher"
	"github.com/kamgraph/kamgraph/graph"
)

// The history model. Current records stay as the store model describes
// them, and every change also adds a version:
//
//	(:AccountVersion {account_id, valid_from, valid_to, name, tier, arr,
//	                  renewal_date, owner_id})
//	(:PersonVersion  {person_id, valid_from, valid_to, name, side, ...,
//	                  account_id, manager_id})
//	(a:Person)-[:RELATES_TO_VERSION {valid_from, valid_to, strength, type,
//	                                 last_interaction, source}]->(b:Person)
//	(:GraphVersion   {id: "graph", version})   the write counter
//	Account.version                             the account version
//	(:MetricsSnapshot {account_id, computed_at, ...})-[:SNAPSHOT_OF]->(:Account)
//
// A version is valid at t when valid_from <= t < valid_to, where a missing
// valid_from means since before history began (records written before the
// store kept history get such a version when the store opens) and a
// missing valid_to marks the current version. Times are Neo4j datetimes in
// UTC. RELATES_TO_VERSION runs from the lower person id to the higher, like
// RELATES_TO.

var (
	historySchemaStatements = []string{
		cypher.MustGet("history_constraint_graph_version"),
		cypher.MustGet("history_index_account_version"),
		cypher.MustGet("history_index_person_version_person"),
		cypher.MustGet("history_index_person_version_account"),
		cypher.MustGet("history_index_metrics"),
	}
	historyBackfillStatements = []string{
		cypher.MustGet("history_backfill_accounts"),
		cypher.MustGet("history_backfill_people"),
		cypher.MustGet("history_backfill_relationships"),
	}

	queryAddAccountVersions      = cypher.MustGet("history_add_account_versions")
	queryAddPersonVersions       = cypher.MustGet("history_add_person_versions")
	queryAddRelationshipVersions = cypher.MustGet("history_add_relationship_versions")
	queryLaterVersions           = cypher.MustGet("history_later_versions")
	queryMemberships             = cypher.MustGet("history_memberships")
	queryBumpVersion             = cypher.MustGet("history_bump_version")
	queryVersion                 = cypher.MustGet("history_version")
	queryAccountVersions         = cypher.MustGet("history_account_versions")
	queryAccountsAsOf            = cypher.MustGet("history_accounts_as_of")
	queryAccountGraphAsOf        = cypher.MustGet("history_account_graph_as_of")
	queryVendorsAsOf             = cypher.MustGet("history_vendors_as_of")
	queryRelationshipsAsOf       = cypher.MustGet("history_relationships_as_of")
)

var _ graph.HistoryStore = (*Store)(nil)

// graphVersionID is the id of the single GraphVersion node.
const graphVersionID = "graph"

// backfillBatch is the number of versions one backfill transaction creates.
const backfillBatch = 10000

// ensureHistory creates the indexes of the history model and gives every
// record stored without a version one, in batches.
func (s *Store) ensureHistory(ctx context.Context) error {
	for _, statement := range historySchemaStatements {
		_, err := neo4j.ExecuteQuery(ctx, s.driver, statement, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.database),
			neo4j.ExecuteQueryWithWritersRouting())
		if err != nil {
			return s.wrapError("create history schema", err)
		}
	}
	total := int64(0)
	for _, statement := range historyBackfillStatements {
		for {
			created, err := writeTransaction(ctx, s, "backfill history", func(tx neo4j.ManagedTransaction) (int64, error) {
				return singleInt(ctx, tx, statement, map[string]any{"limit": backfillBatch}, "created")
			})
			if err != nil {
				return err
			}
			total += created
			if created == 0 {
				break
			}
		}
	}
	if total > 0 {
		s.logger.Info("neo4j history backfilled for records stored without versions", slog.Int64("versions", total))
	}
	return nil
}

// writeWithHistory applies the changes of ds compared with existing, adds
// a version valid from the effective time for every changed record, and
// bumps the write counter and the versions of the affected accounts. A
// zero effective time means now. It returns a KindInvalid error, and the
// transaction rolls back, when effective is before the current version of
// a changed record.
func writeWithHistory(ctx context.Context, tx neo4j.ManagedTransaction, ds *graph.Dataset, existing graph.Existing,
	effective time.Time) error {
	c := diff(ds, existing)
	if c.empty() {
		return write(ctx, tx, c)
	}
	at := time.Now().UTC()
	// NOTE: a dry run does not reach this check, so it accepts an effective
	// time that the real import then rejects; the memory store checks both.
	if !effective.IsZero() {
		at = effective.UTC()
		if err := checkEffective(ctx, tx, c, at); err != nil {
			return err
		}
	}

	ids := touchedPeople(c)
	before, err := memberships(ctx, tx, ids)
	if err != nil {
		return err
	}
	if err := write(ctx, tx, c); err != nil {
		return err
	}
	after, err := memberships(ctx, tx, ids)
	if err != nil {
		return err
	}
	if err := addVersions(ctx, tx, c, at); err != nil {
		return err
	}
	return bumpVersions(ctx, tx, affectedAccounts(c, before, after))
}

// touchedPeople returns the ids of the changed people and of the ends of
// the changed relationships.
func touchedPeople(c changes) []string {
	seen := make(map[string]bool)
	var ids []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, p := range c.people {
		add(p.ID)
	}
	for _, r := range append(append([]graph.Relationship{}, c.newRelationships...), c.updatedRelationships...) {
		add(r.PersonA)
		add(r.PersonB)
	}
	return ids
}

// affectedAccounts returns the accounts whose AccountGraph the changes
// touch: changed accounts, every account holding a changed person before or
// after the write, and every account holding both ends of a changed
// relationship before or after it.
func affectedAccounts(c changes, before, after map[string]map[string]bool) []string {
	affected := make(map[string]bool)
	for _, a := range c.accounts {
		affected[a.ID] = true
	}
	for _, p := range c.people {
		for _, m := range []map[string]bool{before[p.ID], after[p.ID]} {
			for id := range m {
				affected[id] = true
			}
		}
	}
	for _, r := range append(append([]graph.Relationship{}, c.newRelationships...), c.updatedRelationships...) {
		for _, m := range []map[string]map[string]bool{before, after} {
			for id := range m[r.PersonA] {
				if m[r.PersonB][id] {
					affected[id] = true
				}
			}
		}
	}
	ids := make([]string, 0, len(affected))
	for id := range affected {
		ids = append(ids, id)
	}
	return ids
}

// checkEffective rejects an effective time before the current version of
// a changed record.
func checkEffective(ctx context.Context, tx neo4j.ManagedTransaction, c changes, at time.Time) error {
	accountIDs := make([]string, 0, len(c.accounts))
	for _, a := range c.accounts {
		accountIDs = append(accountIDs, a.ID)
	}
	personIDs := make([]string, 0, len(c.people))
	for _, p := range c.people {
		personIDs = append(personIDs, p.ID)
	}
	pairs := make([]map[string]any, 0, len(c.updatedRelationships))
	for _, r := range c.updatedRelationships {
		pairs = append(pairs, map[string]any{"a": r.PersonA, "b": r.PersonB})
	}
	params := map[string]any{"account_ids": accountIDs, "person_ids": personIDs, "pairs": pairs, "at": at}
	var violation error
	err := eachListItem(ctx, tx, queryLaterVersions, params, "later", func(values map[string]any) error {
		if violation != nil {
			return nil
		}
		start, _ := values["valid_from"].(time.Time)
		violation = graph.Errorf(graph.KindInvalid,
			"invalid effective time %s: %v %v changed last at %s, and history is only appended to: use a later time",
			at.Format(time.RFC3339), values["kind"], values["id"], start.UTC().Format(time.RFC3339))
		return nil
	})
	if err != nil {
		return err
	}
	return violation
}

// memberships returns, for each stored person among ids, the accounts
// whose AccountGraph holds them.
func memberships(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]map[string]bool, error) {
	out := make(map[string]map[string]bool, len(ids))
	for chunk := range slices.Chunk(ids, batchSize) {
		err := eachListItem(ctx, tx, queryMemberships, map[string]any{"ids": chunk}, "memberships", func(values map[string]any) error {
			id, _ := values["id"].(string)
			accounts, _ := values["accounts"].([]any)
			set := make(map[string]bool, len(accounts))
			for _, a := range accounts {
				if s, ok := a.(string); ok {
					set[s] = true
				}
			}
			out[id] = set
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// addVersions adds a version valid from at for each changed record.
//
// NOTE: a departure dated in the future has a current version that starts
// after at. An import without an effective time closes that version before
// it starts, so the person shows twice in the history until that date
// (TestImportAfterFutureDeparture, skipped).
func addVersions(ctx context.Context, tx neo4j.ManagedTransaction, c changes, at time.Time) error {
	accounts, err := accountRows(c.accounts)
	if err != nil {
		return err
	}
	for i, a := range c.accounts {
		accounts[i]["owner_id"] = nullable(a.OwnerID)
	}
	people, err := personRows(c.people)
	if err != nil {
		return err
	}
	for i, p := range c.people {
		people[i]["account_id"] = nullable(p.AccountID)
		people[i]["manager_id"] = nullable(p.ManagerID)
	}
	relationships, err := relationshipRows(append(append([]graph.Relationship{}, c.newRelationships...), c.updatedRelationships...))
	if err != nil {
		return err
	}

	steps := []struct {
		query string
		rows  []map[string]any
	}{
		{queryAddAccountVersions, accounts},
		{queryAddPersonVersions, people},
		{queryAddRelationshipVersions, relationships},
	}
	for _, step := range steps {
		for start := 0; start < len(step.rows); start += batchSize {
			rows := step.rows[start:min(start+batchSize, len(step.rows))]
			if err := run(ctx, tx, step.query, map[string]any{"rows": rows, "at": at}); err != nil {
				return err
			}
		}
	}
	return nil
}

// bumpVersions increments the write counter and gives its value to the
// accounts. The first increment of a database starts the counter at a
// random number from versionBase.
func bumpVersions(ctx context.Context, tx neo4j.ManagedTransaction, accountIDs []string) error {
	params := map[string]any{"graph_id": graphVersionID, "account_ids": accountIDs, "base": versionBase()}
	_, err := singleInt(ctx, tx, queryBumpVersion, params, "version")
	return err
}

// versionBase returns a random start for a new write counter, in
// [2^32, 2^52): far from the counters of other databases, and small enough
// that JSON numbers read as doubles keep every version exact.
func versionBase() int64 {
	return 1<<32 + rand.Int64N(1<<52-1<<32)
}

// singleInt runs a query that returns at most one row and returns the
// integer in column, or 0 when there is no row or the value is null.
func singleInt(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any, column string) (int64, error) {
	var value int64
	err := eachRecord(ctx, tx, query, params, func(record *neo4j.Record) (err error) {
		value, err = intColumn(record, column)
		return err
	})
	return value, err
}

// intColumn returns the integer in column of record, or 0 when it is null.
func intColumn(record *neo4j.Record, column string) (int64, error) {
	v, _ := record.Get(column)
	switch n := v.(type) {
	case nil:
		return 0, nil
	case int64:
		return n, nil
	default:
		return 0, fmt.Errorf("unexpected %T in column %q: expected an integer", v, column)
	}
}

// Version returns the write counter. Caches call it on every hit, so it
// reads in one auto-commit query, which needs one round trip less than a
// transaction. When that fails, it reads again in a read transaction,
// which the driver retries.
func (s *Store) Version(ctx context.Context) (uint64, error) {
	if v, err := s.versionAutoCommit(ctx); err == nil {
		return v, nil
	}
	return readTransaction(ctx, s, "read version", func(tx neo4j.ManagedTransaction) (uint64, error) {
		v, err := singleInt(ctx, tx, queryVersion, map[string]any{"graph_id": graphVersionID}, "version")
		return uint64(v), err
	})
}

// versionAutoCommit reads the write counter in an auto-commit query,
// which the driver does not retry.
func (s *Store) versionAutoCommit(ctx context.Context) (uint64, error) {
	session := s.readSession(ctx)
	defer s.closeSession(ctx, session)

	result, err := session.Run(ctx, queryVersion, map[string]any{"graph_id": graphVersionID})
	if err != nil {
		return 0, err
	}
	var version int64
	if result.Next(ctx) {
		if version, err = intColumn(result.Record(), "version"); err != nil {
			return 0, err
		}
	}
	if err := result.Err(); err != nil {
		return 0, err
	}
	return uint64(version), nil
}

// AccountVersions returns the version of every account.
func (s *Store) AccountVersions(ctx context.Context) (map[string]uint64, error) {
	return readTransaction(ctx, s, "read account versions", func(tx neo4j.ManagedTransaction) (map[string]uint64, error) {
		out := make(map[string]uint64)
		err := eachListItem(ctx, tx, queryAccountVersions, nil, "accounts", func(values map[string]any) error {
			id, _ := values["id"].(string)
			version, ok := values["version"].(int64)
			if !ok {
				return fmt.Errorf("stored account %q: unexpected %T in property version: expected an integer", id, values["version"])
			}
			out[id] = uint64(version)
			return nil
		})
		return out, err
	})
}

// AccountsAsOf returns the accounts as they were at t, sorted by id.
func (s *Store) AccountsAsOf(ctx context.Context, t time.Time) ([]graph.Account, error) {
	return readTransaction(ctx, s, "list accounts as of", func(tx neo4j.ManagedTransaction) ([]graph.Account, error) {
		accounts := []graph.Account{}
		err := eachListItem(ctx, tx, queryAccountsAsOf, map[string]any{"at": t.UTC()}, "accounts", func(values map[string]any) error {
			a, err := decodeAccount(values)
			accounts = append(accounts, a)
			return err
		})
		if err != nil {
			return nil, err
		}
		graph.SortAccounts(accounts)
		return accounts, nil
	})
}

// AccountGraphAsOf returns the AccountGraph of the account as it was at t.
func (s *Store) AccountGraphAsOf(ctx context.Context, accountID string, t time.Time) (*graph.AccountGraph, error) {
	at := t.UTC()
	return readTransaction(ctx, s, "load account graph as of", func(tx neo4j.ManagedTransaction) (*graph.AccountGraph, error) {
		var g *graph.AccountGraph
		params := map[string]any{"account_id": accountID, "at": at}
		err := eachRecord(ctx, tx, queryAccountGraphAsOf, params, func(record *neo4j.Record) error {
			values, err := mapColumn(record, "account")
			if err != nil {
				return err
			}
			account, err := decodeAccount(values)
			if err != nil {
				return err
			}
			people, err := decodePeopleList(record, "people")
			g = &graph.AccountGraph{Account: account, People: people, Relationships: []graph.Relationship{}}
			return err
		})
		if err != nil {
			return nil, err
		}
		if g == nil {
			return nil, graph.Errorf(graph.KindNotFound, "account %q not found as of %s", accountID, at.Format(time.RFC3339))
		}

		customerIDs := make([]string, len(g.People))
		for i, p := range g.People {
			customerIDs[i] = p.ID
		}
		err = eachRecord(ctx, tx, queryVendorsAsOf, map[string]any{"customer_ids": customerIDs, "at": at}, func(record *neo4j.Record) error {
			vendors, err := decodePeopleList(record, "people")
			g.People = append(g.People, vendors...)
			return err
		})
		if err != nil {
			return nil, err
		}

		ids := make([]string, len(g.People))
		for i, p := range g.People {
			ids[i] = p.ID
		}
		err = eachListItem(ctx, tx, queryRelationshipsAsOf, map[string]any{"person_ids": ids, "at": at}, "relationships",
			func(values map[string]any) error {
				r, err := decodeRelationship(values)
				g.Relationships = append(g.Relationships, r)
				return err
			})
		if err != nil {
			return nil, err
		}
		graph.SortPeople(g.People)
		graph.SortRelationships(g.Relationships)
		return g, nil
	})
}

var queryCurrentPersonVersion = cypher.MustGet("history_current_person_version")

// recordDeparture adds the version of a person that MarkDeparted just
// wrote in tx and bumps the versions of the person's accounts. The change
// takes effect at the start of the departure date (UTC), or now when the
// date is empty. A date before the person's current version takes effect
// when that version began instead, because history is only appended to.
func recordDeparture(ctx context.Context, tx neo4j.ManagedTransaction, p graph.Person) error {
	at := time.Now().UTC()
	if day, err := time.Parse(time.DateOnly, string(p.DepartedOn)); err == nil {
		at = day
	}
	var current *graph.Person
	var start time.Time
	err := eachRecord(ctx, tx, queryCurrentPersonVersion, map[string]any{"id": p.ID}, func(record *neo4j.Record) error {
		values, err := mapColumn(record, "person")
		if err != nil {
			return err
		}
		version, err := decodePerson(values)
		current = &version
		if v, ok := record.Get("valid_from"); ok {
			start, _ = v.(time.Time)
		}
		return err
	})
	if err != nil {
		return err
	}
	if current != nil && *current == p {
		return nil
	}

	if at.Before(start) {
		at = start.UTC()
	}
	if err := addVersions(ctx, tx, changes{people: []graph.Person{p}}, at); err != nil {
		return err
	}

	accounts, err := memberships(ctx, tx, []string{p.ID})
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(accounts[p.ID]))
	for id := range accounts[p.ID] {
		ids = append(ids, id)
	}
	return bumpVersions(ctx, tx, ids)
}

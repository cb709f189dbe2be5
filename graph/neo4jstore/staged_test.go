package neo4jstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/gen"
	"github.com/kamgraph/kamgraph/graph/neo4jstore"
	"github.com/kamgraph/kamgraph/graph/neo4jstore/internal/neo4jtest"
	"github.com/kamgraph/kamgraph/graph/storetest"
)

// stageEverything makes every import of more than one record a staged one,
// with tiny transactions and statements so that each step spans several.
func stageEverything(t *testing.T, hook func(step string) error) {
	t.Helper()
	t.Cleanup(neo4jstore.SetStaging(2*time.Minute, 3, hook))
	t.Cleanup(neo4jstore.SetBatchSize(2))
}

func TestContractStaged(t *testing.T) {
	stageEverything(t, nil)
	storetest.Run(t, func(t *testing.T) graph.Store {
		server := neo4jtest.Require(t)
		server.Reset(t)
		return openStoreOn(t, server, 1)
	})
}

// dumpGraph returns every node of the database as one line of JSON with
// its labels, properties and outgoing relationships, sorted. The versions
// of accounts and the write counter start at a random number in each
// database, so Account.version is left out, and so is staged_import, the
// random id of the staged import that created a node.
func dumpGraph(t *testing.T, server *neo4jtest.Server) []string {
	t.Helper()
	var lines []string
	for _, record := range server.Query(t, "test_graph_dump", nil) {
		labels, _ := record.Get("labels")
		properties, _ := record.Get("properties")
		outgoing, _ := record.Get("outgoing")
		var edges []string
		for _, edge := range outgoing.([]any) {
			parts := edge.([]any)
			edges = append(edges, mustJSON(t, []any{parts[0], parts[1], sortedLabels(parts[2]), withoutVersion(parts[3])}))
		}
		slices.Sort(edges)
		lines = append(lines, mustJSON(t, []any{sortedLabels(labels), withoutVersion(properties), edges}))
	}
	slices.Sort(lines)
	return lines
}

func sortedLabels(labels any) []string {
	var out []string
	for _, l := range labels.([]any) {
		out = append(out, l.(string))
	}
	slices.Sort(out)
	return out
}

// withoutVersion returns properties without "version" and
// "staged_import", with every value
// that is not a JSON type, such as a date, as text with its type.
func withoutVersion(properties any) map[string]any {
	out := map[string]any{}
	for k, v := range properties.(map[string]any) {
		if k == "version" || k == "staged_import" {
			continue
		}
		switch v.(type) {
		case nil, bool, int64, float64, string, []any:
			out[k] = v
		default:
			out[k] = fmt.Sprintf("%T %v", v, v)
		}
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode %v: %v", v, err)
	}
	return string(b)
}

func stagedCount(t *testing.T, server *neo4jtest.Server) int64 {
	t.Helper()
	n, _ := server.Query(t, "test_staged_count", nil)[0].Get("staged")
	return n.(int64)
}

// compareDumps reports the first lines where got and want differ.
func compareDumps(t *testing.T, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("graphs differ: %d nodes, want %d", len(got), len(want))
	reported := 0
	for _, line := range want {
		if !slices.Contains(got, line) && reported < 5 {
			t.Errorf("missing: %s", line)
			reported++
		}
	}
	for _, line := range got {
		if !slices.Contains(want, line) && reported < 10 {
			t.Errorf("unexpected: %s", line)
			reported++
		}
	}
}

// updated returns ds with one account, one person and one relationship
// changed, a new relationship between stored people and a new person with
// a relationship to a stored one.
func updated(ds *graph.Dataset) *graph.Dataset {
	out := &graph.Dataset{
		Accounts:      slices.Clone(ds.Accounts),
		People:        slices.Clone(ds.People),
		Relationships: slices.Clone(ds.Relationships),
	}
	out.Accounts[0].Name += " Group"
	for i := range out.People {
		if out.People[i].Side == graph.SideCustomer {
			out.People[i].Title = "Chief Procurement Officer"
			break
		}
	}
	out.Relationships[0].Strength = 0.05
	stored := map[graph.PairKey]bool{}
	for _, r := range out.Relationships {
		stored[graph.Pair(r.PersonA, r.PersonB)] = true
	}
	for _, a := range out.People {
		for _, b := range out.People {
			if a.ID != b.ID && !stored[graph.Pair(a.ID, b.ID)] && a.Side != b.Side {
				out.Relationships = append(out.Relationships, graph.Relationship{PersonA: a.ID, PersonB: b.ID, Strength: 0.7})
				goto added
			}
		}
	}
added:
	newcomer := out.People[len(out.People)-1]
	newcomer.ID, newcomer.Name, newcomer.Email = "newcomer", "New Comer", ""
	out.People = append(out.People, newcomer)
	out.Relationships = append(out.Relationships, graph.Relationship{PersonA: "newcomer", PersonB: out.People[0].ID, Strength: 0.4})
	return out
}

// TestStagedImportMatchesOneTransaction imports a generated account and
// then changes to it, once in one transaction each and once in stages, and
// compares every node, property and relationship of the two databases.
func TestStagedImportMatchesOneTransaction(t *testing.T) {
	first, err := gen.Generate(gen.Config{AccountID: "acct", People: 60, Relationships: 240, SinglePoints: 3, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	second := updated(first)
	effective := []time.Time{
		time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC),
		time.Date(2026, 2, 5, 9, 0, 0, 0, time.UTC),
	}
	importBoth := func(t *testing.T, store *neo4jstore.Store) {
		t.Helper()
		for i, ds := range []*graph.Dataset{first, second} {
			if _, err := store.Import(context.Background(), ds, graph.ImportOptions{Effective: effective[i]}); err != nil {
				t.Fatalf("import %d: %v", i+1, err)
			}
		}
	}

	store, server := openStore(t)
	importBoth(t, store)
	want := dumpGraph(t, server)

	stageEverything(t, nil)
	server.Reset(t)
	staged := openStoreOn(t, server, 1)
	importBoth(t, staged)
	compareDumps(t, dumpGraph(t, server), want)
	if n := stagedCount(t, server); n != 0 {
		t.Errorf("%d staged nodes left after the imports, want 0", n)
	}
}

// errStop is what the hooks of the tests below return to stop an import.
var errStop = errors.New("stopped by the test")

// TestStagedImportFailureLeavesGraphUnchanged stops a staged import at
// each of its steps and checks that the database is as before, with no
// staged node left, and that the next import runs.
func TestStagedImportFailureLeavesGraphUnchanged(t *testing.T) {
	for _, stop := range []string{"accounts", "people", "people links", "account owners", "relationships", "publish"} {
		t.Run(stop, func(t *testing.T) {
			store, server := openStore(t)
			mustImport(t, store, fixture())
			before := dumpGraph(t, server)

			stopping := true
			stageEverything(t, func(step string) error {
				if stopping && step == stop {
					return errStop
				}
				return nil
			})
			staged := openStoreOn(t, server, 1)
			next := withNewAccount(fixture())
			if _, err := staged.Import(context.Background(), next, graph.ImportOptions{}); !errors.Is(err, errStop) {
				t.Fatalf("Import = %v, want the hook's error", err)
			}
			compareDumps(t, dumpGraph(t, server), before)
			if n := stagedCount(t, server); n != 0 {
				t.Errorf("%d staged nodes left after the failed import, want 0", n)
			}

			stopping = false
			mustImport(t, staged, next)
			checkDataset(t, mustExport(t, staged), sorted(next))
		})
	}
}

// withNewAccount returns ds with a new account owned by a new vendor
// person, a new customer who reports to a stored one, and relationships
// between new and stored people, so that every staging step has rows.
func withNewAccount(ds *graph.Dataset) *graph.Dataset {
	ds.Accounts = append(ds.Accounts, graph.Account{ID: "initech", Name: "Initech", Tier: 2, OwnerID: "v-new"})
	ds.People = append(ds.People,
		graph.Person{ID: "v-new", Name: "Vera New", Side: graph.SideVendor, Function: "Sales",
			BusinessUnit: "Mid-market", Status: graph.StatusActive, ManagerID: "v-bob"},
		graph.Person{ID: "c-ivy", Name: "Ivy Irwin", Side: graph.SideCustomer, AccountID: "initech",
			Function: "Procurement", BusinessUnit: "Sourcing", Role: graph.RoleDecisionMaker,
			Status: graph.StatusActive},
		graph.Person{ID: "c-joe", Name: "Joe Jones", Side: graph.SideCustomer, AccountID: "initech",
			Status: graph.StatusActive, ManagerID: "c-ivy"},
		graph.Person{ID: "c-kim", Name: "Kim King", Side: graph.SideCustomer, AccountID: "acme",
			Status: graph.StatusActive, ManagerID: "c-cfo"},
	)
	ds.Relationships = append(ds.Relationships,
		graph.Relationship{PersonA: "v-new", PersonB: "c-ivy", Strength: 0.9},
		graph.Relationship{PersonA: "c-joe", PersonB: "c-ivy", Strength: 0.6},
		graph.Relationship{PersonA: "v-amy", PersonB: "c-joe", Strength: 0.3},
		graph.Relationship{PersonA: "c-kim", PersonB: "c-ann", Strength: 0.5},
		graph.Relationship{PersonA: "v-dan", PersonB: "c-cfo", Strength: 0.2},
	)
	return ds
}

// TestStagedImportUnseenUntilPublished holds a staged import before its
// last transaction. Readers must see the graph as before, an import with a
// short deadline must fail with a clear message, and one without a
// deadline must wait and then run after it.
func TestStagedImportUnseenUntilPublished(t *testing.T) {
	store, server := openStore(t)
	mustImport(t, store, fixture())
	before := mustExport(t, store)
	graphBefore, err := store.AccountGraph(context.Background(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	versionBefore, err := store.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	later := fixture()
	later.People[0].Title = "Regional Director"
	waited := make(chan error, 1)
	stageEverything(t, func(step string) error {
		if step != "publish" {
			return nil
		}
		checkDataset(t, mustExport(t, store), before)
		ag, err := store.AccountGraph(context.Background(), "acme")
		if err != nil || len(ag.People) != len(graphBefore.People) || len(ag.Relationships) != len(graphBefore.Relationships) {
			t.Errorf("AccountGraph while staged: %d people, %d relationships, error %v; want %d, %d",
				len(ag.People), len(ag.Relationships), err, len(graphBefore.People), len(graphBefore.Relationships))
		}
		if v, err := store.Version(context.Background()); err != nil || v != versionBefore {
			t.Errorf("Version while staged = %d, %v; want %d", v, err, versionBefore)
		}
		if _, err := store.Account(context.Background(), "initech"); !(graph.KindOf(err) == graph.KindNotFound) {
			t.Errorf("Account(initech) while staged: %v, want not found", err)
		}

		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		_, err = store.Import(ctx, later, graph.ImportOptions{})
		if !(graph.KindOf(err) == graph.KindUnavailable) || !strings.Contains(err.Error(), "another import is being written in stages") {
			t.Errorf("Import with a deadline while staged = %v, want unavailable: another import is being written in stages", err)
		}
		go func() {
			_, err := store.Import(context.Background(), later, graph.ImportOptions{})
			waited <- err
		}()
		time.Sleep(300 * time.Millisecond)
		return nil
	})
	staged := openStoreOn(t, server, 1)
	next := withNewAccount(fixture())
	mustImport(t, staged, next)
	if err := <-waited; err != nil {
		t.Fatalf("Import that waited for the staged import: %v", err)
	}
	want := withNewAccount(later)
	checkDataset(t, mustExport(t, store), sorted(want))
	if v, err := store.Version(context.Background()); err != nil || v != versionBefore+2 {
		t.Errorf("Version after both imports = %d, %v; want %d", v, err, versionBefore+2)
	}
}

// TestAbandonedStagedImport stops a staged import the way a crash would,
// with its lease live and its staged nodes stored. Other imports must wait
// for the lease to expire, readers must never see the staged records, and
// the next Open must delete them.
func TestAbandonedStagedImport(t *testing.T) {
	first := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	second := first.AddDate(0, 1, 0)
	importAt := func(store *neo4jstore.Store, ds *graph.Dataset, at time.Time) {
		t.Helper()
		if _, err := store.Import(context.Background(), ds, graph.ImportOptions{Effective: at}); err != nil {
			t.Fatalf("Import: %v", err)
		}
	}
	afterCrash := fixture()
	afterCrash.People[1].Title = "VP Sales"

	store, server := openStore(t)
	importAt(store, fixture(), first)
	importAt(store, afterCrash, second)
	want := dumpGraph(t, server)
	server.Reset(t)
	importAt(store, fixture(), first)

	t.Cleanup(neo4jstore.SetBatchSize(2))
	// The lease must outlast the staging transactions before the crash,
	// which take longer than a second on a loaded machine.
	t.Cleanup(neo4jstore.SetStaging(5*time.Second, 3, func(step string) error {
		if step == "relationships" {
			panic(errStop)
		}
		return nil
	}))
	staged := openStoreOn(t, server, 1)
	crash(t, func() { staged.Import(context.Background(), withNewAccount(fixture()), graph.ImportOptions{}) })
	if stagedCount(t, server) == 0 {
		t.Fatal("no staged nodes after the crash: the test stopped the import too early")
	}

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := store.Import(ctx, afterCrash, graph.ImportOptions{}); !(graph.KindOf(err) == graph.KindUnavailable) {
		t.Errorf("Import during the lease = %v, want unavailable", err)
	}
	start := time.Now()
	importAt(store, afterCrash, second)
	if waited := time.Since(start); waited > 15*time.Second {
		t.Errorf("Import waited %s for a lease of 5 s", waited)
	}
	checkDataset(t, mustExport(t, store), sorted(afterCrash))

	openStoreOn(t, server, 0)
	if n := stagedCount(t, server); n != 0 {
		t.Errorf("%d staged nodes left after Open, want 0", n)
	}
	compareDumps(t, dumpGraph(t, server), want)
}

// crash runs fn and recovers the panic of a hook that stands for a crash.
func crash(t *testing.T, fn func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != errStop {
			t.Fatalf("recovered %v, want the hook's panic", r)
		}
	}()
	fn()
}

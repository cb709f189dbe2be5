package neo4jstore_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/neo4jstore"
)

// TestAccountGraphCacheSeesOtherWriters checks that a store's cached
// account graphs follow writes that a second store on the same database
// makes, as kamgraph import or kamgraph depart in another process would.
func TestAccountGraphCacheSeesOtherWriters(t *testing.T) {
	ctx := context.Background()
	store, server := openStore(t)
	ds := demo.Generate(1)
	mustImport(t, store, ds)
	openOther := func(records int) *neo4jstore.Store {
		other, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: server.URI, Username: server.Username,
			Password: server.Password, AccountGraphCacheRecords: records})
		if err != nil {
			t.Fatalf("Open a second store: %v", err)
		}
		t.Cleanup(func() { other.Close(ctx) })
		return other
	}
	writer, uncached := openOther(0), openOther(-1)

	const account = demo.ChampionOnlyAccountID
	checkCurrent := func(step string) *graph.AccountGraph {
		t.Helper()
		got, err := store.AccountGraph(ctx, account)
		if err != nil {
			t.Fatalf("%s: AccountGraph: %v", step, err)
		}
		want, err := uncached.AccountGraph(ctx, account)
		if err != nil {
			t.Fatalf("%s: AccountGraph without a cache: %v", step, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: cached graph differs from a fresh load:\n got %+v\nwant %+v", step, got, want)
		}
		return got
	}

	first := checkCurrent("first load")
	first.People[0].Name = "changed by the caller"
	first.Relationships = first.Relationships[:0]
	checkCurrent("second load after the caller changed the first result")

	customer := first.People[0]
	for _, p := range first.People {
		if p.Side == graph.SideCustomer && p.Active() {
			customer = p
			break
		}
	}
	renamed := customer
	renamed.Name = "Renamed Elsewhere"
	mustImport(t, writer, &graph.Dataset{People: []graph.Person{renamed}})
	if got := checkCurrent("after a rename by another store"); !hasPersonNamed(got, renamed.ID, renamed.Name) {
		t.Errorf("after a rename by another store: person %q is not named %q", renamed.ID, renamed.Name)
	}

	if _, err := writer.MarkDeparted(ctx, customer.ID, "2026-11-30"); err != nil {
		t.Fatalf("MarkDeparted: %v", err)
	}
	checkCurrent("after a departure marked by another store")

	if _, err := store.AccountGraph(ctx, "no-such-account"); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("AccountGraph of an unknown account: error %v, want kind not found", err)
	}
}

// TestCachesAfterDatabaseRecreated checks that the account-graph cache
// and the write counter do not mistake a database erased and loaded again
// under a running store for the one they saw, although the new data
// takes as many writes as the old.
func TestCachesAfterDatabaseRecreated(t *testing.T) {
	ctx := context.Background()
	store, server := openStore(t)
	mustImport(t, store, demo.Generate(1))
	const account = demo.ChampionOnlyAccountID
	before, err := store.AccountGraph(ctx, account)
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}
	versionBefore, err := store.Version(ctx)
	if err != nil {
		t.Fatalf("Version: %v", err)
	}

	server.Reset(t)
	other, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: server.URI, Username: server.Username,
		Password: server.Password, AccountGraphCacheRecords: -1})
	if err != nil {
		t.Fatalf("Open a second store: %v", err)
	}
	t.Cleanup(func() { other.Close(ctx) })
	mustImport(t, other, demo.Generate(2))

	versionAfter, err := store.Version(ctx)
	if err != nil {
		t.Fatalf("Version: %v", err)
	}
	if versionAfter == versionBefore {
		t.Errorf("Version after the database was loaded again = %d, the same as before", versionAfter)
	}
	got, err := store.AccountGraph(ctx, account)
	if err != nil {
		t.Fatalf("AccountGraph after the database was loaded again: %v", err)
	}
	want, err := other.AccountGraph(ctx, account)
	if err != nil {
		t.Fatalf("AccountGraph without a cache: %v", err)
	}
	if reflect.DeepEqual(before, want) {
		t.Fatal("the demo data of seeds 1 and 2 give the same account graph, so this test checks nothing")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AccountGraph after the database was loaded again returns the old graph:\n got %+v\nwant %+v", got, want)
	}
}

func hasPersonNamed(g *graph.AccountGraph, id, name string) bool {
	for _, p := range g.People {
		if p.ID == id {
			return p.Name == name
		}
	}
	return false
}

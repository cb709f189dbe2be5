package neo4jstore_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/gen"
	"github.com/kamgraph/kamgraph/graph/neo4jstore"
	"github.com/kamgraph/kamgraph/graph/neo4jstore/internal/neo4jtest"
)

// BenchmarkImport imports 10,000 people (500 vendor people and 50 accounts
// of 190 customers) and 50,000 relationships into an empty database, in
// stages as the store does by default and in one transaction, then again
// into a database that already holds them all.
func BenchmarkImport(b *testing.B) {
	ds := synthetic(50, 500, 190, 50000)
	store, server := openStore(b)
	oneTransaction := openStoreOn(b, server, -1)

	for _, create := range []struct {
		name  string
		store *neo4jstore.Store
	}{{"create", store}, {"create-one-transaction", oneTransaction}} {
		b.Run(create.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				server.Reset(b)
				b.StartTimer()
				mustImport(b, create.store, ds)
			}
			reportRecords(b, ds)
		})
	}
	b.Run("unchanged", func(b *testing.B) {
		mustImport(b, store, ds)
		for b.Loop() {
			summary := mustImport(b, store, ds)
			if summary.Relationships.Unchanged != len(ds.Relationships) {
				b.Fatalf("summary = %+v, want every relationship unchanged", summary)
			}
		}
		reportRecords(b, ds)
	})
}

func reportRecords(b *testing.B, ds *graph.Dataset) {
	seconds := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(len(ds.People)+len(ds.Relationships))/seconds, "records/s")
}

// BenchmarkAccountGraph loads the graph of one account of 1,800 customer
// people, related to 200 vendor people by 20,000 relationships.
func BenchmarkAccountGraph(b *testing.B) {
	ds := synthetic(1, 200, 1800, 20000)
	writer, server := openStore(b)
	mustImport(b, writer, ds)
	store := openStoreWithoutGraphCache(b, server)
	accountID := ds.Accounts[0].ID

	var g *graph.AccountGraph
	for b.Loop() {
		var err error
		g, err = store.AccountGraph(context.Background(), accountID)
		if err != nil {
			b.Fatalf("AccountGraph: %v", err)
		}
	}
	b.ReportMetric(float64(len(g.People)), "people")
	b.ReportMetric(float64(len(g.Relationships)), "relationships")
}

// BenchmarkAccountGraphGenerated loads the generated account of size M
// (gen.Preset("M"): 2,000 people and 20,000 relationships), after checking
// once that the store returns the graph that gen.AccountGraph computes from
// the dataset.
func BenchmarkAccountGraphGenerated(b *testing.B) {
	cfg, err := gen.Preset("M")
	if err != nil {
		b.Fatal(err)
	}
	ds, err := gen.Generate(cfg)
	if err != nil {
		b.Fatalf("Generate: %v", err)
	}
	store, server := openStore(b)
	mustImport(b, store, ds)
	ctx := context.Background()

	got, err := store.AccountGraph(ctx, cfg.AccountID)
	if err != nil {
		b.Fatalf("AccountGraph: %v", err)
	}
	want := gen.AccountGraph(ds, cfg.AccountID)
	if !reflect.DeepEqual(got, want) {
		b.Fatalf("AccountGraph(%q) has %d people and %d relationships, want %d and %d, or their fields differ",
			cfg.AccountID, len(got.People), len(got.Relationships), len(want.People), len(want.Relationships))
	}

	// cold reads the whole graph from Neo4j on every call; cached reads
	// the account's version and copies the graph kept since the first call.
	for _, tc := range []struct {
		name  string
		store *neo4jstore.Store
	}{
		{"cold", openStoreWithoutGraphCache(b, server)},
		{"cached", store},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := tc.store.AccountGraph(ctx, cfg.AccountID); err != nil {
					b.Fatalf("AccountGraph: %v", err)
				}
			}
			b.ReportMetric(float64(len(want.People)), "people")
			b.ReportMetric(float64(len(want.Relationships)), "relationships")
		})
	}
}

// openStoreWithoutGraphCache opens a second store on server's database
// that loads every account graph from Neo4j.
func openStoreWithoutGraphCache(b *testing.B, server *neo4jtest.Server) *neo4jstore.Store {
	b.Helper()
	store, err := neo4jstore.Open(context.Background(), neo4jstore.Config{URI: server.URI,
		Username: server.Username, Password: server.Password, AccountGraphCacheRecords: -1})
	if err != nil {
		b.Fatalf("Open: %v", err)
	}
	b.Cleanup(func() { store.Close(context.Background()) })
	return store
}

// BenchmarkExport exports 10,000 people and 50,000 relationships.
func BenchmarkExport(b *testing.B) {
	ds := synthetic(50, 500, 190, 50000)
	store, _ := openStore(b)
	mustImport(b, store, ds)

	for b.Loop() {
		mustExport(b, store)
	}
	reportRecords(b, ds)
}

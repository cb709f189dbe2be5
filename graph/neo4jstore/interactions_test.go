package neo4jstore_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/load"
	"github.com/kamgraph/kamgraph/graph/neo4jstore"
)

// interactionData holds a kamgraph folder of people and an interaction
// log about them, shared with the tests of the import command.
var interactionData = filepath.Join("..", "..", "cmd", "kamgraph", "testdata", "interactions")

func TestInteractionModel(t *testing.T) {
	store, server := openStore(t)
	mustImport(t, store, fixture())
	at := time.Date(2026, 6, 1, 9, 30, 0, 5, time.FixedZone("UTC-5", -5*60*60))
	sent := graph.Interaction{MessageID: "<m@x>", At: at, Type: graph.InteractionEmail, From: "v-amy", To: []string{"c-eve", "c-ann"}}
	reply := graph.Interaction{At: at.Add(time.Hour), Type: graph.InteractionEmail, From: "c-ann", To: []string{"v-amy"}}
	if _, err := store.AddInteractions(context.Background(), seqOf(sent, reply), graph.InteractionOptions{}); err != nil {
		t.Fatalf("AddInteractions: %v", err)
	}
	sentID, replyID := normalizedID(t, sent), normalizedID(t, reply)

	records := server.Query(t, "test_pair_interactions", nil)
	if len(records) != 2 {
		t.Fatalf("stored %d INTERACTIONS relationships, want one per pair: 2", len(records))
	}
	// Pairs run from the lower id to the higher: c-ann to v-amy, c-eve to
	// v-amy. The e-mail to both is one entry in each.
	annAmy, eveAmy := records[0].AsMap(), records[1].AsMap()
	if annAmy["a"] != "c-ann" || annAmy["b"] != "v-amy" || eveAmy["a"] != "c-eve" || eveAmy["b"] != "v-amy" {
		t.Fatalf("pairs = (%v, %v) and (%v, %v), want (c-ann, v-amy) and (c-eve, v-amy)",
			annAmy["a"], annAmy["b"], eveAmy["a"], eveAmy["b"])
	}
	checks := []struct {
		key  string
		got  any
		want any
	}{
		{"ids", annAmy["ids"], []any{sentID, replyID}},
		{"types", annAmy["types"], []any{"email", "email"}},
		{"from_a", annAmy["from_a"], []any{false, true}},
		{"message_ids", annAmy["message_ids"], []any{"<m@x>", ""}},
		{"ids of c-eve", eveAmy["ids"], []any{sentID}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.key, c.got, c.want)
		}
	}
	times, _ := annAmy["at"].([]any)
	if len(times) != 2 {
		t.Fatalf("at = %v, want two times", annAmy["at"])
	}
	if got, ok := times[0].(time.Time); !ok || !got.Equal(at) || got.Location().String() != "UTC" {
		t.Errorf("at[0] = %#v, want %v as a datetime in UTC", times[0], at.UTC())
	}
	if _, ok := annAmy["added_at"].(time.Time); !ok {
		t.Errorf("added_at = %#v, want the datetime of the call", annAmy["added_at"])
	}
}

// TestInteractionsSecondCall checks that a later call adds its own
// relationship per pair, skips what an earlier call stored, and that the
// history and the recompute read both.
func TestInteractionsSecondCall(t *testing.T) {
	store, server := openStore(t)
	mustImport(t, store, fixture())
	ctx := context.Background()
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	first := graph.Interaction{At: asOf.AddDate(0, 0, -90), Type: graph.InteractionMeeting, From: "v-amy", To: []string{"c-ann"}}
	second := graph.Interaction{At: asOf, Type: graph.InteractionMeeting, From: "c-ann", To: []string{"v-amy"}}
	if _, err := store.AddInteractions(ctx, seqOf(first), graph.InteractionOptions{}); err != nil {
		t.Fatalf("first AddInteractions: %v", err)
	}
	summary, err := store.AddInteractions(ctx, seqOf(first, second), graph.InteractionOptions{})
	if err != nil {
		t.Fatalf("second AddInteractions: %v", err)
	}
	if summary.Added != 1 || summary.Duplicates != 1 {
		t.Errorf("second call = %+v, want 1 added and 1 duplicate", summary)
	}

	records := server.Query(t, "test_pair_interactions", nil)
	if len(records) != 2 {
		t.Fatalf("stored %d INTERACTIONS relationships, want one per call: 2", len(records))
	}
	for i, wantID := range []string{normalizedID(t, first), normalizedID(t, second)} {
		if got := records[i].AsMap()["ids"]; !reflect.DeepEqual(got, []any{wantID}) {
			t.Errorf("relationship %d ids = %v, want [%s]", i, got, wantID)
		}
	}
	history, err := store.Interactions(ctx, "v-amy", "c-ann")
	if err != nil {
		t.Fatalf("Interactions: %v", err)
	}
	if len(history) != 2 || !history[0].At.Equal(first.At) || !history[1].At.Equal(second.At) {
		t.Errorf("history = %+v, want both meetings, oldest first", history)
	}

	strengths, err := store.RecomputeStrengths(ctx, asOf, 0)
	if err != nil {
		t.Fatalf("RecomputeStrengths: %v", err)
	}
	if strengths.Interactions != 2 || strengths.Pairs != 1 {
		t.Errorf("recompute = %+v, want 2 interactions in 1 pair", strengths)
	}
	// x = 1 + 1 * 2^-1 = 1.5, so s = 1 - exp(-1.5) = 0.7769.
	found := false
	for _, r := range mustExport(t, store).Relationships {
		if graph.Pair(r.PersonA, r.PersonB) != graph.Pair("v-amy", "c-ann") {
			continue
		}
		found = true
		if r.Strength != 0.7769 {
			t.Errorf("relationship %+v, want strength 0.7769", r)
		}
	}
	if !found {
		t.Error("no relationship between v-amy and c-ann after the recompute")
	}
}

func normalizedID(t *testing.T, in graph.Interaction) string {
	t.Helper()
	n, err := graph.NormalizeInteraction(in)
	if err != nil {
		t.Fatal(err)
	}
	return n.ID
}

func seqOf(list ...graph.Interaction) func(func(graph.Interaction, error) bool) {
	return func(yield func(graph.Interaction, error) bool) {
		for _, in := range list {
			if !yield(in, nil) {
				return
			}
		}
	}
}

// TestInteractionsAcrossBatches adds interactions in batches of 7, with a
// duplicate in a later batch than its first copy, and a rejected one in
// the last batch, which must roll back the earlier batches.
func TestInteractionsAcrossBatches(t *testing.T) {
	defer neo4jstore.SetInteractionBatchSize(7)()
	store, _ := openStore(t)
	mustImport(t, store, fixture())
	base := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	var list []graph.Interaction
	for i := range 20 {
		list = append(list, graph.Interaction{At: base.Add(time.Duration(i) * time.Hour), Type: graph.InteractionCall,
			From: "v-amy", To: []string{"c-ann"}})
	}
	list = append(list, list[2])

	bad := append(slices.Clone(list), graph.Interaction{At: base, Type: graph.InteractionCall, From: "v-amy", To: []string{"nobody"}})
	if _, err := store.AddInteractions(context.Background(), seqOf(bad...), graph.InteractionOptions{}); graph.KindOf(err) != graph.KindInvalid {
		t.Fatalf("AddInteractions with an unknown person: error %v, want an import error", err)
	}
	if got, _ := store.Interactions(context.Background(), "v-amy", "c-ann"); len(got) != 0 {
		t.Fatalf("rejected add stored %d interactions", len(got))
	}

	summary, err := store.AddInteractions(context.Background(), seqOf(list...), graph.InteractionOptions{})
	if err != nil {
		t.Fatalf("AddInteractions: %v", err)
	}
	if summary.Added != 20 || summary.Duplicates != 1 {
		t.Errorf("summary = %+v, want 20 added and 1 duplicate", summary)
	}
	dry, err := store.AddInteractions(context.Background(), seqOf(list...), graph.InteractionOptions{DryRun: true})
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}
	if dry.Added != 0 || dry.Duplicates != 21 {
		t.Errorf("dry run = %+v, want 21 duplicates", dry)
	}
}

// TestReportFromStoredInteractions imports people, then an interaction
// log, through the same code as the import command, and computes the
// account report from the graph in Neo4j.
func TestReportFromStoredInteractions(t *testing.T) {
	store, _ := openStore(t)
	ctx := context.Background()
	files := openFiles(t, filepath.Join(interactionData, "people"), "accounts.csv", "people.csv", "relationships.csv")
	res, err := load.ReadKamgraph(files, ingest.Options{})
	if err != nil {
		t.Fatalf("ReadKamgraph: %v", err)
	}
	if _, err := load.Dataset(ctx, store, res, load.Options{Format: load.FormatKamgraph}); err != nil {
		t.Fatalf("import people: %v", err)
	}
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	rep, err := load.Interactions(ctx, store, openFiles(t, interactionData, "log.csv"),
		load.InteractionOptions{Options: load.Options{Format: load.FormatInteractions}, AsOf: asOf})
	if err != nil {
		t.Fatalf("import interactions: %v", err)
	}
	if rep.Interactions.Added != 7 || rep.Strengths.Pairs != 5 || rep.Strengths.AfterAsOf != 1 {
		t.Errorf("report: interactions %+v, strengths %+v; want 7 added, 5 pairs, 1 after as_of", rep.Interactions, rep.Strengths)
	}

	ag, err := store.AccountGraph(ctx, "acme")
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}
	report, err := analytics.Compute(ctx, ag, analytics.Options{Threshold: analytics.DefaultThreshold})
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	want := map[string]int{"c-ceo": 1, "c-cfo": 1, "c-it": 2, "c-ops": 1}
	if !reflect.DeepEqual(report.Threads, want) {
		t.Errorf("threads = %v, want %v", report.Threads, want)
	}
	history, err := store.Interactions(ctx, "c-it", "v-se")
	if err != nil {
		t.Fatalf("Interactions: %v", err)
	}
	// Both e-mails have the same time, so the order is that of their ids.
	var senders []string
	for _, in := range history {
		senders = append(senders, in.From)
	}
	slices.Sort(senders)
	if !reflect.DeepEqual(senders, []string{"c-it", "v-se"}) {
		t.Errorf("history of c-it and v-se = %+v, want the e-mail from v-se and the inbound reply from c-it", history)
	}
}

func openFiles(t *testing.T, dir string, names ...string) map[string]io.Reader {
	t.Helper()
	files := map[string]io.Reader{}
	for _, name := range names {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		files[name] = f
	}
	return files
}

// BenchmarkInteractions adds KAMGRAPH_BENCH_INTERACTIONS interactions
// (default 100,000, or 10,000 with -short) in one AddInteractions call,
// then recomputes the strengths. The people are those of synthetic(50, 500, 190, 0): 500
// vendor people and 9,500 customer people. Each vendor person keeps a book
// of 40 customer people, so the log has at most 20,000 pairs. Each
// interaction is an e-mail (60%), meeting (25%) or call (15%) from a
// vendor person to one or, for a tenth, three people of the book, in the
// 365 days before as_of.
func BenchmarkInteractions(b *testing.B) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	if v := os.Getenv("KAMGRAPH_BENCH_INTERACTIONS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("invalid KAMGRAPH_BENCH_INTERACTIONS %q: use a positive number", v)
		}
	}
	ds := synthetic(50, 500, 190, 0)
	store, server := openStore(b)
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)

	for b.Loop() {
		b.StopTimer()
		server.Reset(b)
		mustImport(b, store, ds)
		b.StartTimer()

		start := time.Now()
		summary, err := store.AddInteractions(context.Background(), generatedInteractions(ds, n, asOf), graph.InteractionOptions{})
		if err != nil {
			b.Fatalf("AddInteractions: %v", err)
		}
		added := time.Since(start)
		start = time.Now()
		strengths, err := store.RecomputeStrengths(context.Background(), asOf, 0)
		if err != nil {
			b.Fatalf("RecomputeStrengths: %v", err)
		}
		recomputed := time.Since(start)
		b.ReportMetric(added.Seconds(), "add-s")
		b.ReportMetric(recomputed.Seconds(), "recompute-s")
		b.ReportMetric(float64(summary.Added), "interactions")
		b.ReportMetric(float64(strengths.Pairs), "pairs")
	}
}

// bookSize is the number of customer people each vendor person of
// BenchmarkInteractions deals with.
const bookSize = 40

func generatedInteractions(ds *graph.Dataset, n int, asOf time.Time) func(func(graph.Interaction, error) bool) {
	var vendors, customers []string
	for _, p := range ds.People {
		if p.Side == graph.SideVendor {
			vendors = append(vendors, p.ID)
		} else {
			customers = append(customers, p.ID)
		}
	}
	return func(yield func(graph.Interaction, error) bool) {
		rng := rand.New(rand.NewPCG(2, uint64(n)))
		contact := func(v int) string { return customers[(v*bookSize+rng.IntN(bookSize))%len(customers)] }
		for i := range n {
			v := rng.IntN(len(vendors))
			in := graph.Interaction{
				MessageID: fmt.Sprintf("m%d", i),
				At:        asOf.Add(-time.Duration(rng.Int64N(int64(365 * 24 * time.Hour)))),
				From:      vendors[v],
				To:        []string{contact(v)},
			}
			switch k := rng.IntN(20); {
			case k < 12:
				in.Type = graph.InteractionEmail
			case k < 17:
				in.Type = graph.InteractionMeeting
			default:
				in.Type = graph.InteractionCall
			}
			if rng.IntN(10) == 0 {
				in.To = append(in.To, contact(v), contact(v))
			}
			if !yield(in, nil) {
				return
			}
		}
	}
}

package load_test

import (
	"context"
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/load"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

// stored is what the store holds before each merge: one account, a vendor
// person from Salesforce and a customer person from HubSpot.
func stored() *graph.Dataset {
	return &graph.Dataset{
		Accounts: []graph.Account{{ID: "sf-acme", Name: "Acme Corp"}},
		People: []graph.Person{
			{ID: "sf-v1", Name: "Vera", Side: graph.SideVendor, Status: graph.StatusActive, Email: "vera@vendor.example", Title: "AM"},
			{ID: "hs-c1", Name: "Cara", Side: graph.SideCustomer, AccountID: "sf-acme", Status: graph.StatusActive,
				Email: "cara@acme.example", Title: "CIO"},
		},
		Relationships: []graph.Relationship{
			{PersonA: "hs-c1", PersonB: "sf-v1", Strength: 0.6, Source: "interactions"},
		},
	}
}

func newStore(t *testing.T) *memstore.Store {
	t.Helper()
	s := memstore.New()
	if _, err := s.Import(context.Background(), stored(), graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestMergeWithStored(t *testing.T) {
	incoming := &graph.Dataset{
		Accounts: []graph.Account{{ID: "sf-acme", Name: "Acme Corp", Tier: 1}},
		People: []graph.Person{
			// Stored under its id: the source's change replaces the title.
			{ID: "sf-v1", Name: "Vera", Side: graph.SideVendor, Status: graph.StatusActive, Email: "vera@vendor.example", Title: "Senior AM"},
			// Stored under another id, found by email in another case: the
			// stored values stay, the empty geography is filled, and the
			// title is a conflict.
			{ID: "sf-c1", Name: "Cara", Side: graph.SideCustomer, AccountID: "sf-acme", Status: graph.StatusActive,
				Email: "CARA@acme.example", Title: "Chief Information Officer", Geography: "DE"},
			{ID: "sf-c2", Name: "Dan", Side: graph.SideCustomer, AccountID: "sf-acme", Status: graph.StatusActive, ManagerID: "sf-c1"},
		},
		Relationships: []graph.Relationship{
			// The stored relationship from interactions is stronger and stays.
			{PersonA: "sf-v1", PersonB: "sf-c1", Strength: 0.25, Source: "salesforce"},
			{PersonA: "sf-v1", PersonB: "sf-c2", Strength: 0.25, Source: "salesforce"},
		},
	}
	out, report := load.MergeWithStored(incoming, stored())

	wantMatched := []ingest.Match{
		{IncomingID: "sf-c1", BaseID: "hs-c1", By: "email"},
		{IncomingID: "sf-v1", BaseID: "sf-v1", By: "id"},
	}
	if !reflect.DeepEqual(report.Matched, wantMatched) {
		t.Errorf("matched = %+v, want %+v", report.Matched, wantMatched)
	}
	if !reflect.DeepEqual(report.New, []string{"sf-c2"}) {
		t.Errorf("new = %v, want [sf-c2]", report.New)
	}
	if len(report.Conflicts) != 1 || report.Conflicts[0].ID != "hs-c1" || report.Conflicts[0].Field != "title" {
		t.Errorf("conflicts = %+v, want the title of hs-c1", report.Conflicts)
	}
	if report.CombinedRelationships != 1 {
		t.Errorf("combined relationships = %d, want 1", report.CombinedRelationships)
	}

	people := map[string]graph.Person{}
	for _, p := range out.People {
		people[p.ID] = p
	}
	if len(people) != 3 {
		t.Errorf("people = %+v, want the 3 incoming ones", out.People)
	}
	if p := people["sf-v1"]; p.Title != "Senior AM" {
		t.Errorf("sf-v1 title = %q, want the source's new title", p.Title)
	}
	if p := people["hs-c1"]; p.Title != "CIO" || p.Geography != "DE" {
		t.Errorf("hs-c1 = %+v, want the stored title and the filled geography", p)
	}
	if p := people["sf-c2"]; p.ManagerID != "hs-c1" {
		t.Errorf("sf-c2 manager = %q, want the renamed hs-c1", p.ManagerID)
	}
	wantRels := []graph.Relationship{
		{PersonA: "hs-c1", PersonB: "sf-v1", Strength: 0.6, Source: "interactions"},
		{PersonA: "sf-v1", PersonB: "sf-c2", Strength: 0.25, Source: "salesforce"},
	}
	if !reflect.DeepEqual(out.Relationships, wantRels) {
		t.Errorf("relationships:\n got %+v\nwant %+v", out.Relationships, wantRels)
	}
}

func TestMergeReplacesSameSourceRelationship(t *testing.T) {
	base := stored()
	base.Relationships[0].Source = "salesforce"
	incoming := &graph.Dataset{Relationships: []graph.Relationship{
		{PersonA: "sf-v1", PersonB: "hs-c1", Strength: 0.25, Source: "salesforce"},
	}}
	out, report := load.MergeWithStored(incoming, base)
	if len(out.Relationships) != 1 || out.Relationships[0].Strength != 0.25 {
		t.Errorf("relationships = %+v, want the source's new strength 0.25", out.Relationships)
	}
	if report.CombinedRelationships != 0 {
		t.Errorf("combined = %d, want 0: the same source replaces its relationship", report.CombinedRelationships)
	}
}

func TestDatasetKeepGoingNamesCRMRecords(t *testing.T) {
	store := newStore(t)
	res := &ingest.Result{Dataset: &graph.Dataset{
		People: []graph.Person{
			{ID: "sf-c3", Name: "Eve", Side: graph.SideCustomer, AccountID: "sf-gone", Status: graph.StatusActive},
			{ID: "sf-c4", Name: "Fay", Side: graph.SideCustomer, AccountID: "sf-acme", Status: graph.StatusActive},
		},
		Relationships: []graph.Relationship{
			{PersonA: "sf-v1", PersonB: "sf-c3", Strength: 0.25, Source: "salesforce"},
			{PersonA: "sf-v1", PersonB: "sf-c4", Strength: 0.25, Source: "salesforce"},
		},
	}}
	var seen []graph.Problem
	opts := load.Options{Format: load.FormatSalesforce}
	opts.OnProblem = func(p graph.Problem) { seen = append(seen, p) }

	if _, err := load.Dataset(context.Background(), store, res, opts); !isImportError(err) {
		t.Fatalf("without KeepGoing: error %v, want an import error", err)
	}
	if len(seen) == 0 || !strings.Contains(seen[0].Message, `unknown account_id "sf-gone"`) {
		t.Errorf("problems = %+v, want the unknown account", seen)
	}

	seen = nil
	opts.KeepGoing = true
	rep, err := load.Dataset(context.Background(), store, res, opts)
	if err != nil {
		t.Fatalf("with KeepGoing: %v", err)
	}
	if rep.RecordsRejected != 2 || rep.People.Created != 1 || rep.Relationships.Created != 1 {
		t.Errorf("report %+v, want sf-c3 and its relationship left out, sf-c4 and its relationship created", rep)
	}
	wantMessages := []string{`person "sf-c3": unknown account_id "sf-gone"`, `relationship between "sf-v1" and "sf-c3": unknown person "sf-c3"`}
	if len(seen) != len(wantMessages) {
		t.Fatalf("problems = %+v, want %d", seen, len(wantMessages))
	}
	for i, want := range wantMessages {
		if !strings.HasPrefix(seen[i].Message, want) || seen[i].File != "" || seen[i].Line != 0 {
			t.Errorf("problem %d = %+v, want a message starting %q and no file or line", i, seen[i], want)
		}
	}
}

func isImportError(err error) bool {
	var importErr *graph.ImportError
	return errors.As(err, &importErr)
}

var asOf = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)

func strength(x float64) float64 { return math.Round((1-math.Exp(-x))*1e4) / 1e4 }

// TestInteractionsHandComputed imports a generated log and checks each
// strength against the formula s = 1 - exp(-x) evaluated by hand.
func TestInteractionsHandComputed(t *testing.T) {
	store := newStore(t)
	if _, err := store.Import(context.Background(), &graph.Dataset{People: []graph.Person{
		{ID: "sf-c2", Name: "Dan", Side: graph.SideCustomer, AccountID: "sf-acme", Status: graph.StatusActive, Email: "dan@acme.example"},
	}}, graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	log.WriteString("time,from,to,type,direction\n")
	// Ten e-mails from Vera to Cara, 0..9 half-lives of 30 days before
	// as_of, and one back today: the exchange counts min(E_ab, E_ba) twice.
	eab := 0.0
	for k := range 10 {
		log.WriteString(asOf.AddDate(0, 0, -30*k).Format(time.RFC3339) + ",vera@vendor.example,hs-c1,email,\n")
		eab += math.Exp2(-float64(k))
	}
	log.WriteString(asOf.Format(time.RFC3339) + ",vera@vendor.example,hs-c1,email,inbound\n")
	// Two calls with Dan, one and three half-lives ago, and an e-mail from
	// a stranger that matches no one.
	log.WriteString(asOf.AddDate(0, 0, -30).Format(time.RFC3339) + ",sf-v1,dan@acme.example,call,\n")
	log.WriteString(asOf.AddDate(0, 0, -90).Format(time.RFC3339) + ",DAN@acme.example,sf-v1,call,\n")
	log.WriteString(asOf.Format(time.RFC3339) + ",stranger@else.example,sf-v1,email,\n")

	rep, err := load.Interactions(context.Background(), store, map[string]io.Reader{"log.csv": strings.NewReader(log.String())},
		load.InteractionOptions{Options: load.Options{Format: load.FormatInteractions}, AsOf: asOf, HalfLife: 30 * 24 * time.Hour})
	if err != nil {
		t.Fatalf("Interactions: %v", err)
	}
	if rep.Interactions.Added != 13 || rep.Log.Unresolved != 1 || rep.Rows.RowsRead != 14 {
		t.Errorf("report: interactions %+v, log %+v, rows %+v; want 13 added, 1 unresolved, 14 rows", rep.Interactions, rep.Log, rep.Rows)
	}
	want := map[graph.PairKey]float64{
		graph.Pair("sf-v1", "hs-c1"): strength(0.25*2*math.Min(eab, 1) + 0.05*math.Abs(eab-1)),
		graph.Pair("sf-v1", "sf-c2"): strength(0.5 * (0.5 + 0.125)),
	}
	ds, _ := store.Export(context.Background())
	for _, r := range ds.Relationships {
		if w, ok := want[graph.Pair(r.PersonA, r.PersonB)]; !ok || r.Strength != w {
			t.Errorf("relationship %+v, want strength %v", r, w)
		}
	}
	if len(ds.Relationships) != len(want) {
		t.Errorf("relationships = %+v, want %d", ds.Relationships, len(want))
	}
}

func TestInteractionsRejectsBadRows(t *testing.T) {
	store := newStore(t)
	log := "time,from,to,type\n2026-06-01,sf-v1,hs-c1,email\n2026-06-02,sf-v1,hs-c1,fax\n"
	read := func(opts load.InteractionOptions) (*load.Report, error) {
		opts.AsOf = asOf
		return load.Interactions(context.Background(), store, map[string]io.Reader{"log.csv": strings.NewReader(log)}, opts)
	}

	if _, err := read(load.InteractionOptions{}); !isImportError(err) {
		t.Fatalf("error %v, want an import error for the fax", err)
	}
	history, _ := store.Interactions(context.Background(), "sf-v1", "hs-c1")
	if len(history) != 0 {
		t.Errorf("rejected import stored %+v", history)
	}

	dry, err := read(load.InteractionOptions{Options: load.Options{DryRun: true, Options: ingest.Options{KeepGoing: true}}})
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}
	if dry.Interactions.Added != 1 || dry.Rows.RowsRejected != 1 || dry.Strengths != nil {
		t.Errorf("dry run report %+v, want 1 to add, 1 row rejected and no recompute", dry)
	}
	if history, _ := store.Interactions(context.Background(), "sf-v1", "hs-c1"); len(history) != 0 {
		t.Errorf("dry run stored %+v", history)
	}

	kept, err := read(load.InteractionOptions{Options: load.Options{Options: ingest.Options{KeepGoing: true}}})
	if err != nil {
		t.Fatalf("keep going: %v", err)
	}
	if kept.Interactions.Added != 1 || len(kept.Problems) != 1 || kept.Problems[0].Line != 3 {
		t.Errorf("report %+v, want 1 added and the problem of line 3", kept)
	}
}

// storeWithoutInteractions is a graph.Store that keeps no interactions.
type storeWithoutInteractions struct{ graph.Store }

func TestInteractionsNeedAnInteractionStore(t *testing.T) {
	_, err := load.Interactions(context.Background(), storeWithoutInteractions{memstore.New()},
		map[string]io.Reader{"log.csv": strings.NewReader("time,from,to\n")}, load.InteractionOptions{AsOf: asOf})
	if graph.KindOf(err) != graph.KindInvalid {
		t.Errorf("error %v, want KindInvalid", err)
	}
}

package ingest_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/hubspot"
	"github.com/kamgraph/kamgraph/graph/ingest/mapping"
	"github.com/kamgraph/kamgraph/graph/ingest/salesforce"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

// export imports ds into an empty memory store and returns the store's
// export, which sorts records and makes relationships canonical.
func export(t *testing.T, ds *graph.Dataset) *graph.Dataset {
	t.Helper()
	if _, err := graph.Plan(ds, graph.Existing{}); err != nil {
		t.Fatalf("Plan: %v", err)
	}
	store := memstore.New()
	ctx := context.Background()
	if _, err := store.Import(ctx, ds, graph.ImportOptions{}); err != nil {
		t.Fatalf("Import: %v", err)
	}
	out, err := store.Export(ctx)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	return out
}

func loadMapping(t *testing.T, name string) *mapping.Mapping {
	t.Helper()
	m, err := mapping.Load(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("load mapping: %v", err)
	}
	return m
}

// assertSameExport compares two exports record by record, so that a
// failure names the record that differs.
func assertSameExport(t *testing.T, got, want *graph.Dataset) {
	t.Helper()
	if !reflect.DeepEqual(got.Accounts, want.Accounts) {
		t.Errorf("accounts:\n got %+v\nwant %+v", got.Accounts, want.Accounts)
	}
	if len(got.People) != len(want.People) {
		t.Errorf("people = %d, want %d", len(got.People), len(want.People))
	}
	for i := 0; i < len(got.People) && i < len(want.People); i++ {
		if got.People[i] != want.People[i] {
			t.Errorf("person %d:\n got %+v\nwant %+v", i, got.People[i], want.People[i])
		}
	}
	if !reflect.DeepEqual(got.Relationships, want.Relationships) {
		t.Errorf("relationships:\n got %+v\nwant %+v", got.Relationships, want.Relationships)
	}
}

func TestSalesforceExportEqualsNativeFolder(t *testing.T) {
	res, err := salesforce.ReadDir(filepath.Join("testdata", "salesforce_export"), loadMapping(t, "salesforce_mapping.json"), ingest.Options{})
	if err != nil {
		t.Fatalf("salesforce.ReadDir: %v", err)
	}
	native, err := csvimport.ReadDir(filepath.Join("testdata", "kamgraph_salesforce"))
	if err != nil {
		t.Fatalf("csvimport.ReadDir: %v", err)
	}
	assertSameExport(t, export(t, res.Dataset), export(t, native))

	wantSkipped := map[string]int{
		"Account: IsDeleted is 1":                        1,
		"AccountContactRelation: IsDirect is 0":          1,
		"Contact: AccountId is empty":                    1,
		"Contact: IsDeleted is 1":                        1,
		"OpportunityContactRole: its Contact is skipped": 1,
		"User: UserType is not Standard":                 1,
	}
	if !reflect.DeepEqual(res.Summary.Skipped, wantSkipped) {
		t.Errorf("skipped = %v, want %v", res.Summary.Skipped, wantSkipped)
	}
	if res.Summary.RowsRead != 5+3+7+5+4+1 {
		t.Errorf("rows read = %d, want 25", res.Summary.RowsRead)
	}
}

func TestHubSpotExportEqualsNativeFolder(t *testing.T) {
	res, err := hubspot.ReadDir(filepath.Join("testdata", "hubspot_export"), loadMapping(t, "hubspot_mapping.json"), ingest.Options{})
	if err != nil {
		t.Fatalf("hubspot.ReadDir: %v", err)
	}
	native, err := csvimport.ReadDir(filepath.Join("testdata", "kamgraph_hubspot"))
	if err != nil {
		t.Fatalf("csvimport.ReadDir: %v", err)
	}
	assertSameExport(t, export(t, res.Dataset), export(t, native))

	if want := []string{"Account Director"}; !reflect.DeepEqual(res.Titles.UnknownFunction, want) {
		t.Errorf("titles without a function = %q, want %q", res.Titles.UnknownFunction, want)
	}
	if res.Summary.Skipped["contacts: no associated company"] != 1 {
		t.Errorf("skipped = %v, want the contact without a company", res.Summary.Skipped)
	}
}

// TestMergeSalesforceAndHubSpot merges the two exports of one graph: every
// person matches by email and every account by name.
func TestMergeSalesforceAndHubSpot(t *testing.T) {
	sf, err := salesforce.ReadDir(filepath.Join("testdata", "salesforce_export"), loadMapping(t, "salesforce_mapping.json"), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hs, err := hubspot.ReadDir(filepath.Join("testdata", "hubspot_export"), loadMapping(t, "hubspot_mapping.json"), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	merged, report := ingest.Merge(sf.Dataset, hs.Dataset)

	if len(report.Matched) != 8 {
		t.Errorf("matched = %d people, want 8: %+v", len(report.Matched), report.Matched)
	}
	for _, m := range report.Matched {
		if m.By != "email" {
			t.Errorf("match %+v, want it by email", m)
		}
	}
	if len(report.New) != 0 {
		t.Errorf("new = %v, want none", report.New)
	}
	if len(report.MatchedAccounts) != 2 {
		t.Errorf("matched accounts = %+v, want 2 by name", report.MatchedAccounts)
	}
	if report.CombinedRelationships != 4 {
		t.Errorf("combined relationships = %d, want 4", report.CombinedRelationships)
	}
	// The sources disagree twice: on the renewal date of Contoso Retail,
	// and on Sam Patel's function, which Salesforce gives as Presales
	// and HubSpot's users export leaves to title inference.
	wantConflicts := []struct{ id, field string }{
		{"001J8000002A2AAA", "renewal_date"},
		{"005J8000001U2AAA", "function"},
	}
	if len(report.Conflicts) != len(wantConflicts) {
		t.Fatalf("conflicts = %+v, want %v", report.Conflicts, wantConflicts)
	}
	for i, want := range wantConflicts {
		if got := report.Conflicts[i]; got.ID != want.id || got.Field != want.field {
			t.Errorf("conflict %d = %+v, want %s on %s", i, got, want.field, want.id)
		}
	}
	assertSameExport(t, export(t, merged), export(t, sf.Dataset))
}

func TestResultApplyCounts(t *testing.T) {
	m := loadMapping(t, "salesforce_mapping.json")
	dir := filepath.Join("testdata", "salesforce_export")
	store := memstore.New()
	ctx := context.Background()

	first, err := salesforce.ReadDir(dir, m, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Apply(ctx, store, graph.ImportOptions{}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if got, want := first.Summary.Created, 2+9+4; got != want {
		t.Errorf("first import created %d records, want %d", got, want)
	}

	second, err := salesforce.ReadDir(dir, m, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := second.Apply(ctx, store, graph.ImportOptions{}); err != nil {
		t.Fatalf("Apply again: %v", err)
	}
	if second.Summary.Created != 0 || second.Summary.Updated != 0 || second.Summary.Unchanged != 15 {
		t.Errorf("second import summary = %+v, want 15 unchanged", second.Summary)
	}
}

// Package storetest is the contract test suite that every graph.Store
// implementation passes. A store's own tests call Run with a function that
// opens an empty store.
package storetest

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
)

// Run runs the contract suite. open must return an empty store and arrange
// its cleanup; it is called once per subtest.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s graph.Store)
	}{
		{"EmptyStore", testEmptyStore},
		{"ImportThenExport", testImportThenExport},
		{"ReimportUnchanged", testReimportUnchanged},
		{"ImportUpdates", testImportUpdates},
		{"DryRunWritesNothing", testDryRunWritesNothing},
		{"RejectedImportWritesNothing", testRejectedImportWritesNothing},
		{"RejectsSideChange", testRejectsSideChange},
		{"ReferencesStoredPeople", testReferencesStoredPeople},
		{"AccountGraphMembers", testAccountGraphMembers},
		{"AccountNotFound", testAccountNotFound},
		{"ConcurrentImportsAndReads", testConcurrentImportsAndReads},
	}
	tests = append(tests, historyTests()...)
	tests = append(tests, peopleTests()...)
	tests = append(tests, vendorTests()...)
	tests = append(tests, interactionTests()...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

// Fixture returns a small valid dataset: two accounts, three vendor people
// and five customer people, with relationships of every kind. Every field
// of Account, Person and Relationship is set on at least one record, so
// that a store which drops a field fails the round trips.
func Fixture() *graph.Dataset {
	return &graph.Dataset{
		Accounts: []graph.Account{
			{ID: "ACME", Name: "Acme Corp", Tier: 1, ARR: 1_200_000, RenewalDate: "2027-03-31", OwnerID: "V1"},
			{ID: "GLOBEX", Name: "Globex", Tier: 2, ARR: 250_000.5},
		},
		People: []graph.Person{
			{ID: "V1", Name: "Vera Vendor", Side: graph.SideVendor, Title: "Account Manager", Function: "Sales",
				BusinessUnit: "Enterprise", Geography: "EMEA", Seniority: graph.SeniorityManager,
				Status: graph.StatusActive, Email: "vera@vendor.example", ManagerID: "V2"},
			{ID: "V2", Name: "Victor Vendor", Side: graph.SideVendor, Title: "VP Sales", Function: "Sales",
				Seniority: graph.SeniorityVP, Status: graph.StatusActive},
			{ID: "V3", Name: "Val Engineer", Side: graph.SideVendor, Function: "Engineering", Status: graph.StatusActive},
			{ID: "C1", Name: "Carla Champion", Side: graph.SideCustomer, AccountID: "ACME", Title: "Head of IT",
				Function: "IT", BusinessUnit: "Corporate", Geography: "DE", Seniority: graph.SeniorityDirector,
				Role: graph.RoleChampion, Status: graph.StatusActive, ManagerID: "C2"},
			{ID: "C2", Name: "Cid CFO", Side: graph.SideCustomer, AccountID: "ACME", Function: "Finance",
				Seniority: graph.SeniorityCLevel, Role: graph.RoleEconomicBuyer, Status: graph.StatusActive},
			{ID: "C3", Name: "Cora Gone", Side: graph.SideCustomer, AccountID: "ACME", Function: "Procurement",
				Status: graph.StatusDeparted, DepartedOn: "2026-06-30"},
			{ID: "G1", Name: "Gus Globex", Side: graph.SideCustomer, AccountID: "GLOBEX", Function: "Operations",
				Status: graph.StatusActive},
			{ID: "G2", Name: "Gia Globex", Side: graph.SideCustomer, AccountID: "GLOBEX", Status: graph.StatusActive},
		},
		Relationships: []graph.Relationship{
			{PersonA: "V1", PersonB: "C1", Strength: 0.8, Type: "meeting", LastInteraction: "2026-10-01", Source: "crm"},
			{PersonA: "C2", PersonB: "C1", Strength: 0.5},
			{PersonA: "V3", PersonB: "C3", Strength: 0.1},
			{PersonA: "V1", PersonB: "V2", Strength: 1},
			{PersonA: "V2", PersonB: "V3", Strength: 0.3},
			{PersonA: "V2", PersonB: "G1", Strength: 0.6},
			{PersonA: "C1", PersonB: "G1", Strength: 0.4},
		},
	}
}

// Canonical returns ds as Export reports it: records sorted by id and
// relationships canonical and sorted by pair.
func Canonical(ds *graph.Dataset) *graph.Dataset {
	out := &graph.Dataset{
		Accounts:      append([]graph.Account{}, ds.Accounts...),
		People:        append([]graph.Person{}, ds.People...),
		Relationships: make([]graph.Relationship, 0, len(ds.Relationships)),
	}
	for _, r := range ds.Relationships {
		out.Relationships = append(out.Relationships, r.Canonical())
	}
	graph.SortAccounts(out.Accounts)
	graph.SortPeople(out.People)
	graph.SortRelationships(out.Relationships)
	return out
}

func mustImport(t *testing.T, s graph.Store, ds *graph.Dataset) graph.ImportSummary {
	t.Helper()
	summary, err := s.Import(context.Background(), ds, graph.ImportOptions{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return summary
}

func mustExport(t *testing.T, s graph.Store) *graph.Dataset {
	t.Helper()
	ds, err := s.Export(context.Background())
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	return ds
}

func assertSameData(t *testing.T, got, want *graph.Dataset) {
	t.Helper()
	if !reflect.DeepEqual(got.Accounts, want.Accounts) {
		t.Errorf("accounts differ:\n got %+v\nwant %+v", got.Accounts, want.Accounts)
	}
	if !reflect.DeepEqual(got.People, want.People) {
		t.Errorf("people differ:\n got %+v\nwant %+v", got.People, want.People)
	}
	if !reflect.DeepEqual(got.Relationships, want.Relationships) {
		t.Errorf("relationships differ:\n got %+v\nwant %+v", got.Relationships, want.Relationships)
	}
}

func assertKind(t *testing.T, err error, want graph.ErrorKind) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want kind %s", want)
	}
	if got := graph.KindOf(err); got != want {
		t.Fatalf("error kind = %s, want %s (error: %v)", got, want, err)
	}
}

func testEmptyStore(t *testing.T, s graph.Store) {
	ctx := context.Background()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	accounts, err := s.Accounts(ctx)
	if err != nil {
		t.Fatalf("Accounts: %v", err)
	}
	if len(accounts) != 0 {
		t.Errorf("Accounts = %v, want none", accounts)
	}
	ds := mustExport(t, s)
	if len(ds.Accounts)+len(ds.People)+len(ds.Relationships) != 0 {
		t.Errorf("Export of an empty store = %+v, want nothing", ds)
	}
}

func testImportThenExport(t *testing.T, s graph.Store) {
	summary := mustImport(t, s, Fixture())
	want := graph.ImportSummary{
		Accounts:      graph.Counts{Created: 2},
		People:        graph.Counts{Created: 8},
		Relationships: graph.Counts{Created: 7},
	}
	if summary != want {
		t.Errorf("summary = %+v, want %+v", summary, want)
	}
	assertSameData(t, mustExport(t, s), Canonical(Fixture()))

	accounts, err := s.Accounts(context.Background())
	if err != nil {
		t.Fatalf("Accounts: %v", err)
	}
	if !reflect.DeepEqual(accounts, Canonical(Fixture()).Accounts) {
		t.Errorf("Accounts = %+v", accounts)
	}
	a, err := s.Account(context.Background(), "GLOBEX")
	if err != nil {
		t.Fatalf("Account: %v", err)
	}
	if a.ARR != 250_000.5 || a.Name != "Globex" || a.Tier != 2 {
		t.Errorf("Account(GLOBEX) = %+v", a)
	}
}

func testReimportUnchanged(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())
	first := mustExport(t, s)

	summary := mustImport(t, s, Fixture())
	want := graph.ImportSummary{
		Accounts:      graph.Counts{Unchanged: 2},
		People:        graph.Counts{Unchanged: 8},
		Relationships: graph.Counts{Unchanged: 7},
	}
	if summary != want {
		t.Errorf("second import summary = %+v, want %+v", summary, want)
	}
	assertSameData(t, mustExport(t, s), first)
}

func testImportUpdates(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())

	update := &graph.Dataset{
		Accounts: []graph.Account{{ID: "GLOBEX", Name: "Globex Inc", Tier: 1, ARR: 300_000, OwnerID: "V2"}},
		People: []graph.Person{
			{ID: "C1", Name: "Carla Champion", Side: graph.SideCustomer, AccountID: "GLOBEX", Function: "Finance",
				BusinessUnit: "Treasury", Seniority: graph.SeniorityVP, Status: graph.StatusDeparted},
		},
		Relationships: []graph.Relationship{
			{PersonA: "C1", PersonB: "V1", Strength: 0.2, Type: "email"},
		},
	}
	summary := mustImport(t, s, update)
	want := graph.ImportSummary{
		Accounts:      graph.Counts{Updated: 1},
		People:        graph.Counts{Updated: 1},
		Relationships: graph.Counts{Updated: 1},
	}
	if summary != want {
		t.Errorf("summary = %+v, want %+v", summary, want)
	}

	expected := Fixture()
	expected.Accounts[1] = update.Accounts[0]
	expected.People[3] = update.People[0]
	expected.Relationships[0] = update.Relationships[0]
	assertSameData(t, mustExport(t, s), Canonical(expected))

	acme, err := s.AccountGraph(context.Background(), "ACME")
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}
	for _, p := range acme.People {
		if p.ID == "C1" {
			t.Errorf("C1 moved to GLOBEX but is still in ACME's graph")
		}
	}
}

func testDryRunWritesNothing(t *testing.T, s graph.Store) {
	summary, err := s.Import(context.Background(), Fixture(), graph.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if !summary.DryRun || summary.People.Created != 8 {
		t.Errorf("dry-run summary = %+v, want DryRun and 8 people created", summary)
	}
	ds := mustExport(t, s)
	if len(ds.Accounts)+len(ds.People)+len(ds.Relationships) != 0 {
		t.Errorf("dry run wrote %+v", ds)
	}
}

func testRejectedImportWritesNothing(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())
	before := mustExport(t, s)

	for _, tc := range rejectionCases() {
		t.Run(tc.name, func(t *testing.T) {
			ds := Fixture()
			tc.mutate(ds)
			_, err := s.Import(context.Background(), ds, graph.ImportOptions{})
			var ie *graph.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("Import error = %v, want *graph.ImportError", err)
			}
			if !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("error %q does not mention %q", err, tc.wantText)
			}
			assertSameData(t, mustExport(t, s), before)
		})
	}
}

type rejectionCase struct {
	name     string
	mutate   func(ds *graph.Dataset)
	wantText string
}

// rejectionCases each change a valid fixture in one way that makes it
// invalid. Every case also changes a valid record, so a store that applied
// part of the import would be caught.
func rejectionCases() []rejectionCase {
	rename := func(ds *graph.Dataset) { ds.Accounts[0].Name = "Renamed" }
	return []rejectionCase{
		{"DanglingRelationship", func(ds *graph.Dataset) {
			rename(ds)
			ds.Relationships = append(ds.Relationships, graph.Relationship{PersonA: "V1", PersonB: "NOBODY", Strength: 0.5})
		}, `unknown person "NOBODY"`},
		{"DuplicatePerson", func(ds *graph.Dataset) {
			rename(ds)
			ds.People = append(ds.People, ds.People[0])
		}, `duplicate person_id "V1"`},
		{"DuplicatePairReversed", func(ds *graph.Dataset) {
			rename(ds)
			ds.Relationships = append(ds.Relationships, graph.Relationship{PersonA: "C1", PersonB: "V1", Strength: 0.5})
		}, "duplicate relationship"},
		{"SelfRelationship", func(ds *graph.Dataset) {
			rename(ds)
			ds.Relationships[0].PersonB = ds.Relationships[0].PersonA
		}, "self-relationship"},
		{"StrengthZero", func(ds *graph.Dataset) {
			rename(ds)
			ds.Relationships[1].Strength = 0
		}, "strength out of range"},
		{"StrengthAboveOne", func(ds *graph.Dataset) {
			rename(ds)
			ds.Relationships[1].Strength = 1.5
		}, "strength out of range"},
		{"UnknownRole", func(ds *graph.Dataset) {
			rename(ds)
			ds.People[3].Role = "sponsor"
		}, `invalid role "sponsor"`},
		{"UnknownAccount", func(ds *graph.Dataset) {
			rename(ds)
			ds.People[3].AccountID = "NOPE"
		}, `unknown account_id "NOPE"`},
		{"CustomerOwner", func(ds *graph.Dataset) {
			rename(ds)
			ds.Accounts[1].OwnerID = "C1"
		}, "the owner must be a vendor person"},
		{"UnknownManager", func(ds *graph.Dataset) {
			rename(ds)
			ds.People[0].ManagerID = "BOSS"
		}, `unknown manager_id "BOSS"`},
	}
}

func testRejectsSideChange(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())
	before := mustExport(t, s)

	ds := &graph.Dataset{People: []graph.Person{
		{ID: "V3", Name: "Val Engineer", Side: graph.SideCustomer, AccountID: "ACME", Status: graph.StatusActive},
	}}
	_, err := s.Import(context.Background(), ds, graph.ImportOptions{})
	assertKind(t, err, graph.KindInvalid)
	if !strings.Contains(err.Error(), "side cannot change") {
		t.Errorf("error %q does not explain the side change", err)
	}
	assertSameData(t, mustExport(t, s), before)
}

func testReferencesStoredPeople(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())

	ds := &graph.Dataset{Relationships: []graph.Relationship{{PersonA: "V3", PersonB: "C2", Strength: 0.9}}}
	summary := mustImport(t, s, ds)
	if summary.Relationships.Created != 1 {
		t.Errorf("summary = %+v, want one relationship created", summary)
	}
	ag, err := s.AccountGraph(context.Background(), "ACME")
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}
	found := false
	for _, r := range ag.Relationships {
		if r.PersonA == "C2" && r.PersonB == "V3" && r.Strength == 0.9 {
			found = true
		}
	}
	if !found {
		t.Errorf("relationship C2-V3 missing from %+v", ag.Relationships)
	}
}

func testAccountGraphMembers(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())
	ag, err := s.AccountGraph(context.Background(), "ACME")
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}
	if ag.Account.ID != "ACME" || ag.Account.OwnerID != "V1" {
		t.Errorf("account = %+v", ag.Account)
	}

	var ids []string
	for _, p := range ag.People {
		ids = append(ids, p.ID)
	}
	// C3 is departed but still a member; V3 is related only to C3, through
	// a weak relationship; G1 is a customer of another account.
	wantIDs := []string{"C1", "C2", "C3", "V1", "V3"}
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("people = %v, want %v", ids, wantIDs)
	}

	var pairs []string
	for _, r := range ag.Relationships {
		pairs = append(pairs, r.PersonA+"-"+r.PersonB)
	}
	// V1-V2 is left out because V2 has no relationship with an ACME
	// customer; C1-G1 because G1 belongs to GLOBEX.
	wantPairs := []string{"C1-C2", "C1-V1", "C3-V3"}
	if !reflect.DeepEqual(pairs, wantPairs) {
		t.Errorf("relationships = %v, want %v", pairs, wantPairs)
	}
	if r := ag.Relationships[1]; r.Strength != 0.8 || r.Type != "meeting" || r.LastInteraction != "2026-10-01" || r.Source != "crm" {
		t.Errorf("relationship C1-V1 = %+v, want its fields kept", r)
	}
}

func testAccountNotFound(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())
	_, err := s.Account(context.Background(), "NOPE")
	assertKind(t, err, graph.KindNotFound)
	_, err = s.AccountGraph(context.Background(), "NOPE")
	assertKind(t, err, graph.KindNotFound)
}

func testConcurrentImportsAndReads(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())
	ctx := context.Background()

	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			if _, err := s.Import(ctx, Fixture(), graph.ImportOptions{}); err != nil {
				errs <- err
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := s.AccountGraph(ctx, "ACME"); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent call: %v", err)
	}
	assertSameData(t, mustExport(t, s), Canonical(Fixture()))
}

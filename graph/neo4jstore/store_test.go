package neo4jstore_test

import (
	"context"
	"log/slog"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/neo4jstore"
	"github.com/kamgraph/kamgraph/graph/neo4jstore/internal/neo4jtest"
	"github.com/kamgraph/kamgraph/graph/storetest"
)

// openStore empties the test database and opens a store on it.
func openStore(t testing.TB) (*neo4jstore.Store, *neo4jtest.Server) {
	t.Helper()
	server := neo4jtest.Require(t)
	server.Reset(t)
	return openStoreOn(t, server, 0), server
}

// openStoreOn opens a store on server without emptying it, with the given
// StagedImportRecords.
func openStoreOn(t testing.TB, server *neo4jtest.Server, stagedImportRecords int) *neo4jstore.Store {
	t.Helper()
	store, err := neo4jstore.Open(context.Background(), neo4jstore.Config{
		URI:                 server.URI,
		Username:            server.Username,
		Password:            server.Password,
		Logger:              slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn})),
		StagedImportRecords: stagedImportRecords,
	})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := store.Close(context.Background()); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return store
}

func mustImport(t testing.TB, store graph.Store, ds *graph.Dataset) graph.ImportSummary {
	t.Helper()
	summary, err := store.Import(context.Background(), ds, graph.ImportOptions{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return summary
}

func mustExport(t testing.TB, store graph.Store) *graph.Dataset {
	t.Helper()
	ds, err := store.Export(context.Background())
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	return ds
}

// checkDataset reports each record of got that differs from want.
func checkDataset(t *testing.T, got, want *graph.Dataset) {
	t.Helper()
	checkRecords(t, "account", got.Accounts, want.Accounts)
	checkRecords(t, "person", got.People, want.People)
	checkRecords(t, "relationship", got.Relationships, want.Relationships)
}

func checkRecords[T any](t *testing.T, kind string, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d %s records, want %d:\ngot  %+v\nwant %+v", len(got), kind, len(want), got, want)
		return
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s %d:\ngot  %+v\nwant %+v", kind, i, got[i], want[i])
		}
	}
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		store, _ := openStore(t)
		return store
	})
}

func TestOpenCreatesConstraints(t *testing.T) {
	_, server := openStore(t)
	want := map[string]string{
		"person_id":         "Person(id)",
		"account_id":        "Account(id)",
		"function_key":      "Function(key)",
		"business_unit_key": "BusinessUnit(side,org,key)",
		"import_lock_id":    "ImportLock(id)",
	}
	got := map[string]string{}
	for _, record := range server.Query(t, "test_constraints", nil) {
		name, _ := record.Get("name")
		kind, _ := record.Get("type")
		labels, _ := record.Get("labelsOrTypes")
		props, _ := record.Get("properties")
		if !strings.Contains(kind.(string), "UNIQUENESS") {
			continue
		}
		got[name.(string)] = join(labels) + "(" + join(props) + ")"
	}
	for name, schema := range want {
		if got[name] != schema {
			t.Errorf("constraint %s = %q, want uniqueness on %s", name, got[name], schema)
		}
	}
}

func join(list any) string {
	var parts []string
	for _, item := range list.([]any) {
		parts = append(parts, item.(string))
	}
	return strings.Join(parts, ",")
}

func TestOpenTwiceKeepsSchema(t *testing.T) {
	_, server := openStore(t)
	second, err := neo4jstore.Open(context.Background(), neo4jstore.Config{
		URI: server.URI, Username: server.Username, Password: server.Password})
	if err != nil {
		t.Fatalf("second Open on an initialised database: %v", err)
	}
	if err := second.Close(context.Background()); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func TestPing(t *testing.T) {
	store, _ := openStore(t)
	if err := store.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestImportExportRoundTrip(t *testing.T) {
	store, _ := openStore(t)
	summary := mustImport(t, store, fixture())

	want := graph.ImportSummary{
		Accounts:      graph.Counts{Created: 2},
		People:        graph.Counts{Created: 8},
		Relationships: graph.Counts{Created: 8},
	}
	if summary != want {
		t.Errorf("summary = %+v, want %+v", summary, want)
	}
	checkDataset(t, mustExport(t, store), sorted(fixture()))
}

func TestImportCountsUpdates(t *testing.T) {
	store, _ := openStore(t)
	mustImport(t, store, fixture())

	ds := fixture()
	ds.People[0].Title = "Senior Account Manager"
	// The same pair in the other order with a new strength.
	ds.Relationships[0] = graph.Relationship{PersonA: "c-ann", PersonB: "v-amy", Strength: 0.9}
	summary := mustImport(t, store, ds)

	want := graph.ImportSummary{
		Accounts:      graph.Counts{Unchanged: 2},
		People:        graph.Counts{Updated: 1, Unchanged: 7},
		Relationships: graph.Counts{Updated: 1, Unchanged: 7},
	}
	if summary != want {
		t.Errorf("summary = %+v, want %+v", summary, want)
	}
	checkDataset(t, mustExport(t, store), sorted(ds))
}

// personLinks is what test_person_links returns for one person.
type personLinks struct {
	Labels        []string
	Keys          []string
	Functions     []string
	Units         []string // side/org/key=name
	Accounts      []string
	Managers      []string
	OwnedAccounts []string
}

func loadPersonLinks(t *testing.T, server *neo4jtest.Server, id string) personLinks {
	t.Helper()
	records := server.Query(t, "test_person_links", map[string]any{"id": id})
	if len(records) != 1 {
		t.Fatalf("person %q: got %d records, want 1", id, len(records))
	}
	record := records[0]
	strs := func(key string) []string {
		value, _ := record.Get(key)
		var out []string
		for _, item := range value.([]any) {
			switch v := item.(type) {
			case string:
				out = append(out, v)
			case map[string]any:
				out = append(out, v["side"].(string)+"/"+v["org"].(string)+"/"+v["key"].(string)+"="+v["name"].(string))
			}
		}
		sort.Strings(out)
		return out
	}
	return personLinks{
		Labels: strs("labels"), Keys: strs("keys"), Functions: strs("functions"), Units: strs("units"),
		Accounts: strs("accounts"), Managers: strs("managers"), OwnedAccounts: strs("owned_accounts"),
	}
}

func TestImportStoresLinks(t *testing.T) {
	store, server := openStore(t)
	mustImport(t, store, fixture())

	tests := []struct {
		id   string
		want personLinks
	}{
		{"v-amy", personLinks{
			Labels:        []string{"Person", "Vendor"},
			Keys:          []string{"business_unit", "email", "function", "geography", "id", "name", "seniority", "side", "status", "title"},
			Functions:     []string{"sales"},
			Units:         []string{"vendor/vendor/enterprise=Enterprise"},
			Managers:      []string{"v-bob"},
			OwnedAccounts: []string{"acme"},
		}},
		{"v-bob", personLinks{
			Labels:    []string{"Person", "Vendor"},
			Keys:      []string{"business_unit", "function", "id", "name", "seniority", "side", "status"},
			Functions: []string{"sales"},
			Units:     []string{"vendor/vendor/enterprise=Enterprise"},
		}},
		{"c-ann", personLinks{
			Labels: []string{"Customer", "Person"},
			Keys: []string{"business_unit", "email", "function", "geography", "id", "name", "role",
				"seniority", "side", "status", "title"},
			Functions: []string{"finance"},
			Units:     []string{"customer/acme/finance ops=Finance Ops"},
			Accounts:  []string{"acme"},
			Managers:  []string{"c-cfo"},
		}},
		{"c-gus", personLinks{
			Labels:   []string{"Customer", "Person"},
			Keys:     []string{"id", "name", "side", "status"},
			Accounts: []string{"globex"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got := loadPersonLinks(t, server, tt.id)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("links of %s:\ngot  %+v\nwant %+v", tt.id, got, tt.want)
			}
		})
	}
}

func TestImportStoresDatesAsNeo4jDates(t *testing.T) {
	store, server := openStore(t)
	mustImport(t, store, fixture())

	records := server.Query(t, "test_account_properties", map[string]any{"id": "acme"})
	value, _ := records[0].Get("renewal_date")
	date, ok := value.(neo4j.Date)
	if !ok {
		t.Fatalf("acme renewal_date is %T, want neo4j.Date", value)
	}
	if got := time.Time(date).Format(time.DateOnly); got != "2026-03-31" {
		t.Errorf("acme renewal_date = %s, want 2026-03-31", got)
	}

	records = server.Query(t, "test_person_links", map[string]any{"id": "v-cat"})
	value, _ = records[0].Get("departed_on")
	date, ok = value.(neo4j.Date)
	if !ok {
		t.Fatalf("v-cat departed_on is %T, want neo4j.Date", value)
	}
	if got := time.Time(date).Format(time.DateOnly); got != "2025-09-30" {
		t.Errorf("v-cat departed_on = %s, want 2025-09-30", got)
	}

	records = server.Query(t, "test_account_properties", map[string]any{"id": "globex"})
	keys, _ := records[0].Get("keys")
	if got := join(keys); strings.Contains(got, "tier") || strings.Contains(got, "renewal_date") {
		t.Errorf("globex has properties %s, want no tier and no renewal_date", got)
	}
}

func TestImportStoresRelationshipsFromLowerID(t *testing.T) {
	store, server := openStore(t)
	mustImport(t, store, fixture())

	records := server.Query(t, "test_reversed_relationships", nil)
	if reversed, _ := records[0].Get("reversed"); reversed != int64(0) {
		t.Errorf("%v RELATES_TO relationships run from the higher id to the lower, want 0", reversed)
	}
}

func TestImportMovesLinks(t *testing.T) {
	store, server := openStore(t)
	mustImport(t, store, fixture())

	ds := fixture()
	ds.Accounts[1].OwnerID = "v-bob" // acme
	ds.People[0].ManagerID = ""      // v-amy
	ds.People[0].Email = ""
	ann := &ds.People[4]
	ann.AccountID = "globex"
	ann.Function = "Procurement"
	ann.BusinessUnit = "Purchasing"
	ann.ManagerID = "c-gus"
	summary := mustImport(t, store, ds)

	if summary.People.Updated != 2 || summary.Accounts.Updated != 1 {
		t.Errorf("summary = %+v, want 2 people and 1 account updated", summary)
	}
	checkDataset(t, mustExport(t, store), sorted(ds))

	amy := loadPersonLinks(t, server, "v-amy")
	if len(amy.Managers) != 0 || len(amy.OwnedAccounts) != 0 || slices.Contains(amy.Keys, "email") {
		t.Errorf("v-amy after the move = %+v, want no manager, no owned account and no email", amy)
	}
	bob := loadPersonLinks(t, server, "v-bob")
	if !reflect.DeepEqual(bob.OwnedAccounts, []string{"acme"}) {
		t.Errorf("v-bob owns %v, want [acme]", bob.OwnedAccounts)
	}
	got := loadPersonLinks(t, server, "c-ann")
	want := personLinks{
		Labels:    got.Labels,
		Keys:      got.Keys,
		Functions: []string{"procurement"},
		Units:     []string{"customer/globex/purchasing=Purchasing"},
		Accounts:  []string{"globex"},
		Managers:  []string{"c-gus"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("c-ann after the move:\ngot  %+v\nwant %+v", got, want)
	}

	// Finance keeps c-cfo; the unit Finance Ops of acme had only c-ann.
	records := server.Query(t, "test_dimension_nodes", nil)
	functions, _ := records[0].Get("functions")
	if got := sortedStrings(functions); !reflect.DeepEqual(got, []string{"engineering", "finance", "procurement", "sales"}) {
		t.Errorf("Function keys = %v, want [engineering finance procurement sales]", got)
	}
	units, _ := records[0].Get("units")
	for _, unit := range units.([]any) {
		if u := unit.(map[string]any); u["key"] == "finance ops" {
			t.Errorf("orphaned BusinessUnit %v left behind", u)
		}
	}
}

func sortedStrings(list any) []string {
	var out []string
	for _, item := range list.([]any) {
		out = append(out, item.(string))
	}
	sort.Strings(out)
	return out
}

func TestImportSpansBatches(t *testing.T) {
	defer neo4jstore.SetBatchSize(7)()
	store, _ := openStore(t)
	ds := synthetic(3, 10, 15, 120)

	summary := mustImport(t, store, ds)

	if summary.People.Created != 55 || summary.Relationships.Created != 120 {
		t.Errorf("summary = %+v, want 55 people and 120 relationships created", summary)
	}
	checkDataset(t, mustExport(t, store), sorted(ds))
	summary = mustImport(t, store, ds)
	if summary.People.Unchanged != 55 || summary.Relationships.Unchanged != 120 || summary.Accounts.Unchanged != 3 {
		t.Errorf("second import summary = %+v, want everything unchanged", summary)
	}
	for _, account := range ds.Accounts {
		got, err := store.AccountGraph(context.Background(), account.ID)
		if err != nil {
			t.Fatalf("AccountGraph(%s): %v", account.ID, err)
		}
		checkAccountGraph(t, got, expectedAccountGraph(ds, account.ID))
	}
}

func TestConcurrentImports(t *testing.T) {
	store, _ := openStore(t)
	const imports = 4
	summaries := make([]graph.ImportSummary, imports)
	errs := make([]error, imports)
	var wg sync.WaitGroup
	for i := range imports {
		wg.Go(func() {
			summaries[i], errs[i] = store.Import(context.Background(), fixture(), graph.ImportOptions{})
		})
	}
	wg.Wait()

	var total graph.Counts
	for i := range imports {
		if errs[i] != nil {
			t.Fatalf("import %d: %v", i, errs[i])
		}
		total.Created += summaries[i].People.Created
		total.Updated += summaries[i].People.Updated
		total.Unchanged += summaries[i].People.Unchanged
	}
	// Imports run one at a time, so exactly one creates the people.
	want := graph.Counts{Created: 8, Unchanged: 8 * (imports - 1)}
	if total != want {
		t.Errorf("people counts over %d imports = %+v, want %+v", imports, total, want)
	}
	checkDataset(t, mustExport(t, store), sorted(fixture()))
}

func checkAccountGraph(t *testing.T, got, want *graph.AccountGraph) {
	t.Helper()
	if got.Account != want.Account {
		t.Errorf("account = %+v, want %+v", got.Account, want.Account)
	}
	checkRecords(t, "person", got.People, want.People)
	checkRecords(t, "relationship", got.Relationships, want.Relationships)
}

func TestAccountGraph(t *testing.T) {
	store, _ := openStore(t)
	mustImport(t, store, fixture())

	got, err := store.AccountGraph(context.Background(), "acme")
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}

	want := expectedAccountGraph(fixture(), "acme")
	var ids []string
	for _, p := range want.People {
		ids = append(ids, p.ID)
	}
	// The departed c-eve and the departed v-cat belong to it; v-dan, who
	// relates only to globex and to a vendor, does not.
	if wantIDs := []string{"c-ann", "c-cfo", "c-eve", "v-amy", "v-bob", "v-cat"}; !slices.Equal(ids, wantIDs) {
		t.Fatalf("reference account graph has people %v, want %v", ids, wantIDs)
	}
	checkAccountGraph(t, got, want)
}

func TestAccountGraphWithoutPeople(t *testing.T) {
	store, _ := openStore(t)
	mustImport(t, store, &graph.Dataset{Accounts: []graph.Account{{ID: "empty", Name: "Empty"}}})

	got, err := store.AccountGraph(context.Background(), "empty")
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}
	if got.Account.ID != "empty" || len(got.People) != 0 || len(got.Relationships) != 0 {
		t.Errorf("AccountGraph = %+v, want the account alone", got)
	}
}

func TestNotFoundMessage(t *testing.T) {
	store, _ := openStore(t)
	_, err := store.Account(context.Background(), "nope")
	checkNotFound(t, err)
	_, err = store.AccountGraph(context.Background(), "nope")
	checkNotFound(t, err)
}

func checkNotFound(t *testing.T, err error) {
	t.Helper()
	if kind := graph.KindOf(err); kind != graph.KindNotFound {
		t.Fatalf("error = %v (kind %s), want kind %s", err, kind, graph.KindNotFound)
	}
	if got := graph.MessageOf(err); got != `account "nope" not found` {
		t.Errorf("message = %q, want %q", got, `account "nope" not found`)
	}
}

func TestEmptyStore(t *testing.T) {
	store, _ := openStore(t)
	accounts, err := store.Accounts(context.Background())
	if err != nil {
		t.Fatalf("Accounts: %v", err)
	}
	if len(accounts) != 0 {
		t.Errorf("Accounts = %v, want none", accounts)
	}
	ds := mustExport(t, store)
	if ds.Accounts == nil || ds.People == nil || ds.Relationships == nil {
		t.Errorf("Export of an empty store = %+v, want empty, non-nil lists", ds)
	}
}

func TestImportNilDataset(t *testing.T) {
	store, _ := openStore(t)
	_, err := store.Import(context.Background(), nil, graph.ImportOptions{})
	if kind := graph.KindOf(err); kind != graph.KindInvalid {
		t.Errorf("Import(nil) error = %v (kind %s), want kind %s", err, kind, graph.KindInvalid)
	}
}

package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/storetest"
)

// hostileTexts are ids, names and note texts that would change a query
// built by splicing text into Cypher, and Unicode that displays as
// something else. Statements take every value as a parameter, so each
// must be stored and read back byte for byte.
var hostileTexts = []string{
	"'}) MATCH (n) DETACH DELETE n //",
	`"}) MATCH (n) DETACH DELETE n //`,
	"`Person`) DETACH DELETE (`Account",
	"$id",
	"x' OR 1=1 //",
	`it's "quoted" \ back\slash \u0027`,
	"/* comment */ RETURN 1; MATCH (n) DELETE n",
	"}]->(:Account) CREATE (:Evil {id: 'x'})",
	"\u202Eevil\u202C reversed", // right-to-left override
	"a\u200Db\u200Dc",           // zero-width joiners
	"e\u0301\u0301\u0301",       // stacked combining marks
	"👩\u200D💼🚀",                 // emoji with a joiner
	"\u0410cme",                 // Cyrillic A, a homoglyph of Latin A
	"title: AND OR NOT ~ * ? [ ] { } ^ \" : \\ /",
}

// hostileDataset returns one account per hostile text, each with a vendor
// owner and a customer person whose every free-text field is hostile, and
// a relationship between the two.
func hostileDataset() *graph.Dataset {
	ds := &graph.Dataset{}
	for i, text := range hostileTexts {
		other := hostileTexts[(i+1)%len(hostileTexts)]
		vendor := "v:" + text
		customer := "c:" + text
		ds.Accounts = append(ds.Accounts, graph.Account{ID: text, Name: other, Tier: 1, ARR: 1000, OwnerID: vendor})
		ds.People = append(ds.People,
			graph.Person{ID: vendor, Name: text, Side: graph.SideVendor, Title: other, Function: text,
				BusinessUnit: other, Geography: text, Status: graph.StatusActive, Email: fmt.Sprintf("v%d@vendor.example", i)},
			graph.Person{ID: customer, Name: other, Side: graph.SideCustomer, AccountID: text, Title: text,
				Function: other, BusinessUnit: text, Geography: other, Status: graph.StatusActive})
		ds.Relationships = append(ds.Relationships, graph.Relationship{PersonA: vendor, PersonB: customer,
			Strength: 0.5, Type: text, Source: other})
	}
	return ds
}

func TestHostileTextStoredVerbatim(t *testing.T) {
	store, _ := openStore(t)
	ctx := context.Background()
	mustImport(t, store, storetest.Fixture())
	mustImport(t, store, hostileDataset())

	want := storetest.Fixture()
	hostile := hostileDataset()
	want.Accounts = append(want.Accounts, hostile.Accounts...)
	want.People = append(want.People, hostile.People...)
	want.Relationships = append(want.Relationships, hostile.Relationships...)
	got := mustExport(t, store)
	want = storetest.Canonical(want)
	if len(got.Accounts) != len(want.Accounts) || len(got.People) != len(want.People) || len(got.Relationships) != len(want.Relationships) {
		t.Fatalf("export has %d accounts, %d people, %d relationships; want %d, %d, %d",
			len(got.Accounts), len(got.People), len(got.Relationships), len(want.Accounts), len(want.People), len(want.Relationships))
	}
	for i := range want.Accounts {
		if got.Accounts[i] != want.Accounts[i] {
			t.Errorf("account %d = %+v, want %+v", i, got.Accounts[i], want.Accounts[i])
		}
	}
	for i := range want.People {
		if got.People[i] != want.People[i] {
			t.Errorf("person %d = %+v, want %+v", i, got.People[i], want.People[i])
		}
	}
	for i := range want.Relationships {
		if got.Relationships[i] != want.Relationships[i] {
			t.Errorf("relationship %d = %+v, want %+v", i, got.Relationships[i], want.Relationships[i])
		}
	}

	for _, text := range hostileTexts {
		accounts, err := store.PersonAccounts(ctx, "v:"+text)
		if err != nil {
			t.Errorf("PersonAccounts(%q): %v", "v:"+text, err)
			continue
		}
		if !slices.Equal(accounts, []string{text}) {
			t.Errorf("PersonAccounts(%q) = %q, want [%q]", "v:"+text, accounts, text)
		}
		ag, err := store.AccountGraph(ctx, text)
		if err != nil {
			t.Errorf("AccountGraph(%q): %v", text, err)
			continue
		}
		if len(ag.People) != 2 || len(ag.Relationships) != 1 {
			t.Errorf("AccountGraph(%q) has %d people and %d relationships, want 2 and 1", text, len(ag.People), len(ag.Relationships))
		}
	}
}

func TestHostileNotesStoredVerbatim(t *testing.T) {
	store, _ := openStore(t)
	ctx := context.Background()
	mustImport(t, store, storetest.Fixture())
	mustImport(t, store, hostileDataset())

	for _, text := range hostileTexts {
		created, err := store.CreateNote(ctx, graph.NewNote{
			Target: graph.NoteTarget{Kind: graph.TargetRelationship, ID: "v:" + text, OtherID: "c:" + text},
			Author: text,
			Text:   "note: " + text,
		})
		if err != nil {
			t.Errorf("CreateNote with %q: %v", text, err)
			continue
		}
		note, err := store.Note(ctx, created.ID)
		if err != nil {
			t.Errorf("Note(%s): %v", created.ID, err)
			continue
		}
		if note.Text != "note: "+text || note.Author != text || note.AccountID != text {
			t.Errorf("note = text %q, author %q, account %q; want %q, %q, %q",
				note.Text, note.Author, note.AccountID, "note: "+text, text, text)
		}
	}

	for _, text := range hostileTexts {
		if _, err := store.SearchNotes(ctx, text, 10); err != nil && graph.KindOf(err) != graph.KindInvalid {
			t.Errorf("SearchNotes(%q): %v, want results or a KindInvalid error", text, err)
		}
	}

	// The fixture is intact after every statement above.
	got := mustExport(t, store)
	if !slices.ContainsFunc(got.Accounts, func(a graph.Account) bool { return a.ID == "ACME" }) {
		t.Error("the fixture account ACME is gone")
	}
	if len(got.People) != len(storetest.Fixture().People)+2*len(hostileTexts) {
		t.Errorf("export has %d people, want %d", len(got.People), len(storetest.Fixture().People)+2*len(hostileTexts))
	}
}

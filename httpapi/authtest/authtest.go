// Package authtest checks the access rules of the HTTP API against a
// store: every registered route for every role, and that an
// account_manager key reaches nothing outside its own accounts. The tests
// of package httpapi run it on the in-memory store and those of package
// neo4jstore on Neo4j.
package authtest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
)

// DemoSeed is the seed of the demo portfolio that Setup imports.
const DemoSeed = 1

// Markers in the text of the two notes that Setup creates.
const (
	OwnNoteText     = "own account note: renewal owner confirmed"
	ForeignNoteText = "foreign account note: secret budget 4.2m"
)

// Fixture names the objects of the checks.
type Fixture struct {
	AM              string // the vendor person of the account_manager key
	OtherVendor     string // a vendor person other than AM
	OwnAccount      string // an account of AM
	ForeignAccount  string // an account outside AM's accounts
	OwnCustomer     string // a customer person of OwnAccount
	ForeignCustomer string // a customer person of ForeignAccount
	OwnNote         string // a note on OwnAccount
	ForeignNote     string // a note on ForeignAccount
	// ForeignCustomers lists every customer person of ForeignAccount.
	ForeignCustomers []string
}

// Setup imports the demo portfolio into store, which must implement
// graph.PeopleStore and graph.NoteStore, adds a note to one account of
// the account manager and one to a foreign account, and returns the ids.
func Setup(t *testing.T, store graph.Store) Fixture {
	t.Helper()
	ctx := context.Background()
	if _, err := store.Import(ctx, demo.Generate(DemoSeed), graph.ImportOptions{}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	people := store.(graph.PeopleStore)
	notes := store.(graph.NoteStore)

	own, err := store.Account(ctx, demo.SingleThreadedAccountID)
	if err != nil {
		t.Fatalf("Account: %v", err)
	}
	f := Fixture{AM: own.OwnerID, OwnAccount: own.ID}
	mine, err := people.PersonAccounts(ctx, f.AM)
	if err != nil {
		t.Fatalf("PersonAccounts(%s): %v", f.AM, err)
	}
	accounts, err := store.Accounts(ctx)
	if err != nil {
		t.Fatalf("Accounts: %v", err)
	}
	for _, a := range accounts {
		if !slices.Contains(mine, a.ID) {
			f.ForeignAccount = a.ID
			break
		}
	}
	if f.ForeignAccount == "" {
		t.Fatalf("every demo account is one of %s's accounts: the checks need a foreign one", f.AM)
	}
	f.OwnCustomer = firstPerson(t, store, f.OwnAccount, graph.SideCustomer, "")
	f.ForeignCustomer = firstPerson(t, store, f.ForeignAccount, graph.SideCustomer, "")
	f.ForeignCustomers = customersOf(t, store, f.ForeignAccount)
	f.OtherVendor = firstPerson(t, store, f.ForeignAccount, graph.SideVendor, f.AM)

	f.OwnNote = createNote(t, notes, f.OwnAccount, OwnNoteText)
	f.ForeignNote = createNote(t, notes, f.ForeignAccount, ForeignNoteText)
	return f
}

// firstPerson returns the first person of the account graph on side,
// other than except.
func firstPerson(t *testing.T, store graph.Store, accountID string, side graph.Side, except string) string {
	t.Helper()
	ag, err := store.AccountGraph(context.Background(), accountID)
	if err != nil {
		t.Fatalf("AccountGraph(%s): %v", accountID, err)
	}
	for _, p := range ag.People {
		if p.Side == side && p.ID != except {
			return p.ID
		}
	}
	t.Fatalf("account %s has no %s person other than %q", accountID, side, except)
	return ""
}

func customersOf(t *testing.T, store graph.Store, accountID string) []string {
	t.Helper()
	ag, err := store.AccountGraph(context.Background(), accountID)
	if err != nil {
		t.Fatalf("AccountGraph(%s): %v", accountID, err)
	}
	var ids []string
	for _, p := range ag.People {
		if p.Side == graph.SideCustomer {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

func createNote(t *testing.T, notes graph.NoteStore, accountID, text string) string {
	t.Helper()
	n, err := notes.CreateNote(context.Background(), graph.NewNote{
		Target: graph.NoteTarget{Kind: graph.TargetAccount, ID: accountID},
		Author: "authtest",
		Kind:   graph.NoteContext,
		Text:   text,
	})
	if err != nil {
		t.Fatalf("CreateNote on %s: %v", accountID, err)
	}
	return n.ID
}

// Tokens holds one bearer token per role.
type Tokens map[graph.KeyRole]string

// CreateKeys stores one key per role in keys, the account_manager key
// bound to f.AM, and returns their tokens.
func CreateKeys(t *testing.T, keys graph.KeyStore, f Fixture) Tokens {
	t.Helper()
	tokens := Tokens{}
	for _, role := range graph.KeyRoles {
		n := graph.NewAPIKey{Name: "authtest " + string(role), Role: role}
		if role == graph.KeyRoleAccountManager {
			n.PersonID = f.AM
		}
		key, token, err := graph.GenerateAPIKey(n, time.Now())
		if err != nil {
			t.Fatalf("GenerateAPIKey(%s): %v", role, err)
		}
		if err := keys.CreateKey(context.Background(), key); err != nil {
			t.Fatalf("CreateKey(%s): %v", role, err)
		}
		tokens[role] = token
	}
	return tokens
}

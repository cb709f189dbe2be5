package neo4jstore_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/neo4jstore"
	"github.com/kamgraph/kamgraph/graph/neo4jstore/internal/neo4jtest"
	"github.com/kamgraph/kamgraph/graph/storetest"
)

// openWithClock opens a store on server that reads note times from now,
// and closes it when the test ends.
func openWithClock(t *testing.T, server *neo4jtest.Server, now func() time.Time) *neo4jstore.Store {
	t.Helper()
	store, err := neo4jstore.Open(context.Background(), neo4jstore.Config{
		URI:      server.URI,
		Username: server.Username,
		Password: server.Password,
		Logger:   slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn})),
		Now:      now,
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

func TestNoteContract(t *testing.T) {
	storetest.RunNotes(t, func(t *testing.T, clock *storetest.Clock) graph.Store {
		server := neo4jtest.Require(t)
		server.Reset(t)
		return openWithClock(t, server, clock.Now)
	})
}

func TestOpenCreatesNoteSchema(t *testing.T) {
	_, server := openStore(t)

	var index []string
	for _, record := range server.Query(t, "test_indexes", nil) {
		if name, _ := record.Get("name"); name != "note_text" {
			continue
		}
		kind, _ := record.Get("type")
		labels, _ := record.Get("labelsOrTypes")
		properties, _ := record.Get("properties")
		state, _ := record.Get("state")
		index = []string{kind.(string), join(labels), join(properties), state.(string)}
	}
	if want := []string{"FULLTEXT", "Note", "text", "ONLINE"}; !slices.Equal(index, want) {
		t.Errorf("index note_text = %v, want %v", index, want)
	}

	found := false
	for _, record := range server.Query(t, "test_constraints", nil) {
		name, _ := record.Get("name")
		labels, _ := record.Get("labelsOrTypes")
		properties, _ := record.Get("properties")
		if name == "note_id" && join(labels) == "Note" && join(properties) == "id" {
			found = true
		}
	}
	if !found {
		t.Error("no constraint note_id on Note(id)")
	}
}

// noteLinks is what test_note_links returns for one note.
type noteLinks struct {
	Labels    []string
	Keys      []string
	CreatedAt any
	About     []string
	Versions  []int64
}

func loadNoteLinks(t *testing.T, server *neo4jtest.Server, id string) noteLinks {
	t.Helper()
	records := server.Query(t, "test_note_links", map[string]any{"id": id})
	if len(records) != 1 {
		t.Fatalf("note %q: got %d records, want 1", id, len(records))
	}
	get := func(key string) any {
		value, _ := records[0].Get(key)
		return value
	}
	links := noteLinks{
		Labels:    sortedStrings(get("labels")),
		Keys:      sortedStrings(get("keys")),
		CreatedAt: get("created_at"),
		About:     sortedStrings(get("about")),
	}
	for _, v := range get("versions").([]any) {
		links.Versions = append(links.Versions, v.(int64))
	}
	slices.Sort(links.Versions)
	return links
}

func TestNoteGraphModel(t *testing.T) {
	store, server := openStore(t)
	mustImport(t, store, storetest.Fixture())
	ctx := context.Background()

	relationship, err := store.CreateNote(ctx, graph.NewNote{
		Target: graph.NoteTarget{Kind: graph.TargetRelationship, ID: "V1", OtherID: "C1"},
		Author: "Vera", Kind: graph.NoteRisk, Text: "Calls got rare."})
	if err != nil {
		t.Fatalf("CreateNote: %v", err)
	}
	if _, err := store.UpdateNote(ctx, relationship.ID, graph.NoteEdit{BaseVersion: 1, Author: "Vera", Text: "Calls resumed."}); err != nil {
		t.Fatalf("UpdateNote: %v", err)
	}
	account, err := store.CreateNote(ctx, graph.NewNote{
		Target: graph.NoteTarget{Kind: graph.TargetAccount, ID: "ACME"}, Author: "Vera", Text: "Renewal in March."})
	if err != nil {
		t.Fatalf("CreateNote: %v", err)
	}
	if _, err := store.DeleteNote(ctx, account.ID, "Victor"); err != nil {
		t.Fatalf("DeleteNote: %v", err)
	}

	got := loadNoteLinks(t, server, relationship.ID)
	want := noteLinks{
		Labels: []string{"Note"},
		Keys: []string{"author", "created_at", "id", "kind", "person_a", "person_b", "target_kind", "text",
			"updated_at", "version"},
		CreatedAt: got.CreatedAt,
		About:     []string{"C1", "V1"},
		Versions:  []int64{1, 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("relationship note stored as\n got %+v\nwant %+v", got, want)
	}
	if _, ok := got.CreatedAt.(time.Time); !ok {
		t.Errorf("created_at is %T, want a Neo4j datetime", got.CreatedAt)
	}

	got = loadNoteLinks(t, server, account.ID)
	want = noteLinks{
		Labels: []string{"Note"},
		Keys: []string{"author", "created_at", "deleted_at", "deleted_by", "id", "kind", "target_kind", "text",
			"updated_at", "version"},
		CreatedAt: got.CreatedAt,
		About:     []string{"ACME"},
		Versions:  []int64{1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("deleted account note stored as\n got %+v\nwant %+v", got, want)
	}
}

// TestNotesSurviveRestart writes notes through one store, closes it as a
// stopping service would, and reads them through a new store on the same
// database.
func TestNotesSurviveRestart(t *testing.T) {
	server := neo4jtest.Require(t)
	server.Reset(t)
	ctx := context.Background()
	clock := storetest.NewClock()

	first, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: server.URI, Username: server.Username,
		Password: server.Password, Now: clock.Now})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	mustImport(t, first, storetest.Fixture())
	freeze, err := first.CreateNote(ctx, graph.NewNote{Target: graph.NoteTarget{Kind: graph.TargetAccount, ID: "ACME"},
		Author: "Vera", Kind: graph.NoteRisk, Text: "Budget freeze until the reorganisation ends."})
	if err != nil {
		t.Fatalf("CreateNote: %v", err)
	}
	clock.Advance(time.Minute)
	champion, err := first.CreateNote(ctx, graph.NewNote{Target: graph.NoteTarget{Kind: graph.TargetPerson, ID: "C1"},
		Author: "Vera", Text: "Champion of the pilot."})
	if err != nil {
		t.Fatalf("CreateNote: %v", err)
	}
	clock.Advance(time.Minute)
	champion, err = first.UpdateNote(ctx, champion.ID, graph.NoteEdit{BaseVersion: 1, Author: "Victor",
		Kind: graph.NoteOpportunity, Text: "Champion of the pilot and of the reorganisation."})
	if err != nil {
		t.Fatalf("UpdateNote: %v", err)
	}
	if err := first.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}

	second := openWithClock(t, server, clock.Now)
	found, err := second.SearchNotes(ctx, "reorganisation", 10)
	if err != nil {
		t.Fatalf("SearchNotes after restart: %v", err)
	}
	if got := noteIDs(found); !slices.Contains(got, freeze.ID) || !slices.Contains(got, champion.ID) || len(got) != 2 {
		t.Errorf("search after restart found %v, want %s and %s", got, freeze.ID, champion.ID)
	}

	listed, err := second.Notes(ctx, graph.NoteFilter{AccountID: "ACME"})
	if err != nil {
		t.Fatalf("Notes after restart: %v", err)
	}
	wantFreeze, wantChampion := freeze, champion
	wantFreeze.History, wantChampion.History = nil, nil
	if got, want := jsonOf(t, listed), jsonOf(t, []graph.Note{wantFreeze, wantChampion}); got != want {
		t.Errorf("notes of ACME after restart:\n got %s\nwant %s", got, want)
	}

	reloaded, err := second.Note(ctx, champion.ID)
	if err != nil {
		t.Fatalf("Note after restart: %v", err)
	}
	if got, want := jsonOf(t, reloaded), jsonOf(t, champion); got != want {
		t.Errorf("note with history after restart:\n got %s\nwant %s", got, want)
	}
}

func noteIDs(notes []graph.Note) []string {
	var out []string
	for _, n := range notes {
		out = append(out, n.ID)
	}
	return out
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return string(out)
}

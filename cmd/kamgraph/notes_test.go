package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/graph/storetest"
	"github.com/kamgraph/kamgraph/httpapi"
)

// fakeNeo4jURI is the URI the notes tests pass to satisfy the flag check.
// useMemoryNotes makes the commands ignore it.
const fakeNeo4jURI = "bolt://127.0.0.1:7687"

// useMemoryNotes makes the notes subcommands use one memstore that holds
// storetest.Fixture, in place of Neo4j, until the test ends. It records
// the Neo4j settings each command was given.
func useMemoryNotes(t *testing.T) (*memstore.Store, *[]neo4jFlags) {
	t.Helper()
	clock := storetest.NewClock()
	store := memstore.New(memstore.WithClock(func() time.Time { return clock.Advance(time.Minute) }))
	if _, err := store.Import(context.Background(), storetest.Fixture(), graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var opened []neo4jFlags
	previous := openNoteStore
	openNoteStore = func(ctx context.Context, n neo4jFlags, logger *slog.Logger) (graph.NoteStore, func(), error) {
		opened = append(opened, n)
		return store, func() {}, nil
	}
	t.Cleanup(func() { openNoteStore = previous })
	return store, &opened
}

// runNotesCommand runs kamgraph notes with the arguments and the fake
// URI, with stdin as standard input.
func runNotesCommand(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr strings.Builder
	c := &cli{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr,
		lookupEnv: func(string) (string, bool) { return "", false }}
	args = append(append([]string{"notes"}, args...), "--neo4j-uri", fakeNeo4jURI)
	code := c.run(context.Background(), args)
	return result{code, stdout.String(), stderr.String()}
}

func decodeNoteOutput(t *testing.T, r result) graph.Note {
	t.Helper()
	var n graph.Note
	if err := json.Unmarshal([]byte(r.stdout), &n); err != nil {
		t.Fatalf("output is not a note: %v\n%s", err, r.stdout)
	}
	return n
}

func decodeNoteListOutput(t *testing.T, r result) []string {
	t.Helper()
	var list httpapi.NoteList
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("output is not a note list: %v\n%s", err, r.stdout)
	}
	texts := []string{}
	for _, n := range list.Notes {
		texts = append(texts, n.Text)
	}
	return texts
}

func TestNotesWorkflow(t *testing.T) {
	_, opened := useMemoryNotes(t)

	r := runNotesCommand(t, "", "add", "--target-kind", "account", "--target-id", "ACME", "--author", "Vera",
		"--kind", "risk", "--text", "Budget freeze until Q3.", "--format", "json")
	r.wantCode(t, exitOK)
	account := decodeNoteOutput(t, r)
	if account.Kind != graph.NoteRisk || account.Version != 1 || account.Target.ID != "ACME" {
		t.Errorf("added note = %+v, want a risk note on ACME at version 1", account)
	}

	r = runNotesCommand(t, "Weekly call.\nAgenda shared.\n", "add", "--target-kind", "relationship",
		"--target-id", "V1", "--other-id", "C1", "--author", "Vera", "--text", "-", "--format", "json")
	r.wantCode(t, exitOK)
	relationship := decodeNoteOutput(t, r)
	if relationship.Text != "Weekly call.\nAgenda shared." || relationship.Target.ID != "C1" {
		t.Errorf("note from standard input = %+v, want its text without the final newline on C1-V1", relationship)
	}

	r = runNotesCommand(t, "", "edit", account.ID, "--base-version", "1", "--author", "Victor", "--text", "Budget freeze lifted.")
	r.wantCode(t, exitOK)
	for _, want := range []string{"Version  2, by Victor", "Budget freeze lifted.", "History, oldest first:", "Budget freeze until Q3."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("edit output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runNotesCommand(t, "", "edit", account.ID, "--base-version", "1", "--author", "Victor", "--text", "Stale.")
	r.wantCode(t, exitFailure)
	if !strings.Contains(r.stderr, "is at version 2") {
		t.Errorf("stale edit stderr does not give the current version:\n%s", r.stderr)
	}

	r = runNotesCommand(t, "", "list", "--account", "ACME", "--format", "json")
	r.wantCode(t, exitOK)
	if got := decodeNoteListOutput(t, r); strings.Join(got, "|") != "Budget freeze lifted.|Weekly call.\nAgenda shared." {
		t.Errorf("notes of ACME = %q", got)
	}
	r = runNotesCommand(t, "", "list", "--target-kind", "relationship", "--target-id", "C1", "--other-id", "V1")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, `context on relationship between "C1" and "V1" of account "ACME", version 1 by Vera`) ||
		!strings.Contains(r.stdout, "  Weekly call.\n  Agenda shared.") {
		t.Errorf("text list lacks the relationship note:\n%s", r.stdout)
	}

	r = runNotesCommand(t, "", "search", "budget", "FREEZE", "--limit", "5", "--format", "json")
	r.wantCode(t, exitOK)
	if got := decodeNoteListOutput(t, r); len(got) != 1 || got[0] != "Budget freeze lifted." {
		t.Errorf("search found %q, want the edited note", got)
	}

	r = runNotesCommand(t, "", "delete", account.ID, "--author", "Vera")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "by Vera") || !strings.Contains(r.stdout, "Deleted") {
		t.Errorf("delete output does not show the deletion:\n%s", r.stdout)
	}
	r = runNotesCommand(t, "", "list", "--account", "ACME", "--kind", "risk")
	r.wantCode(t, exitOK)
	if strings.TrimSpace(r.stdout) != "No notes match." {
		t.Errorf("list after deletion printed:\n%s", r.stdout)
	}
	r = runNotesCommand(t, "", "show", account.ID, "--format", "json")
	r.wantCode(t, exitOK)
	if shown := decodeNoteOutput(t, r); shown.DeletedAt == nil || len(shown.History) != 2 {
		t.Errorf("shown note = %+v, want the deleted note with two versions", shown)
	}

	for _, n := range *opened {
		if n.uri != fakeNeo4jURI {
			t.Errorf("a command opened Neo4j at %q, want %q", n.uri, fakeNeo4jURI)
		}
	}
}

func TestNotesStoreErrors(t *testing.T) {
	useMemoryNotes(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"add", "--target-kind", "person", "--target-id", "NOBODY", "--author", "Vera", "--text", "x"}, `person "NOBODY" not found`},
		{[]string{"add", "--target-kind", "account", "--target-id", "ACME", "--author", "Vera", "--text", " "}, "missing note text"},
		{[]string{"add", "--target-kind", "account", "--target-id", "ACME", "--author", "Vera",
			"--text", strings.Repeat("x", graph.MaxNoteLength+1)}, "10001 bytes, over the limit of 10000 bytes"},
		{[]string{"show", "nope"}, `note "nope" not found`},
		{[]string{"list", "--account", "NOPE"}, `account "NOPE" not found`},
		{[]string{"search", "***"}, "no words"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[:2], " "), func(t *testing.T) {
			r := runNotesCommand(t, "", tt.args...)
			r.wantCode(t, exitFailure)
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, r.stderr)
			}
		})
	}
}

func TestNotesUsageErrors(t *testing.T) {
	_, opened := useMemoryNotes(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"notes", "add", "--target-kind", "account", "--target-id", "ACME", "--author", "Vera", "--text", "x"},
			"missing Neo4j URI"},
		{[]string{"notes", "list"}, "NEO4J_URI"},
		{[]string{"notes", "add", "--target-kind", "account", "--neo4j-uri", fakeNeo4jURI}, "give --target-kind, --target-id, --author and --text"},
		{[]string{"notes", "add", "--kind", "gossip", "--neo4j-uri", fakeNeo4jURI}, `invalid value "gossip" for flag -kind`},
		{[]string{"notes", "add", "extra", "--neo4j-uri", fakeNeo4jURI}, `unexpected argument "extra"`},
		{[]string{"notes", "edit", "--base-version", "1", "--author", "V", "--text", "x", "--neo4j-uri", fakeNeo4jURI},
			"expected one note id, got 0"},
		{[]string{"notes", "edit", "n1", "--author", "V", "--text", "x", "--neo4j-uri", fakeNeo4jURI}, "give --base-version"},
		{[]string{"notes", "list", "--target-id", "C1", "--neo4j-uri", fakeNeo4jURI}, "--target-id needs --target-kind"},
		{[]string{"notes", "list", "--other-id", "C1", "--neo4j-uri", fakeNeo4jURI}, "--other-id needs --target-id"},
		{[]string{"notes", "list", "--format", "yaml", "--neo4j-uri", fakeNeo4jURI}, `invalid value "yaml" for flag -format`},
		{[]string{"notes", "show", "--neo4j-uri", fakeNeo4jURI}, "expected one note id"},
		{[]string{"notes", "delete", "n1", "--neo4j-uri", fakeNeo4jURI}, "missing --author"},
		{[]string{"notes", "search", "--neo4j-uri", fakeNeo4jURI}, "missing search words"},
		{[]string{"notes", "search", "budget", "--limit", "0", "--neo4j-uri", fakeNeo4jURI}, "invalid --limit 0"},
		{[]string{"notes", "search", "budget", "--limit", "101", "--neo4j-uri", fakeNeo4jURI}, "from 1 to 100"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runKamgraph(t, tt.args...)
			r.wantCode(t, exitUsage)
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, r.stderr)
			}
			if !strings.Contains(r.stderr, "-h' for usage") {
				t.Errorf("stderr does not point to -h:\n%s", r.stderr)
			}
		})
	}
	if len(*opened) != 0 {
		t.Errorf("usage errors opened the store %d times, want 0", len(*opened))
	}
}

func TestNotesHelp(t *testing.T) {
	for _, args := range [][]string{{"notes", "-h"}, {"notes", "help"}, {"help", "notes"}} {
		r := runKamgraph(t, args...)
		r.wantCode(t, exitOK)
		for _, sub := range []string{"add", "edit", "list", "show", "delete", "search", "NEO4J_URI"} {
			if !strings.Contains(r.stdout, sub) {
				t.Errorf("%v: help lacks %q:\n%s", args, sub, r.stdout)
			}
		}
	}
	subcommands := map[string][]string{
		"add":    {"-target-kind", "-target-id", "-other-id", "-author", "-kind", "-text", "-neo4j-uri", "NEO4J_URI", "-format"},
		"edit":   {"-base-version", "-author", "-kind", "-text", "empty keeps the kind"},
		"list":   {"-account", "-target-kind", "-kind", "-include-deleted", "oldest first"},
		"show":   {"ID", "every version"},
		"delete": {"-author", "deleted"},
		"search": {"-limit", "1 to 100", "WORD"},
	}
	for sub, want := range subcommands {
		r := runKamgraph(t, "notes", sub, "-h")
		r.wantCode(t, exitOK)
		for _, s := range want {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("notes %s -h lacks %q:\n%s", sub, s, r.stdout)
			}
		}
	}

	r := runKamgraph(t, "notes")
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, "Usage: kamgraph notes SUBCOMMAND") {
		t.Errorf("notes without a subcommand printed:\n%s", r.stderr)
	}
	r = runKamgraph(t, "notes", "frobnicate")
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, `unknown subcommand "frobnicate"`) {
		t.Errorf("stderr does not name the subcommand:\n%s", r.stderr)
	}
}

// TestNotesUnreachableNeo4j runs a notes command against a loopback port
// where nothing listens, through the real store.
func TestNotesUnreachableNeo4j(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	uri := "bolt://" + listener.Addr().String()
	listener.Close()

	start := time.Now()
	r := runKamgraph(t, "notes", "list", "--neo4j-uri", uri)
	r.wantCode(t, exitFailure)
	if !strings.Contains(r.stderr, "kamgraph notes list: neo4j at "+uri+" is unreachable") {
		t.Errorf("stderr does not report the unreachable server:\n%s", r.stderr)
	}
	if elapsed := time.Since(start); elapsed > 15*time.Second {
		t.Errorf("failing took %s, want a few seconds", elapsed)
	}
}

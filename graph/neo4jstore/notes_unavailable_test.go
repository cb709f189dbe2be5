package neo4jstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// Without a deadline, a call to an unreachable server returns once the
// driver stops retrying, which MaxRetryTime bounds. The driver waits about
// 2 s before its first retry and doubles each wait, with 20% jitter.
func TestMaxRetryTimeBoundsUnavailableCalls(t *testing.T) {
	tests := []struct {
		name         string
		maxRetryTime time.Duration
		limit        time.Duration // with room for the jitter and a slow machine
	}{
		{"Configured", 500 * time.Millisecond, 5 * time.Second},
		{"Default", 0, 12 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			uri := closedPortURI(t)
			store, err := newStore(Config{URI: uri, MaxRetryTime: tt.maxRetryTime})
			if err != nil {
				t.Fatalf("newStore: %v", err)
			}
			defer store.Close(context.Background())

			start := time.Now()
			_, err = store.Notes(context.Background(), graph.NoteFilter{AccountID: "acme"})
			elapsed := time.Since(start)

			checkUnavailable(t, err, uri)
			if elapsed > tt.limit {
				t.Errorf("Notes on an unreachable server took %s, want at most %s", elapsed, tt.limit)
			}
			t.Logf("Notes on an unreachable server failed after %s", elapsed.Round(10*time.Millisecond))
		})
	}
}

// Every note and people method maps an unreachable server to
// KindUnavailable.
func TestNoteAndPeopleMethodsUnavailable(t *testing.T) {
	uri := closedPortURI(t)
	store, err := newStore(Config{URI: uri, MaxRetryTime: time.Millisecond})
	if err != nil {
		t.Fatalf("newStore: %v", err)
	}
	// The subtests run in parallel after this function returns.
	t.Cleanup(func() { store.Close(context.Background()) })

	note := graph.NewNote{Target: graph.NoteTarget{Kind: graph.TargetAccount, ID: "acme"}, Author: "Vera", Text: "x"}
	edit := graph.NoteEdit{BaseVersion: 1, Author: "Vera", Text: "y"}
	methods := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"CreateNote", func(ctx context.Context) error { _, err := store.CreateNote(ctx, note); return err }},
		{"UpdateNote", func(ctx context.Context) error { _, err := store.UpdateNote(ctx, "n", edit); return err }},
		{"DeleteNote", func(ctx context.Context) error { _, err := store.DeleteNote(ctx, "n", "Vera"); return err }},
		{"Note", func(ctx context.Context) error { _, err := store.Note(ctx, "n"); return err }},
		{"SearchNotes", func(ctx context.Context) error { _, err := store.SearchNotes(ctx, "budget", 5); return err }},
		{"Person", func(ctx context.Context) error { _, err := store.Person(ctx, "p"); return err }},
		{"PersonAccounts", func(ctx context.Context) error { _, err := store.PersonAccounts(ctx, "p"); return err }},
		{"MarkDeparted", func(ctx context.Context) error { _, err := store.MarkDeparted(ctx, "p", "2026-01-31"); return err }},
	}
	for _, m := range methods {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			checkUnavailable(t, m.call(ctx), uri)
		})
	}
}

func TestOpenRejectsNegativeMaxRetryTime(t *testing.T) {
	_, err := Open(context.Background(), Config{URI: "bolt://127.0.0.1:1", MaxRetryTime: -time.Second})
	if kind := graph.KindOf(err); kind != graph.KindInvalid {
		t.Fatalf("error = %v (kind %s), want kind %s", err, kind, graph.KindInvalid)
	}
	if msg := graph.MessageOf(err); !strings.Contains(msg, "MaxRetryTime -1s") {
		t.Errorf("message %q does not name the value", msg)
	}
}

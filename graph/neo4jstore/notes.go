package neo4jstore

import (
	"context"
	"slices"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
)

var _ graph.NoteStore = (*Store)(nil)

// CreateNote stores a new note and its first version in one write
// transaction.
func (s *Store) CreateNote(ctx context.Context, n graph.NewNote) (graph.Note, error) {
	n, err := n.Normalize()
	if err != nil {
		return graph.Note{}, err
	}
	id := graph.NewNoteID()
	params := map[string]any{
		"id":     id,
		"kind":   string(n.Kind),
		"text":   n.Text,
		"author": n.Author,
		"at":     s.now().UTC(),
	}
	if n.Target.Kind == graph.TargetRelationship {
		params["person_a"], params["person_b"] = n.Target.ID, n.Target.OtherID
	} else {
		params["target_id"] = n.Target.ID
	}

	return writeTransaction(ctx, s, "create note", func(tx neo4j.ManagedTransaction) (graph.Note, error) {
		created := false
		err := eachRecord(ctx, tx, queryCreateNote[string(n.Target.Kind)], params, func(*neo4j.Record) error {
			created = true
			return nil
		})
		if err != nil {
			return graph.Note{}, err
		}
		if !created {
			return graph.Note{}, graph.Errorf(graph.KindNotFound, "%s not found", n.Target)
		}
		return loadNote(ctx, tx, id)
	})
}

// UpdateNote locks the note, checks that edit starts from its current
// version and adds the new version, all in one write transaction.
func (s *Store) UpdateNote(ctx context.Context, id string, edit graph.NoteEdit) (graph.Note, error) {
	edit, err := edit.Normalize()
	if err != nil {
		return graph.Note{}, err
	}
	at := s.now().UTC()

	return writeTransaction(ctx, s, "update note", func(tx neo4j.ManagedTransaction) (graph.Note, error) {
		current, err := lockNote(ctx, tx, id)
		if err != nil {
			return graph.Note{}, err
		}
		if err := current.CheckEdit(edit.BaseVersion); err != nil {
			return graph.Note{}, err
		}
		kind := edit.Kind
		if kind == "" {
			kind = current.Kind
		}
		params := map[string]any{
			"id":      id,
			"version": int64(current.Version + 1),
			"author":  edit.Author,
			"kind":    string(kind),
			"text":    edit.Text,
			"at":      at,
		}
		if err := run(ctx, tx, queryUpdateNote, params); err != nil {
			return graph.Note{}, err
		}
		return loadNote(ctx, tx, id)
	})
}

// DeleteNote marks the note deleted unless it already is.
func (s *Store) DeleteNote(ctx context.Context, id, author string) (graph.Note, error) {
	author, err := graph.NormalizeNoteAuthor(author)
	if err != nil {
		return graph.Note{}, err
	}
	at := s.now().UTC()

	return writeTransaction(ctx, s, "delete note", func(tx neo4j.ManagedTransaction) (graph.Note, error) {
		if _, err := lockNote(ctx, tx, id); err != nil {
			return graph.Note{}, err
		}
		if err := run(ctx, tx, queryDeleteNote, map[string]any{"id": id, "at": at, "author": author}); err != nil {
			return graph.Note{}, err
		}
		return loadNote(ctx, tx, id)
	})
}

// Note returns one note with its history, deleted or not.
func (s *Store) Note(ctx context.Context, id string) (graph.Note, error) {
	return readTransaction(ctx, s, "load note", func(tx neo4j.ManagedTransaction) (graph.Note, error) {
		return loadNote(ctx, tx, id)
	})
}

// Notes returns the notes that f selects, ordered by creation time, then
// id. Each part of f that names records selects note ids with its own
// statement, and the notes are those in every selection.
func (s *Store) Notes(ctx context.Context, f graph.NoteFilter) ([]graph.Note, error) {
	f, err := f.Normalize()
	if err != nil {
		return nil, err
	}
	return readTransaction(ctx, s, "list notes", func(tx neo4j.ManagedTransaction) ([]graph.Note, error) {
		var selections [][]string
		if f.AccountID != "" {
			ids, err := selectAccountNotes(ctx, tx, f)
			if err != nil {
				return nil, err
			}
			selections = append(selections, ids)
		}
		if f.Target != nil {
			ids, err := selectTargetNotes(ctx, tx, f)
			if err != nil {
				return nil, err
			}
			selections = append(selections, ids)
		}
		if len(selections) == 0 {
			ids, err := selectIDs(ctx, tx, querySelectAllNotes, noteParams(f))
			if err != nil {
				return nil, err
			}
			selections = append(selections, ids)
		}

		notes, err := readNotes(ctx, tx, intersect(selections), false)
		if err != nil {
			return nil, err
		}
		sort.Slice(notes, func(i, j int) bool {
			if !notes[i].CreatedAt.Equal(notes[j].CreatedAt) {
				return notes[i].CreatedAt.Before(notes[j].CreatedAt)
			}
			return notes[i].ID < notes[j].ID
		})
		return notes, nil
	})
}

func selectAccountNotes(ctx context.Context, tx neo4j.ManagedTransaction, f graph.NoteFilter) ([]string, error) {
	account := graph.NoteTarget{Kind: graph.TargetAccount, ID: f.AccountID}
	if err := checkTargetExists(ctx, tx, account); err != nil {
		return nil, err
	}
	params := noteParams(f)
	params["account_id"] = f.AccountID
	return selectIDs(ctx, tx, querySelectAccountNotes, params)
}

func selectTargetNotes(ctx context.Context, tx neo4j.ManagedTransaction, f graph.NoteFilter) ([]string, error) {
	if err := checkTargetExists(ctx, tx, *f.Target); err != nil {
		return nil, err
	}
	return selectIDs(ctx, tx, querySelectTargetNotes, targetParams(noteParams(f), *f.Target))
}

// SearchNotes queries the full-text index note_text with the words of
// query, its Lucene syntax escaped, and returns the best live matches.
func (s *Store) SearchNotes(ctx context.Context, query string, limit int) ([]graph.Note, error) {
	if err := graph.CheckNoteSearch(query, limit); err != nil {
		return nil, err
	}
	params := map[string]any{"query": luceneQuery(query), "limit": int64(limit)}

	return readTransaction(ctx, s, "search notes", func(tx neo4j.ManagedTransaction) ([]graph.Note, error) {
		var ids []string
		err := eachRecord(ctx, tx, querySearchNotes, params, func(record *neo4j.Record) error {
			id, err := stringColumn(record, "id")
			ids = append(ids, id)
			return err
		})
		if err != nil {
			return nil, err
		}
		return readNotes(ctx, tx, ids, false)
	})
}

// lockNote takes the write lock of a note, so that no other transaction
// changes it until this one ends, and returns the note as last committed,
// without history.
func lockNote(ctx context.Context, tx neo4j.ManagedTransaction, id string) (graph.Note, error) {
	var locked int64
	err := eachRecord(ctx, tx, queryLockNote, map[string]any{"id": id}, func(record *neo4j.Record) error {
		value, _ := record.Get("locked")
		locked, _ = value.(int64)
		return nil
	})
	if err != nil {
		return graph.Note{}, err
	}
	if locked == 0 {
		return graph.Note{}, noteNotFound(id)
	}
	notes, err := readNotes(ctx, tx, []string{id}, false)
	if err != nil {
		return graph.Note{}, err
	}
	if len(notes) == 0 {
		return graph.Note{}, noteNotFound(id)
	}
	return notes[0], nil
}

// loadNote returns one note with its history.
func loadNote(ctx context.Context, tx neo4j.ManagedTransaction, id string) (graph.Note, error) {
	notes, err := readNotes(ctx, tx, []string{id}, true)
	if err != nil {
		return graph.Note{}, err
	}
	if len(notes) == 0 {
		return graph.Note{}, noteNotFound(id)
	}
	return notes[0], nil
}

func noteNotFound(id string) error {
	return graph.Errorf(graph.KindNotFound, "note %q not found", id)
}

// readNotes returns the stored notes among ids, in the order of ids, in
// batches of batchSize.
func readNotes(ctx context.Context, tx neo4j.ManagedTransaction, ids []string, withHistory bool) ([]graph.Note, error) {
	byID := make(map[string]graph.Note, len(ids))
	for batch := range slices.Chunk(ids, batchSize) {
		params := map[string]any{"ids": batch, "with_history": withHistory}
		err := eachListItem(ctx, tx, queryNotesByIDs, params, "notes", func(values map[string]any) error {
			n, err := decodeNote(values)
			byID[n.ID] = n
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	notes := make([]graph.Note, 0, len(ids))
	for _, id := range ids {
		if n, ok := byID[id]; ok {
			notes = append(notes, n)
		}
	}
	return notes, nil
}

// checkTargetExists returns KindNotFound when the account, person or
// relationship of a normalised target is not stored.
func checkTargetExists(ctx context.Context, tx neo4j.ManagedTransaction, t graph.NoteTarget) error {
	found := false
	err := eachRecord(ctx, tx, queryNoteTargetExists, targetParams(map[string]any{}, t), func(record *neo4j.Record) error {
		value, _ := record.Get("found")
		found, _ = value.(bool)
		return nil
	})
	if err != nil {
		return err
	}
	if !found {
		return graph.Errorf(graph.KindNotFound, "%s not found", t)
	}
	return nil
}

// selectIDs runs a statement that returns one row with a list of note ids
// in the column ids.
func selectIDs(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) ([]string, error) {
	var ids []string
	err := eachRecord(ctx, tx, query, params, func(record *neo4j.Record) error {
		items, err := listColumn(record, "ids")
		if err != nil {
			return err
		}
		for _, item := range items {
			id, ok := item.(string)
			if !ok {
				return errUnexpected("ids", item, "a string")
			}
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}

// intersect returns the ids in every one of selections, in the order of
// the first.
func intersect(selections [][]string) []string {
	ids := selections[0]
	for _, other := range selections[1:] {
		keep := make(map[string]bool, len(other))
		for _, id := range other {
			keep[id] = true
		}
		ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !keep[id] })
	}
	return ids
}

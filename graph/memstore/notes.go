package memstore

import (
	"context"
	"sort"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

var _ graph.NoteStore = (*Store)(nil)

// noteRecord is a stored note: its target, its life times and every
// version of its content, oldest first.
type noteRecord struct {
	id        string
	target    graph.NoteTarget
	createdAt time.Time
	deletedAt *time.Time
	deletedBy string
	versions  []graph.NoteVersion
}

func (r *noteRecord) current() graph.NoteVersion {
	return r.versions[len(r.versions)-1]
}

// CreateNote stores a new note on an existing account, person or
// relationship.
func (s *Store) CreateNote(ctx context.Context, n graph.NewNote) (graph.Note, error) {
	n, err := n.Normalize()
	if err != nil {
		return graph.Note{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	if !s.targetExists(n.Target) {
		return graph.Note{}, graph.Errorf(graph.KindNotFound, "%s not found", n.Target)
	}
	at := s.now().UTC()
	r := &noteRecord{
		id:        graph.NewNoteID(),
		target:    n.Target,
		createdAt: at,
		versions:  []graph.NoteVersion{{Version: 1, Author: n.Author, Kind: n.Kind, Text: n.Text, At: at}},
	}
	s.notes[r.id] = r
	return s.noteOf(r, true), nil
}

// UpdateNote adds a version to a live note whose current version is
// edit.BaseVersion.
func (s *Store) UpdateNote(ctx context.Context, id string, edit graph.NoteEdit) (graph.Note, error) {
	edit, err := edit.Normalize()
	if err != nil {
		return graph.Note{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	r, err := s.noteRecord(id)
	if err != nil {
		return graph.Note{}, err
	}
	if err := s.noteOf(r, false).CheckEdit(edit.BaseVersion); err != nil {
		return graph.Note{}, err
	}
	current := r.current()
	kind := edit.Kind
	if kind == "" {
		kind = current.Kind
	}
	r.versions = append(r.versions, graph.NoteVersion{
		Version: current.Version + 1,
		Author:  edit.Author,
		Kind:    kind,
		Text:    edit.Text,
		At:      s.now().UTC(),
	})
	return s.noteOf(r, true), nil
}

// DeleteNote marks a note deleted. A second deletion keeps the first
// one's time and author.
func (s *Store) DeleteNote(ctx context.Context, id, author string) (graph.Note, error) {
	author, err := graph.NormalizeNoteAuthor(author)
	if err != nil {
		return graph.Note{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	r, err := s.noteRecord(id)
	if err != nil {
		return graph.Note{}, err
	}
	if r.deletedAt == nil {
		at := s.now().UTC()
		r.deletedAt = &at
		r.deletedBy = author
	}
	return s.noteOf(r, true), nil
}

// Note returns one note with its history, deleted or not.
func (s *Store) Note(ctx context.Context, id string) (graph.Note, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	r, err := s.noteRecord(id)
	if err != nil {
		return graph.Note{}, err
	}
	return s.noteOf(r, true), nil
}

// Notes returns the notes that f selects, ordered by creation time, then
// id.
func (s *Store) Notes(ctx context.Context, f graph.NoteFilter) ([]graph.Note, error) {
	f, err := f.Normalize()
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()

	if f.AccountID != "" {
		if _, ok := s.accounts[f.AccountID]; !ok {
			return nil, graph.Errorf(graph.KindNotFound, "account %q not found", f.AccountID)
		}
	}
	if f.Target != nil && !s.targetExists(*f.Target) {
		return nil, graph.Errorf(graph.KindNotFound, "%s not found", *f.Target)
	}

	notes := []graph.Note{}
	for _, r := range s.notes {
		if s.selects(f, r) {
			notes = append(notes, s.noteOf(r, false))
		}
	}
	sort.Slice(notes, func(i, j int) bool {
		if !notes[i].CreatedAt.Equal(notes[j].CreatedAt) {
			return notes[i].CreatedAt.Before(notes[j].CreatedAt)
		}
		return notes[i].ID < notes[j].ID
	})
	return notes, nil
}

// selects reports whether f selects r. The caller holds the lock.
func (s *Store) selects(f graph.NoteFilter, r *noteRecord) bool {
	switch {
	case r.deletedAt != nil && !f.IncludeDeleted:
		return false
	case f.Kind != "" && r.current().Kind != f.Kind:
		return false
	case f.TargetKind != "" && r.target.Kind != f.TargetKind:
		return false
	case f.Target != nil && r.target != *f.Target:
		return false
	case f.AccountID != "" && !s.inAccount(r.target, f.AccountID):
		return false
	}
	return true
}

// inAccount reports whether a note on target belongs to the notes of the
// account: it is on the account itself, on one of its customer people, or
// on a relationship of one of them. The caller holds the lock.
func (s *Store) inAccount(target graph.NoteTarget, accountID string) bool {
	switch target.Kind {
	case graph.TargetAccount:
		return target.ID == accountID
	case graph.TargetPerson:
		return s.customerAccount(target.ID) == accountID
	default:
		return s.customerAccount(target.ID) == accountID || s.customerAccount(target.OtherID) == accountID
	}
}

// SearchNotes matches the words of query against the words of the current
// text of live notes, ignoring case. Notes with more distinct query words
// rank first, and ties go to the note edited last, then to the lower id.
// Words are those of graph.NoteSearchTerms, which splits text at every
// character that is not a letter, digit or mark.
//
// NOTE: Neo4j's full-text index ranks by Lucene's relevance score and
// splits words by Unicode rules, which keep "don't" or "example.com"
// whole, so the two stores can order and match such texts differently.
func (s *Store) SearchNotes(ctx context.Context, query string, limit int) ([]graph.Note, error) {
	if err := graph.CheckNoteSearch(query, limit); err != nil {
		return nil, err
	}
	terms := graph.NoteSearchTerms(query)
	s.mu.RLock()
	defer s.mu.RUnlock()

	type match struct {
		note  graph.Note
		score int
	}
	var matches []match
	for _, r := range s.notes {
		if r.deletedAt != nil {
			continue
		}
		if score := countMatches(terms, r.current().Text); score > 0 {
			matches = append(matches, match{s.noteOf(r, false), score})
		}
	}
	sort.Slice(matches, func(i, j int) bool {
		a, b := matches[i], matches[j]
		switch {
		case a.score != b.score:
			return a.score > b.score
		case !a.note.UpdatedAt.Equal(b.note.UpdatedAt):
			return a.note.UpdatedAt.After(b.note.UpdatedAt)
		}
		return a.note.ID < b.note.ID
	})

	notes := []graph.Note{}
	for _, m := range matches[:min(limit, len(matches))] {
		notes = append(notes, m.note)
	}
	return notes, nil
}

// countMatches returns how many of terms are words of text.
func countMatches(terms []string, text string) int {
	words := make(map[string]bool)
	for _, word := range graph.NoteSearchTerms(text) {
		words[word] = true
	}
	count := 0
	for _, term := range terms {
		if words[term] {
			count++
		}
	}
	return count
}

// noteRecord returns the stored note with the given id. The caller holds
// the lock.
func (s *Store) noteRecord(id string) (*noteRecord, error) {
	r, ok := s.notes[id]
	if !ok {
		return nil, graph.Errorf(graph.KindNotFound, "note %q not found", id)
	}
	return r, nil
}

// targetExists reports whether the account, person or relationship of a
// normalised target is stored. The caller holds the lock.
func (s *Store) targetExists(t graph.NoteTarget) bool {
	switch t.Kind {
	case graph.TargetAccount:
		_, ok := s.accounts[t.ID]
		return ok
	case graph.TargetPerson:
		_, ok := s.people[t.ID]
		return ok
	default:
		_, ok := s.relationships[graph.Pair(t.ID, t.OtherID)]
		return ok
	}
}

// customerAccount returns the account of a customer person, or "" for a
// vendor person or an unknown id. The caller holds the lock.
func (s *Store) customerAccount(personID string) string {
	p := s.people[personID]
	if p.Side != graph.SideCustomer {
		return ""
	}
	return p.AccountID
}

// noteOf returns r as a graph.Note, with its history when withHistory is
// set. AccountID is looked up at each call, so it follows people whom an
// import moves to another account. It is the account itself, a customer
// person's account, or for a relationship the account of its first
// customer person in id order. The caller holds the lock.
func (s *Store) noteOf(r *noteRecord, withHistory bool) graph.Note {
	current := r.current()
	n := graph.Note{
		ID:        r.id,
		Target:    r.target,
		Author:    current.Author,
		Kind:      current.Kind,
		Text:      current.Text,
		Version:   current.Version,
		CreatedAt: r.createdAt,
		UpdatedAt: current.At,
		DeletedBy: r.deletedBy,
	}
	switch r.target.Kind {
	case graph.TargetAccount:
		n.AccountID = r.target.ID
	case graph.TargetPerson:
		n.AccountID = s.customerAccount(r.target.ID)
	default:
		n.AccountID = s.customerAccount(r.target.ID)
		if n.AccountID == "" {
			n.AccountID = s.customerAccount(r.target.OtherID)
		}
	}
	if r.deletedAt != nil {
		at := *r.deletedAt
		n.DeletedAt = &at
	}
	if withHistory {
		n.History = append([]graph.NoteVersion(nil), r.versions...)
	}
	return n
}

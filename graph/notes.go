package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// NoteKind classifies a note.
type NoteKind string

// Note kinds.
const (
	NoteContext     NoteKind = "context"
	NoteRisk        NoteKind = "risk"
	NoteOpportunity NoteKind = "opportunity"
)

// ParseNoteKind returns the NoteKind named by s. The empty string means
// context.
func ParseNoteKind(s string) (NoteKind, error) {
	switch NoteKind(s) {
	case "":
		return NoteContext, nil
	case NoteContext, NoteRisk, NoteOpportunity:
		return NoteKind(s), nil
	}
	return "", fmt.Errorf("invalid note kind %q: use context, risk or opportunity", s)
}

// MaxNoteLength is the maximum length of a note's text in bytes of UTF-8.
const MaxNoteLength = 10_000

// TargetKind tells what a note describes.
type TargetKind string

// Note targets.
const (
	TargetAccount      TargetKind = "account"
	TargetPerson       TargetKind = "person"
	TargetRelationship TargetKind = "relationship"
)

// NoteTarget names what a note describes: an account (ID is the account
// id), a person (ID is the person id) or a relationship (ID and OtherID
// are its two people, ID < OtherID).
type NoteTarget struct {
	Kind    TargetKind `json:"kind"`
	ID      string     `json:"id"`
	OtherID string     `json:"other_id,omitempty"`
}

// NoteVersion is one version of a note's content. Every edit adds one, so
// no text is ever lost.
type NoteVersion struct {
	Version int       `json:"version"`
	Author  string    `json:"author"`
	Kind    NoteKind  `json:"kind"`
	Text    string    `json:"text"`
	At      time.Time `json:"at"`
}

// Note is a dated, authored piece of account memory. Its current content
// is the last of its versions.
type Note struct {
	ID        string        `json:"note_id"`
	Target    NoteTarget    `json:"target"`
	AccountID string        `json:"account_id,omitempty"` // the account the target belongs to, when there is one
	Author    string        `json:"author"`               // author of the current version
	Kind      NoteKind      `json:"kind"`
	Text      string        `json:"text"`
	Version   int           `json:"version"` // 1 at creation, one more per edit
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
	DeletedAt *time.Time    `json:"deleted_at,omitempty"` // set once the note is deleted
	DeletedBy string        `json:"deleted_by,omitempty"` // who deleted the note
	History   []NoteVersion `json:"history,omitempty"`    // every version, oldest first, where requested
}

// NewNote is the content of a note to create.
type NewNote struct {
	Target NoteTarget `json:"target"`
	Author string     `json:"author"`
	Kind   NoteKind   `json:"kind"`
	Text   string     `json:"text"`
}

// NoteEdit is a new version of a note's content. BaseVersion must equal
// the note's current version, so that of two concurrent edits of one note
// the second fails with KindConflict instead of silently winning.
type NoteEdit struct {
	BaseVersion int      `json:"base_version"`
	Author      string   `json:"author"`
	Kind        NoteKind `json:"kind"` // empty keeps the note's current kind
	Text        string   `json:"text"`
}

// NoteFilter selects notes. AccountID selects every note on the account,
// its people and their relationships; Target selects the notes on one
// target. Deleted notes are left out unless IncludeDeleted is set. Kind
// and TargetKind, when set, keep only the notes of that kind and on
// targets of that kind. Every set field applies, and a filter with no
// field set selects every note.
type NoteFilter struct {
	AccountID      string
	Target         *NoteTarget
	Kind           NoteKind
	TargetKind     TargetKind
	IncludeDeleted bool
}

// NoteStore keeps notes. Notes are ordered by creation time, then id.
type NoteStore interface {
	// CreateNote stores a new note and returns it with its History. It
	// returns KindNotFound when the target does not exist and KindInvalid
	// for an empty or too long text, a missing author, an unknown kind or
	// an incomplete target (see NewNote.Normalize).
	CreateNote(ctx context.Context, n NewNote) (Note, error)

	// UpdateNote adds a version to a note and returns the note with its
	// History. It returns KindNotFound for an unknown id, KindConflict
	// when edit.BaseVersion is not the current version or the note is
	// deleted, and KindInvalid for invalid content as CreateNote does.
	UpdateNote(ctx context.Context, id string, edit NoteEdit) (Note, error)

	// DeleteNote marks a note deleted by author and returns it with its
	// History. Its versions stay stored. Deleting a deleted note changes
	// nothing. It returns KindNotFound for an unknown id and KindInvalid
	// for a missing author.
	DeleteNote(ctx context.Context, id, author string) (Note, error)

	// Note returns one note with its History, deleted or not.
	Note(ctx context.Context, id string) (Note, error)

	// Notes returns the notes that f selects, without History. It returns
	// KindNotFound when f names an account or a target that does not
	// exist.
	Notes(ctx context.Context, f NoteFilter) ([]Note, error)

	// SearchNotes returns up to limit live notes whose current text
	// matches query, best match first, without History. The words of
	// query are plain text: characters that a search engine treats as
	// syntax, such as quotes, *, : or AND, match as text or not at all.
	// It returns KindInvalid when query has no letters or digits or limit
	// is below 1.
	SearchNotes(ctx context.Context, query string, limit int) ([]Note, error)
}

// ParseTargetKind returns the TargetKind named by s.
func ParseTargetKind(s string) (TargetKind, error) {
	switch TargetKind(s) {
	case TargetAccount, TargetPerson, TargetRelationship:
		return TargetKind(s), nil
	}
	return "", fmt.Errorf("invalid target kind %q: use account, person or relationship", s)
}

// String returns the target as messages name it, such as account "ACME"
// or relationship between "C1" and "V1".
func (t NoteTarget) String() string {
	if t.Kind == TargetRelationship {
		return fmt.Sprintf("relationship between %q and %q", t.ID, t.OtherID)
	}
	return fmt.Sprintf("%s %q", t.Kind, t.ID)
}

// Normalize checks t and returns it with the two people of a relationship
// ordered so that ID < OtherID. Errors are of kind KindInvalid.
func (t NoteTarget) Normalize() (NoteTarget, error) {
	if t.Kind == "" {
		return t, Errorf(KindInvalid, "missing target kind: use account, person or relationship")
	}
	if _, err := ParseTargetKind(string(t.Kind)); err != nil {
		return t, Errorf(KindInvalid, "%v", err)
	}
	if t.ID == "" {
		return t, Errorf(KindInvalid, "missing target id: name the %s the note is about", t.Kind)
	}
	if t.Kind != TargetRelationship {
		if t.OtherID != "" {
			return t, Errorf(KindInvalid,
				"invalid target: other_id %q applies only to relationship targets: leave it empty for a %s", t.OtherID, t.Kind)
		}
		return t, nil
	}
	if t.OtherID == "" {
		return t, Errorf(KindInvalid, "missing target other_id: a relationship target names its two people in id and other_id")
	}
	if t.OtherID == t.ID {
		return t, Errorf(KindInvalid, "invalid relationship target: id and other_id are both %q: name two different people", t.ID)
	}
	if t.OtherID < t.ID {
		t.ID, t.OtherID = t.OtherID, t.ID
	}
	return t, nil
}

// Normalize checks n and returns it as stores keep it: the target
// normalised, the author trimmed and an empty kind replaced by
// NoteContext. Errors are of kind KindInvalid and name the bad value.
func (n NewNote) Normalize() (NewNote, error) {
	target, err := n.Target.Normalize()
	if err != nil {
		return n, err
	}
	n.Target = target
	if n.Author, err = NormalizeNoteAuthor(n.Author); err != nil {
		return n, err
	}
	if n.Kind, err = ParseNoteKind(string(n.Kind)); err != nil {
		return n, Errorf(KindInvalid, "%v", err)
	}
	return n, checkNoteText(n.Text)
}

// Normalize checks e like NewNote.Normalize, except that an empty kind
// stays empty, and requires a BaseVersion of at least 1.
func (e NoteEdit) Normalize() (NoteEdit, error) {
	if e.BaseVersion < 1 {
		return e, Errorf(KindInvalid,
			"invalid base_version %d: send the version of the note that the edit starts from (1 or more)", e.BaseVersion)
	}
	var err error
	if e.Author, err = NormalizeNoteAuthor(e.Author); err != nil {
		return e, err
	}
	if e.Kind != "" {
		if _, err := ParseNoteKind(string(e.Kind)); err != nil {
			return e, Errorf(KindInvalid, "%v", err)
		}
	}
	return e, checkNoteText(e.Text)
}

// Normalize checks f and returns it with its target normalised. Errors
// are of kind KindInvalid.
func (f NoteFilter) Normalize() (NoteFilter, error) {
	if f.Target != nil {
		target, err := f.Target.Normalize()
		if err != nil {
			return f, err
		}
		f.Target = &target
	}
	if f.Kind != "" {
		if _, err := ParseNoteKind(string(f.Kind)); err != nil {
			return f, Errorf(KindInvalid, "%v", err)
		}
	}
	if f.TargetKind != "" {
		if _, err := ParseTargetKind(string(f.TargetKind)); err != nil {
			return f, Errorf(KindInvalid, "%v", err)
		}
	}
	return f, nil
}

// NormalizeNoteAuthor returns author without surrounding white space, or
// a KindInvalid error when nothing is left.
func NormalizeNoteAuthor(author string) (string, error) {
	author = strings.TrimSpace(author)
	if author == "" {
		return "", Errorf(KindInvalid, "missing author: name who writes or deletes the note")
	}
	return author, nil
}

// checkNoteText returns a KindInvalid error when text is not valid UTF-8,
// holds only white space or is longer than MaxNoteLength bytes.
func checkNoteText(text string) error {
	if !utf8.ValidString(text) {
		return Errorf(KindInvalid, "invalid note text: it is not valid UTF-8")
	}
	if strings.TrimSpace(text) == "" {
		return Errorf(KindInvalid, "missing note text: write what the note should say")
	}
	if len(text) > MaxNoteLength {
		return Errorf(KindInvalid,
			"note text too long: %d bytes, over the limit of %d bytes: shorten it or split it into several notes",
			len(text), MaxNoteLength)
	}
	return nil
}

// NewNoteID returns a random note id: 32 lower-case hexadecimal digits
// that encode 128 bits from crypto/rand.
func NewNoteID() string {
	var b [16]byte
	// crypto/rand.Read never returns an error since Go 1.24: it crashes
	// the program when the operating system cannot provide randomness.
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// NoteSearchTerms returns the distinct words of a search query in order
// of first appearance, lower-cased. A word is a run of letters, digits and
// combining marks, so every other character, including search syntax such
// as quotes, *, : and parentheses, only separates words.
func NoteSearchTerms(query string) []string {
	seen := make(map[string]bool)
	var terms []string
	for _, word := range strings.FieldsFunc(strings.ToLower(query), isWordSeparator) {
		if !seen[word] {
			seen[word] = true
			terms = append(terms, word)
		}
	}
	return terms
}

func isWordSeparator(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

// MaxNoteSearchWords is the maximum number of words in a search query. It
// keeps queries well below the limit of 1,024 clauses of Lucene 9.11, the
// version that Neo4j 5.26 uses for full-text indexes.
const MaxNoteSearchWords = 100

// CheckNoteSearch returns a KindInvalid error when query has no words or
// more than MaxNoteSearchWords, or limit is below 1.
func CheckNoteSearch(query string, limit int) error {
	words := len(strings.FieldsFunc(query, isWordSeparator))
	switch {
	case words == 0:
		return Errorf(KindInvalid, "invalid search query %q: it has no words: search for letters or digits", query)
	case words > MaxNoteSearchWords:
		return Errorf(KindInvalid, "search query too long: %d words, over the limit of %d: search for fewer words",
			words, MaxNoteSearchWords)
	case limit < 1:
		return Errorf(KindInvalid, "invalid search limit %d: use 1 or more", limit)
	}
	return nil
}

// CheckEdit returns a KindConflict error when n is deleted or base is not
// its current version, so that an edit made from an older version does not
// overwrite a newer one.
func (n Note) CheckEdit(base int) error {
	if n.DeletedAt != nil {
		return Errorf(KindConflict, "note %q is deleted: deleted notes cannot be edited", n.ID)
	}
	if n.Version != base {
		return Errorf(KindConflict,
			"note %q is at version %d, but the edit starts from version %d: reload the note and apply the edit again",
			n.ID, n.Version, base)
	}
	return nil
}

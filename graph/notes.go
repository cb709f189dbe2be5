package graph

import (
	"context"
	"fmt"
	"time"
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
	Kind        NoteKind `json:"kind"`
	Text        string   `json:"text"`
}

// NoteFilter selects notes. AccountID selects every note on the account,
// its people and their relationships; Target selects the notes on one
// target. Deleted notes are left out unless IncludeDeleted is set.
type NoteFilter struct {
	AccountID      string
	Target         *NoteTarget
	IncludeDeleted bool
}

// NoteStore keeps notes. Notes are ordered by creation time, then id.
type NoteStore interface {
	// CreateNote stores a new note. It returns KindNotFound when the
	// target does not exist and KindInvalid for an empty or too long text,
	// a missing author or an unknown kind.
	CreateNote(ctx context.Context, n NewNote) (Note, error)

	// UpdateNote adds a version to a note. It returns KindConflict when
	// edit.BaseVersion is not the current version or the note is deleted.
	UpdateNote(ctx context.Context, id string, edit NoteEdit) (Note, error)

	// DeleteNote marks a note deleted. Its versions stay stored.
	DeleteNote(ctx context.Context, id, author string) (Note, error)

	// Note returns one note with its History, deleted or not.
	Note(ctx context.Context, id string) (Note, error)

	// Notes returns the notes that f selects, without History.
	Notes(ctx context.Context, f NoteFilter) ([]Note, error)

	// SearchNotes returns up to limit live notes whose current text
	// matches query, best match first.
	SearchNotes(ctx context.Context, query string, limit int) ([]Note, error)
}

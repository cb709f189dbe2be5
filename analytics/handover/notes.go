package handover

import (
	"context"
	"slices"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
)

// addNotes fills the notes of the account and of each contact: the notes
// on the contact person and on their relationship with the departing
// person. It does nothing when the store keeps no notes.
func (b *builder) addNotes(ctx context.Context, a *AccountBrief) error {
	if b.notes == nil {
		return nil
	}
	notes, err := b.notesOn(ctx, graph.NoteTarget{Kind: graph.TargetAccount, ID: a.Account.ID})
	if err != nil {
		return err
	}
	a.Notes = notes

	for i := range a.Contacts {
		c := &a.Contacts[i]
		onPerson, err := b.notesOn(ctx, graph.NoteTarget{Kind: graph.TargetPerson, ID: c.PersonID})
		if err != nil {
			return err
		}
		pair := graph.Pair(b.person.ID, c.PersonID)
		onRelationship, err := b.notesOn(ctx, graph.NoteTarget{Kind: graph.TargetRelationship, ID: pair.A, OtherID: pair.B})
		if err != nil {
			return err
		}
		c.Notes = mergeNotes(onPerson, onRelationship)
	}
	return nil
}

func (b *builder) notesOn(ctx context.Context, target graph.NoteTarget) ([]graph.Note, error) {
	notes, err := b.notes.Notes(ctx, graph.NoteFilter{Target: &target})
	if err != nil {
		return nil, err
	}
	if notes == nil {
		notes = []graph.Note{}
	}
	return notes, nil
}

// mergeNotes returns the notes of both lists ordered as a NoteStore orders
// them: by creation time, then id.
func mergeNotes(x, y []graph.Note) []graph.Note {
	out := append(slices.Clone(x), y...)
	slices.SortStableFunc(out, func(m, n graph.Note) int {
		if c := m.CreatedAt.Compare(n.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(m.ID, n.ID)
	})
	return out
}

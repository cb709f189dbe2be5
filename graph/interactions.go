package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"
)

// InteractionType is the kind of an interaction.
type InteractionType string

// Interaction types. They are the types of package ingest/interactions.
const (
	InteractionEmail   InteractionType = "email"
	InteractionMeeting InteractionType = "meeting"
	InteractionCall    InteractionType = "call"
)

// Interaction is one e-mail, meeting or call between people, kept as the
// history of their relationships. From is the sender of an e-mail, the
// organiser of a meeting or the caller; To lists the recipients,
// attendees or the called person. The interaction links From with each
// person of To, but not the people of To with each other.
type Interaction struct {
	// ID identifies the interaction in a store. NormalizeInteraction
	// derives it from the other fields, so that importing the same log
	// twice stores each interaction once.
	ID        string          `json:"interaction_id"`
	MessageID string          `json:"message_id,omitempty"` // the id the log gave it, if any
	At        time.Time       `json:"at"`
	Type      InteractionType `json:"type"`
	From      string          `json:"from"`
	To        []string        `json:"to"` // sorted, distinct, without From
}

// NormalizeInteraction checks in and returns it in the form stores keep:
// At in UTC, To sorted without repeats and without From, and ID derived
// from MessageID, At, Type, From and To. An ID that in already carries
// is replaced, because only a derived ID makes equal interactions
// collide. It returns an error naming the field that is invalid.
func NormalizeInteraction(in Interaction) (Interaction, error) {
	switch in.Type {
	case InteractionEmail, InteractionMeeting, InteractionCall:
	default:
		return in, fmt.Errorf("invalid interaction type %q: use email, meeting or call", in.Type)
	}
	if in.At.IsZero() {
		return in, fmt.Errorf("missing interaction time")
	}
	if strings.TrimSpace(in.From) == "" {
		return in, fmt.Errorf("missing from: every interaction needs a person it comes from")
	}
	to := make([]string, 0, len(in.To))
	for _, id := range in.To {
		if strings.TrimSpace(id) != "" && id != in.From {
			to = append(to, id)
		}
	}
	slices.Sort(to)
	to = slices.Compact(to)
	if len(to) == 0 {
		return in, fmt.Errorf("no person to link with %q: an interaction needs at least one other participant", in.From)
	}
	in.To = to
	in.At = in.At.UTC()
	// A message id read from a CSV row shares the memory of the whole row,
	// which a store that keeps the interaction would keep too.
	in.MessageID = strings.Clone(in.MessageID)
	in.ID = interactionID(in)
	return in, nil
}

// interactionID returns "sha256-" and the first 32 hexadecimal digits of
// the SHA-256 digest of the fields that make an interaction.
func interactionID(in Interaction) string {
	h := sha256.New()
	for _, field := range []string{in.MessageID, in.At.Format(time.RFC3339Nano), string(in.Type), in.From} {
		h.Write([]byte(field))
		h.Write([]byte{0})
	}
	for _, id := range in.To {
		h.Write([]byte(id))
		h.Write([]byte{0})
	}
	return "sha256-" + hex.EncodeToString(h.Sum(nil)[:16])
}

// Between returns the part of in that links a with b, as the history of
// that pair holds it: To is only the one of a and b that is not From. It
// returns false when in does not link them.
func (in Interaction) Between(a, b string) (Interaction, bool) {
	other := ""
	switch in.From {
	case a:
		other = b
	case b:
		other = a
	}
	if other == "" || !slices.Contains(in.To, other) {
		return Interaction{}, false
	}
	in.To = []string{other}
	return in, true
}

// SortInteractions sorts interactions by time, then by id.
func SortInteractions(list []Interaction) {
	slices.SortFunc(list, func(x, y Interaction) int {
		if c := x.At.Compare(y.At); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
}

// InteractionStore keeps interactions and derives relationship strengths
// from them. Both stores implement it.
//
// Strength follows the formula of package ingest/interactions: each
// interaction adds its type's weight times 2^(-age / half-life) to its
// pair, and the pair's strength is 1 - exp(-x), rounded to 4 decimals.
// RecomputeStrengths applies it to every stored interaction, so that
// strengths reflect the whole history and not one log file.
type InteractionStore interface {
	// AddInteractions reads seq to its end and stores every interaction it
	// yields in one transaction: all of them or none. Each interaction is
	// normalised with NormalizeInteraction. An interaction whose ID is
	// already stored, or that seq yields twice, is counted as a duplicate
	// and stored once. When seq yields an error, AddInteractions stops
	// and returns that error. When an interaction is invalid or names a
	// person the store does not hold, it returns an *ImportError. In both
	// cases nothing is stored. With opts.DryRun it checks and counts but
	// stores nothing. Relationship strengths change only when
	// RecomputeStrengths runs.
	AddInteractions(ctx context.Context, seq iter.Seq2[Interaction, error], opts InteractionOptions) (InteractionSummary, error)

	// Interactions returns the history of the pair personA, personB: the
	// stored interactions that link them, in either direction, sorted by
	// time and then by id. Each is the part that links the pair, as
	// Between returns it, because a store may keep an interaction with
	// several recipients as the pairs it links. It returns an empty list
	// when there are none, KindNotFound when a person does not exist and
	// KindInvalid when the two ids are equal.
	Interactions(ctx context.Context, personA, personB string) ([]Interaction, error)

	// RecomputeStrengths derives the strength of every pair with stored
	// interactions at or before asOf and imports the result as
	// relationships: strength, last_interaction (the date of the pair's
	// latest interaction), type (the type that contributed most) and
	// source "interactions". Such a relationship replaces whatever the
	// pair held before, from any source. Relationships of pairs without
	// interactions are left as they are, and so are those of pairs whose
	// strength rounds to 0, which are counted as TooWeak. A halfLife of 0
	// means 90 days. The import goes through the store's Import, so it
	// validates, versions and counts like any other. It returns
	// KindInvalid for a zero asOf or a negative halfLife.
	RecomputeStrengths(ctx context.Context, asOf time.Time, halfLife time.Duration) (StrengthSummary, error)
}

// InteractionOptions changes how AddInteractions behaves.
type InteractionOptions struct {
	DryRun bool // check and count, store nothing
}

// InteractionSummary reports what AddInteractions did, or would do in a
// dry run.
type InteractionSummary struct {
	DryRun     bool `json:"dry_run"`
	Added      int  `json:"added"`      // interactions stored
	Duplicates int  `json:"duplicates"` // interactions already stored or given twice, stored once
}

// StrengthSummary reports what RecomputeStrengths did.
type StrengthSummary struct {
	AsOf         time.Time `json:"as_of"`
	HalfLifeDays float64   `json:"half_life_days"`
	Interactions int       `json:"interactions"` // stored interactions at or before AsOf
	AfterAsOf    int       `json:"after_as_of"`  // stored interactions after AsOf, ignored
	Pairs        int       `json:"pairs"`        // pairs with at least one interaction at or before AsOf
	// TooWeak counts the pairs whose strength rounds to 0. Their stored
	// relationships, if any, are left unchanged.
	TooWeak       int    `json:"too_weak"`
	Relationships Counts `json:"relationships"`
}

// InteractionProblem returns the problem of an interaction that
// NormalizeInteraction rejected with err.
func InteractionProblem(in Interaction, err error) Problem {
	return Problem{Column: "interaction", Value: in.From,
		Message: fmt.Sprintf("invalid interaction from %q at %s: %v", in.From, in.At.Format(time.RFC3339), err)}
}

// ParticipantIDs returns the distinct person ids that list names, sorted.
func ParticipantIDs(list []Interaction) []string {
	set := map[string]bool{}
	for _, in := range list {
		set[in.From] = true
		for _, id := range in.To {
			set[id] = true
		}
	}
	return sortedKeys(set)
}

// CheckParticipants adds to errs a problem for each participant of list
// that known does not find.
func CheckParticipants(list []Interaction, known func(personID string) bool, errs *ImportError) {
	check := func(column, id string, in Interaction) {
		if !known(id) {
			errs.Add(Problem{Column: column, Value: id, Message: fmt.Sprintf(
				"unknown person %q in the interaction from %q at %s: import the person before their interactions",
				id, in.From, in.At.Format(time.RFC3339))})
		}
	}
	for _, in := range list {
		check("from", in.From, in)
		for _, id := range in.To {
			check("to", id, in)
		}
	}
}

package storetest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// interactionTests are the cases of graph.InteractionStore. They skip on
// a store that does not implement it.
func interactionTests() []struct {
	name string
	fn   func(t *testing.T, s graph.Store)
} {
	return []struct {
		name string
		fn   func(t *testing.T, s graph.Store)
	}{
		{"Interactions/AddAndList", testInteractionsAddAndList},
		{"Interactions/Duplicates", testInteractionsDuplicates},
		{"Interactions/RejectedWritesNothing", testInteractionsRejected},
		{"Interactions/SequenceError", testInteractionsSequenceError},
		{"Interactions/DryRun", testInteractionsDryRun},
		{"Interactions/ListErrors", testInteractionsListErrors},
		{"Interactions/RecomputeStrengths", testRecomputeStrengths},
		{"Interactions/RecomputeTwiceUnchanged", testRecomputeTwiceUnchanged},
		{"Interactions/RecomputeInvalid", testRecomputeInvalid},
		{"Interactions/ManyInteractions", testManyInteractions},
	}
}

// InteractionAsOf is the as_of time of the recompute cases.
var InteractionAsOf = time.Date(2026, time.June, 30, 12, 0, 0, 0, time.UTC)

// daysBefore returns the time days before InteractionAsOf, in a zone east
// of UTC, so that a store which keeps the zone fails the comparisons.
func daysBefore(days float64) time.Time {
	t := InteractionAsOf.Add(-time.Duration(days * 24 * float64(time.Hour)))
	return t.In(time.FixedZone("UTC+2", 2*60*60))
}

func interactionStore(t *testing.T, s graph.Store) graph.InteractionStore {
	t.Helper()
	is, ok := s.(graph.InteractionStore)
	if !ok {
		t.Skipf("%T does not implement graph.InteractionStore", s)
	}
	return is
}

// seqOf returns a sequence that yields list and no error.
func seqOf(list ...graph.Interaction) iter.Seq2[graph.Interaction, error] {
	return func(yield func(graph.Interaction, error) bool) {
		for _, in := range list {
			if !yield(in, nil) {
				return
			}
		}
	}
}

func interaction(days float64, typ graph.InteractionType, from string, to ...string) graph.Interaction {
	return graph.Interaction{At: daysBefore(days), Type: typ, From: from, To: to}
}

func mustAddInteractions(t *testing.T, s graph.InteractionStore, list ...graph.Interaction) graph.InteractionSummary {
	t.Helper()
	summary, err := s.AddInteractions(context.Background(), seqOf(list...), graph.InteractionOptions{})
	if err != nil {
		t.Fatalf("AddInteractions: %v", err)
	}
	return summary
}

func mustListInteractions(t *testing.T, s graph.InteractionStore, a, b string) []graph.Interaction {
	t.Helper()
	list, err := s.Interactions(context.Background(), a, b)
	if err != nil {
		t.Fatalf("Interactions(%s, %s): %v", a, b, err)
	}
	return list
}

func normalized(t *testing.T, in graph.Interaction) graph.Interaction {
	t.Helper()
	out, err := graph.NormalizeInteraction(in)
	if err != nil {
		t.Fatalf("NormalizeInteraction(%+v): %v", in, err)
	}
	return out
}

func testInteractionsAddAndList(t *testing.T, s graph.Store) {
	is := interactionStore(t, s)
	mustImport(t, s, Fixture())

	sent := interaction(3, graph.InteractionEmail, "V1", "C1")
	sent.MessageID = "<m1@vendor.example>"
	reply := interaction(2, graph.InteractionEmail, "C1", "V1")
	// The meeting links its organiser V1 with C1 and C2, but not C1 with
	// C2. V1 in its own attendee list is dropped.
	meeting := interaction(1, graph.InteractionMeeting, "V1", "C2", "C1", "V1", "C1")
	summary := mustAddInteractions(t, is, meeting, sent, reply)
	if want := (graph.InteractionSummary{Added: 3}); summary != want {
		t.Errorf("summary = %+v, want %+v", summary, want)
	}

	if got := normalized(t, meeting).To; !reflect.DeepEqual(got, []string{"C1", "C2"}) {
		t.Errorf("normalized meeting attendees = %v, want [C1 C2]", got)
	}
	// The history of a pair holds the part of the meeting that links it.
	meetingV1C1 := normalized(t, meeting)
	meetingV1C1.To = []string{"C1"}
	want := []graph.Interaction{normalized(t, sent), normalized(t, reply), meetingV1C1}
	for _, pair := range [][2]string{{"V1", "C1"}, {"C1", "V1"}} {
		got := mustListInteractions(t, is, pair[0], pair[1])
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Interactions(%s, %s):\n got %+v\nwant %+v", pair[0], pair[1], got, want)
		}
	}
	meetingV1C2 := normalized(t, meeting)
	meetingV1C2.To = []string{"C2"}
	if got := mustListInteractions(t, is, "C2", "V1"); !reflect.DeepEqual(got, []graph.Interaction{meetingV1C2}) {
		t.Errorf("Interactions(C2, V1) = %+v, want the meeting with To [C2]", got)
	}
	if got := mustListInteractions(t, is, "C1", "C2"); len(got) != 0 {
		t.Errorf("Interactions(C1, C2) = %+v, want none: attendees are not linked with each other", got)
	}
	if got := mustListInteractions(t, is, "V2", "V3"); len(got) != 0 {
		t.Errorf("Interactions(V2, V3) = %+v, want none", got)
	}
	if at := mustListInteractions(t, is, "V1", "C2")[0].At; at.Location() != time.UTC || !at.Equal(meeting.At) {
		t.Errorf("meeting time = %v, want %v in UTC", at, meeting.At)
	}
}

func testInteractionsDuplicates(t *testing.T, s graph.Store) {
	is := interactionStore(t, s)
	mustImport(t, s, Fixture())

	first := interaction(5, graph.InteractionCall, "V2", "G1")
	second := interaction(4, graph.InteractionCall, "V2", "G1")
	if got := mustAddInteractions(t, is, first, second, first); got.Added != 2 || got.Duplicates != 1 {
		t.Errorf("first add = %+v, want 2 added and 1 duplicate", got)
	}
	if got := mustAddInteractions(t, is, second, first); got.Added != 0 || got.Duplicates != 2 {
		t.Errorf("second add = %+v, want 0 added and 2 duplicates", got)
	}

	// Two messages at the same time between the same people stay apart
	// when the log gives them different message ids.
	third, fourth := first, first
	third.MessageID, fourth.MessageID = "a", "b"
	if got := mustAddInteractions(t, is, third, fourth); got.Added != 2 {
		t.Errorf("add with message ids = %+v, want 2 added", got)
	}
	if got := mustListInteractions(t, is, "G1", "V2"); len(got) != 4 {
		t.Errorf("Interactions(G1, V2) = %d interactions, want 4", len(got))
	}
}

func testInteractionsRejected(t *testing.T, s graph.Store) {
	is := interactionStore(t, s)
	mustImport(t, s, Fixture())
	good := interaction(1, graph.InteractionEmail, "V1", "C1")

	cases := []struct {
		name     string
		bad      graph.Interaction
		wantText string
	}{
		{"UnknownSender", interaction(1, graph.InteractionEmail, "NOBODY", "C1"), `unknown person "NOBODY"`},
		{"UnknownRecipient", interaction(1, graph.InteractionEmail, "V1", "C1", "GHOST"), `unknown person "GHOST"`},
		{"InvalidType", interaction(1, "fax", "V1", "C1"), `invalid interaction type "fax"`},
		{"NoOtherParticipant", interaction(1, graph.InteractionEmail, "V1", "V1"), "at least one other participant"},
		{"MissingTime", graph.Interaction{Type: graph.InteractionCall, From: "V1", To: []string{"C1"}}, "missing interaction time"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := is.AddInteractions(context.Background(), seqOf(good, tc.bad), graph.InteractionOptions{})
			var ie *graph.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("AddInteractions error = %v, want *graph.ImportError", err)
			}
			if !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("error %q does not mention %q", err, tc.wantText)
			}
			if got := mustListInteractions(t, is, "V1", "C1"); len(got) != 0 {
				t.Errorf("rejected add stored %+v", got)
			}
		})
	}
}

func testInteractionsSequenceError(t *testing.T, s graph.Store) {
	is := interactionStore(t, s)
	mustImport(t, s, Fixture())
	readErr := errors.New("log.csv: read failed")
	seq := func(yield func(graph.Interaction, error) bool) {
		if !yield(interaction(1, graph.InteractionEmail, "V1", "C1"), nil) {
			return
		}
		yield(graph.Interaction{}, readErr)
	}
	_, err := is.AddInteractions(context.Background(), seq, graph.InteractionOptions{})
	if !errors.Is(err, readErr) {
		t.Fatalf("AddInteractions error = %v, want the sequence's error", err)
	}
	if got := mustListInteractions(t, is, "V1", "C1"); len(got) != 0 {
		t.Errorf("failed add stored %+v", got)
	}
}

func testInteractionsDryRun(t *testing.T, s graph.Store) {
	is := interactionStore(t, s)
	mustImport(t, s, Fixture())
	stored := interaction(2, graph.InteractionEmail, "V1", "C1")
	mustAddInteractions(t, is, stored)

	summary, err := is.AddInteractions(context.Background(),
		seqOf(stored, interaction(1, graph.InteractionEmail, "C1", "V1")), graph.InteractionOptions{DryRun: true})
	if err != nil {
		t.Fatalf("AddInteractions: %v", err)
	}
	if want := (graph.InteractionSummary{DryRun: true, Added: 1, Duplicates: 1}); summary != want {
		t.Errorf("summary = %+v, want %+v", summary, want)
	}
	if got := mustListInteractions(t, is, "V1", "C1"); len(got) != 1 {
		t.Errorf("after a dry run, Interactions(V1, C1) = %d interactions, want 1", len(got))
	}

	_, err = is.AddInteractions(context.Background(),
		seqOf(interaction(1, graph.InteractionEmail, "V1", "NOBODY")), graph.InteractionOptions{DryRun: true})
	assertKind(t, err, graph.KindInvalid)
}

func testInteractionsListErrors(t *testing.T, s graph.Store) {
	is := interactionStore(t, s)
	mustImport(t, s, Fixture())
	_, err := is.Interactions(context.Background(), "V1", "NOBODY")
	assertKind(t, err, graph.KindNotFound)
	_, err = is.Interactions(context.Background(), "V1", "V1")
	assertKind(t, err, graph.KindInvalid)
}

// recomputeLog is a log whose strengths are computed by hand below. Age
// is counted in days before InteractionAsOf, and the half-life is 90
// days.
func recomputeLog() []graph.Interaction {
	// Two e-mails sent at the same second stay apart by their message ids.
	first := interaction(0, graph.InteractionEmail, "C1", "G1")
	second := first
	first.MessageID, second.MessageID = "<1@customer.example>", "<2@customer.example>"
	return []graph.Interaction{
		// V1-C1 held a crm relationship of strength 0.8. One e-mail one
		// way, one half-life ago: x = 0.05 * 2^-1 = 0.025.
		interaction(90, graph.InteractionEmail, "V1", "C1"),
		// V3-C2 had no relationship. A meeting today and a call two
		// half-lives ago: x = 1 + 0.5 * 2^-2 = 1.125. The meeting's
		// attendee V2 gets its own pair V2-V3.
		interaction(0, graph.InteractionMeeting, "V3", "C2", "V2"),
		interaction(180, graph.InteractionCall, "C2", "V3"),
		// V2-G1 held 0.6. One e-mail 20 half-lives ago: x = 0.05 * 2^-20,
		// whose strength rounds to 0, so the relationship stays.
		interaction(1800, graph.InteractionEmail, "V2", "G1"),
		// C1-G1: an exchange of e-mails today and a third e-mail one way:
		// x = 0.25 * 2 * min(2, 1) + 0.05 * |2 - 1| = 0.55. A meeting after
		// as_of is ignored.
		first,
		second,
		interaction(0, graph.InteractionEmail, "G1", "C1"),
		interaction(-1, graph.InteractionMeeting, "C1", "G1"),
	}
}

func testRecomputeStrengths(t *testing.T, s graph.Store) {
	is := interactionStore(t, s)
	mustImport(t, s, Fixture())
	mustAddInteractions(t, is, recomputeLog()...)

	summary, err := is.RecomputeStrengths(context.Background(), InteractionAsOf, 90*24*time.Hour)
	if err != nil {
		t.Fatalf("RecomputeStrengths: %v", err)
	}
	wantSummary := graph.StrengthSummary{
		AsOf: InteractionAsOf, HalfLifeDays: 90,
		Interactions: 7, AfterAsOf: 1, Pairs: 5, TooWeak: 1,
		// Created: V3-C2; updated: V1-C1, C1-G1 and V2-V3 (0.3 before).
		Relationships: graph.Counts{Created: 1, Updated: 3},
	}
	if !summary.AsOf.Equal(wantSummary.AsOf) {
		t.Errorf("summary as_of = %v, want %v", summary.AsOf, wantSummary.AsOf)
	}
	summary.AsOf = wantSummary.AsOf
	if summary != wantSummary {
		t.Errorf("summary = %+v, want %+v", summary, wantSummary)
	}

	strength := func(x float64) float64 { return math.Round((1-math.Exp(-x))*1e4) / 1e4 }
	today, halfLifeAgo := dateOf(0), dateOf(90)
	want := map[graph.PairKey]graph.Relationship{
		graph.Pair("V1", "C1"): {Strength: strength(0.025), Type: "email", LastInteraction: halfLifeAgo, Source: "interactions"},
		graph.Pair("V3", "C2"): {Strength: strength(1.125), Type: "meeting", LastInteraction: today, Source: "interactions"},
		graph.Pair("V2", "V3"): {Strength: strength(1), Type: "meeting", LastInteraction: today, Source: "interactions"},
		graph.Pair("C1", "G1"): {Strength: strength(0.55), Type: "email", LastInteraction: today, Source: "interactions"},
		// Left as imported: too weak, and no interactions at all.
		graph.Pair("V2", "G1"): {Strength: 0.6},
		graph.Pair("C1", "C2"): {Strength: 0.5},
	}
	if got := want[graph.Pair("V1", "C1")].Strength; got != 0.0247 {
		t.Fatalf("hand-computed V1-C1 strength = %v, want 0.0247", got)
	}
	stored := map[graph.PairKey]graph.Relationship{}
	for _, r := range mustExport(t, s).Relationships {
		stored[graph.Pair(r.PersonA, r.PersonB)] = r
	}
	for key, w := range want {
		w.PersonA, w.PersonB = key.A, key.B
		if got := stored[key]; got != w {
			t.Errorf("relationship %s-%s = %+v, want %+v", key.A, key.B, got, w)
		}
	}
}

// dateOf returns the date of the time days before InteractionAsOf, in UTC.
func dateOf(days float64) graph.Date {
	return graph.Date(daysBefore(days).UTC().Format(time.DateOnly))
}

func testRecomputeTwiceUnchanged(t *testing.T, s graph.Store) {
	is := interactionStore(t, s)
	mustImport(t, s, Fixture())
	mustAddInteractions(t, is, recomputeLog()...)
	if _, err := is.RecomputeStrengths(context.Background(), InteractionAsOf, 0); err != nil {
		t.Fatalf("RecomputeStrengths: %v", err)
	}
	before := mustExport(t, s)

	summary, err := is.RecomputeStrengths(context.Background(), InteractionAsOf, 0)
	if err != nil {
		t.Fatalf("second RecomputeStrengths: %v", err)
	}
	if want := (graph.Counts{Unchanged: 4}); summary.Relationships != want {
		t.Errorf("second recompute relationships = %+v, want %+v", summary.Relationships, want)
	}
	if summary.HalfLifeDays != 90 {
		t.Errorf("half-life = %v days, want the default of 90", summary.HalfLifeDays)
	}
	assertSameData(t, mustExport(t, s), before)
}

func testRecomputeInvalid(t *testing.T, s graph.Store) {
	is := interactionStore(t, s)
	_, err := is.RecomputeStrengths(context.Background(), time.Time{}, 0)
	assertKind(t, err, graph.KindInvalid)
	_, err = is.RecomputeStrengths(context.Background(), InteractionAsOf, -time.Hour)
	assertKind(t, err, graph.KindInvalid)
}

// testManyInteractions adds more interactions than one write batch of the
// Neo4j store holds, with a duplicate in each.
func testManyInteractions(t *testing.T, s graph.Store) {
	is := interactionStore(t, s)
	mustImport(t, s, Fixture())
	const n = 5000
	seq := func(yield func(graph.Interaction, error) bool) {
		for i := range n {
			in := interaction(float64(i%365), graph.InteractionEmail, "V1", "C1")
			in.MessageID = fmt.Sprintf("m%d", i)
			if !yield(in, nil) {
				return
			}
			if i%1000 == 0 && !yield(in, nil) {
				return
			}
		}
	}
	summary, err := is.AddInteractions(context.Background(), seq, graph.InteractionOptions{})
	if err != nil {
		t.Fatalf("AddInteractions: %v", err)
	}
	if summary.Added != n || summary.Duplicates != 5 {
		t.Errorf("summary = %+v, want %d added and 5 duplicates", summary, n)
	}
	if got := mustListInteractions(t, is, "C1", "V1"); len(got) != n {
		t.Errorf("Interactions(C1, V1) = %d interactions, want %d", len(got), n)
	}
	strengths, err := is.RecomputeStrengths(context.Background(), InteractionAsOf, 0)
	if err != nil {
		t.Fatalf("RecomputeStrengths: %v", err)
	}
	if strengths.Interactions != n || strengths.Pairs != 1 {
		t.Errorf("recompute = %+v, want %d interactions in 1 pair", strengths, n)
	}
}

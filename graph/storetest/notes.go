package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// RunNotes runs the contract suite of graph.NoteStore. open must return an
// empty store that reads the time from clock.Now and arrange its cleanup;
// it is called once per subtest. Each case skips when the store does not
// implement graph.NoteStore.
func RunNotes(t *testing.T, open func(t *testing.T, clock *Clock) graph.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, ns graph.NoteStore, clock *Clock)
	}{
		{"CreateAndRead", testNoteCreateAndRead},
		{"RejectsInvalid", testNoteRejectsInvalid},
		{"EditKeepsVersions", testNoteEditKeepsVersions},
		{"ConcurrentEdits", testNoteConcurrentEdits},
		{"Delete", testNoteDelete},
		{"ListFilters", testNoteListFilters},
		{"ListErrors", testNoteListErrors},
		{"FollowImports", testNoteFollowImports},
		{"Search", testNoteSearch},
		{"SearchTreatsSyntaxAsText", testNoteSearchSyntax},
		{"SearchErrors", testNoteSearchErrors},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := NewClock()
			s := open(t, clock)
			ns, ok := s.(graph.NoteStore)
			if !ok {
				t.Skipf("%T does not implement graph.NoteStore", s)
			}
			mustImport(t, s, Fixture())
			tc.fn(t, ns, clock)
		})
	}
}

// Targets of the note cases, on the records of Fixture.
var (
	onACME     = graph.NoteTarget{Kind: graph.TargetAccount, ID: "ACME"}
	onGLOBEX   = graph.NoteTarget{Kind: graph.TargetAccount, ID: "GLOBEX"}
	onC1       = graph.NoteTarget{Kind: graph.TargetPerson, ID: "C1"}
	onG1       = graph.NoteTarget{Kind: graph.TargetPerson, ID: "G1"}
	onV1       = graph.NoteTarget{Kind: graph.TargetPerson, ID: "V1"}
	onC1V1     = graph.NoteTarget{Kind: graph.TargetRelationship, ID: "C1", OtherID: "V1"}
	onC1G1     = graph.NoteTarget{Kind: graph.TargetRelationship, ID: "C1", OtherID: "G1"}
	onV1V2     = graph.NoteTarget{Kind: graph.TargetRelationship, ID: "V1", OtherID: "V2"}
	noteIDForm = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

func mustCreateNote(t *testing.T, ns graph.NoteStore, target graph.NoteTarget, kind graph.NoteKind, text string) graph.Note {
	t.Helper()
	n, err := ns.CreateNote(context.Background(), graph.NewNote{Target: target, Author: "Vera Vendor", Kind: kind, Text: text})
	if err != nil {
		t.Fatalf("CreateNote on %s: %v", target, err)
	}
	return n
}

func mustNote(t *testing.T, ns graph.NoteStore, id string) graph.Note {
	t.Helper()
	n, err := ns.Note(context.Background(), id)
	if err != nil {
		t.Fatalf("Note(%s): %v", id, err)
	}
	return n
}

func mustNotes(t *testing.T, ns graph.NoteStore, f graph.NoteFilter) []graph.Note {
	t.Helper()
	notes, err := ns.Notes(context.Background(), f)
	if err != nil {
		t.Fatalf("Notes(%+v): %v", f, err)
	}
	return notes
}

// assertNote compares notes through their JSON form, which writes times
// in RFC 3339 with their zone, so a time that is not in UTC differs from
// the expected UTC time.
func assertNote(t *testing.T, got, want graph.Note) {
	t.Helper()
	g, w := noteJSON(t, got), noteJSON(t, want)
	if g != w {
		t.Errorf("note differs:\n got %s\nwant %s", g, w)
	}
}

func noteJSON(t *testing.T, n graph.Note) string {
	t.Helper()
	out, err := json.Marshal(n)
	if err != nil {
		t.Fatalf("encode note: %v", err)
	}
	return string(out)
}

func ids(notes []graph.Note) []string {
	out := make([]string, 0, len(notes))
	for _, n := range notes {
		out = append(out, n.ID)
	}
	return out
}

func assertIDs(t *testing.T, description string, got []graph.Note, want ...graph.Note) {
	t.Helper()
	if g, w := ids(got), ids(want); !slices.Equal(g, w) {
		t.Errorf("%s = %v, want %v (texts %q)", description, g, w, texts(got))
	}
}

func texts(notes []graph.Note) []string {
	out := make([]string, 0, len(notes))
	for _, n := range notes {
		out = append(out, n.Text)
	}
	return out
}

func assertMessage(t *testing.T, err error, kind graph.ErrorKind, parts ...string) {
	t.Helper()
	assertKind(t, err, kind)
	msg := graph.MessageOf(err)
	for _, part := range parts {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q does not contain %q", msg, part)
		}
	}
}

func testNoteCreateAndRead(t *testing.T, ns graph.NoteStore, clock *Clock) {
	ctx := context.Background()
	at := clock.Now().UTC()
	version := func(author string, kind graph.NoteKind, text string) []graph.NoteVersion {
		return []graph.NoteVersion{{Version: 1, Author: author, Kind: kind, Text: text, At: at}}
	}
	tests := []struct {
		name string
		in   graph.NewNote
		want graph.Note
	}{
		{"Account", graph.NewNote{Target: onACME, Author: "  Vera Vendor\n", Kind: graph.NoteRisk, Text: "Budget freeze until Q3."},
			graph.Note{Target: onACME, AccountID: "ACME", Author: "Vera Vendor", Kind: graph.NoteRisk, Text: "Budget freeze until Q3.",
				History: version("Vera Vendor", graph.NoteRisk, "Budget freeze until Q3.")}},
		{"CustomerWithDefaultKind", graph.NewNote{Target: onC1, Author: "Victor", Text: "Supportive in meetings, blocks in budget review."},
			graph.Note{Target: onC1, AccountID: "ACME", Author: "Victor", Kind: graph.NoteContext, Text: "Supportive in meetings, blocks in budget review.",
				History: version("Victor", graph.NoteContext, "Supportive in meetings, blocks in budget review.")}},
		{"Vendor", graph.NewNote{Target: onV1, Author: "Victor", Kind: graph.NoteOpportunity, Text: "Knows the new CIO."},
			graph.Note{Target: onV1, Author: "Victor", Kind: graph.NoteOpportunity, Text: "Knows the new CIO.",
				History: version("Victor", graph.NoteOpportunity, "Knows the new CIO.")}},
		{"RelationshipReversed", graph.NewNote{Target: graph.NoteTarget{Kind: graph.TargetRelationship, ID: "V1", OtherID: "C1"},
			Author: "Vera", Kind: graph.NoteContext, Text: "Weekly call."},
			graph.Note{Target: onC1V1, AccountID: "ACME", Author: "Vera", Kind: graph.NoteContext, Text: "Weekly call.",
				History: version("Vera", graph.NoteContext, "Weekly call.")}},
		{"RelationshipAcrossAccounts", graph.NewNote{Target: onC1G1, Author: "Vera", Kind: graph.NoteContext, Text: "Old colleagues."},
			graph.Note{Target: onC1G1, AccountID: "ACME", Author: "Vera", Kind: graph.NoteContext, Text: "Old colleagues.",
				History: version("Vera", graph.NoteContext, "Old colleagues.")}},
		{"RelationshipBetweenVendors", graph.NewNote{Target: onV1V2, Author: "Vera", Kind: graph.NoteRisk, Text: "Vera reports to Victor."},
			graph.Note{Target: onV1V2, Author: "Vera", Kind: graph.NoteRisk, Text: "Vera reports to Victor.",
				History: version("Vera", graph.NoteRisk, "Vera reports to Victor.")}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ns.CreateNote(ctx, tt.in)
			if err != nil {
				t.Fatalf("CreateNote: %v", err)
			}
			if !noteIDForm.MatchString(got.ID) {
				t.Errorf("note id %q, want 32 lower-case hexadecimal digits", got.ID)
			}
			if seen[got.ID] {
				t.Errorf("note id %q given twice", got.ID)
			}
			seen[got.ID] = true

			want := tt.want
			want.ID, want.Version, want.CreatedAt, want.UpdatedAt = got.ID, 1, at, at
			assertNote(t, got, want)
			assertNote(t, mustNote(t, ns, got.ID), want)
		})
	}
}

func testNoteRejectsInvalid(t *testing.T, ns graph.NoteStore, _ *Clock) {
	ctx := context.Background()
	tests := []struct {
		name   string
		mutate func(n *graph.NewNote)
		kind   graph.ErrorKind
		parts  []string
	}{
		{"EmptyText", func(n *graph.NewNote) { n.Text = "" }, graph.KindInvalid, []string{"missing note text"}},
		{"BlankText", func(n *graph.NewNote) { n.Text = " \n\t " }, graph.KindInvalid, []string{"missing note text"}},
		{"TextTooLong", func(n *graph.NewNote) { n.Text = strings.Repeat("é", graph.MaxNoteLength/2) + "!" },
			graph.KindInvalid, []string{"10001 bytes", "limit of 10000 bytes"}},
		{"TextNotUTF8", func(n *graph.NewNote) { n.Text = "caf\xe9" }, graph.KindInvalid, []string{"UTF-8"}},
		{"MissingAuthor", func(n *graph.NewNote) { n.Author = " " }, graph.KindInvalid, []string{"missing author"}},
		{"UnknownKind", func(n *graph.NewNote) { n.Kind = "gossip" }, graph.KindInvalid, []string{`"gossip"`}},
		{"MissingTargetKind", func(n *graph.NewNote) { n.Target.Kind = "" }, graph.KindInvalid, []string{"missing target kind"}},
		{"UnknownTargetKind", func(n *graph.NewNote) { n.Target.Kind = "deal" }, graph.KindInvalid, []string{`"deal"`}},
		{"MissingTargetID", func(n *graph.NewNote) { n.Target.ID = "" }, graph.KindInvalid, []string{"missing target id"}},
		{"OtherIDOnAccount", func(n *graph.NewNote) { n.Target.OtherID = "C1" }, graph.KindInvalid, []string{"other_id"}},
		{"RelationshipWithoutOther", func(n *graph.NewNote) { n.Target = graph.NoteTarget{Kind: graph.TargetRelationship, ID: "C1"} },
			graph.KindInvalid, []string{"missing target other_id"}},
		{"RelationshipWithItself", func(n *graph.NewNote) {
			n.Target = graph.NoteTarget{Kind: graph.TargetRelationship, ID: "C1", OtherID: "C1"}
		}, graph.KindInvalid, []string{"two different people"}},
		{"UnknownAccount", func(n *graph.NewNote) { n.Target.ID = "NOPE" }, graph.KindNotFound, []string{`account "NOPE" not found`}},
		{"UnknownPerson", func(n *graph.NewNote) { n.Target = graph.NoteTarget{Kind: graph.TargetPerson, ID: "NOBODY"} },
			graph.KindNotFound, []string{`person "NOBODY" not found`}},
		{"AccountIDAsPerson", func(n *graph.NewNote) { n.Target = graph.NoteTarget{Kind: graph.TargetPerson, ID: "ACME"} },
			graph.KindNotFound, []string{`person "ACME" not found`}},
		{"UnrelatedPeople", func(n *graph.NewNote) {
			n.Target = graph.NoteTarget{Kind: graph.TargetRelationship, ID: "V3", OtherID: "C2"}
		}, graph.KindNotFound, []string{`relationship between "C2" and "V3" not found`}},
		{"RelationshipWithUnknownPerson", func(n *graph.NewNote) {
			n.Target = graph.NoteTarget{Kind: graph.TargetRelationship, ID: "C1", OtherID: "NOBODY"}
		}, graph.KindNotFound, []string{`relationship between "C1" and "NOBODY" not found`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := graph.NewNote{Target: onACME, Author: "Vera", Kind: graph.NoteRisk, Text: "Budget freeze."}
			tt.mutate(&n)
			_, err := ns.CreateNote(ctx, n)
			assertMessage(t, err, tt.kind, tt.parts...)
		})
	}

	if notes := mustNotes(t, ns, graph.NoteFilter{IncludeDeleted: true}); len(notes) != 0 {
		t.Errorf("rejected notes were stored: %+v", notes)
	}

	// The limit counts bytes: 5,000 two-byte characters are just allowed.
	longest := strings.Repeat("é", graph.MaxNoteLength/2)
	n := mustCreateNote(t, ns, onACME, graph.NoteRisk, longest)
	if got := mustNote(t, ns, n.ID).Text; got != longest {
		t.Errorf("note of %d bytes stored as %d bytes", len(longest), len(got))
	}
}

func testNoteEditKeepsVersions(t *testing.T, ns graph.NoteStore, clock *Clock) {
	ctx := context.Background()
	t1 := clock.Now().UTC()
	n := mustCreateNote(t, ns, onC1, graph.NoteContext, "Supportive in meetings.")

	t2 := clock.Advance(time.Minute)
	got, err := ns.UpdateNote(ctx, n.ID, graph.NoteEdit{BaseVersion: 1, Author: " Victor ", Kind: graph.NoteRisk, Text: "Blocks in budget review."})
	if err != nil {
		t.Fatalf("UpdateNote: %v", err)
	}
	v1 := graph.NoteVersion{Version: 1, Author: "Vera Vendor", Kind: graph.NoteContext, Text: "Supportive in meetings.", At: t1}
	v2 := graph.NoteVersion{Version: 2, Author: "Victor", Kind: graph.NoteRisk, Text: "Blocks in budget review.", At: t2}
	want := graph.Note{ID: n.ID, Target: onC1, AccountID: "ACME", Author: "Victor", Kind: graph.NoteRisk,
		Text: "Blocks in budget review.", Version: 2, CreatedAt: t1, UpdatedAt: t2, History: []graph.NoteVersion{v1, v2}}
	assertNote(t, got, want)

	// An edit without a kind keeps the note's kind.
	t3 := clock.Advance(time.Hour)
	got, err = ns.UpdateNote(ctx, n.ID, graph.NoteEdit{BaseVersion: 2, Author: "Vera", Text: "Blocks only the Q3 budget."})
	if err != nil {
		t.Fatalf("second UpdateNote: %v", err)
	}
	v3 := graph.NoteVersion{Version: 3, Author: "Vera", Kind: graph.NoteRisk, Text: "Blocks only the Q3 budget.", At: t3}
	want.Author, want.Text, want.Version, want.UpdatedAt = "Vera", v3.Text, 3, t3
	want.History = []graph.NoteVersion{v1, v2, v3}
	assertNote(t, got, want)
	assertNote(t, mustNote(t, ns, n.ID), want)

	clock.Advance(time.Hour)
	_, err = ns.UpdateNote(ctx, n.ID, graph.NoteEdit{BaseVersion: 2, Author: "Victor", Text: "Stale edit."})
	assertMessage(t, err, graph.KindConflict, n.ID, "version 3", "version 2")
	_, err = ns.UpdateNote(ctx, n.ID, graph.NoteEdit{BaseVersion: 3, Author: "Victor", Text: " "})
	assertMessage(t, err, graph.KindInvalid, "missing note text")
	_, err = ns.UpdateNote(ctx, n.ID, graph.NoteEdit{BaseVersion: 3, Author: "Victor", Kind: "gossip", Text: "x"})
	assertMessage(t, err, graph.KindInvalid, `"gossip"`)
	_, err = ns.UpdateNote(ctx, n.ID, graph.NoteEdit{BaseVersion: 0, Author: "Victor", Text: "x"})
	assertMessage(t, err, graph.KindInvalid, "base_version 0")
	_, err = ns.UpdateNote(ctx, n.ID, graph.NoteEdit{BaseVersion: 3, Text: "x"})
	assertMessage(t, err, graph.KindInvalid, "missing author")
	_, err = ns.UpdateNote(ctx, "0123456789abcdef0123456789abcdef", graph.NoteEdit{BaseVersion: 1, Author: "Vera", Text: "x"})
	assertMessage(t, err, graph.KindNotFound, `note "0123456789abcdef0123456789abcdef" not found`)
	_, err = ns.Note(ctx, "missing")
	assertMessage(t, err, graph.KindNotFound, `note "missing" not found`)

	assertNote(t, mustNote(t, ns, n.ID), want)
}

func testNoteConcurrentEdits(t *testing.T, ns graph.NoteStore, _ *Clock) {
	n := mustCreateNote(t, ns, onACME, graph.NoteRisk, "Budget freeze.")

	const editors = 8
	errs := make([]error, editors)
	var wg sync.WaitGroup
	for i := range editors {
		wg.Go(func() {
			edit := graph.NoteEdit{BaseVersion: 1, Author: fmt.Sprintf("editor %d", i), Text: fmt.Sprintf("Edit %d.", i)}
			_, errs[i] = ns.UpdateNote(context.Background(), n.ID, edit)
		})
	}
	wg.Wait()

	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("editors %d and %d both won the edit of version 1", winner, i)
		case err == nil:
			winner = i
		case graph.KindOf(err) != graph.KindConflict:
			t.Errorf("editor %d: error kind %s, want %s (error: %v)", i, graph.KindOf(err), graph.KindConflict, err)
		}
	}
	if winner < 0 {
		t.Fatalf("no editor won: %v", errs)
	}
	got := mustNote(t, ns, n.ID)
	if got.Version != 2 || len(got.History) != 2 {
		t.Errorf("note after the race has version %d and %d versions, want 2 and 2", got.Version, len(got.History))
	}
	if want := fmt.Sprintf("Edit %d.", winner); got.Text != want {
		t.Errorf("note text %q, want the winner's %q", got.Text, want)
	}
}

func testNoteDelete(t *testing.T, ns graph.NoteStore, clock *Clock) {
	ctx := context.Background()
	keep := mustCreateNote(t, ns, onACME, graph.NoteRisk, "Budget freeze.")
	clock.Advance(time.Second)
	gone := mustCreateNote(t, ns, onC1, graph.NoteRisk, "Budget owner leaves.")

	deletedAt := clock.Advance(time.Minute)
	got, err := ns.DeleteNote(ctx, gone.ID, " Victor ")
	if err != nil {
		t.Fatalf("DeleteNote: %v", err)
	}
	want := gone
	want.DeletedAt, want.DeletedBy = &deletedAt, "Victor"
	assertNote(t, got, want)
	assertNote(t, mustNote(t, ns, gone.ID), want)

	assertIDs(t, "live notes of ACME", mustNotes(t, ns, graph.NoteFilter{AccountID: "ACME"}), keep)
	assertIDs(t, "every note of ACME", mustNotes(t, ns, graph.NoteFilter{AccountID: "ACME", IncludeDeleted: true}), keep, gone)
	assertIDs(t, "live notes on C1", mustNotes(t, ns, graph.NoteFilter{Target: &onC1}), []graph.Note{}...)
	assertIDs(t, "live notes", mustNotes(t, ns, graph.NoteFilter{}), keep)
	found, err := ns.SearchNotes(ctx, "budget owner", 10)
	if err != nil {
		t.Fatalf("SearchNotes: %v", err)
	}
	assertIDs(t, "search for the deleted note's words", found, keep)

	_, err = ns.UpdateNote(ctx, gone.ID, graph.NoteEdit{BaseVersion: 1, Author: "Vera", Text: "Undelete?"})
	assertMessage(t, err, graph.KindConflict, gone.ID, "deleted")

	// A second deletion changes nothing.
	clock.Advance(time.Hour)
	got, err = ns.DeleteNote(ctx, gone.ID, "Vera")
	if err != nil {
		t.Fatalf("second DeleteNote: %v", err)
	}
	assertNote(t, got, want)

	_, err = ns.DeleteNote(ctx, keep.ID, "")
	assertMessage(t, err, graph.KindInvalid, "missing author")
	_, err = ns.DeleteNote(ctx, "missing", "Vera")
	assertMessage(t, err, graph.KindNotFound, `note "missing" not found`)
	assertNote(t, mustNote(t, ns, keep.ID), keep)
}

func testNoteListFilters(t *testing.T, ns graph.NoteStore, clock *Clock) {
	create := func(target graph.NoteTarget, kind graph.NoteKind, text string) graph.Note {
		t.Helper()
		clock.Advance(time.Minute)
		n := mustCreateNote(t, ns, target, kind, text)
		n.History = nil
		return n
	}
	// Created in this order, one minute apart.
	acme := create(onACME, graph.NoteRisk, "ACME budget freeze.")
	c1 := create(onC1, graph.NoteContext, "Carla is the champion.")
	v1 := create(onV1, graph.NoteOpportunity, "Vera knows the CIO.")
	c1v1 := create(graph.NoteTarget{Kind: graph.TargetRelationship, ID: "V1", OtherID: "C1"}, graph.NoteRisk, "Calls got rare.")
	c1g1 := create(onC1G1, graph.NoteContext, "Former colleagues.")
	g1 := create(onG1, graph.NoteContext, "Gus runs operations.")
	globex := create(onGLOBEX, graph.NoteOpportunity, "Globex expands to APAC.")
	v1v2 := create(onV1V2, graph.NoteContext, "Victor coaches Vera.")

	tests := []struct {
		name   string
		filter graph.NoteFilter
		want   []graph.Note
	}{
		{"Everything", graph.NoteFilter{}, []graph.Note{acme, c1, v1, c1v1, c1g1, g1, globex, v1v2}},
		{"AccountACME", graph.NoteFilter{AccountID: "ACME"}, []graph.Note{acme, c1, c1v1, c1g1}},
		{"AccountGLOBEX", graph.NoteFilter{AccountID: "GLOBEX"}, []graph.Note{c1g1, g1, globex}},
		{"TargetAccount", graph.NoteFilter{Target: &onACME}, []graph.Note{acme}},
		{"TargetPerson", graph.NoteFilter{Target: &onC1}, []graph.Note{c1}},
		{"TargetVendor", graph.NoteFilter{Target: &onV1}, []graph.Note{v1}},
		{"TargetRelationshipReversed", graph.NoteFilter{Target: &graph.NoteTarget{Kind: graph.TargetRelationship, ID: "V1", OtherID: "C1"}},
			[]graph.Note{c1v1}},
		{"Kind", graph.NoteFilter{Kind: graph.NoteRisk}, []graph.Note{acme, c1v1}},
		{"TargetKind", graph.NoteFilter{TargetKind: graph.TargetRelationship}, []graph.Note{c1v1, c1g1, v1v2}},
		{"AccountAndTargetKind", graph.NoteFilter{AccountID: "ACME", TargetKind: graph.TargetPerson}, []graph.Note{c1}},
		{"AccountAndKind", graph.NoteFilter{AccountID: "ACME", Kind: graph.NoteContext}, []graph.Note{c1, c1g1}},
		{"AccountAndTarget", graph.NoteFilter{AccountID: "GLOBEX", Target: &onC1G1}, []graph.Note{c1g1}},
		{"AccountAndOtherAccountsTarget", graph.NoteFilter{AccountID: "GLOBEX", Target: &onC1}, []graph.Note{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustNotes(t, ns, tt.filter)
			if got == nil {
				t.Error("Notes returned nil, want an empty list at least")
			}
			assertIDs(t, "notes", got, tt.want...)
			for i := range min(len(got), len(tt.want)) {
				assertNote(t, got[i], tt.want[i])
			}
		})
	}

	// The account of a note: the account itself, a customer person's
	// account, or the account of a relationship's first customer person.
	wantAccounts := map[string]string{acme.ID: "ACME", c1.ID: "ACME", v1.ID: "", c1v1.ID: "ACME",
		c1g1.ID: "ACME", g1.ID: "GLOBEX", globex.ID: "GLOBEX", v1v2.ID: ""}
	for _, n := range mustNotes(t, ns, graph.NoteFilter{}) {
		if n.AccountID != wantAccounts[n.ID] {
			t.Errorf("note %q has account %q, want %q", n.Text, n.AccountID, wantAccounts[n.ID])
		}
	}
}

func testNoteListErrors(t *testing.T, ns graph.NoteStore, _ *Clock) {
	ctx := context.Background()
	tests := []struct {
		name   string
		filter graph.NoteFilter
		kind   graph.ErrorKind
		part   string
	}{
		{"UnknownAccount", graph.NoteFilter{AccountID: "NOPE"}, graph.KindNotFound, `account "NOPE" not found`},
		{"UnknownPerson", graph.NoteFilter{Target: &graph.NoteTarget{Kind: graph.TargetPerson, ID: "NOBODY"}},
			graph.KindNotFound, `person "NOBODY" not found`},
		{"UnknownRelationship", graph.NoteFilter{Target: &graph.NoteTarget{Kind: graph.TargetRelationship, ID: "C2", OtherID: "V3"}},
			graph.KindNotFound, `relationship between "C2" and "V3" not found`},
		{"IncompleteTarget", graph.NoteFilter{Target: &graph.NoteTarget{Kind: graph.TargetRelationship, ID: "C1"}},
			graph.KindInvalid, "other_id"},
		{"UnknownKind", graph.NoteFilter{Kind: "gossip"}, graph.KindInvalid, `"gossip"`},
		{"UnknownTargetKind", graph.NoteFilter{TargetKind: "deal"}, graph.KindInvalid, `"deal"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ns.Notes(ctx, tt.filter)
			assertMessage(t, err, tt.kind, tt.part)
		})
	}
}

// testNoteFollowImports checks that notes survive imports and that the
// account of a note follows its people when an import moves them.
func testNoteFollowImports(t *testing.T, ns graph.NoteStore, clock *Clock) {
	s := ns.(graph.Store)
	person := mustCreateNote(t, ns, onC1, graph.NoteContext, "Carla is the champion.")
	clock.Advance(time.Minute)
	relationship := mustCreateNote(t, ns, onC1V1, graph.NoteContext, "Weekly call.")
	mustImport(t, s, Fixture())

	moved := Fixture()
	moved.People[3].AccountID = "GLOBEX" // C1
	moved.People[3].ManagerID = ""
	mustImport(t, s, moved)

	for _, n := range []graph.Note{person, relationship} {
		if got := mustNote(t, ns, n.ID); got.AccountID != "GLOBEX" || got.Text != n.Text {
			t.Errorf("note %q after the move has account %q and text %q, want GLOBEX and the text kept", n.ID, got.AccountID, got.Text)
		}
	}
	assertIDs(t, "notes of GLOBEX", mustNotes(t, ns, graph.NoteFilter{AccountID: "GLOBEX"}), person, relationship)
	assertIDs(t, "notes of ACME", mustNotes(t, ns, graph.NoteFilter{AccountID: "ACME"}))
}

// searchNotes are the notes of the search cases, created one minute
// apart in this order.
type searchNotes struct {
	freeze, review, champion, pricing, edited graph.Note
}

func createSearchNotes(t *testing.T, ns graph.NoteStore, clock *Clock) searchNotes {
	t.Helper()
	ctx := context.Background()
	create := func(target graph.NoteTarget, text string) graph.Note {
		t.Helper()
		clock.Advance(time.Minute)
		n := mustCreateNote(t, ns, target, graph.NoteContext, text)
		n.History = nil
		return n
	}
	var sn searchNotes
	sn.freeze = create(onACME, "Budget freeze announced by the CFO.")
	sn.review = create(onC1, "Budget review in March.")
	sn.champion = create(onC1V1, "Champion loves the new dashboard.")
	sn.pricing = create(onGLOBEX, `Pricing: "renewal" AND discount 20%* for the C++ team (draft).`)
	deleted := create(onACME, "Budget freeze again, and the dashboard.")
	if _, err := ns.DeleteNote(ctx, deleted.ID, "Vera"); err != nil {
		t.Fatalf("DeleteNote: %v", err)
	}
	old := create(onG1, "Legacy contract terms.")
	clock.Advance(time.Minute)
	edited, err := ns.UpdateNote(ctx, old.ID, graph.NoteEdit{BaseVersion: 1, Author: "Vera", Text: "Modern contract terms."})
	if err != nil {
		t.Fatalf("UpdateNote: %v", err)
	}
	edited.History = nil
	sn.edited = edited
	return sn
}

func search(t *testing.T, ns graph.NoteStore, query string, limit int) []graph.Note {
	t.Helper()
	found, err := ns.SearchNotes(context.Background(), query, limit)
	if err != nil {
		t.Fatalf("SearchNotes(%q, %d): %v", query, limit, err)
	}
	return found
}

func testNoteSearch(t *testing.T, ns graph.NoteStore, clock *Clock) {
	sn := createSearchNotes(t, ns, clock)

	// The note with both words ranks first. The deleted note, which has
	// them too, is left out.
	found := search(t, ns, "budget freeze", 10)
	assertIDs(t, `search "budget freeze"`, found, sn.freeze, sn.review)
	for i := range min(len(found), 2) {
		assertNote(t, found[i], []graph.Note{sn.freeze, sn.review}[i])
	}

	assertIDs(t, "search in another case", search(t, ns, "cHaMpIoN", 10), sn.champion)
	assertIDs(t, "search with limit 1", search(t, ns, "budget freeze", 1), sn.freeze)
	assertIDs(t, "search for a word of an old version", search(t, ns, "legacy", 10))
	assertIDs(t, "search for a word of the current version", search(t, ns, "modern", 10), sn.edited)
	assertIDs(t, "search for an absent word", search(t, ns, "procurement", 10))
	assertSameIDs(t, `search "contract budget"`, search(t, ns, "contract budget", 10), sn.freeze, sn.review, sn.edited)
}

// assertSameIDs compares the notes found with want in any order.
func assertSameIDs(t *testing.T, description string, got []graph.Note, want ...graph.Note) {
	t.Helper()
	g, w := ids(got), ids(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Errorf("%s found %q, want %q in any order", description, texts(got), texts(want))
	}
}

// testNoteSearchSyntax checks that characters and words that Lucene's
// query syntax gives a meaning to are searched as text.
func testNoteSearchSyntax(t *testing.T, ns graph.NoteStore, clock *Clock) {
	sn := createSearchNotes(t, ns, clock)
	tests := []struct {
		query string
		want  []graph.Note
	}{
		{`"renewal"`, []graph.Note{sn.pricing}},
		{`"renewal`, []graph.Note{sn.pricing}},
		{`renewal\`, []graph.Note{sn.pricing}},
		{`pricing:`, []graph.Note{sn.pricing}},
		// Lucene's tokenizer keeps "title:renewal" whole as one word, as
		// Unicode's word rules join letters across a colon, so the
		// field syntax is tested with a space.
		{`title: renewal`, []graph.Note{sn.pricing}},
		{`discount*`, []graph.Note{sn.pricing}},
		{`disc*`, nil},
		{`disc?unt`, nil},
		{`20%`, []graph.Note{sn.pricing}},
		{`(C++`, []graph.Note{sn.pricing}},
		{`AND`, []graph.Note{sn.pricing}},
		{`NOT`, nil},
		{`renewal~2`, []graph.Note{sn.pricing}},
		{`renewl~`, nil},
		{`[march TO may]`, []graph.Note{sn.review}},
		{`{draft}`, []graph.Note{sn.pricing}},
		{`/renew.*/`, nil},
		{`-budget`, []graph.Note{sn.freeze, sn.review}},
		{`+freeze !cfo ^2`, []graph.Note{sn.freeze}},
		{`budget && freeze || champion`, []graph.Note{sn.freeze, sn.review, sn.champion}},
		{`budget AND NOT freeze`, []graph.Note{sn.freeze, sn.review, sn.pricing}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			assertSameIDs(t, fmt.Sprintf("search %q", tt.query), search(t, ns, tt.query, 10), tt.want...)
		})
	}
}

func testNoteSearchErrors(t *testing.T, ns graph.NoteStore, _ *Clock) {
	mustCreateNote(t, ns, onACME, graph.NoteRisk, "Budget freeze.")
	tests := []struct {
		name  string
		query string
		limit int
		part  string
	}{
		{"EmptyQuery", "", 10, "no words"},
		{"OnlySyntax", `*:"()"`, 10, "no words"},
		{"ZeroLimit", "budget", 0, "limit 0"},
		{"NegativeLimit", "budget", -1, "limit -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ns.SearchNotes(context.Background(), tt.query, tt.limit)
			assertMessage(t, err, graph.KindInvalid, tt.part)
		})
	}
}

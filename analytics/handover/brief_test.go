package handover_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
)

func build(t *testing.T, store handover.Store, personID string) *handover.Brief {
	t.Helper()
	brief, err := handover.Build(context.Background(), store, personID, handover.Options{Report: analytics.DefaultOptions()})
	if err != nil {
		t.Fatalf("Build(%s): %v", personID, err)
	}
	return brief
}

func accountBrief(t *testing.T, b *handover.Brief, id string) *handover.AccountBrief {
	t.Helper()
	for i := range b.Accounts {
		if b.Accounts[i].Account.ID == id {
			return &b.Accounts[i]
		}
	}
	t.Fatalf("brief of %s has no account %s", b.Person.ID, id)
	return nil
}

func successorIDs(o handover.Orphan) []string {
	ids := []string{}
	for _, s := range o.Successors {
		ids = append(ids, s.PersonID)
	}
	return ids
}

const scoreTolerance = 1e-12

func TestBuildSmallPortfolio(t *testing.T) {
	brief := build(t, withoutNotes{loadStore(t, smallPortfolio())}, "va")

	want := handover.Summary{
		Accounts: 3, OwnedAccounts: 2, Contacts: 2, OnlyThreads: 1, Orphaned: 3, NewlyUnreached: 3,
		BusFactorDrops: []string{"A1", "A2"}, ARRAtRisk: 150_000,
	}
	if !reflect.DeepEqual(brief.Summary, want) {
		t.Errorf("Summary = %+v, want %+v", brief.Summary, want)
	}
	if brief.NotesAvailable {
		t.Error("NotesAvailable is true for a store without notes")
	}

	first := accountBrief(t, brief, "A1")
	if len(first.Contacts) != 1 || first.Contacts[0].PersonID != "a1" {
		t.Fatalf("contacts in A1 = %+v, want a1 only", first.Contacts)
	}
	c := first.Contacts[0]
	if !c.OnlyThread || c.Threads != 1 || c.Strength != 0.9 || !c.Qualifying || c.LastInteraction != "2026-10-01" {
		t.Errorf("contact a1 = %+v, want the only thread, 1 thread, strength 0.9, last interaction 2026-10-01", c)
	}
	if first.WhatIf == nil || !reflect.DeepEqual(first.WhatIf.NewlyUnreached, []string{"a1", "a2", "a3"}) {
		t.Errorf("what-if of A1 = %+v, want a1, a2 and a3 cut off", first.WhatIf)
	}

	third := accountBrief(t, brief, "A3")
	if !third.Owner || third.WhatIf != nil || len(third.Contacts) != 0 || len(third.Orphaned) != 0 {
		t.Errorf("A3 = %+v, want an owned account with no contacts, what-if or orphans", third)
	}
}

// TestBuildSuccessorScores checks the documented score on hand-computed
// values. The max load of the candidates is 2, because vb carries b1 and
// b2, and vc carries only d1 since its tie with a3 is below the threshold.
func TestBuildSuccessorScores(t *testing.T) {
	brief := build(t, loadStore(t, smallPortfolio()), "va")
	orphans := accountBrief(t, brief, "A1").Orphaned

	cases := []struct {
		contact    string
		cutOff     bool
		onlyDirect bool
		successors []string
		scores     []float64
	}{
		// vb: same function 0.15, availability 0. vc: warm path vc-a3-a2-a1
		// of 0.2·0.6·0.8, availability 0.05.
		{"a1", true, true, []string{"vb", "vc"}, []float64{0.15, 0.25*0.2*0.6*0.8 + 0.05}},
		// vb: same function, manager one level below director. vc: warm
		// path vc-a3-a2 of 0.2·0.6.
		{"a2", true, false, []string{"vb", "vc"}, []float64{0.25, 0.25*0.2*0.6 + 0.05}},
		// vc knows a3 at 0.2 and is an ic like a3.
		{"a3", true, false, []string{"vb", "vc"}, []float64{0.25, 0.4*0.2 + 0.10 + 0.05}},
	}
	if len(orphans) != len(cases) {
		t.Fatalf("A1 has %d orphans, want %d: %+v", len(orphans), len(cases), orphans)
	}
	for i, tc := range cases {
		o := orphans[i]
		if o.PersonID != tc.contact || o.CutOff != tc.cutOff || o.OnlyDirect != tc.onlyDirect {
			t.Errorf("orphan %d = %s cut off %v only direct %v, want %s %v %v", i, o.PersonID, o.CutOff, o.OnlyDirect,
				tc.contact, tc.cutOff, tc.onlyDirect)
		}
		if ids := successorIDs(o); !reflect.DeepEqual(ids, tc.successors) {
			t.Errorf("successors of %s = %v, want %v", tc.contact, ids, tc.successors)
			continue
		}
		for j, s := range o.Successors {
			if math.Abs(s.Score-tc.scores[j]) > scoreTolerance {
				t.Errorf("score of %s for %s = %v, want %v", s.PersonID, tc.contact, s.Score, tc.scores[j])
			}
		}
	}

	vc := orphans[0].Successors[1]
	if vc.WarmPath == nil || !reflect.DeepEqual(vc.WarmPath.Via, []string{"a3", "a2"}) {
		t.Errorf("warm path of vc to a1 = %+v, want via a3 and a2", vc.WarmPath)
	}
	if vc.Relationship != nil || vc.SameFunction || vc.SeniorityFit || vc.Load != 1 {
		t.Errorf("vc for a1 = %+v, want no relationship, other function, no seniority fit, load 1", vc)
	}
	if vc3 := orphans[2].Successors[1]; vc3.Relationship == nil || *vc3.Relationship != 0.2 {
		t.Errorf("relationship of vc with a3 = %v, want 0.2", vc3.Relationship)
	}
	for _, o := range orphans {
		for _, s := range o.Successors {
			if s.PersonID == "vd" || s.PersonID == "va" {
				t.Errorf("%s is proposed as successor for %s", s.PersonID, o.PersonID)
			}
		}
	}
}

func TestBuildNotes(t *testing.T) {
	store := &noteStore{Store: loadStore(t, smallPortfolio())}
	store.addNote("n3", graph.NoteTarget{Kind: graph.TargetRelationship, ID: "a1", OtherID: "va"}, graph.NoteContext, 3,
		"Weekly call on Tuesdays.")
	store.addNote("n1", graph.NoteTarget{Kind: graph.TargetPerson, ID: "a1"}, graph.NoteRisk, 1,
		"Supportive in meetings,\nblocks in budget review | watch out")
	store.addNote("n2", graph.NoteTarget{Kind: graph.TargetAccount, ID: "A1"}, graph.NoteOpportunity, 2,
		"Expansion into logistics next year.")
	store.addNote("n4", graph.NoteTarget{Kind: graph.TargetPerson, ID: "b2"}, graph.NoteContext, 4,
		"Not a contact of va.")

	brief := build(t, store, "va")
	if !brief.NotesAvailable {
		t.Error("NotesAvailable is false for a store with notes")
	}
	first := accountBrief(t, brief, "A1")
	if len(first.Notes) != 1 || first.Notes[0].ID != "n2" {
		t.Errorf("account notes of A1 = %+v, want n2", first.Notes)
	}
	var ids []string
	for _, n := range first.Contacts[0].Notes {
		ids = append(ids, n.ID)
	}
	if !reflect.DeepEqual(ids, []string{"n1", "n3"}) {
		t.Errorf("notes of contact a1 = %v, want the person note n1, then the relationship note n3", ids)
	}
	for _, c := range accountBrief(t, brief, "A2").Contacts {
		if len(c.Notes) != 0 {
			t.Errorf("contact %s has notes %+v, want none", c.PersonID, c.Notes)
		}
	}

	var md bytes.Buffer
	if err := brief.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	text := md.String()
	for _, want := range []string{
		"### Notes",
		"- **Account** (opportunity, va, 2026-11-02): Expansion into logistics next year.",
		"(risk, va, 2026-11-01): Supportive in meetings,\n  blocks in budget review | watch out",
		"(context, va, 2026-11-03): Weekly call on Tuesdays.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Not a contact of va") {
		t.Error("Markdown shows a note on someone who is no contact")
	}
}

func TestBuildDepartedPerson(t *testing.T) {
	brief := build(t, loadStore(t, smallPortfolio()), "vd")

	if len(brief.Accounts) != 1 {
		t.Fatalf("brief of vd has %d accounts, want 1 (A1)", len(brief.Accounts))
	}
	a := brief.Accounts[0]
	// The reports already leave vd out, so vd is nobody's thread and
	// leaving changes nothing. va still reaches a2 through a1.
	if len(a.Contacts) != 1 || a.Contacts[0].OnlyThread {
		t.Errorf("contacts of vd = %+v, want a2, not as only thread", a.Contacts)
	}
	if a.WhatIf == nil || len(a.WhatIf.NewlyUnreached) != 0 {
		t.Errorf("what-if of vd = %+v, want no change", a.WhatIf)
	}
	if len(a.Orphaned) != 1 || a.Orphaned[0].PersonID != "a2" || !a.Orphaned[0].OnlyDirect || a.Orphaned[0].CutOff {
		t.Errorf("orphans of vd = %+v, want a2 as only direct relationship", a.Orphaned)
	}

	var md bytes.Buffer
	if err := brief.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if want := "Vendor vd has already departed, so the reports leave them out"; !strings.Contains(md.String(), want) {
		t.Errorf("Markdown lacks %q:\n%s", want, md.String())
	}
}

func TestBuildRejects(t *testing.T) {
	store := loadStore(t, smallPortfolio())
	cases := []struct {
		name   string
		person string
		opts   handover.Options
		kind   graph.ErrorKind
		want   string
	}{
		{"unknown person", "nobody", handover.Options{Report: analytics.DefaultOptions()}, graph.KindNotFound, `person "nobody" not found`},
		{"customer person", "a1", handover.Options{Report: analytics.DefaultOptions()}, graph.KindInvalid, "handover briefs are for vendor people"},
		{"bad threshold", "va", handover.Options{}, graph.KindInvalid, "invalid threshold"},
		{"negative successors", "va", handover.Options{Report: analytics.DefaultOptions(), Successors: -1}, graph.KindInvalid, "invalid successor count -1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := handover.Build(context.Background(), store, tc.person, tc.opts)
			if graph.KindOf(err) != tc.kind {
				t.Errorf("kind = %s, want %s (error %v)", graph.KindOf(err), tc.kind, err)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v does not contain %q", err, tc.want)
			}
		})
	}
}

func TestBuildSuccessorLimit(t *testing.T) {
	store := loadStore(t, smallPortfolio())
	brief, err := handover.Build(context.Background(), store, "va", handover.Options{Report: analytics.DefaultOptions(), Successors: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range accountBrief(t, brief, "A1").Orphaned {
		if len(o.Successors) != 1 {
			t.Errorf("%s has %d successors, want 1", o.PersonID, len(o.Successors))
		}
	}
}

func TestBriefJSONFields(t *testing.T) {
	brief := build(t, loadStore(t, smallPortfolio()), "va")
	data, err := json.Marshal(brief)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"person", "threshold", "notes_available", "summary", "accounts", "names"} {
		if _, ok := fields[name]; !ok {
			t.Errorf("brief JSON lacks %q", name)
		}
	}
	if !strings.Contains(string(data), `"what_if":null`) {
		t.Errorf("brief JSON has no null what_if for the owned-only account A3")
	}
}

package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/httpapi"
)

func TestGetHandover(t *testing.T) {
	opts := handover.Options{Report: analytics.DefaultOptions(), Successors: 2}
	opts.Report.Threshold = 0.3
	checkBriefMatchesBuild(t, "/api/v1/people/v-07/handover?threshold=0.3&successors=2", opts)
}

func TestGetHandoverSampledMatchesBuild(t *testing.T) {
	opts := handover.Options{Report: analytics.DefaultOptions(), Successors: handover.DefaultSuccessors}
	opts.Report.BetweennessSamples = 3
	opts.Report.BetweennessSeed = 7
	checkBriefMatchesBuild(t, "/api/v1/people/v-07/handover?betweenness_samples=3&betweenness_seed=7", opts)
}

// checkBriefMatchesBuild checks that GET target on the test server returns
// the brief of v-07 that handover.Build computes with opts.
func checkBriefMatchesBuild(t *testing.T, target string, opts handover.Options) {
	t.Helper()
	ts := newTestServer(t)
	var got handover.Brief
	decode(t, ts.get(target), http.StatusOK, &got)

	store, ok := ts.store.(handover.Store)
	if !ok {
		t.Fatal("the test store implements no handover.Store")
	}
	want, err := handover.Build(context.Background(), store, "v-07", opts)
	if err != nil {
		t.Fatal(err)
	}
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(want)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("GET %s: brief differs from handover.Build:\ngot  %s\nwant %s", target, gotJSON, wantJSON)
	}
}

func TestGetHandoverMarkdown(t *testing.T) {
	ts := newTestServer(t)
	rec := ts.get("/api/v1/people/v-07/handover?format=markdown")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, want 200; body %s", rec.Code, rec.Body.String())
	}
	if got := rec.Header().Get("Content-Type"); got != httpapi.MarkdownContentType {
		t.Errorf("Content-Type %q, want %q", got, httpapi.MarkdownContentType)
	}
	body := rec.Body.String()
	for _, want := range []string{"# Handover brief: ", "\n## Summary\n", "\n### Contacts\n", "\n### Successors\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
}

func TestGetHandoverRejects(t *testing.T) {
	ts := newTestServer(t)
	cases := []struct {
		target string
		status int
		want   string
	}{
		{"/api/v1/people/acct-01-p01/handover", http.StatusBadRequest, "handover briefs are for vendor people"},
		{"/api/v1/people/v-07/handover?successors=0", http.StatusBadRequest, `invalid successors "0"`},
		{"/api/v1/people/v-07/handover?format=pdf", http.StatusBadRequest, `invalid format "pdf"`},
		{"/api/v1/people/v-07/handover?threshold=-1", http.StatusBadRequest, `invalid threshold "-1"`},
		{"/api/v1/people/nobody/handover", http.StatusNotFound, `"nobody"`},
		{"/api/v1/people/v-07/handover?betweenness_samples=0", http.StatusBadRequest, `"0"`},
		{"/api/v1/people/v-07/handover?betweenness_seed=3", http.StatusBadRequest, "betweenness_samples"},
	}
	for _, tc := range cases {
		p := decodeProblem(t, ts.get(tc.target), tc.status)
		if !strings.Contains(p.Detail, tc.want) {
			t.Errorf("%s: detail %q does not contain %q", tc.target, p.Detail, tc.want)
		}
	}
}

func TestHandoverResponsesMatchOpenAPI(t *testing.T) {
	spec := loadSpec(t)
	ts := newTestServer(t)
	limited := newTestServerWith(t, httpapi.Config{Store: storeWithoutPeople{ts.store}})
	template := "/api/v1/people/{id}/handover"
	get := func(target string, status int) documentedCase {
		return documentedCase{template, jsonRequest(http.MethodGet, target, ""), status}
	}
	addHandoverNotes(t, ts)
	for _, id := range []string{"v-07", "v-08", "v-12", "v-15", "v-22"} {
		checkDocumented(t, spec, ts, get("/api/v1/people/"+id+"/handover", http.StatusOK))
	}
	checkNotesInBrief(t, ts)
	checkDocumented(t, spec, ts, get("/api/v1/people/acct-01-p01/handover", http.StatusBadRequest))
	checkDocumented(t, spec, ts, get("/api/v1/people/nobody/handover", http.StatusNotFound))
	checkDocumented(t, spec, limited, get("/api/v1/people/v-07/handover", http.StatusNotImplemented))
}

// addHandoverNotes adds notes on a contact of v-07, on their relationship
// and on the account, when the test store keeps notes.
func addHandoverNotes(t *testing.T, ts *testServer) {
	t.Helper()
	notes, ok := ts.store.(graph.NoteStore)
	if !ok {
		t.Log("the test store keeps no notes, so the brief's notes are not checked against openapi.json")
		return
	}
	targets := []graph.NoteTarget{
		{Kind: graph.TargetPerson, ID: "acct-01-p01"},
		{Kind: graph.TargetRelationship, ID: "acct-01-p01", OtherID: "v-07"},
		{Kind: graph.TargetAccount, ID: "acct-01"},
	}
	for _, target := range targets {
		_, err := notes.CreateNote(context.Background(), graph.NewNote{
			Target: target, Author: "v-07", Kind: graph.NoteRisk, Text: "Blocks in budget review.",
		})
		if err != nil {
			t.Fatalf("create note on %+v: %v", target, err)
		}
	}
}

// checkNotesInBrief checks that the brief of v-07 carries the notes of
// addHandoverNotes.
func checkNotesInBrief(t *testing.T, ts *testServer) {
	t.Helper()
	if _, ok := ts.store.(graph.NoteStore); !ok {
		return
	}
	var brief handover.Brief
	decode(t, ts.get("/api/v1/people/v-07/handover"), http.StatusOK, &brief)
	if !brief.NotesAvailable {
		t.Error("notes_available is false for a store that keeps notes")
	}
	for _, a := range brief.Accounts {
		if a.Account.ID != "acct-01" {
			continue
		}
		if len(a.Notes) != 1 {
			t.Errorf("acct-01 has %d account notes, want 1", len(a.Notes))
		}
		for _, c := range a.Contacts {
			if c.PersonID == "acct-01-p01" && len(c.Notes) != 2 {
				t.Errorf("contact acct-01-p01 has %d notes, want the person note and the relationship note", len(c.Notes))
			}
		}
	}
}

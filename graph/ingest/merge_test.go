package ingest_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

func TestPeopleIndexResolve(t *testing.T) {
	ix := ingest.NewPeopleIndex([]graph.Person{
		{ID: "P1", Email: "Ann@Example.com"},
		{ID: "P2", Email: "shared@example.com"},
		{ID: "P3", Email: "shared@example.com"},
	})
	tests := []struct {
		key    string
		wantID string
		wantOK bool
	}{
		{"P1", "P1", true},
		{"ann@example.COM", "P1", true},
		{" ann@example.com ", "P1", true},
		{"shared@example.com", "", false},
		{"nobody@example.com", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		id, ok := ix.Resolve(tc.key)
		if id != tc.wantID || ok != tc.wantOK {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tc.key, id, ok, tc.wantID, tc.wantOK)
		}
	}
}

func TestMerge(t *testing.T) {
	base := &graph.Dataset{
		Accounts: []graph.Account{{ID: "A1", Name: "Northwind", Tier: 1}},
		People: []graph.Person{
			{ID: "V1", Name: "Vera", Side: graph.SideVendor, Email: "vera@vendor.example", Status: graph.StatusActive},
			{ID: "C1", Name: "Maria Lopez", Side: graph.SideCustomer, AccountID: "A1", Title: "CFO", Email: "maria@northwind.example", Status: graph.StatusActive},
			{ID: "C2", Name: "Tom", Side: graph.SideCustomer, AccountID: "A1", Email: "it@northwind.example", Status: graph.StatusActive},
			{ID: "C3", Name: "Tim", Side: graph.SideCustomer, AccountID: "A1", Email: "it@northwind.example", Status: graph.StatusActive},
		},
		Relationships: []graph.Relationship{{PersonA: "V1", PersonB: "C1", Strength: 0.25, Source: "crm"}},
	}
	incoming := &graph.Dataset{
		Accounts: []graph.Account{{ID: "hs-9", Name: "NORTHWIND", ARR: 5000}},
		People: []graph.Person{
			{ID: "hs-1", Name: "Maria Lopez", Side: graph.SideCustomer, AccountID: "hs-9", Title: "Chief Financial Officer",
				Function: "Finance", Email: "MARIA@northwind.example", Status: graph.StatusActive},
			{ID: "hs-2", Name: "IT Desk", Side: graph.SideCustomer, AccountID: "hs-9", Email: "it@northwind.example", Status: graph.StatusActive},
			{ID: "V1", Name: "Vera", Side: graph.SideVendor, Status: graph.StatusActive},
			{ID: "hs-3", Name: "Vera Again", Side: graph.SideVendor, Email: "maria@northwind.example", Status: graph.StatusActive},
		},
		Relationships: []graph.Relationship{
			{PersonA: "hs-1", PersonB: "V1", Strength: 0.6, Source: "interactions"},
			{PersonA: "hs-2", PersonB: "V1", Strength: 0.3, Source: "interactions"},
		},
	}
	merged, report := ingest.Merge(base, incoming)

	wantMatched := []ingest.Match{{IncomingID: "hs-1", BaseID: "C1", By: "email"}, {IncomingID: "V1", BaseID: "V1", By: "id"}}
	if len(report.Matched) != 2 || report.Matched[0] != wantMatched[0] || report.Matched[1] != wantMatched[1] {
		t.Errorf("matched = %+v, want %+v", report.Matched, wantMatched)
	}
	if len(report.New) != 2 || report.New[0] != "hs-2" || report.New[1] != "hs-3" {
		t.Errorf("new = %v, want hs-2 and hs-3", report.New)
	}
	if len(report.MatchedAccounts) != 1 || report.MatchedAccounts[0].By != "name" {
		t.Errorf("matched accounts = %+v, want A1 by name", report.MatchedAccounts)
	}
	fields := map[string]bool{}
	for _, c := range report.Conflicts {
		fields[c.ID+"/"+c.Field] = true
	}
	for _, want := range []string{"C1/title", "hs-2/email", "hs-3/side"} {
		if !fields[want] {
			t.Errorf("conflicts = %+v, want one for %s", report.Conflicts, want)
		}
	}
	if len(report.Conflicts) != 3 {
		t.Errorf("conflicts = %+v, want 3", report.Conflicts)
	}

	c1 := merged.People[1]
	if c1.Title != "CFO" || c1.Function != "Finance" {
		t.Errorf("C1 = %+v, want the base title kept and the empty function filled", c1)
	}
	if merged.Accounts[0].ARR != 5000 || len(merged.Accounts) != 1 {
		t.Errorf("accounts = %+v, want A1 with the incoming ARR", merged.Accounts)
	}
	if len(merged.People) != 6 || merged.People[4].AccountID != "A1" {
		t.Errorf("people = %+v, want hs-2 added on A1", merged.People)
	}
	wantRels := []graph.Relationship{
		{PersonA: "C1", PersonB: "V1", Strength: 0.6, Source: "interactions"},
		{PersonA: "hs-2", PersonB: "V1", Strength: 0.3, Source: "interactions"},
	}
	if len(merged.Relationships) != 2 || merged.Relationships[0] != wantRels[0] || merged.Relationships[1] != wantRels[1] {
		t.Errorf("relationships = %+v, want %+v", merged.Relationships, wantRels)
	}
	if report.CombinedRelationships != 1 {
		t.Errorf("combined = %d, want 1", report.CombinedRelationships)
	}
	if base.People[1].Function != "" {
		t.Error("Merge changed base")
	}
}

package graph_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
)

func validDataset() *graph.Dataset {
	return &graph.Dataset{
		Accounts: []graph.Account{{ID: "A", Name: "Acme", OwnerID: "V1"}},
		People: []graph.Person{
			{ID: "V1", Name: "Vera", Side: graph.SideVendor, Status: graph.StatusActive},
			{ID: "V2", Name: "Vic", Side: graph.SideVendor, Status: graph.StatusActive, ManagerID: "V1"},
			{ID: "C1", Name: "Cara", Side: graph.SideCustomer, AccountID: "A", Status: graph.StatusActive},
			{ID: "C2", Name: "Cid", Side: graph.SideCustomer, AccountID: "A", Status: graph.StatusActive, ManagerID: "C1"},
		},
		Relationships: []graph.Relationship{{PersonA: "V1", PersonB: "C1", Strength: 1}},
	}
}

func TestPlanValid(t *testing.T) {
	summary, err := graph.Plan(validDataset(), graph.Existing{})
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	if summary.People.Created != 4 || summary.Relationships.Created != 1 || summary.Accounts.Created != 1 {
		t.Errorf("summary = %+v", summary)
	}
}

func TestPlanCountsAgainstExisting(t *testing.T) {
	ds := validDataset()
	ex := graph.Existing{
		Accounts: map[string]graph.Account{"A": ds.Accounts[0]},
		People:   map[string]graph.Person{"V1": ds.People[0], "C1": {ID: "C1", Name: "Old", Side: graph.SideCustomer, AccountID: "A", Status: graph.StatusActive}},
		Relationships: map[graph.PairKey]graph.Relationship{
			graph.Pair("V1", "C1"): {PersonA: "C1", PersonB: "V1", Strength: 1},
		},
	}
	summary, err := graph.Plan(ds, ex)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	want := graph.ImportSummary{
		Accounts:      graph.Counts{Unchanged: 1},
		People:        graph.Counts{Created: 2, Updated: 1, Unchanged: 1},
		Relationships: graph.Counts{Unchanged: 1},
	}
	if summary != want {
		t.Errorf("summary = %+v, want %+v", summary, want)
	}
}

func TestPlanRejects(t *testing.T) {
	tests := []struct {
		name     string
		mutate   func(ds *graph.Dataset)
		wantCol  string
		wantText string
	}{
		{"VendorWithAccount", func(ds *graph.Dataset) { ds.People[0].AccountID = "A" }, "account_id", "vendor people belong to no account"},
		{"VendorWithRole", func(ds *graph.Dataset) { ds.People[0].Role = graph.RoleChampion }, "role", "vendor people have no customer role"},
		{"CustomerWithoutAccount", func(ds *graph.Dataset) { ds.People[2].AccountID = "" }, "account_id", "missing account_id"},
		{"ManagerOtherSide", func(ds *graph.Dataset) { ds.People[3].ManagerID = "V1" }, "manager_id", "another organisation"},
		{"OwnManager", func(ds *graph.Dataset) { ds.People[1].ManagerID = "V2" }, "manager_id", "their own manager"},
		{"BadEmail", func(ds *graph.Dataset) { ds.People[1].Email = "vic" }, "email", "invalid email"},
		{"MissingName", func(ds *graph.Dataset) { ds.People[1].Name = " " }, "name", "missing name"},
		{"BadTier", func(ds *graph.Dataset) { ds.Accounts[0].Tier = 7 }, "tier", "invalid tier"},
		{"UnknownOwner", func(ds *graph.Dataset) { ds.Accounts[0].OwnerID = "X" }, "owner_id", `unknown owner_id "X"`},
		{"DuplicateAccount", func(ds *graph.Dataset) { ds.Accounts = append(ds.Accounts, ds.Accounts[0]) }, "account_id", "duplicate account_id"},
		{"BadDate", func(ds *graph.Dataset) { ds.Relationships[0].LastInteraction = "2026-13-01" }, "last_interaction", "invalid date"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds := validDataset()
			tc.mutate(ds)
			_, err := graph.Plan(ds, graph.Existing{})
			var ie *graph.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error = %v, want *graph.ImportError", err)
			}
			p := ie.Problems[0]
			if p.Column != tc.wantCol {
				t.Errorf("column = %q, want %q", p.Column, tc.wantCol)
			}
			if !strings.Contains(p.Message, tc.wantText) {
				t.Errorf("message = %q, want it to contain %q", p.Message, tc.wantText)
			}
		})
	}
}

func TestPlanNamesLines(t *testing.T) {
	ds := validDataset()
	ds.Relationships = append(ds.Relationships, graph.Relationship{PersonA: "C1", PersonB: "V1", Strength: 0.5})
	ds.Origin = &graph.Origin{RelationshipsFile: "relationships.csv", RelationshipLines: []int{2, 7}}

	_, err := graph.Plan(ds, graph.Existing{})
	if err == nil {
		t.Fatal("Plan accepted a duplicate pair")
	}
	want := `relationships.csv:7: column person_b: duplicate relationship between "C1" and "V1", first given on line 2`
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error = %q, want it to contain %q", err, want)
	}
}

func TestImportErrorTruncates(t *testing.T) {
	ds := validDataset()
	for i := 0; i < graph.MaxProblems+5; i++ {
		ds.Relationships = append(ds.Relationships, graph.Relationship{PersonA: "V1", PersonB: "NOBODY", Strength: 0.5})
	}
	_, err := graph.Plan(ds, graph.Existing{})
	var ie *graph.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error = %v, want *graph.ImportError", err)
	}
	if len(ie.Problems) != graph.MaxProblems || !ie.Truncated {
		t.Errorf("got %d problems, truncated %v; want %d and true", len(ie.Problems), ie.Truncated, graph.MaxProblems)
	}
	if !strings.Contains(err.Error(), "at least") {
		t.Errorf("error %q does not say more problems were cut", err)
	}
}

func TestPlanDepartedOn(t *testing.T) {
	ds := validDataset()
	ds.People[1].DepartedOn = "2026-11-30"
	_, err := graph.Plan(ds, graph.Existing{})
	if err == nil || !strings.Contains(err.Error(), "status is not departed") {
		t.Fatalf("error = %v, want a departed_on problem", err)
	}

	ds.People[1].Status = graph.StatusDeparted
	if _, err := graph.Plan(ds, graph.Existing{}); err != nil {
		t.Errorf("Plan of a departed person with a date: %v", err)
	}
}

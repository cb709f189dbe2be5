package neo4jstore

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
)

func TestDecodePersonLists(t *testing.T) {
	departed := neo4j.DateOf(time.Date(2025, time.September, 30, 0, 0, 0, 0, time.UTC))
	items := []any{
		[]any{"c-ann", "Ann Archer", "customer", "Head of FP&A", "Finance", "Finance Ops", "DACH",
			"director", "champion", "departed", departed, "ann@acme.example", "acme", "c-cfo"},
		// Nulls read as empty fields, and a missing status as active.
		[]any{"v-dan", "Dan Dunn", "vendor", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
	}
	got, err := decodePersonLists(items)
	if err != nil {
		t.Fatalf("decodePersonLists: %v", err)
	}
	want := []graph.Person{
		{ID: "c-ann", Name: "Ann Archer", Side: graph.SideCustomer, Title: "Head of FP&A", Function: "Finance",
			BusinessUnit: "Finance Ops", Geography: "DACH", Seniority: graph.SeniorityDirector,
			Role: graph.RoleChampion, Status: graph.StatusDeparted, DepartedOn: "2025-09-30",
			Email: "ann@acme.example", AccountID: "acme", ManagerID: "c-cfo"},
		{ID: "v-dan", Name: "Dan Dunn", Side: graph.SideVendor, Status: graph.StatusActive},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decodePersonLists:\ngot  %+v\nwant %+v", got, want)
	}
}

func TestDecodeRelationshipLists(t *testing.T) {
	last := neo4j.DateOf(time.Date(2025, time.November, 2, 0, 0, 0, 0, time.UTC))
	items := []any{
		[]any{"v-amy", []any{
			[]any{"c-ann", 0.8, "sponsor", last, "crm"},
			[]any{"v-bob", int64(1), nil, nil, nil},
		}},
		// A relationship stored from the higher id comes back canonical.
		[]any{"z-zed", []any{[]any{"a-abe", 0.3, nil, "2024-01-31", nil}}},
		[]any{"v-cat", []any{}},
	}
	got, err := decodeRelationshipLists(items)
	if err != nil {
		t.Fatalf("decodeRelationshipLists: %v", err)
	}
	want := []graph.Relationship{
		{PersonA: "c-ann", PersonB: "v-amy", Strength: 0.8, Type: "sponsor", LastInteraction: "2025-11-02", Source: "crm"},
		{PersonA: "v-amy", PersonB: "v-bob", Strength: 1},
		{PersonA: "a-abe", PersonB: "z-zed", Strength: 0.3, LastInteraction: "2024-01-31"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decodeRelationshipLists:\ngot  %+v\nwant %+v", got, want)
	}
}

func TestDecodeAccountList(t *testing.T) {
	renewal := neo4j.DateOf(time.Date(2026, time.March, 31, 0, 0, 0, 0, time.UTC))
	got, err := decodeAccountList([]any{"acme", "Acme Corp", int64(1), 1200000.5, renewal, "v-amy"})
	if err != nil {
		t.Fatalf("decodeAccountList: %v", err)
	}
	want := graph.Account{ID: "acme", Name: "Acme Corp", Tier: 1, ARR: 1200000.5, RenewalDate: "2026-03-31", OwnerID: "v-amy"}
	if got != want {
		t.Errorf("decodeAccountList = %+v, want %+v", got, want)
	}
}

func TestDecodeListsRejectBadValues(t *testing.T) {
	person := func(values ...any) []any {
		p := []any{"c-ann", "Ann", "customer", nil, nil, nil, nil, nil, nil, "active", nil, nil, "acme", nil}
		copy(p, values)
		return p
	}
	tests := []struct {
		name   string
		decode func() error
		want   string
	}{
		{"person not a list", func() error {
			_, err := decodePersonLists([]any{map[string]any{"id": "c-ann"}})
			return err
		}, "stored person: unexpected map[string]interface {}: expected a list of 14 values"},
		{"person list too short", func() error {
			_, err := decodePersonLists([]any{[]any{"c-ann", "Ann"}})
			return err
		}, "stored person: unexpected list of 2 values: expected 14"},
		{"person name not a string", func() error {
			_, err := decodePersonLists([]any{person("c-ann", int64(7))})
			return err
		}, `stored person "c-ann": unexpected int64 7 in property name: expected a string`},
		{"relationship strength not a number", func() error {
			_, err := decodeRelationshipLists([]any{[]any{"v-amy", []any{[]any{"c-ann", "strong", nil, nil, nil}}}})
			return err
		}, `stored relationship ("v-amy", "c-ann"): unexpected string strong in property strength: expected a number`},
		{"relationship date invalid", func() error {
			_, err := decodeRelationshipLists([]any{[]any{"v-amy", []any{[]any{"c-ann", 0.5, nil, "31/01/2024", nil}}}})
			return err
		}, `stored relationship ("v-amy", "c-ann"): unexpected string 31/01/2024 in property last_interaction: expected a date`},
		{"relationship targets not a list", func() error {
			_, err := decodeRelationshipLists([]any{[]any{"v-amy", "c-ann"}})
			return err
		}, `stored relationship "v-amy": unexpected string c-ann in property targets: expected a list`},
		{"account tier not an integer", func() error {
			_, err := decodeAccountList([]any{"acme", "Acme", 1.5, nil, nil, nil})
			return err
		}, `stored account "acme": unexpected float64 1.5 in property tier: expected an integer`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.decode()
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

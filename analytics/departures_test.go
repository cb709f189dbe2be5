package analytics_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

func departedOn(p graph.Person, date graph.Date) graph.Person {
	p.Status = graph.StatusDeparted
	p.DepartedOn = date
	return p
}

// departuresGraph has a champion c1 who left in March, a vendor v2 who
// left in June, a vendor v3 and a customer c4 who left on unknown dates,
// and a relationship below the threshold.
var departuresGraph = newAccountGraph(
	[]graph.Person{
		vendorPerson("v1", "sales"),
		departedOn(vendorPerson("v2", "sales"), "2026-06-15"),
		departedOn(vendorPerson("v3", "support"), ""),
		departedOn(customerPerson("c1", graph.SeniorityDirector, graph.RoleChampion), "2026-03-01"),
		customerPerson("c2", graph.SeniorityVP, graph.RoleDecisionMaker),
		customerPerson("c3", graph.SeniorityIC, ""),
		departedOn(customerPerson("c4", graph.SeniorityIC, ""), ""),
	},
	rel("v1", "c1", 1), rel("v2", "c1", 0.5), rel("c1", "c2", 0.8), rel("c1", "c3", 0.1),
	rel("v1", "v2", 1), rel("v2", "c2", 0.3), rel("v3", "c3", 1), rel("c4", "c3", 1),
)

func departureIDs(ds []analytics.Departure) []string {
	ids := []string{}
	for _, d := range ds {
		ids = append(ids, d.PersonID)
	}
	return ids
}

func TestDeparturesPeriod(t *testing.T) {
	cases := []struct {
		name     string
		from, to graph.Date
		want     []string
	}{
		{"every dated departure", "", "", []string{"c1", "v2"}},
		{"from only", "2026-03-02", "", []string{"v2"}},
		{"to only", "", "2026-03-01", []string{"c1"}},
		{"both bounds inclusive", "2026-03-01", "2026-06-15", []string{"c1", "v2"}},
		{"empty period", "2026-07-01", "2026-12-31", []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := analytics.DefaultOptions()
			opts.DeparturesFrom, opts.DeparturesTo = tc.from, tc.to
			got := analytics.Departures(departuresGraph, opts)
			if ids := departureIDs(got); !reflect.DeepEqual(ids, tc.want) {
				t.Errorf("departures = %v, want %v", ids, tc.want)
			}
		})
	}
}

func TestDeparturesRelationships(t *testing.T) {
	got := analytics.Departures(departuresGraph, analytics.DefaultOptions())
	if len(got) != 2 {
		t.Fatalf("got %d departures, want 2: %+v", len(got), got)
	}

	champion := got[0]
	if champion.PersonID != "c1" || champion.Side != "customer" || champion.DepartedOn != "2026-03-01" {
		t.Errorf("first departure = %s %s %s, want c1 customer 2026-03-01", champion.PersonID, champion.Side, champion.DepartedOn)
	}
	// c1-c3 is below the threshold.
	if want := []string{"c1-c2", "c1-v1", "c1-v2"}; !reflect.DeepEqual(pairs(champion.Relationships), want) {
		t.Errorf("relationships of c1 = %v, want %v", pairs(champion.Relationships), want)
	}

	// v1-v2 is between two vendors, so the account did not lose it.
	vendor := got[1]
	if want := []string{"c1-v2", "c2-v2"}; !reflect.DeepEqual(pairs(vendor.Relationships), want) {
		t.Errorf("relationships of v2 = %v, want %v", pairs(vendor.Relationships), want)
	}
}

func pairs(rels []graph.Relationship) []string {
	out := []string{}
	for _, r := range rels {
		out = append(out, r.PersonA+"-"+r.PersonB)
	}
	return out
}

func TestReportDepartures(t *testing.T) {
	opts := analytics.DefaultOptions()
	opts.DeparturesFrom = "2026-06-01"
	report, err := analytics.Compute(context.Background(), departuresGraph, opts)
	if err != nil {
		t.Fatal(err)
	}
	if ids := departureIDs(report.Departures); !reflect.DeepEqual(ids, []string{"v2"}) {
		t.Errorf("report departures = %v, want [v2]", ids)
	}

	opts.DeparturesFrom = "2027-01-01"
	report, err = analytics.Compute(context.Background(), departuresGraph, opts)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(report)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), `"departures"`) {
		t.Errorf("report JSON has a departures field although none falls in the period")
	}
}

func TestOptionsValidateDeparturePeriod(t *testing.T) {
	cases := []struct {
		name     string
		from, to graph.Date
		want     string
	}{
		{"bad from", "2026-13-01", "", `invalid departures from date "2026-13-01"`},
		{"bad to", "", "30/11/2026", `invalid departures to date "30/11/2026"`},
		{"reversed", "2026-12-01", "2026-11-30", "from 2026-12-01 is after to 2026-11-30"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := analytics.DefaultOptions()
			opts.DeparturesFrom, opts.DeparturesTo = tc.from, tc.to
			err := opts.Validate()
			if err == nil {
				t.Fatal("Validate returned no error")
			}
			if graph.KindOf(err) != graph.KindInvalid {
				t.Errorf("kind = %s, want %s", graph.KindOf(err), graph.KindInvalid)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

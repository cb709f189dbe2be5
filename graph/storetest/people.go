package storetest

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
)

// peopleTests are the cases of graph.PeopleStore. They skip on a store
// that does not implement it.
func peopleTests() []struct {
	name string
	fn   func(t *testing.T, s graph.Store)
} {
	return []struct {
		name string
		fn   func(t *testing.T, s graph.Store)
	}{
		{"People/FixtureSetsEveryField", testFixtureSetsEveryField},
		{"People/PersonRoundTrip", testPersonRoundTrip},
		{"People/PersonNotFound", testPersonNotFound},
		{"People/PersonAccounts", testPersonAccounts},
		{"People/MarkDeparted", testMarkDeparted},
		{"People/MarkDepartedInvalidDate", testMarkDepartedInvalidDate},
	}
}

func peopleStore(t *testing.T, s graph.Store) graph.PeopleStore {
	t.Helper()
	ps, ok := s.(graph.PeopleStore)
	if !ok {
		t.Skipf("%T does not implement graph.PeopleStore", s)
	}
	return ps
}

// testFixtureSetsEveryField guards the round trips: a field that no
// fixture record sets cannot show that a store keeps it.
func testFixtureSetsEveryField(t *testing.T, _ graph.Store) {
	ds := Fixture()
	checkEveryFieldSet(t, ds.Accounts)
	checkEveryFieldSet(t, ds.People)
	checkEveryFieldSet(t, ds.Relationships)
}

func checkEveryFieldSet[T any](t *testing.T, records []T) {
	t.Helper()
	typ := reflect.TypeFor[T]()
	for i := range typ.NumField() {
		set := slices.ContainsFunc(records, func(r T) bool {
			return !reflect.ValueOf(r).Field(i).IsZero()
		})
		if !set {
			t.Errorf("no %s of Fixture sets the field %s", typ.Name(), typ.Field(i).Name)
		}
	}
}

func testPersonRoundTrip(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())
	ps := peopleStore(t, s)

	for _, want := range Fixture().People {
		got, err := ps.Person(context.Background(), want.ID)
		if err != nil {
			t.Errorf("Person(%s): %v", want.ID, err)
			continue
		}
		if got != want {
			t.Errorf("Person(%s):\n got %+v\nwant %+v", want.ID, got, want)
		}
	}
}

func testPersonNotFound(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())
	ps := peopleStore(t, s)
	ctx := context.Background()

	_, err := ps.Person(ctx, "NOBODY")
	assertNotFound(t, err, `person "NOBODY" not found`)
	_, err = ps.PersonAccounts(ctx, "NOBODY")
	assertNotFound(t, err, `person "NOBODY" not found`)
	_, err = ps.MarkDeparted(ctx, "NOBODY", "2026-11-30")
	assertNotFound(t, err, `person "NOBODY" not found`)
}

func assertNotFound(t *testing.T, err error, message string) {
	t.Helper()
	assertKind(t, err, graph.KindNotFound)
	if got := graph.MessageOf(err); !strings.Contains(got, message) {
		t.Errorf("message %q does not contain %q", got, message)
	}
}

func testPersonAccounts(t *testing.T, s graph.Store) {
	ds := Fixture()
	ds.People = append(ds.People, graph.Person{ID: "V4", Name: "Vic Idle", Side: graph.SideVendor, Status: graph.StatusActive})
	mustImport(t, s, ds)
	ps := peopleStore(t, s)

	tests := []struct {
		id   string
		want []string
	}{
		{"V1", []string{"ACME"}},   // owns ACME and relates to C1 of ACME
		{"V2", []string{"GLOBEX"}}, // relates to G1 of GLOBEX and to vendor people only otherwise
		{"V3", []string{"ACME"}},   // relates to C3, who departed, at strength 0.1
		{"V4", []string{}},         // no account and no relationship
		{"C1", []string{"ACME"}},   // a customer's own account only, though C1 relates to G1 of GLOBEX
		{"G2", []string{"GLOBEX"}}, // no relationship at all
	}
	for _, tt := range tests {
		got, err := ps.PersonAccounts(context.Background(), tt.id)
		if err != nil {
			t.Errorf("PersonAccounts(%s): %v", tt.id, err)
			continue
		}
		if len(got) != len(tt.want) || (len(got) > 0 && !slices.Equal(got, tt.want)) {
			t.Errorf("PersonAccounts(%s) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func testMarkDeparted(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())
	ps := peopleStore(t, s)
	ctx := context.Background()
	before := mustExport(t, s)

	want := Fixture().People[3] // C1
	want.Status = graph.StatusDeparted
	want.DepartedOn = "2026-11-30"
	got, err := ps.MarkDeparted(ctx, "C1", "2026-11-30")
	if err != nil {
		t.Fatalf("MarkDeparted: %v", err)
	}
	if got != want {
		t.Errorf("MarkDeparted returned\n got %+v\nwant %+v", got, want)
	}
	stored, err := ps.Person(ctx, "C1")
	if err != nil {
		t.Fatalf("Person: %v", err)
	}
	if stored != want {
		t.Errorf("Person after MarkDeparted\n got %+v\nwant %+v", stored, want)
	}

	after := mustExport(t, s)
	if !reflect.DeepEqual(after.Relationships, before.Relationships) {
		t.Errorf("MarkDeparted changed relationships:\n got %+v\nwant %+v", after.Relationships, before.Relationships)
	}
	expected := Canonical(Fixture())
	expected.People[slices.IndexFunc(expected.People, func(p graph.Person) bool { return p.ID == "C1" })] = want
	assertSameData(t, after, expected)

	// Marking again changes only the date, and an empty date is allowed.
	want.DepartedOn = "2026-12-01"
	if got, err = ps.MarkDeparted(ctx, "C1", "2026-12-01"); err != nil || got != want {
		t.Errorf("second MarkDeparted = %+v, %v; want %+v", got, err, want)
	}
	undated := Fixture().People[4] // C2
	undated.Status = graph.StatusDeparted
	if got, err = ps.MarkDeparted(ctx, "C2", ""); err != nil || got != undated {
		t.Errorf("MarkDeparted without a date = %+v, %v; want %+v", got, err, undated)
	}

	ag, err := s.AccountGraph(ctx, "ACME")
	if err != nil {
		t.Fatalf("AccountGraph: %v", err)
	}
	var pairs []string
	for _, r := range ag.Relationships {
		pairs = append(pairs, r.PersonA+"-"+r.PersonB)
	}
	if wantPairs := []string{"C1-C2", "C1-V1", "C3-V3"}; !slices.Equal(pairs, wantPairs) {
		t.Errorf("ACME relationships after departures = %v, want %v", pairs, wantPairs)
	}
}

func testMarkDepartedInvalidDate(t *testing.T, s graph.Store) {
	mustImport(t, s, Fixture())
	ps := peopleStore(t, s)

	_, err := ps.MarkDeparted(context.Background(), "C1", "30/11/2026")
	assertKind(t, err, graph.KindInvalid)
	if msg := graph.MessageOf(err); !strings.Contains(msg, `"30/11/2026"`) {
		t.Errorf("message %q does not name the date", msg)
	}
	assertSameData(t, mustExport(t, s), Canonical(Fixture()))
}

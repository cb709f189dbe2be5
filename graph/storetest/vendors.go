package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/gen"
)

// vendorTests are the cases of graph.VendorStore. They skip on a store
// that does not implement it.
func vendorTests() []struct {
	name string
	fn   func(t *testing.T, s graph.Store)
} {
	return []struct {
		name string
		fn   func(t *testing.T, s graph.Store)
	}{
		{"Vendors/EmptyStore", testVendorsEmptyStore},
		{"Vendors/Fixture", testVendorsFixture},
		{"Vendors/Demo", testVendorsDemo},
		{"Vendors/GeneratedPortfolio", testVendorsGeneratedPortfolio},
	}
}

func vendorStore(t *testing.T, s graph.Store) graph.VendorStore {
	t.Helper()
	vs, ok := s.(graph.VendorStore)
	if !ok {
		t.Skipf("%T does not implement graph.VendorStore", s)
	}
	return vs
}

func mustVendorPeople(t *testing.T, vs graph.VendorStore) []graph.Person {
	t.Helper()
	people, err := vs.VendorPeople(context.Background())
	if err != nil {
		t.Fatalf("VendorPeople: %v", err)
	}
	return people
}

func mustVendorNetwork(t *testing.T, vs graph.VendorStore) *graph.VendorNetwork {
	t.Helper()
	n, err := vs.VendorNetwork(context.Background())
	if err != nil {
		t.Fatalf("VendorNetwork: %v", err)
	}
	return n
}

func testVendorsEmptyStore(t *testing.T, s graph.Store) {
	vs := vendorStore(t, s)
	people := mustVendorPeople(t, vs)
	if people == nil || len(people) != 0 {
		t.Errorf("VendorPeople of an empty store = %#v, want an empty non-nil slice", people)
	}
	n := mustVendorNetwork(t, vs)
	want := &graph.VendorNetwork{Vendors: []graph.Person{}, Customers: []graph.Person{}, Relationships: []graph.Relationship{}}
	if !reflect.DeepEqual(n, want) {
		t.Errorf("VendorNetwork of an empty store = %#v, want empty non-nil slices", n)
	}
}

// testVendorsFixture checks the network of Fixture against lists worked
// out by hand: V1 to V3 are the vendor people, C1, C3 (departed) and G1
// have relationships with them, and C2 and G2 have none.
func testVendorsFixture(t *testing.T, s graph.Store) {
	vs := vendorStore(t, s)
	mustImport(t, s, Fixture())
	byID := map[string]graph.Person{}
	for _, p := range Fixture().People {
		byID[p.ID] = p
	}
	pick := func(ids ...string) []graph.Person {
		out := []graph.Person{}
		for _, id := range ids {
			out = append(out, byID[id])
		}
		return out
	}

	if got, want := mustVendorPeople(t, vs), pick("V1", "V2", "V3"); !reflect.DeepEqual(got, want) {
		t.Errorf("VendorPeople = %+v, want %+v", got, want)
	}
	n := mustVendorNetwork(t, vs)
	if want := pick("V1", "V2", "V3"); !reflect.DeepEqual(n.Vendors, want) {
		t.Errorf("VendorNetwork vendors = %+v, want %+v", n.Vendors, want)
	}
	if want := pick("C1", "C3", "G1"); !reflect.DeepEqual(n.Customers, want) {
		t.Errorf("VendorNetwork customers = %+v, want %+v", n.Customers, want)
	}
	want := []graph.Relationship{
		{PersonA: "C1", PersonB: "V1", Strength: 0.8, Type: "meeting", LastInteraction: "2026-10-01", Source: "crm"},
		{PersonA: "C3", PersonB: "V3", Strength: 0.1},
		{PersonA: "G1", PersonB: "V2", Strength: 0.6},
		{PersonA: "V1", PersonB: "V2", Strength: 1},
		{PersonA: "V2", PersonB: "V3", Strength: 0.3},
	}
	if !reflect.DeepEqual(n.Relationships, want) {
		t.Errorf("VendorNetwork relationships = %+v, want %+v", n.Relationships, want)
	}
}

func testVendorsDemo(t *testing.T, s graph.Store) {
	vs := vendorStore(t, s)
	mustImport(t, s, demo.Generate(1))
	checkVendorsMatchExport(t, s, vs)
}

// testVendorsGeneratedPortfolio imports 12 generated accounts whose
// vendor people come from a shared team, so that vendor people relate to
// customers of several accounts, and checks the network against the one
// computed from the imported dataset as well as from Export.
func testVendorsGeneratedPortfolio(t *testing.T, s graph.Store) {
	vs := vendorStore(t, s)
	ds, err := gen.Portfolio(gen.PortfolioConfig{
		Accounts: 12,
		Account:  gen.Config{People: 60, Relationships: 400, SinglePoints: 1, Seed: 11},
		Team:     20,
	})
	if err != nil {
		t.Fatalf("gen.Portfolio: %v", err)
	}
	mustImport(t, s, ds)
	checkVendorsMatchExport(t, s, vs)

	want := graph.NewVendorNetwork(Canonical(ds))
	if got := mustVendorNetwork(t, vs); !reflect.DeepEqual(got, want) {
		t.Errorf("VendorNetwork has %d vendors, %d customers and %d relationships, want %d, %d and %d from the imported dataset, or their fields differ",
			len(got.Vendors), len(got.Customers), len(got.Relationships),
			len(want.Vendors), len(want.Customers), len(want.Relationships))
	}
	if len(want.Customers) == 0 || len(want.Relationships) <= len(want.Customers) {
		t.Errorf("generated portfolio has %d customers related to vendors and %d vendor relationships: the case tests too little",
			len(want.Customers), len(want.Relationships))
	}
}

// checkVendorsMatchExport checks that both methods of vs return what the
// callers computed from Export before: analytics.PortfolioVendors and
// graph.NewVendorNetwork.
func checkVendorsMatchExport(t *testing.T, s graph.Store, vs graph.VendorStore) {
	t.Helper()
	ds := mustExport(t, s)
	if got, want := mustVendorPeople(t, vs), analytics.PortfolioVendors(ds); !reflect.DeepEqual(got, want) {
		t.Errorf("VendorPeople returned %d people, PortfolioVendors of Export %d, or their fields differ", len(got), len(want))
	}
	got, want := mustVendorNetwork(t, vs), graph.NewVendorNetwork(ds)
	if !reflect.DeepEqual(got.Vendors, want.Vendors) {
		t.Errorf("VendorNetwork returned %d vendors, Export %d, or their fields differ", len(got.Vendors), len(want.Vendors))
	}
	if !reflect.DeepEqual(got.Customers, want.Customers) {
		t.Errorf("VendorNetwork returned %d customers, Export %d, or their fields differ", len(got.Customers), len(want.Customers))
	}
	if !reflect.DeepEqual(got.Relationships, want.Relationships) {
		t.Errorf("VendorNetwork returned %d relationships, Export %d, or their fields differ",
			len(got.Relationships), len(want.Relationships))
	}
}

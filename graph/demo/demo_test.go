package demo_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
)

// seeds are the seeds every property test runs on.
var seeds = []int64{0, 1, 2, 3, 7, 42, 1234, -9, 20260101}

func TestGenerateDeterministic(t *testing.T) {
	for _, seed := range seeds {
		first := demo.Generate(seed)
		second := demo.Generate(seed)
		if !reflect.DeepEqual(first, second) {
			t.Errorf("Generate(%d) returned two different datasets", seed)
		}
	}
	if reflect.DeepEqual(demo.Generate(1), demo.Generate(2)) {
		t.Error("Generate(1) and Generate(2) are identical, want the seed to vary the data")
	}
}

func TestGenerateValid(t *testing.T) {
	for _, seed := range seeds {
		ds := demo.Generate(seed)
		summary, err := graph.Plan(ds, graph.Existing{})
		if err != nil {
			t.Fatalf("seed %d: Plan: %v", seed, err)
		}
		if summary.Accounts.Created != demo.AccountCount {
			t.Errorf("seed %d: %d accounts created, want %d", seed, summary.Accounts.Created, demo.AccountCount)
		}
		if summary.People.Created != len(ds.People) {
			t.Errorf("seed %d: %d people created, want %d", seed, summary.People.Created, len(ds.People))
		}
		if summary.Relationships.Created != len(ds.Relationships) {
			t.Errorf("seed %d: %d relationships created, want %d", seed, summary.Relationships.Created, len(ds.Relationships))
		}
	}
}

func TestGenerateVariety(t *testing.T) {
	for _, seed := range seeds {
		ds := demo.Generate(seed)
		tiers := map[int]bool{}
		for _, a := range ds.Accounts {
			tiers[a.Tier] = true
			checkAccountFields(t, seed, a)
		}
		for tier := 1; tier <= 3; tier++ {
			if !tiers[tier] {
				t.Errorf("seed %d: no account of tier %d", seed, tier)
			}
		}

		departed := map[graph.Side]int{}
		managed := map[graph.Side]int{}
		functions := map[string]bool{}
		for _, p := range ds.People {
			if !p.Active() {
				departed[p.Side]++
			}
			if p.ManagerID != "" {
				managed[p.Side]++
			}
			if p.Side == graph.SideCustomer {
				functions[graph.NormalizeFunction(p.Function)] = true
			}
		}
		for _, side := range []graph.Side{graph.SideVendor, graph.SideCustomer} {
			if departed[side] == 0 {
				t.Errorf("seed %d: no departed %s people", seed, side)
			}
			if managed[side] == 0 {
				t.Errorf("seed %d: no %s reporting lines", seed, side)
			}
		}
		for _, f := range []string{"executive", "finance", "procurement", "it", "operations", "legal"} {
			if !functions[f] {
				t.Errorf("seed %d: no customer people in function %q", seed, f)
			}
		}
	}
}

func checkAccountFields(t *testing.T, seed int64, a graph.Account) {
	t.Helper()
	if a.OwnerID == "" {
		t.Errorf("seed %d: account %s has no owner", seed, a.ID)
	}
	if a.ARR <= 0 {
		t.Errorf("seed %d: account %s has ARR %v, want > 0", seed, a.ID, a.ARR)
	}
	renewal, err := time.Parse(time.DateOnly, string(a.RenewalDate))
	if err != nil {
		t.Errorf("seed %d: account %s renewal date: %v", seed, a.ID, err)
	} else if !renewal.After(demo.AsOf) {
		t.Errorf("seed %d: account %s renews on %s, want after %s", seed, a.ID, a.RenewalDate, demo.AsOf.Format(time.DateOnly))
	}
}

func TestShowcaseSingleThreaded(t *testing.T) {
	for _, seed := range seeds {
		ds := demo.Generate(seed)
		g := buildAccountGraph(ds, demo.SingleThreadedAccountID)
		owner := accountByID(t, ds, demo.SingleThreadedAccountID).OwnerID

		if got := g.vendors(); !slices.Equal(got, []string{owner}) {
			t.Errorf("seed %d: vendor nodes %v, want only the owner %s", seed, got, owner)
		}
		if got := g.unreached(""); len(got) != 0 {
			t.Errorf("seed %d: unreached %v, want every customer reached", seed, got)
		}
		if got, want := len(g.unreached(owner)), len(g.customers()); got != want {
			t.Errorf("seed %d: losing the owner cuts off %d customers, want all %d", seed, got, want)
		}
		if got := g.busFactor(); got != 1 {
			t.Errorf("seed %d: bus factor %d, want 1", seed, got)
		}
	}
}

func TestShowcaseChampionOnly(t *testing.T) {
	for _, seed := range seeds {
		ds := demo.Generate(seed)
		g := buildAccountGraph(ds, demo.ChampionOnlyAccountID)
		champion := personWithRole(t, ds, demo.ChampionOnlyAccountID, graph.RoleChampion)

		for _, v := range g.vendors() {
			for _, n := range g.neighbours(v) {
				if n != champion {
					t.Errorf("seed %d: vendor %s relates to %s, want only the champion %s", seed, v, n, champion)
				}
			}
		}
		if got := g.unreached(""); len(got) != 0 {
			t.Errorf("seed %d: unreached %v, want every customer reached", seed, got)
		}
		if got, want := len(g.unreached(champion)), len(g.customers())-1; got != want {
			t.Errorf("seed %d: losing the champion cuts off %d customers, want %d", seed, got, want)
		}
		if got := g.threads(champion); got != 3 {
			t.Errorf("seed %d: champion threads %d, want 3", seed, got)
		}
		if got := g.busFactor(); got != 1 {
			t.Errorf("seed %d: bus factor %d, want 1", seed, got)
		}
	}
}

func TestShowcaseMultiThreaded(t *testing.T) {
	for _, seed := range seeds {
		ds := demo.Generate(seed)
		g := buildAccountGraph(ds, demo.MultiThreadedAccountID)

		for _, c := range g.customers() {
			vendors := 0
			for _, n := range g.neighbours(c) {
				if g.side[n] == graph.SideVendor {
					vendors++
				}
			}
			if vendors < 2 {
				t.Errorf("seed %d: customer %s has %d vendor ties, want at least 2", seed, c, vendors)
			}
		}
		if got := g.busFactor(); got < 2 {
			t.Errorf("seed %d: bus factor %d, want at least 2", seed, got)
		}
		if got := len(g.vendors()); got < 8 {
			t.Errorf("seed %d: %d vendor nodes, want at least 8", seed, got)
		}
	}
}

func TestShowcaseUncharted(t *testing.T) {
	for _, seed := range seeds {
		ds := demo.Generate(seed)
		g := buildAccountGraph(ds, demo.UnchartedAccountID)

		var logistics []string
		for _, p := range ds.People {
			if p.AccountID != demo.UnchartedAccountID {
				continue
			}
			switch graph.NormalizeFunction(p.Function) {
			case "finance", "procurement", "legal":
				t.Errorf("seed %d: %s works in %s, want that function uncharted", seed, p.ID, p.Function)
			}
			if p.BusinessUnit == "Logistics" {
				logistics = append(logistics, p.ID)
			}
		}
		if len(logistics) == 0 {
			t.Fatalf("seed %d: no people in the Logistics business unit", seed)
		}
		for _, id := range logistics {
			for _, n := range g.neighbours(id) {
				if g.side[n] == graph.SideVendor {
					t.Errorf("seed %d: vendor %s covers logistics person %s, want the unit uncovered", seed, n, id)
				}
			}
		}
		unreached := g.unreached("")
		if len(unreached) == 0 || len(unreached) == len(logistics) {
			t.Errorf("seed %d: unreached %v, want some but not all of logistics %v", seed, unreached, logistics)
		}
	}
}

func TestShowcaseDeparted(t *testing.T) {
	for _, seed := range seeds {
		ds := demo.Generate(seed)

		champion := personWithRole(t, ds, demo.DepartedChampionAccountID, graph.RoleChampion)
		if p := personByID(t, ds, champion); p.Active() {
			t.Errorf("seed %d: champion %s is active, want departed", seed, champion)
		}
		g := buildAccountGraph(ds, demo.DepartedChampionAccountID)
		decisionMaker := personWithRole(t, ds, demo.DepartedChampionAccountID, graph.RoleDecisionMaker)
		if !slices.Contains(g.unreached(""), decisionMaker) {
			t.Errorf("seed %d: decision maker %s is reached, want unreached", seed, decisionMaker)
		}
		if got := g.busFactor(); got != 0 {
			t.Errorf("seed %d: departed-champion bus factor %d, want 0", seed, got)
		}

		owner := accountByID(t, ds, demo.OrphanedAccountID).OwnerID
		if p := personByID(t, ds, owner); p.Active() {
			t.Errorf("seed %d: owner %s of the orphaned account is active, want departed", seed, owner)
		}
		orphaned := buildAccountGraph(ds, demo.OrphanedAccountID)
		if slices.Contains(orphaned.vendors(), owner) {
			t.Errorf("seed %d: departed owner %s is a node of the account graph", seed, owner)
		}
		if reached := len(orphaned.customers()) - len(orphaned.unreached("")); reached == 0 {
			t.Errorf("seed %d: orphaned account reaches nobody, want the operations team reached", seed)
		}
		if got := orphaned.busFactor(); got != 0 {
			t.Errorf("seed %d: orphaned bus factor %d, want 0", seed, got)
		}
	}
}

func TestShowcaseNewLogoAndUnmarked(t *testing.T) {
	for _, seed := range seeds {
		ds := demo.Generate(seed)

		g := buildAccountGraph(ds, demo.NewLogoAccountID)
		if got, want := len(g.unreached("")), len(g.customers()); got != want || want == 0 {
			t.Errorf("seed %d: new logo has %d of %d customers unreached, want all", seed, got, want)
		}
		if got := g.vendors(); len(got) != 0 {
			t.Errorf("seed %d: new logo vendor nodes %v, want none", seed, got)
		}

		unmarked := buildAccountGraph(ds, demo.UnmarkedAccountID)
		if got := unmarked.keyStakeholders(); len(got) != 0 {
			t.Errorf("seed %d: unmarked account key stakeholders %v, want none", seed, got)
		}
		if got := len(unmarked.customers()); got == 0 {
			t.Errorf("seed %d: unmarked account has no customer nodes", seed)
		}
	}
}

func accountByID(t *testing.T, ds *graph.Dataset, id string) graph.Account {
	t.Helper()
	for _, a := range ds.Accounts {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("account %s not generated", id)
	return graph.Account{}
}

func personByID(t *testing.T, ds *graph.Dataset, id string) graph.Person {
	t.Helper()
	for _, p := range ds.People {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("person %s not generated", id)
	return graph.Person{}
}

// personWithRole returns the one customer person of the account with role.
func personWithRole(t *testing.T, ds *graph.Dataset, accountID string, role graph.Role) string {
	t.Helper()
	var ids []string
	for _, p := range ds.People {
		if p.AccountID == accountID && p.Role == role {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) != 1 {
		t.Fatalf("account %s has people %v with role %s, want exactly one", accountID, ids, role)
	}
	return ids[0]
}

package analytics_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// suggestOptions returns the default options with k suggestions.
func suggestOptions(k int) analytics.SuggestOptions {
	opts := analytics.DefaultSuggestOptions()
	opts.K = k
	return opts
}

func mustSuggest(t *testing.T, ag *graph.AccountGraph, vendors []graph.Person,
	opts analytics.SuggestOptions) *analytics.AccountSuggestions {
	t.Helper()
	out, err := analytics.Suggest(context.Background(), ag, vendors, opts)
	if err != nil {
		t.Fatalf("Suggest: %v", err)
	}
	return out
}

// pairsOf returns "vendor-customer" for each suggestion, in rank order.
func pairsOf(out *analytics.AccountSuggestions) []string {
	pairs := []string{}
	for _, s := range out.Suggestions {
		pairs = append(pairs, s.Vendor.PersonID+"-"+s.Customer.PersonID)
	}
	return pairs
}

// buyerCase is the account of ExampleCompute plus a finance executive of
// ours with no relationship yet. The buyer is the only link to the CFO,
// so the bus factor is 1.
func buyerCase() (*graph.AccountGraph, []graph.Person) {
	ag := newAccountGraph([]graph.Person{
		{ID: "am", Name: "Ann Manager", Side: graph.SideVendor, Function: "sales", Status: graph.StatusActive},
		{ID: "buyer", Name: "Bo Buyer", Side: graph.SideCustomer, AccountID: testAccount, Title: "Buyer",
			Function: "procurement", Seniority: graph.SeniorityManager, Role: graph.RoleChampion, Status: graph.StatusActive},
		{ID: "cfo", Name: "Cy Finance", Side: graph.SideCustomer, AccountID: testAccount, Title: "CFO",
			Function: "finance", Seniority: graph.SeniorityCLevel, Role: graph.RoleEconomicBuyer, Status: graph.StatusActive},
		{ID: "se", Name: "Sol Engineer", Side: graph.SideVendor, Function: "engineering", Status: graph.StatusActive},
	}, rel("am", "buyer", 0.8), rel("buyer", "cfo", 0.5), rel("buyer", "se", 0.5))
	vendors := []graph.Person{
		{ID: "fin", Name: "Fay Finance", Side: graph.SideVendor, Function: "Finance",
			Seniority: graph.SeniorityCLevel, Status: graph.StatusActive},
	}
	return ag, vendors
}

// The first pick links our finance executive to the CFO. Before it, the
// buyer's threads are am and se, and the CFO's only thread runs through
// the buyer. With fin-cfo, the CFO has fin and the buyer's route, and the
// buyer gains R-fin-cfo-buyer, so both stakeholders rise and the bus
// factor goes from 1 to 2. am-cfo or se-cfo would raise the CFO only,
// because am and se already carry the buyer's threads. The buyer stops
// being a single point of failure for the CFO (cut-off total 1 to 0), and
// the finance x c_level cell gets its first vendor. fin has no path of its
// own, so the colleague am introduces through the buyer: 0.5 x 0.8.
//
// The second pick raises the CFO to 3 through am or se, which ties on
// resilience and peer fit, and on the introduction strength of 0.4, the
// strongest chain into the CFO. am wins because that chain is am's own. After it every stakeholder's threads equal its
// degree, no pair improves anything, and Suggest stops at two.
func TestSuggestBuyerCase(t *testing.T) {
	ag, cand := buyerCase()
	out := mustSuggest(t, ag, cand, suggestOptions(5))

	if got, want := pairsOf(out), []string{"fin-cfo", "am-cfo"}; !slices.Equal(got, want) {
		t.Fatalf("suggestions %v, want %v", got, want)
	}
	first, second := out.Suggestions[0], out.Suggestions[1]
	wantFirst := analytics.Score{BusFactor: 1, WeakestStakeholders: 1, StakeholderThreads: 2,
		CutOffReduction: 1, CoveredCells: 1, PeerFit: 3, IntroductionStrength: 0.4}
	if first.Score != wantFirst {
		t.Errorf("first score %+v, want %+v", first.Score, wantFirst)
	}
	wantSecond := analytics.Score{BusFactor: 1, WeakestStakeholders: 1, StakeholderThreads: 1,
		IntroductionStrength: 0.4, OwnIntroduction: true}
	if second.Score != wantSecond {
		t.Errorf("second score %+v, want %+v", second.Score, wantSecond)
	}
	if got := *out.Before.BusFactor; got != 1 {
		t.Errorf("bus factor before %d, want 1", got)
	}
	if got := *out.After.BusFactor; got != 3 {
		t.Errorf("bus factor after %d, want 3", got)
	}

	wantThreads := []analytics.ThreadsChange{
		{PersonID: "buyer", Before: 2, After: 3, MinCutBefore: []string{"am", "se"}},
		{PersonID: "cfo", Before: 1, After: 2, MinCutBefore: []string{"buyer"}},
	}
	if got := first.Gain.KeyStakeholders; !jsonEqual(got, wantThreads) {
		t.Errorf("first stakeholder changes %+v, want %+v", got, wantThreads)
	}
	wantCutOff := []analytics.CutOffChange{{PersonID: "buyer", Before: 1, After: 0}}
	if got := first.Gain.SinglePoints; !slices.Equal(got, wantCutOff) {
		t.Errorf("first single point changes %+v, want %+v", got, wantCutOff)
	}
	wantCells := []analytics.FunctionSeniorityKey{{Function: "finance", Seniority: "c_level"}}
	if got := first.Gain.CoveredCells.FunctionSeniority; !slices.Equal(got, wantCells) {
		t.Errorf("first covered cells %+v, want %+v", got, wantCells)
	}

	intro := first.Introduction
	if intro == nil {
		t.Fatal("first suggestion has no introduction")
	}
	if !intro.ViaColleague || intro.IntroducerID != "buyer" || intro.Hops != 2 {
		t.Errorf("introduction %+v, want via the colleague am and the introducer buyer in 2 hops", intro)
	}
	if got := contactIDs(intro.Path); !slices.Equal(got, []string{"am", "buyer", "cfo"}) {
		t.Errorf("introduction path %v, want [am buyer cfo]", got)
	}
	wantReason := "Fay Finance should meet Cy Finance (CFO, economic buyer). " +
		"Today every path to Cy Finance runs through Bo Buyer. " +
		"A second thread raises the bus factor from 1 to 2. " +
		"It also adds a thread to the key stakeholder Bo Buyer. " +
		"Bo Buyer stops being a single point of failure. " +
		"It is our first relationship in finance at C-level. " +
		"Ask the colleague Ann Manager to arrange an introduction through Bo Buyer. Bo Buyer knows Cy Finance well."
	if first.Reason != wantReason {
		t.Errorf("first reason\n%s\nwant\n%s", first.Reason, wantReason)
	}
	if second.Introduction == nil || second.Introduction.ViaColleague || second.Introduction.IntroducerID != "buyer" {
		t.Errorf("second introduction %+v, want am's own path through the buyer", second.Introduction)
	}
}

func contactIDs(contacts []analytics.Contact) []string {
	ids := []string{}
	for _, c := range contacts {
		ids = append(ids, c.PersonID)
	}
	return ids
}

func jsonEqual(a, b any) bool {
	x, errX := json.Marshal(a)
	y, errY := json.Marshal(b)
	return errX == nil && errY == nil && string(x) == string(y)
}

// islandCase has a champion c1 reached through v1 and an island chain
// c2 - c3 - c4 whose end c4 decides, so the bus factor is 0. A second
// vendor v2 has no relationships yet.
func islandCase() *graph.AccountGraph {
	return newAccountGraph([]graph.Person{
		vendorPerson("v1", ""), vendorPerson("v2", ""),
		customerPerson("c1", "", graph.RoleChampion), customerPerson("c2", "", ""),
		customerPerson("c3", "", ""), customerPerson("c4", "", graph.RoleDecisionMaker),
	}, rel("v1", "c1", 1), rel("c2", "c3", 1), rel("c3", "c4", 1))
}

// Reaching the island through its middle c3 leaves fewer single points
// than through an end. Via c3: v cuts off {c2, c3, c4} and c3 cuts off
// {c2, c4}, 5 pairs. Via c2: v cuts off 3, c2 cuts off 2 and c3 cuts off
// c4, 6 pairs. Before, v1 cuts off c1 alone, so the reductions are -4 and
// -5. v1 and v2 tie, and v1 has the smaller id.
//
// Then c1 and c4 both have one thread. v2-c4 beats v2-c1 because it
// relieves two single points: v1 and c3 cut c4 off (3 + 1 pairs), while
// only v1 cuts c1 off (1 pair). v1 cannot add a second thread anywhere,
// because every path through v1 shares v1. Then v2-c1 raises the bus
// factor to 2, introduced by the colleague v1. Last, c3 still cuts c2
// off, and v1-c2 and v2-c2 tie, because suggested relationships do not
// make introduction paths: the island has none.
func TestSuggestIslandCase(t *testing.T) {
	out := mustSuggest(t, islandCase(), nil, suggestOptions(5))
	if got, want := pairsOf(out), []string{"v1-c3", "v2-c4", "v2-c1", "v1-c2"}; !slices.Equal(got, want) {
		t.Fatalf("suggestions %v, want %v", got, want)
	}
	want := []analytics.Score{
		{BusFactor: 1, WeakestStakeholders: 1, StakeholderThreads: 1, Reached: 3, CutOffReduction: -5},
		{WeakestStakeholders: 1, StakeholderThreads: 1, CutOffReduction: 4},
		{BusFactor: 1, WeakestStakeholders: 1, StakeholderThreads: 1, CutOffReduction: 1, IntroductionStrength: 1},
		{CutOffReduction: 1},
	}
	for i, s := range out.Suggestions {
		if s.Score != want[i] {
			t.Errorf("suggestion %d score %+v, want %+v", i+1, s.Score, want[i])
		}
	}
	if got := out.Suggestions[0].Gain.Reached; !slices.Equal(got, []string{"c2", "c3", "c4"}) {
		t.Errorf("first reached %v, want [c2 c3 c4]", got)
	}
	if out.Suggestions[0].Introduction != nil {
		t.Errorf("first introduction %+v, want none: none of our people has a path to the island", out.Suggestions[0].Introduction)
	}
	if !strings.Contains(out.Suggestions[0].Reason, "reach out directly") {
		t.Errorf("first reason %q does not say to reach out directly", out.Suggestions[0].Reason)
	}
	if got := *out.After.BusFactor; got != 2 {
		t.Errorf("bus factor after %d, want 2", got)
	}
}

// introCase has a target t reached from the colleague a through x and z,
// 1 x 1 x 0.9 counted from t, and from v and b through y, 0.5 x 0.5.
func introCase() *graph.AccountGraph {
	return newAccountGraph([]graph.Person{
		vendorPerson("a", ""), vendorPerson("b", ""), vendorPerson("v", ""),
		customerPerson("t", "", graph.RoleEconomicBuyer), customerPerson("x", "", ""),
		customerPerson("y", "", ""), customerPerson("z", "", ""),
	}, rel("a", "x", 1), rel("x", "z", 1), rel("z", "t", 0.9), rel("v", "y", 0.5),
		rel("y", "t", 0.5), rel("b", "y", 0.5))
}

// With three hops the colleague a's chain is the strongest, so it
// introduces v. With two hops it is out of reach, and v's own chain ties
// with b's, so v's own wins.
func TestSuggestIntroductionPath(t *testing.T) {
	tests := []struct {
		maxHops      int
		path         []string
		strengths    []float64
		introducerID string
		viaColleague bool
	}{
		{3, []string{"a", "x", "z", "t"}, []float64{1, 1, 0.9}, "z", true},
		{2, []string{"v", "y", "t"}, []float64{0.5, 0.5}, "y", false},
	}
	for _, tt := range tests {
		opts := suggestOptions(1)
		opts.MaxHops = tt.maxHops
		opts.Vendors = []string{"v"}
		out := mustSuggest(t, introCase(), nil, opts)
		if got := pairsOf(out); !slices.Equal(got, []string{"v-t"}) {
			t.Fatalf("max hops %d: suggestions %v, want [v-t]", tt.maxHops, got)
		}
		s := out.Suggestions[0]
		intro := s.Introduction
		if intro == nil {
			t.Fatalf("max hops %d: no introduction", tt.maxHops)
		}
		if got := contactIDs(intro.Path); !slices.Equal(got, tt.path) {
			t.Errorf("max hops %d: path %v, want %v", tt.maxHops, got, tt.path)
		}
		if !slices.Equal(intro.Strengths, tt.strengths) {
			t.Errorf("max hops %d: strengths %v, want %v", tt.maxHops, intro.Strengths, tt.strengths)
		}
		if intro.IntroducerID != tt.introducerID || intro.ViaColleague != tt.viaColleague {
			t.Errorf("max hops %d: introducer %q via colleague %v, want %q via colleague %v",
				tt.maxHops, intro.IntroducerID, intro.ViaColleague, tt.introducerID, tt.viaColleague)
		}
		if intro.Hops != len(tt.strengths) {
			t.Errorf("max hops %d: hops %d, want %d", tt.maxHops, intro.Hops, len(tt.strengths))
		}
		if s.Score.IntroductionStrength != intro.Strength || s.Score.OwnIntroduction == tt.viaColleague {
			t.Errorf("max hops %d: score %+v does not match the introduction %+v", tt.maxHops, s.Score, intro)
		}
	}
}

func TestSuggestExcludedIntroducer(t *testing.T) {
	opts := suggestOptions(1)
	opts.Vendors = []string{"v"}
	opts.Exclude = []string{"x"}
	out := mustSuggest(t, introCase(), nil, opts)
	intro := out.Suggestions[0].Introduction
	if intro == nil {
		t.Fatal("no introduction")
	}
	if got := contactIDs(intro.Path); !slices.Equal(got, []string{"v", "y", "t"}) {
		t.Errorf("path %v, want [v y t], because the excluded x breaks the colleague's chain", got)
	}
}

func TestSuggestFilters(t *testing.T) {
	ag, cand := buyerCase()
	tests := []struct {
		name  string
		setup func(*analytics.SuggestOptions)
		want  []string
	}{
		// Without fin, am and se both carry the buyer's threads, so after
		// am-cfo no pair raises anyone.
		{"excluded vendor", func(o *analytics.SuggestOptions) { o.Exclude = []string{"fin"} },
			[]string{"am-cfo"}},
		// The CFO's threads can only rise through a relationship with the
		// CFO, so only the buyer gains.
		{"excluded customer", func(o *analytics.SuggestOptions) { o.Exclude = []string{"cfo"} },
			[]string{"fin-buyer"}},
		{"vendor allow-list", func(o *analytics.SuggestOptions) { o.Vendors = []string{"se"} },
			[]string{"se-cfo"}},
		// am and se hold one relationship into the account each, fin none.
		{"vendor capacity", func(o *analytics.SuggestOptions) { o.MaxVendorRelationships = intPointer(0) },
			[]string{"fin-cfo"}},
		{"one suggestion", func(o *analytics.SuggestOptions) { o.K = 1 }, []string{"fin-cfo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := suggestOptions(5)
			tt.setup(&opts)
			if got := pairsOf(mustSuggest(t, ag, cand, opts)); !slices.Equal(got, tt.want) {
				t.Errorf("suggestions %v, want %v", got, tt.want)
			}
		})
	}
}

// A relationship below the threshold does not count, so the pair is
// suggested, with its current strength.
func TestSuggestWeakRelationship(t *testing.T) {
	ag, _ := buyerCase()
	ag.Relationships = append(ag.Relationships, rel("am", "cfo", 0.1))
	graph.SortRelationships(ag.Relationships)
	opts := suggestOptions(1)
	opts.Vendors = []string{"am"}
	out := mustSuggest(t, ag, nil, opts)
	if got := pairsOf(out); !slices.Equal(got, []string{"am-cfo"}) {
		t.Fatalf("suggestions %v, want [am-cfo]", got)
	}
	if got := out.Suggestions[0].CurrentStrength; got != 0.1 {
		t.Errorf("current strength %v, want 0.1", got)
	}
	if !strings.Contains(out.Suggestions[0].Reason, "should deepen the relationship with Cy Finance") {
		t.Errorf("reason %q does not ask to deepen the relationship", out.Suggestions[0].Reason)
	}
}

func TestSuggestOptionsValidate(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(*analytics.SuggestOptions)
		message string
	}{
		{"zero k", func(o *analytics.SuggestOptions) { o.K = 0 }, "invalid number of suggestions 0"},
		{"large k", func(o *analytics.SuggestOptions) { o.K = 51 }, "invalid number of suggestions 51"},
		{"zero threshold", func(o *analytics.SuggestOptions) { o.Threshold = 0 }, "invalid threshold 0"},
		{"zero hops", func(o *analytics.SuggestOptions) { o.MaxHops = 0 }, "invalid maximum path length 0"},
		{"many hops", func(o *analytics.SuggestOptions) { o.MaxHops = 7 }, "invalid maximum path length 7"},
		{"weak strength", func(o *analytics.SuggestOptions) { o.Strength = 0.2 }, "invalid strength 0.2"},
		{"large strength", func(o *analytics.SuggestOptions) { o.Strength = 1.5 }, "invalid strength 1.5"},
		{"negative capacity", func(o *analytics.SuggestOptions) { o.MaxVendorRelationships = intPointer(-1) },
			"invalid maximum number of vendor relationships -1"},
		{"blank exclude", func(o *analytics.SuggestOptions) { o.Exclude = []string{"am", " "} },
			"invalid exclude list: entry 2 is blank"},
		{"blank vendor", func(o *analytics.SuggestOptions) { o.Vendors = []string{""} },
			"invalid vendors list: entry 1 is blank"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := analytics.DefaultSuggestOptions()
			tt.setup(&opts)
			err := opts.Validate()
			if graph.KindOf(err) != graph.KindInvalid {
				t.Fatalf("Validate: %v, want an error of kind invalid", err)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("Validate: %q does not contain %q", err, tt.message)
			}
		})
	}
	if err := analytics.DefaultSuggestOptions().Validate(); err != nil {
		t.Errorf("default options: %v", err)
	}
}

func TestSuggestRejectsUnknownIDs(t *testing.T) {
	ag, cand := buyerCase()
	cand = append(cand, graph.Person{ID: "gone", Side: graph.SideVendor, Status: graph.StatusDeparted})
	tests := []struct {
		name    string
		setup   func(*analytics.SuggestOptions)
		message string
	}{
		{"unknown excluded", func(o *analytics.SuggestOptions) { o.Exclude = []string{"nobody"} },
			`unknown person "nobody" in exclude`},
		{"unknown vendor", func(o *analytics.SuggestOptions) { o.Vendors = []string{"nobody"} },
			`unknown vendor person "nobody" in vendors`},
		{"customer as vendor", func(o *analytics.SuggestOptions) { o.Vendors = []string{"cfo"} },
			`person "cfo" in vendors is a customer person`},
		{"departed vendor", func(o *analytics.SuggestOptions) { o.Vendors = []string{"gone"} },
			`vendor person "gone" in vendors has departed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := analytics.DefaultSuggestOptions()
			tt.setup(&opts)
			_, err := analytics.Suggest(context.Background(), ag, cand, opts)
			if graph.KindOf(err) != graph.KindInvalid {
				t.Fatalf("Suggest: %v, want an error of kind invalid", err)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("Suggest: %q does not contain %q", err, tt.message)
			}
		})
	}
}

func TestSuggestRejectsCustomerCandidate(t *testing.T) {
	ag, _ := buyerCase()
	cand := []graph.Person{customerPerson("x", "", "")}
	_, err := analytics.Suggest(context.Background(), ag, cand, analytics.DefaultSuggestOptions())
	if graph.KindOf(err) != graph.KindInvalid {
		t.Fatalf("Suggest: %v, want an error of kind invalid", err)
	}
}

func TestSuggestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ag, cand := buyerCase()
	if _, err := analytics.Suggest(ctx, ag, cand, analytics.DefaultSuggestOptions()); err == nil {
		t.Error("Suggest with a cancelled context returned no error")
	}
}

func TestSuggestNoKeyStakeholders(t *testing.T) {
	ag := newAccountGraph([]graph.Person{vendorPerson("v1", ""), vendorPerson("v2", ""),
		customerPerson("c1", "", ""), customerPerson("c2", "", "")},
		rel("v1", "c1", 1), rel("c1", "c2", 1))
	out := mustSuggest(t, ag, nil, suggestOptions(5))
	if out.Before.BusFactor != nil {
		t.Errorf("bus factor %d, want null without key stakeholders", *out.Before.BusFactor)
	}
	// v1 cuts off c1 and c2 and c1 cuts off c2. v2-c2 relieves both.
	if got := pairsOf(out); len(got) == 0 || got[0] != "v2-c2" {
		t.Errorf("suggestions %v, want v2-c2 first", got)
	}
}

func TestPeerFitOf(t *testing.T) {
	person := func(function string, seniority graph.Seniority) graph.Person {
		return graph.Person{Function: function, Seniority: seniority}
	}
	tests := []struct {
		vendor, customer graph.Person
		function         string
		gap              *int
		score            int
	}{
		{person(" Finance", graph.SeniorityCLevel), person("finance ", graph.SeniorityCLevel), analytics.FunctionSame, intPointer(0), 3},
		{person("finance", graph.SeniorityVP), person("Procurement", graph.SeniorityDirector), analytics.FunctionMatching, intPointer(1), 2},
		{person("procurement", graph.SeniorityIC), person("finance", graph.SeniorityDirector), analytics.FunctionMatching, intPointer(2), 1},
		{person("sales", graph.SeniorityDirector), person("it", graph.SeniorityCLevel), analytics.FunctionDifferent, intPointer(2), 0},
		{person("", graph.SeniorityVP), person("it", ""), analytics.FunctionUnknown, nil, 0},
	}
	for _, tt := range tests {
		fit := analytics.PeerFitOf(tt.vendor, tt.customer)
		if fit.Function != tt.function || fit.Score != tt.score || !jsonEqual(fit.SeniorityGap, tt.gap) {
			t.Errorf("PeerFitOf(%+v, %+v) = %+v, want function %s, gap %v, score %d",
				tt.vendor, tt.customer, fit, tt.function, tt.gap, tt.score)
		}
	}
}

func TestSuggestWithoutCandidates(t *testing.T) {
	tests := []struct {
		name string
		ag   *graph.AccountGraph
	}{
		{"no people", newAccountGraph(nil)},
		{"no vendor people", newAccountGraph([]graph.Person{customerPerson("c1", graph.SeniorityVP, "")})},
		{"only departed vendors", newAccountGraph([]graph.Person{departed(vendorPerson("v1", "")),
			customerPerson("c1", graph.SeniorityVP, "")}, rel("v1", "c1", 1))},
	}
	for _, tt := range tests {
		out := mustSuggest(t, tt.ag, nil, suggestOptions(5))
		if len(out.Suggestions) != 0 {
			t.Errorf("%s: suggestions %v, want none", tt.name, pairsOf(out))
		}
	}
}

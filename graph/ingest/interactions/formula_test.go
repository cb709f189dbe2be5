package interactions_test

import (
	"math"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
)

var asOf = time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)

func daysBefore(days float64) time.Time {
	return asOf.Add(-time.Duration(days * 24 * float64(time.Hour)))
}

func aggregate(t *testing.T, in ...interactions.Interaction) []graph.Relationship {
	t.Helper()
	agg, err := interactions.NewAggregator(interactions.Options{AsOf: asOf})
	if err != nil {
		t.Fatalf("NewAggregator: %v", err)
	}
	for _, x := range in {
		agg.Add(x)
	}
	return agg.Relationships()
}

func email(days float64, from string, to ...string) interactions.Interaction {
	return interactions.Interaction{Time: daysBefore(days), From: from, To: to, Type: interactions.Email}
}

// round4 is the rounding that Relationships applies, for expected values
// computed here by hand from the formula in the package documentation.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func TestStrengthHandComputed(t *testing.T) {
	meeting := func(days float64) interactions.Interaction {
		return interactions.Interaction{Time: daysBefore(days), From: "a", To: []string{"b"}, Type: interactions.Meeting}
	}
	call := func(days float64) interactions.Interaction {
		return interactions.Interaction{Time: daysBefore(days), From: "a", To: []string{"b"}, Type: interactions.Call}
	}
	tests := []struct {
		name string
		in   []interactions.Interaction
		want float64 // strength, from s = 1 - exp(-x)
		typ  string
	}{
		// x = 1 (one meeting, weight 1, age 0).
		{"MeetingToday", []interactions.Interaction{meeting(0)}, 0.6321, "meeting"},
		// x = 1 * 2^(-90/90) = 0.5.
		{"MeetingOneHalfLifeAgo", []interactions.Interaction{meeting(90)}, 0.3935, "meeting"},
		// x = 0.5 * 2^(-180/90) = 0.125.
		{"CallTwoHalfLivesAgo", []interactions.Interaction{call(180)}, 0.1175, "call"},
		// x = 0.05 (one email, one way).
		{"OneWayEmail", []interactions.Interaction{email(0, "a", "b")}, 0.0488, "email"},
		// x = 0.25 * 2 * min(1, 1) = 0.5.
		{"EmailExchange", []interactions.Interaction{email(0, "a", "b"), email(0, "b", "a")}, 0.3935, "email"},
		// x = 0.25 * 2 * min(3, 1) + 0.05 * |3 - 1| = 0.6.
		{"ThreeOutOneBack", []interactions.Interaction{
			email(0, "a", "b"), email(0, "a", "b"), email(0, "a", "b"), email(0, "b", "a"),
		}, 0.4512, "email"},
		// x = 1 + 0.5 * 0.5 + 0.25 * 2 * min(0.5, 1) + 0.05 * 0.5 = 1.525.
		{"Mixed", []interactions.Interaction{
			meeting(0), call(90), email(90, "a", "b"), email(0, "b", "a"),
		}, round4(1 - math.Exp(-1.525)), "meeting"},
		// Ten meetings today: x = 10, s = 0.99995 rounds to 1.
		{"Saturates", []interactions.Interaction{
			meeting(0), meeting(0), meeting(0), meeting(0), meeting(0),
			meeting(0), meeting(0), meeting(0), meeting(0), meeting(0),
		}, 1, "meeting"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rels := aggregate(t, tc.in...)
			if len(rels) != 1 {
				t.Fatalf("relationships = %+v, want one", rels)
			}
			if rels[0].Strength != tc.want {
				t.Errorf("strength = %v, want %v", rels[0].Strength, tc.want)
			}
			if rels[0].Type != tc.typ {
				t.Errorf("type = %q, want %q", rels[0].Type, tc.typ)
			}
			if rels[0].Source != interactions.Source {
				t.Errorf("source = %q, want %q", rels[0].Source, interactions.Source)
			}
		})
	}
}

func TestStrengthSymmetric(t *testing.T) {
	ab := aggregate(t, email(3, "a", "b"), email(3, "a", "b"), email(10, "b", "a"))
	ba := aggregate(t, email(3, "b", "a"), email(3, "b", "a"), email(10, "a", "b"))
	if len(ab) != 1 || len(ba) != 1 {
		t.Fatalf("relationships = %+v and %+v, want one each", ab, ba)
	}
	if ab[0] != ba[0] {
		t.Errorf("swapping senders changed the relationship: %+v, then %+v", ab[0], ba[0])
	}
}

func TestAfterAsOfIgnored(t *testing.T) {
	agg, err := interactions.NewAggregator(interactions.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	agg.Add(email(-1, "a", "b"))
	agg.Add(email(2, "a", "c"))
	rels := agg.Relationships()
	if len(rels) != 1 || rels[0].PersonB != "c" {
		t.Errorf("relationships = %+v, want only a-c", rels)
	}
	if got := agg.Stats().AfterAsOf; got != 1 {
		t.Errorf("AfterAsOf = %d, want 1", got)
	}
}

func TestSeveralRecipientsAndLastInteraction(t *testing.T) {
	rels := aggregate(t, email(40, "a", "b", "c", "a"), email(5, "c", "a"))
	want := []graph.Relationship{
		{PersonA: "a", PersonB: "b", Strength: round4(1 - math.Exp(-0.05*math.Exp2(-40.0/90))), Type: "email", LastInteraction: "2026-05-21", Source: "interactions"},
		{PersonA: "a", PersonB: "c", Strength: round4(1 - math.Exp(-(0.25*2*math.Exp2(-40.0/90) + 0.05*(math.Exp2(-5.0/90)-math.Exp2(-40.0/90))))), Type: "email", LastInteraction: "2026-06-25", Source: "interactions"},
	}
	if len(rels) != len(want) {
		t.Fatalf("relationships = %+v, want %+v", rels, want)
	}
	for i := range want {
		if rels[i] != want[i] {
			t.Errorf("relationship %d = %+v, want %+v", i, rels[i], want[i])
		}
	}
}

func TestInboundDirectionFlipsSender(t *testing.T) {
	inbound := email(0, "a", "b")
	inbound.Direction = interactions.Inbound
	// a wrote to b, and b's reply is logged with a first: an exchange.
	rels := aggregate(t, email(0, "a", "b"), inbound)
	if len(rels) != 1 || rels[0].Strength != 0.3935 {
		t.Errorf("relationships = %+v, want one exchange of strength 0.3935", rels)
	}
}

func TestHalfLifeOption(t *testing.T) {
	agg, err := interactions.NewAggregator(interactions.Options{AsOf: asOf, HalfLife: 30 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	agg.Add(interactions.Interaction{Time: daysBefore(30), From: "a", To: []string{"b"}, Type: interactions.Meeting})
	rels := agg.Relationships()
	if len(rels) != 1 || rels[0].Strength != 0.3935 {
		t.Errorf("relationships = %+v, want strength 0.3935 after one 30-day half-life", rels)
	}
}

func TestResolveAndSelfPairs(t *testing.T) {
	people := map[string]string{"ann@example.com": "P1", "P1": "P1", "bob@example.com": "P2"}
	agg, err := interactions.NewAggregator(interactions.Options{AsOf: asOf, Resolve: func(p string) (string, bool) {
		id, ok := people[p]
		return id, ok
	}})
	if err != nil {
		t.Fatal(err)
	}
	agg.Add(email(0, "ann@example.com", "bob@example.com", "P1", "stranger@example.com"))
	rels := agg.Relationships()
	if len(rels) != 1 || rels[0].PersonA != "P1" || rels[0].PersonB != "P2" {
		t.Errorf("relationships = %+v, want one between P1 and P2", rels)
	}
	stats := agg.Stats()
	if stats.SelfPairs != 1 {
		t.Errorf("SelfPairs = %d, want 1", stats.SelfPairs)
	}
	if stats.Unresolved != 1 {
		t.Errorf("Unresolved = %d, want 1", stats.Unresolved)
	}
}

func TestTooWeakPairsDropped(t *testing.T) {
	rels := aggregate(t, email(5000, "a", "b"))
	if len(rels) != 0 {
		t.Errorf("relationships = %+v, want none for a 5000-day-old email", rels)
	}
}

func TestNewAggregatorRejects(t *testing.T) {
	tests := []struct {
		name string
		opts interactions.Options
	}{
		{"NoAsOf", interactions.Options{}},
		{"NegativeHalfLife", interactions.Options{AsOf: asOf, HalfLife: -time.Hour}},
		{"NegativeWeight", interactions.Options{AsOf: asOf, Weights: interactions.Weights{Meeting: -1}}},
		{"OneWayAboveExchanged", interactions.Options{AsOf: asOf, Weights: interactions.Weights{Meeting: 1, EmailOneWay: 0.5, EmailExchanged: 0.1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := interactions.NewAggregator(tc.opts); err == nil {
				t.Error("NewAggregator accepted invalid options")
			}
		})
	}
}

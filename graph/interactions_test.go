package graph_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

func TestNormalizeInteraction(t *testing.T) {
	at := time.Date(2026, 6, 1, 12, 0, 0, 0, time.FixedZone("UTC+2", 2*60*60))
	in := graph.Interaction{At: at, Type: graph.InteractionMeeting, From: "v1", To: []string{"c2", "v1", "c1", "c2", ""}}
	got, err := graph.NormalizeInteraction(in)
	if err != nil {
		t.Fatalf("NormalizeInteraction: %v", err)
	}
	if want := []string{"c1", "c2"}; !reflect.DeepEqual(got.To, want) {
		t.Errorf("To = %v, want %v: sorted, without repeats, blanks or the sender", got.To, want)
	}
	if got.At.Location() != time.UTC || !got.At.Equal(at) {
		t.Errorf("At = %v, want %v in UTC", got.At, at)
	}
	if !strings.HasPrefix(got.ID, "sha256-") || len(got.ID) != len("sha256-")+32 {
		t.Errorf("ID = %q, want sha256- and 32 hexadecimal digits", got.ID)
	}

	// The same interaction written differently gets the same id.
	reordered := in
	reordered.To = []string{"c1", "c2"}
	reordered.At = at.UTC()
	reordered.ID = "given-by-caller"
	if again, _ := graph.NormalizeInteraction(reordered); again.ID != got.ID {
		t.Errorf("ID of the same interaction = %q, want %q", again.ID, got.ID)
	}
	// Any other field gives another id.
	for name, change := range map[string]func(*graph.Interaction){
		"MessageID": func(x *graph.Interaction) { x.MessageID = "<1@x>" },
		"At":        func(x *graph.Interaction) { x.At = x.At.Add(time.Nanosecond) },
		"Type":      func(x *graph.Interaction) { x.Type = graph.InteractionCall },
		"From":      func(x *graph.Interaction) { x.From = "v2" },
		"To":        func(x *graph.Interaction) { x.To = []string{"c1"} },
	} {
		other := in
		change(&other)
		if n, _ := graph.NormalizeInteraction(other); n.ID == got.ID {
			t.Errorf("changing %s keeps the id %q", name, got.ID)
		}
	}
}

func TestNormalizeInteractionRejects(t *testing.T) {
	at := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		in   graph.Interaction
		want string
	}{
		{"UnknownType", graph.Interaction{At: at, Type: "fax", From: "a", To: []string{"b"}}, `invalid interaction type "fax"`},
		{"NoType", graph.Interaction{At: at, From: "a", To: []string{"b"}}, `invalid interaction type ""`},
		{"NoTime", graph.Interaction{Type: graph.InteractionCall, From: "a", To: []string{"b"}}, "missing interaction time"},
		{"NoFrom", graph.Interaction{At: at, Type: graph.InteractionCall, To: []string{"b"}}, "missing from"},
		{"OnlySelf", graph.Interaction{At: at, Type: graph.InteractionCall, From: "a", To: []string{"a"}}, "at least one other participant"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := graph.NormalizeInteraction(c.in)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestInteractionBetween(t *testing.T) {
	in := graph.Interaction{ID: "x", Type: graph.InteractionEmail, From: "v1", To: []string{"c1", "c2"}}
	cases := []struct {
		a, b   string
		wantOK bool
		wantTo []string
	}{
		{"v1", "c2", true, []string{"c2"}},
		{"c1", "v1", true, []string{"c1"}},
		{"c1", "c2", false, nil}, // recipients are not linked with each other
		{"v1", "v2", false, nil},
	}
	for _, c := range cases {
		got, ok := in.Between(c.a, c.b)
		if ok != c.wantOK {
			t.Errorf("Between(%s, %s) ok = %v, want %v", c.a, c.b, ok, c.wantOK)
			continue
		}
		if ok && (got.From != "v1" || !reflect.DeepEqual(got.To, c.wantTo)) {
			t.Errorf("Between(%s, %s) = %+v, want from v1 to %v", c.a, c.b, got, c.wantTo)
		}
	}
	if !reflect.DeepEqual(in.To, []string{"c1", "c2"}) {
		t.Errorf("Between changed the receiver's To to %v", in.To)
	}
}

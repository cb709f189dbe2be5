package interactions_test

import (
	"reflect"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
)

func TestStored(t *testing.T) {
	people := map[string]string{"a@x": "a", "b": "b", "c": "c"}
	resolve := func(p string) (string, bool) {
		id, ok := people[p]
		return id, ok
	}
	at := daysBefore(1)
	cases := []struct {
		name string
		in   interactions.Interaction
		want []graph.Interaction
	}{
		{"Outbound", interactions.Interaction{Time: at, From: "a@x", To: []string{"b", "nobody", "c"}, Type: interactions.Email, MessageID: "m"},
			[]graph.Interaction{{MessageID: "m", At: at, Type: graph.InteractionEmail, From: "a", To: []string{"b", "c"}}}},
		{"InboundSplitsPerSender", interactions.Interaction{Time: at, From: "a@x", To: []string{"b", "c"}, Type: interactions.Email, Direction: interactions.Inbound},
			[]graph.Interaction{
				{At: at, Type: graph.InteractionEmail, From: "b", To: []string{"a"}},
				{At: at, Type: graph.InteractionEmail, From: "c", To: []string{"a"}},
			}},
		{"UnresolvedSender", interactions.Interaction{Time: at, From: "nobody", To: []string{"b"}, Type: interactions.Call}, nil},
		{"OnlySelf", interactions.Interaction{Time: at, From: "b", To: []string{"b", "nobody"}, Type: interactions.Meeting}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := interactions.Stored(c.in, resolve); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Stored = %+v, want %+v", got, c.want)
			}
		})
	}
}

// TestStoredAggregatesLikeTheLog checks that the stored form of a log
// gives the strengths of the log itself.
func TestStoredAggregatesLikeTheLog(t *testing.T) {
	log := []interactions.Interaction{
		email(0, "a", "b", "c"),
		{Time: daysBefore(10), From: "a", To: []string{"b"}, Type: interactions.Email, Direction: interactions.Inbound},
		{Time: daysBefore(30), From: "c", To: []string{"a", "b"}, Type: interactions.Meeting},
		{Time: daysBefore(200), From: "b", To: []string{"c"}, Type: interactions.Call, Direction: interactions.Inbound},
	}
	fromLog := aggregate(t, log...)

	agg, err := interactions.NewStoredAggregator(asOf, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range log {
		for _, stored := range interactions.Stored(in, nil) {
			agg.AddStored(stored)
		}
	}
	if got := agg.Relationships(); !reflect.DeepEqual(got, fromLog) {
		t.Errorf("strengths of the stored form:\n got %+v\nwant %+v", got, fromLog)
	}
}

package interactions_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
)

func checkRelationships(t *testing.T, rels []graph.Relationship) {
	t.Helper()
	for i, r := range rels {
		if !(r.Strength > 0 && r.Strength <= 1) {
			t.Fatalf("strength %v out of (0, 1]: %+v", r.Strength, r)
		}
		if r.PersonA >= r.PersonB {
			t.Fatalf("relationship not canonical: %+v", r)
		}
		if i > 0 && rels[i-1].PersonA == r.PersonA && rels[i-1].PersonB == r.PersonB {
			t.Fatalf("pair repeated: %+v", r)
		}
	}
}

func fuzzRead(t *testing.T, name, content string) {
	for _, keepGoing := range []bool{false, true} {
		res, _, err := readLogs(t, map[string]string{name: content}, interactions.Options{Options: ingest.Options{KeepGoing: keepGoing}})
		if err != nil {
			if graph.KindOf(err) != graph.KindInvalid {
				t.Fatalf("error kind = %s, want invalid: %v", graph.KindOf(err), err)
			}
			continue
		}
		checkRelationships(t, res.Dataset.Relationships)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add("time,from,to,type,direction\n2026-06-30T12:00:00Z,a,b;c,meeting,\n2026-06-01,b,a,email,inbound\n")
	f.Add("\ufefftimestamp,from_id,to_id\r\n45291,a,a\r\n\"2026-06-01\",\"x\ny\",\"b\"\r\n")
	f.Fuzz(func(t *testing.T, content string) {
		fuzzRead(t, "log.csv", content)
	})
}

func FuzzReadJSONLines(f *testing.F) {
	f.Add(`{"time": "2026-06-30T12:00:00Z", "from": "a", "to": ["b", "c"], "type": "call"}` + "\n" + `{"time": "2026-01-01", "from": "b", "to": "a"}`)
	f.Add("\ufeff{\"time\": 45291, \"from\": \"a\"}\n\n{}\n[1]\n")
	f.Fuzz(func(t *testing.T, content string) {
		fuzzRead(t, "log.jsonl", content)
	})
}

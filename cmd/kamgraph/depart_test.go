package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

func TestDepartErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"depart", "--person", "v-ann", "--date", "2026-11-30"}, "missing --neo4j-uri"},
		{[]string{"depart", "--neo4j-uri", "bolt://127.0.0.1:7687", "--date", "2026-11-30"}, "missing --person"},
		{[]string{"depart", "--neo4j-uri", "bolt://127.0.0.1:7687", "--person", "v-ann"}, "missing --date"},
		{[]string{"depart", "--neo4j-uri", "bolt://127.0.0.1:7687", "--person", "v-ann", "--date", "30.11.2026"}, `invalid --date: invalid date "30.11.2026"`},
		{[]string{"depart", "--neo4j-uri", "bolt://127.0.0.1:7687", "--person", "v-ann", "--date", "2026-11-30", "x"}, `unexpected argument "x"`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := runKamgraph(t, c.args...)
			r.wantCode(t, exitUsage)
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, r.stderr)
			}
		})
	}
}

func TestMarkDeparture(t *testing.T) {
	ctx := context.Background()
	ds, err := readFolder("testdata/valid", &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	store := memstore.New()
	if _, err := store.Import(ctx, ds, graph.ImportOptions{}); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	if err := markDeparture(ctx, store, "the test store", "v-ann", "2026-11-30", &out); err != nil {
		t.Fatalf("markDeparture: %v", err)
	}
	if want := "Marked Ann Keller (v-ann), a vendor person, departed on 2026-11-30 in the test store.\n"; out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
	p, err := store.Person(ctx, "v-ann")
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != graph.StatusDeparted || p.DepartedOn != "2026-11-30" {
		t.Errorf("stored person = %+v, want departed on 2026-11-30", p)
	}

	err = markDeparture(ctx, store, "the test store", "nobody", "2026-11-30", &out)
	if graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("markDeparture(nobody) = %v, want a not-found error", err)
	}
	err = markDeparture(ctx, struct{ graph.Store }{store}, "Neo4j at bolt://127.0.0.1:7687", "v-ann", "2026-11-30", &out)
	if err == nil || !strings.Contains(err.Error(), "Neo4j at bolt://127.0.0.1:7687 cannot record departures") {
		t.Errorf("markDeparture on a store without PeopleStore = %v, want an error naming the store", err)
	}
}

func TestReportDepartures(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"accounts.csv", "relationships.csv"} {
		copyFile(t, filepath.Join("testdata/valid", name), filepath.Join(dir, name))
	}
	people, err := os.ReadFile("testdata/valid/people.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(people)), "\n")
	for i, line := range lines {
		switch {
		case i == 0:
			lines[i] = line + ",departed_on"
		case strings.HasPrefix(line, "g-old,"):
			lines[i] = line + ",2026-03-15"
		default:
			lines[i] = line + ","
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "people.csv"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	r := runKamgraph(t, "report", "--data", dir, "--account", "globex", "--departed-from", "2026-03-01")
	r.wantCode(t, exitOK)
	for _, want := range []string{
		"\nDepartures (1)\n",
		"  Lena Vogt (g-old), Head of Procurement [customer] left on 2026-03-15, losing 1 relationship\n",
		"     with Ann Keller (v-ann), strength 0.80\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}

	r = runKamgraph(t, "report", "--data", dir, "--account", "globex", "--departed-to", "2026-03-14", "--format", "json")
	r.wantCode(t, exitOK)
	if strings.Contains(r.stdout, `"departures"`) {
		t.Errorf("report before the departure lists departures:\n%s", r.stdout)
	}
	runKamgraph(t, "report", "--data", dir, "--account", "globex", "--departed-to", "March").wantCode(t, exitUsage)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics/handover"
)

func TestHandoverMarkdown(t *testing.T) {
	r := runKamgraph(t, "handover", "--demo", "--person", "v-07")
	r.wantCode(t, exitOK)
	if !strings.HasPrefix(r.stdout, "# Handover brief: ") {
		t.Errorf("output does not start with the title:\n%s", r.stdout)
	}
	for _, want := range []string{"\n## Summary\n", "\n## Silverline Utilities (acct-01)\n", "\n### Contacts\n",
		"\n### Risks if ", "\n### Successors\n", "\n1. **"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestHandoverJSON(t *testing.T) {
	r := runKamgraph(t, "handover", "--data", "testdata/valid", "--person", "v-ann", "--format", "json", "--successors", "1")
	r.wantCode(t, exitOK)
	var brief handover.Brief
	if err := json.Unmarshal([]byte(r.stdout), &brief); err != nil {
		t.Fatalf("output is not a brief: %v\n%s", err, r.stdout)
	}
	if brief.Person.ID != "v-ann" || len(brief.Accounts) != 1 || brief.Accounts[0].Account.ID != "globex" {
		t.Fatalf("brief = %+v, want v-ann on globex", brief)
	}
	// v-ann alone reaches the CIO, who knows nobody else: no colleague
	// has a relationship or a warm path, and none works in sales.
	orphans := brief.Accounts[0].Orphaned
	if len(orphans) != 1 || orphans[0].PersonID != "g-cio" || len(orphans[0].Successors) != 0 {
		t.Errorf("orphans = %+v, want g-cio without successors", orphans)
	}

	r = runKamgraph(t, "handover", "--data", "testdata/valid", "--person", "v-ann")
	r.wantCode(t, exitOK)
	if want := "#### Ivan Petrov (g-cio): only thread and only direct relationship\n\nNo candidate: "; !strings.Contains(r.stdout, want) {
		t.Errorf("Markdown lacks %q:\n%s", want, r.stdout)
	}
}

func TestHandoverErrors(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"handover", "--demo"}, exitUsage, "missing --person"},
		{[]string{"handover", "--demo", "--person", "v-07", "--successors", "0"}, exitUsage, "invalid --successors 0"},
		{[]string{"handover", "--demo", "--person", "v-07", "--format", "pdf"}, exitUsage, `invalid value "pdf" for flag -format`},
		{[]string{"handover", "--person", "v-07"}, exitUsage, "exactly one of"},
		{[]string{"handover", "--demo", "--person", "acct-01-p01"}, exitFailure, "handover briefs are for vendor people"},
		{[]string{"handover", "--demo", "--person", "nobody"}, exitFailure, `person "nobody" not found`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := runKamgraph(t, c.args...)
			r.wantCode(t, c.code)
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, r.stderr)
			}
		})
	}
}

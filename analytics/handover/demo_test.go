package handover_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

// singleThreads returns, for each vendor person of the demo portfolio,
// the customer people whose only thread they are, by account, found from
// the single points of failure of every account report.
func singleThreads(t *testing.T, store *memstore.Store) map[string]map[string][]string {
	t.Helper()
	ctx := context.Background()
	accounts, err := store.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string][]string{}
	for _, a := range accounts {
		ag, err := store.AccountGraph(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		report, err := analytics.Compute(ctx, ag, analytics.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range report.SinglePointsOfFailure {
			if s.Side != string(graph.SideVendor) {
				continue
			}
			if out[s.PersonID] == nil {
				out[s.PersonID] = map[string][]string{}
			}
			out[s.PersonID][a.ID] = s.CutOff
		}
	}
	return out
}

// mostSingleThreads returns the vendor person with the most single
// threads, the smaller id on ties.
func mostSingleThreads(threads map[string]map[string][]string) (string, int) {
	best, maxCount := "", -1
	for id, byAccount := range threads {
		n := 0
		for _, cut := range byAccount {
			n += len(cut)
		}
		if n > maxCount || n == maxCount && id < best {
			best, maxCount = id, n
		}
	}
	return best, maxCount
}

func TestBriefDemoMostSingleThreads(t *testing.T) {
	store := loadStore(t, demo.Generate(1))
	threads := singleThreads(t, store)
	personID, count := mostSingleThreads(threads)
	if count <= 0 {
		t.Fatalf("no vendor person of the demo is anybody's only thread")
	}
	t.Logf("%s is the only thread of %d customer people", personID, count)

	brief := build(t, store, personID)
	if brief.Summary.OnlyThreads == 0 {
		t.Errorf("summary counts no only threads for %s", personID)
	}
	for accountID, cutOff := range threads[personID] {
		a := accountBrief(t, brief, accountID)
		orphans := map[string]handover.Orphan{}
		for _, o := range a.Orphaned {
			orphans[o.PersonID] = o
		}
		for _, contact := range cutOff {
			o, ok := orphans[contact]
			if !ok {
				t.Errorf("%s: single thread %s is not listed as orphaned", accountID, contact)
				continue
			}
			if !o.CutOff {
				t.Errorf("%s: orphan %s is not marked as cut off", accountID, contact)
			}
			checkSuccessorsHaveReasons(t, accountID, o)
		}
		for _, c := range a.Contacts {
			if got, want := c.OnlyThread, contains(cutOff, c.PersonID); got != want {
				t.Errorf("%s: contact %s only thread = %v, want %v", accountID, c.PersonID, got, want)
			}
		}
	}

	var md bytes.Buffer
	if err := brief.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	checkMarkdownStructure(t, brief, md.String())
}

func checkSuccessorsHaveReasons(t *testing.T, accountID string, o handover.Orphan) {
	t.Helper()
	if len(o.Successors) == 0 {
		t.Errorf("%s: orphan %s has no successor", accountID, o.PersonID)
		return
	}
	for _, s := range o.Successors {
		if s.Relationship == nil && s.WarmPath == nil && !s.SameFunction {
			t.Errorf("%s: successor %s for %s has no reason", accountID, s.PersonID, o.PersonID)
		}
		if s.Name == "" {
			t.Errorf("%s: successor %s has no name", accountID, s.PersonID)
		}
	}
	for i := 1; i < len(o.Successors); i++ {
		prev, cur := o.Successors[i-1], o.Successors[i]
		if prev.Score < cur.Score || prev.Score == cur.Score && prev.PersonID > cur.PersonID {
			t.Errorf("%s: successors of %s out of order: %s (%v) before %s (%v)", accountID, o.PersonID,
				prev.PersonID, prev.Score, cur.PersonID, cur.Score)
		}
	}
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// checkMarkdownStructure checks the headings, tables and lists of a
// rendered brief, not its exact bytes.
func checkMarkdownStructure(t *testing.T, brief *handover.Brief, md string) {
	t.Helper()
	if !strings.HasPrefix(md, fmt.Sprintf("# Handover brief: %s (%s)\n", brief.Person.Name, brief.Person.ID)) {
		t.Errorf("Markdown does not start with the title:\n%s", firstLines(md, 3))
	}
	if n := strings.Count(md, "\n## Summary\n"); n != 1 {
		t.Errorf("Markdown has %d summary sections, want 1", n)
	}
	for _, a := range brief.Accounts {
		heading := fmt.Sprintf("\n## %s (%s)\n", a.Account.Name, a.Account.ID)
		start := strings.Index(md, heading)
		if start < 0 {
			t.Errorf("Markdown lacks the heading of account %s", a.Account.ID)
			continue
		}
		section := md[start+len(heading):]
		if end := strings.Index(section, "\n## "); end >= 0 {
			section = section[:end]
		}
		checkAccountSection(t, a, section)
	}
	if n := strings.Count(md, "\n## ") - 1; n != len(brief.Accounts) {
		t.Errorf("Markdown has %d account sections, want %d", n, len(brief.Accounts))
	}
}

var successorLine = regexp.MustCompile(`(?m)^1\. \*\*.+\*\*.*, score \d\.\d\d$`)

func checkAccountSection(t *testing.T, a handover.AccountBrief, section string) {
	t.Helper()
	id := a.Account.ID
	for _, heading := range []string{"\n### Contacts\n", "\n### Risks if ", "\n### Successors\n"} {
		if !strings.Contains(section, heading) {
			t.Errorf("%s: section lacks %q", id, strings.TrimSpace(heading))
		}
	}
	if len(a.Contacts) > 0 {
		if !strings.Contains(section, "| Contact | Title | Role | Strength | Last interaction | Threads | Only thread |\n| --- |") {
			t.Errorf("%s: section lacks the contacts table header", id)
		}
		if rows := strings.Count(section, "\n| ") - 2; rows != len(a.Contacts) {
			t.Errorf("%s: contacts table has %d rows, want %d", id, rows, len(a.Contacts))
		}
	}
	for _, o := range a.Orphaned {
		if !strings.Contains(section, fmt.Sprintf("\n#### %s (%s): ", nameOf(o.PersonID, a), o.PersonID)) &&
			!strings.Contains(section, fmt.Sprintf("(%s): ", o.PersonID)) {
			t.Errorf("%s: section lacks the successors of %s", id, o.PersonID)
		}
	}
	if len(a.Orphaned) > 0 && !successorLine.MatchString(section) {
		t.Errorf("%s: section lists no ranked successor:\n%s", id, section)
	}
	if len(a.Orphaned) > 0 && !strings.Contains(section, "   - already carries ") {
		t.Errorf("%s: successors list no load", id)
	}
}

func nameOf(id string, a handover.AccountBrief) string {
	for _, c := range a.Contacts {
		if c.PersonID == id {
			return c.Name
		}
	}
	return ""
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

func TestBriefDeterministic(t *testing.T) {
	store := loadStore(t, demo.Generate(1))
	first, err := json.Marshal(build(t, store, "v-07"))
	if err != nil {
		t.Fatal(err)
	}
	second, err := json.Marshal(build(t, store, "v-07"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("two briefs of the same person differ")
	}
}

func TestBriefMarkdownWithoutAccounts(t *testing.T) {
	ds := smallPortfolio()
	ds.People = append(ds.People, graph.Person{ID: "ve", Name: "Idle | Vendor", Side: graph.SideVendor, Status: graph.StatusActive})
	brief := build(t, withoutNotes{loadStore(t, ds)}, "ve")

	var md bytes.Buffer
	if err := brief.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	text := md.String()
	if !strings.HasPrefix(text, `# Handover brief: Idle \| Vendor (ve)`) {
		t.Errorf("title does not escape the pipe in the name:\n%s", firstLines(text, 2))
	}
	if !strings.Contains(text, "- Accounts: 0,") {
		t.Errorf("summary does not show zero accounts:\n%s", text)
	}
	if !strings.Contains(text, "> Notes are not shown because this store keeps no notes.") {
		t.Errorf("Markdown does not say that notes are unavailable:\n%s", text)
	}
}

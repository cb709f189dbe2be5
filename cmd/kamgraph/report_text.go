package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// wrapWidth is the column at which long lists of people wrap.
const wrapWidth = 100

// textReport renders a report for people: names next to ids, one section
// per question.
type textReport struct {
	buf    bytes.Buffer
	ag     *graph.AccountGraph
	r      *analytics.Report
	people map[string]graph.Person
}

// writeTextReport writes the readable summary of r to w. ag supplies the
// names, titles and account details.
func writeTextReport(w io.Writer, ag *graph.AccountGraph, r *analytics.Report) error {
	t := &textReport{ag: ag, r: r, people: make(map[string]graph.Person, len(ag.People))}
	for _, p := range ag.People {
		t.people[p.ID] = p
	}

	t.header()
	t.unreached()
	t.singlePoints()
	t.bridges()
	t.keyStakeholders()
	t.betweenness()
	t.coverage()
	t.vendorSide()
	t.departures()

	_, err := w.Write(t.buf.Bytes())
	return err
}

func (t *textReport) printf(format string, args ...any) {
	fmt.Fprintf(&t.buf, format, args...)
}

// person returns "Name (id)", or the id alone for someone not in the
// account graph.
func (t *textReport) person(id string) string {
	p, ok := t.people[id]
	if !ok || p.Name == "" {
		return id
	}
	return p.Name + " (" + id + ")"
}

// personWithTitle returns "Name (id), Title".
func (t *textReport) personWithTitle(id string) string {
	if title := t.people[id].Title; title != "" {
		return t.person(id) + ", " + title
	}
	return t.person(id)
}

func (t *textReport) personList(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = t.person(id)
	}
	return out
}

// list writes items separated by commas after prefix, wrapping at
// wrapWidth onto lines that start with indent.
func (t *textReport) list(prefix, indent string, items []string) {
	line, onLine := prefix, 0
	for i, item := range items {
		if i < len(items)-1 {
			item += ","
		}
		if onLine > 0 && len(line)+1+len(item) > wrapWidth {
			t.printf("%s\n", line)
			line, onLine = indent, 0
		}
		line += " " + item
		onLine++
	}
	t.printf("%s\n", line)
}

func (t *textReport) section(title string, count int) {
	t.printf("\n%s (%d)\n", title, count)
}

func (t *textReport) header() {
	a := t.ag.Account
	t.printf("%s (%s)\n", a.Name, a.ID)

	var facts []string
	if a.Tier > 0 {
		facts = append(facts, fmt.Sprintf("tier %d", a.Tier))
	}
	facts = append(facts, "ARR "+formatThousands(a.ARR))
	if a.RenewalDate != "" {
		facts = append(facts, "renews "+string(a.RenewalDate))
	}
	if a.OwnerID != "" {
		owner := t.person(a.OwnerID)
		if p, ok := t.people[a.OwnerID]; ok && !p.Active() {
			owner += ", departed"
		}
		facts = append(facts, "owner "+owner)
	}
	t.printf("%s\n\n", strings.Join(facts, ", "))

	busFactor := "none (no key stakeholders)"
	if t.r.BusFactor != nil {
		busFactor = fmt.Sprint(*t.r.BusFactor)
	}
	t.printf("At threshold %g: %d people, %d relationships, bus factor %s.\n",
		t.r.Threshold, t.r.People, t.r.Relationships, busFactor)
	t.printf("%d of %d customer people are reached; %d single points of failure; %d bridge relationships.\n",
		len(t.r.Threads)-len(t.r.Unreached), len(t.r.Threads), len(t.r.SinglePointsOfFailure), len(t.r.Bridges))
}

func (t *textReport) unreached() {
	t.section("Unreached customer people", len(t.r.Unreached))
	if len(t.r.Unreached) == 0 {
		t.printf("  none: every active customer person has a path from our organisation\n")
	}
	for _, id := range t.r.Unreached {
		t.printf("  %s\n", t.personWithTitle(id))
	}
}

func (t *textReport) singlePoints() {
	t.section("Single points of failure", len(t.r.SinglePointsOfFailure))
	if len(t.r.SinglePointsOfFailure) == 0 {
		t.printf("  none: no one person's loss cuts anybody off\n")
	}
	for _, s := range t.r.SinglePointsOfFailure {
		t.printf("  %s [%s] cuts off %d:\n", t.personWithTitle(s.PersonID), s.Side, len(s.CutOff))
		t.list("     ", "     ", t.personList(s.CutOff))
	}
}

func (t *textReport) bridges() {
	t.section("Bridge relationships", len(t.r.Bridges))
	if len(t.r.Bridges) == 0 {
		t.printf("  none: no one relationship's loss cuts anybody off\n")
	}
	for _, b := range t.r.Bridges {
		t.printf("  %s -- %s cuts off %d:\n", t.person(b.PersonA), t.person(b.PersonB), len(b.CutOff))
		t.list("     ", "     ", t.personList(b.CutOff))
	}
}

func (t *textReport) keyStakeholders() {
	t.section("Key stakeholders", len(t.r.KeyStakeholders))
	if len(t.r.KeyStakeholders) == 0 {
		t.printf("  none: no customer person has a key role or is at vp or c_level\n")
		return
	}
	tw := tabwriter.NewWriter(&t.buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  person\trole\tseniority\tthreads\tcut off if we lose")
	for _, k := range t.r.KeyStakeholders {
		cut := strings.Join(t.personList(k.MinCut), ", ")
		if k.Threads == 0 {
			cut = "(unreached)"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%s\n", t.person(k.PersonID), orDash(k.Role), orDash(k.Seniority), k.Threads, cut)
	}
	tw.Flush()
}

func (t *textReport) coverage() {
	c := t.r.Coverage
	t.printf("\nCoverage (covered of occupied cells)\n")

	var uncovered []string
	for _, cell := range c.FunctionSeniority.Cells {
		if !cell.Covered {
			uncovered = append(uncovered, fmt.Sprintf("%s/%s (%s)", orNone(cell.Function), orNone(cell.Seniority), countOf(cell.People, "person", "people")))
		}
	}
	t.dimension("function x seniority", c.FunctionSeniority.Covered, c.FunctionSeniority.Occupied, c.FunctionSeniority.Breadth, uncovered)

	uncovered = nil
	for _, cell := range c.BusinessUnit.Cells {
		if !cell.Covered {
			uncovered = append(uncovered, fmt.Sprintf("%s (%s)", orNone(cell.BusinessUnit), countOf(cell.People, "person", "people")))
		}
	}
	t.dimension("business unit", c.BusinessUnit.Covered, c.BusinessUnit.Occupied, c.BusinessUnit.Breadth, uncovered)

	uncovered = nil
	for _, cell := range c.Geography.Cells {
		if !cell.Covered {
			uncovered = append(uncovered, fmt.Sprintf("%s (%s)", orNone(cell.Geography), countOf(cell.People, "person", "people")))
		}
	}
	t.dimension("geography", c.Geography.Covered, c.Geography.Occupied, c.Geography.Breadth, uncovered)

	switch {
	case len(c.ExpectedFunctions) == 0:
		t.printf("  uncharted functions: not checked (no expected functions)\n")
	case len(c.UnchartedFunctions) == 0:
		t.printf("  uncharted functions: none of %s\n", strings.Join(c.ExpectedFunctions, ", "))
	default:
		t.printf("  uncharted functions (nobody on record): %s\n", strings.Join(c.UnchartedFunctions, ", "))
	}
}

func (t *textReport) dimension(name string, covered, occupied int, breadth *float64, uncovered []string) {
	share := "no occupied cells"
	if breadth != nil {
		share = fmt.Sprintf("%.0f%%", *breadth*100)
	}
	t.printf("  %-22s %d of %d (%s)\n", name, covered, occupied, share)
	if len(uncovered) > 0 {
		t.list("      uncovered:", "       ", uncovered)
	}
}

func (t *textReport) vendorSide() {
	v := t.r.Vendor
	t.printf("\nOur side\n")
	if v.People == 0 {
		t.printf("  no vendor person has a qualifying relationship with this account\n")
		return
	}
	functions := "no recorded function"
	if v.FunctionCount > 0 {
		functions = strings.Join(v.Functions, ", ")
	}
	t.printf("  %s in %s: %s\n", countOf(v.People, "vendor person", "vendor people"), countOf(v.FunctionCount, "function", "functions"), functions)
	if v.Concentration != nil && v.Herfindahl != nil {
		t.printf("  concentration: %s holds %.0f%% of the relationship strength; Herfindahl index %.2f\n",
			t.person(v.TopPersonID), *v.Concentration*100, *v.Herfindahl)
	}
	var shares []string
	for _, s := range v.Shares {
		shares = append(shares, fmt.Sprintf("%s %.0f%%", t.person(s.PersonID), s.Share*100))
	}
	t.list("  shares:", "   ", shares)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// formatThousands renders x rounded to a whole number with comma
// separators, such as 1,250,000.
func formatThousands(x float64) string {
	digits := fmt.Sprintf("%.0f", math.Abs(math.Round(x)))
	var b strings.Builder
	if x < 0 && digits != "0" {
		b.WriteByte('-')
	}
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

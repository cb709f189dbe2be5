package handover

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// WriteMarkdown writes b as a Markdown document for people: a title, a
// summary, then per account a table of contacts, the risks if the person
// leaves, successors with their reasons, and notes.
func (b *Brief) WriteMarkdown(w io.Writer) error {
	m := &markdown{brief: b}
	m.header()
	m.summary()
	for i := range b.Accounts {
		m.account(&b.Accounts[i])
	}
	_, err := w.Write(m.buf.Bytes())
	return err
}

// markdown accumulates the rendering of one brief.
type markdown struct {
	buf   bytes.Buffer
	brief *Brief
}

func (m *markdown) printf(format string, args ...any) {
	fmt.Fprintf(&m.buf, format, args...)
}

// person returns "Name (id)", or the id alone when the name is unknown.
func (m *markdown) person(id string) string {
	if name := m.brief.Names[id]; name != "" {
		return escape(name) + " (" + escape(id) + ")"
	}
	return escape(id)
}

func (m *markdown) people(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = m.person(id)
	}
	return strings.Join(out, ", ")
}

// name returns the departing person's name, or their id without one.
func (m *markdown) name() string {
	if p := m.brief.Person; p.Name != "" {
		return escape(p.Name)
	}
	return escape(m.brief.Person.ID)
}

func (m *markdown) header() {
	p := m.brief.Person
	m.printf("# Handover brief: %s\n\n", m.person(p.ID))

	var facts []string
	for _, f := range []string{p.Title, p.Function, string(p.Seniority)} {
		if f != "" {
			facts = append(facts, escape(f))
		}
	}
	if !p.Active() {
		departed := "departed"
		if p.DepartedOn != "" {
			departed += " on " + string(p.DepartedOn)
		}
		facts = append(facts, departed)
	}
	if len(facts) > 0 {
		m.printf("%s\n\n", strings.Join(facts, " · "))
	}
	m.printf("Relationships count when their strength is at least %g.\n", m.brief.Threshold)
}

func (m *markdown) summary() {
	s := m.brief.Summary
	m.printf("\n## Summary\n\n")
	m.printf("- Accounts: %d, of which %s owns %d\n", s.Accounts, m.name(), s.OwnedAccounts)
	m.printf("- Customer contacts: %d, of whom %d have %s as their only thread\n", s.Contacts, s.OnlyThreads, m.name())
	m.printf("- Orphaned relationships: %d\n", s.Orphaned)
	m.printf("- Customer people cut off if %s leaves: %d\n", m.name(), s.NewlyUnreached)
	drops := "none"
	if len(s.BusFactorDrops) > 0 {
		drops = escape(strings.Join(s.BusFactorDrops, ", "))
	}
	m.printf("- Accounts whose bus factor drops: %s\n", drops)
	m.printf("- ARR at risk: %s\n", formatThousands(s.ARRAtRisk))
	if !m.brief.NotesAvailable {
		m.printf("\n> Notes are not shown because this store keeps no notes.\n")
	}
}

func (m *markdown) account(a *AccountBrief) {
	m.printf("\n## %s (%s)\n\n", escape(a.Account.Name), escape(a.Account.ID))
	var facts []string
	if a.Account.Tier > 0 {
		facts = append(facts, fmt.Sprintf("Tier %d", a.Account.Tier))
	}
	facts = append(facts, "ARR "+formatThousands(a.Account.ARR))
	if a.Account.RenewalDate != "" {
		facts = append(facts, "renews "+string(a.Account.RenewalDate))
	}
	switch {
	case a.Owner:
		facts = append(facts, m.name()+" owns this account")
	case a.Account.OwnerID != "":
		facts = append(facts, "owner "+m.person(a.Account.OwnerID))
	}
	m.printf("%s\n", strings.Join(facts, " · "))

	m.contacts(a)
	m.risks(a)
	m.successors(a)
	m.notes(a)
}

func (m *markdown) contacts(a *AccountBrief) {
	m.printf("\n### Contacts\n\n")
	if len(a.Contacts) == 0 {
		m.printf("%s has no relationship with an active customer person of this account.\n", m.name())
		return
	}
	m.printf("| Contact | Title | Role | Strength | Last interaction | Threads | Only thread |\n")
	m.printf("| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, c := range a.Contacts {
		strength := fmt.Sprintf("%.2f", c.Strength)
		if !c.Qualifying {
			strength += " (below threshold)"
		}
		only := "no"
		if c.OnlyThread {
			only = "**yes**"
		}
		m.printf("| %s | %s | %s | %s | %s | %d | %s |\n", m.contactName(c), orDash(c.Title), orDash(c.Role),
			strength, orDash(string(c.LastInteraction)), c.Threads, only)
	}
}

func (m *markdown) contactName(c Contact) string {
	if c.Name == "" {
		return escape(c.PersonID)
	}
	return escape(c.Name) + " (" + escape(c.PersonID) + ")"
}

func (m *markdown) risks(a *AccountBrief) {
	m.printf("\n### Risks if %s leaves\n\n", m.name())
	if !m.brief.Person.Active() {
		m.departedRisks(a)
		return
	}
	w := a.WhatIf
	if w == nil {
		m.printf("None: %s has no relationship in this account's graph.\n", m.name())
		return
	}
	lines := m.riskLines(w)
	if len(lines) == 0 {
		m.printf("None: no one is cut off and no threads, coverage or bus factor are lost.\n")
		return
	}
	for _, line := range lines {
		m.printf("- %s\n", line)
	}
}

// departedRisks describes the account of a person who has already left,
// whom the reports leave out, so that leaving again changes nothing.
func (m *markdown) departedRisks(a *AccountBrief) {
	m.printf("%s has already departed, so the reports leave them out and show the loss already.\n", m.name())
	var unreached []string
	for _, c := range a.Contacts {
		if c.Threads == 0 {
			unreached = append(unreached, m.contactName(c))
		}
	}
	if len(unreached) > 0 {
		m.printf("\n- Contacts unreached now: %s\n", strings.Join(unreached, ", "))
	}
}

// riskLines returns one line per kind of loss in w.
func (m *markdown) riskLines(w *analytics.Changes) []string {
	var lines []string
	if len(w.NewlyUnreached) > 0 {
		lines = append(lines, fmt.Sprintf("Cut off: %s", m.people(w.NewlyUnreached)))
	}
	if before, after := w.BusFactor.Before, w.BusFactor.After; before != nil && (after == nil || *after != *before) {
		lines = append(lines, fmt.Sprintf("Bus factor: %d → %s", *before, formatOptionalInt(after)))
	}
	for _, t := range w.Threads {
		if t.Lost > 0 && !t.Removed {
			lines = append(lines, fmt.Sprintf("Threads of %s: %d → %d", m.person(t.PersonID), t.Before, t.After))
		}
	}
	for _, s := range w.SinglePointsGained {
		lines = append(lines, fmt.Sprintf("New single point of failure: %s, whose loss would cut off %d",
			m.person(s.PersonID), len(s.CutOff)))
	}
	if cells := uncoveredCells(w.Coverage); len(cells) > 0 {
		lines = append(lines, "Coverage lost: "+escape(strings.Join(cells, "; ")))
	}
	before, after := w.Vendor.Before, w.Vendor.After
	if before.Concentration != nil && (after.Concentration == nil || *after.Concentration != *before.Concentration) {
		lines = append(lines, fmt.Sprintf("Vendor concentration: %s → %s", formatShare(before.Concentration), formatShare(after.Concentration)))
	}
	return lines
}

// uncoveredCells names the cells that lose coverage, dimension by
// dimension.
func uncoveredCells(c analytics.CoverageChanges) []string {
	var out []string
	for _, cell := range c.FunctionSeniority.Uncovered {
		out = append(out, fmt.Sprintf("%s/%s", orNone(cell.Function), orNone(cell.Seniority)))
	}
	for _, cell := range c.BusinessUnit.Uncovered {
		out = append(out, "business unit "+orNone(cell.BusinessUnit))
	}
	for _, cell := range c.Geography.Uncovered {
		out = append(out, "geography "+orNone(cell.Geography))
	}
	return out
}

func (m *markdown) successors(a *AccountBrief) {
	m.printf("\n### Successors\n")
	if len(a.Orphaned) == 0 {
		m.printf("\nNo relationship of this account hangs on %s alone.\n", m.name())
		return
	}
	for _, o := range a.Orphaned {
		m.printf("\n#### %s: %s\n\n", m.person(o.PersonID), orphanReason(o))
		if len(o.Successors) == 0 {
			m.printf("No candidate: no active colleague knows this person, has a warm path to them or works in the same function.\n")
			continue
		}
		for i, s := range o.Successors {
			title := ""
			if s.Title != "" {
				title = ", " + escape(s.Title)
			}
			m.printf("%d. **%s**%s, score %.2f\n", i+1, m.person(s.PersonID), title, s.Score)
			for _, reason := range m.reasons(s) {
				m.printf("   - %s\n", reason)
			}
		}
	}
}

func orphanReason(o Orphan) string {
	switch {
	case o.CutOff && o.OnlyDirect:
		return "only thread and only direct relationship"
	case o.CutOff:
		return "only thread"
	}
	return "only direct relationship"
}

// reasons returns the reasons behind a successor's score, one per line.
func (m *markdown) reasons(s Successor) []string {
	var out []string
	if s.Relationship != nil {
		out = append(out, fmt.Sprintf("knows the contact already, strength %.2f", *s.Relationship))
	}
	if s.WarmPath != nil {
		out = append(out, fmt.Sprintf("warm path via %s, strength %.2f", m.people(s.WarmPath.Via), s.WarmPath.Strength))
	}
	if s.SameFunction {
		out = append(out, "same function: "+escape(s.Function))
	}
	if s.SeniorityFit {
		out = append(out, "seniority "+escape(s.Seniority)+", within one level of the contact")
	}
	out = append(out, fmt.Sprintf("already carries %d customer contacts", s.Load))
	return out
}

func (m *markdown) notes(a *AccountBrief) {
	if !m.brief.NotesAvailable {
		return
	}
	m.printf("\n### Notes\n\n")
	count := 0
	for _, n := range a.Notes {
		m.note("Account", n)
		count++
	}
	for _, c := range a.Contacts {
		for _, n := range c.Notes {
			m.note(m.contactName(c), n)
			count++
		}
	}
	if count == 0 {
		m.printf("No notes on this account or its contacts.\n")
	}
}

// note writes one note as a list item. Lines after the first are
// indented so that they stay in the item.
func (m *markdown) note(about string, n graph.Note) {
	text := strings.ReplaceAll(strings.TrimSpace(n.Text), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\n", "\n  ")
	m.printf("- **%s** (%s, %s, %s): %s\n", about, n.Kind, escape(n.Author), n.UpdatedAt.UTC().Format("2006-01-02"), text)
}

// escape keeps text from breaking a table row or a line: it escapes
// pipes and turns line breaks into spaces.
func escape(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "\r", " ")
	return strings.ReplaceAll(s, "\n", " ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return escape(s)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func formatOptionalInt(p *int) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprint(*p)
}

func formatShare(p *float64) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprintf("%.0f%%", *p*100)
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

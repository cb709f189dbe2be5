package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/analytics/handover"
)

// simulationText renders simulations for people, with names next to ids.
type simulationText struct {
	buf   bytes.Buffer
	names map[string]string
}

// writeTextSimulation writes the readable form of result, an
// *analytics.Simulation or a *handover.PortfolioSimulation, to w.
func writeTextSimulation(w io.Writer, names map[string]string, result any) error {
	t := &simulationText{names: names}
	switch r := result.(type) {
	case *analytics.Simulation:
		t.simulation(r)
	case *handover.PortfolioSimulation:
		t.portfolio(r)
	default:
		return fmt.Errorf("cannot render %T as text", result)
	}
	_, err := w.Write(t.buf.Bytes())
	return err
}

func (t *simulationText) printf(format string, args ...any) {
	fmt.Fprintf(&t.buf, format, args...)
}

func (t *simulationText) person(id string) string {
	if name := t.names[id]; name != "" {
		return name + " (" + id + ")"
	}
	return id
}

func (t *simulationText) people(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = t.person(id)
	}
	return strings.Join(out, ", ")
}

func (t *simulationText) portfolio(p *handover.PortfolioSimulation) {
	t.printf("What if %s leave? %s touched.\n", t.people(p.Removed),
		countOf(len(p.Accounts), "account", "accounts"))
	if len(p.OwnedOnly) > 0 {
		t.printf("Owned without any relationship, so only the owner changes: %s\n", strings.Join(p.OwnedOnly, ", "))
	}
	for _, sim := range p.Accounts {
		t.printf("\n")
		t.simulation(sim)
	}
}

func (t *simulationText) simulation(s *analytics.Simulation) {
	c := s.Changes
	t.printf("Account %s without %s, at threshold %g\n", s.AccountID, t.people(s.Removed), s.Threshold)
	if len(s.AlreadyDeparted) > 0 {
		t.printf("  already departed, so nothing changes for them: %s\n", t.people(s.AlreadyDeparted))
	}
	t.printf("  bus factor: %s -> %s\n", formatBusFactorChange(c.BusFactor.Before), formatBusFactorChange(c.BusFactor.After))
	t.printf("  cut off (%d): %s\n", len(c.NewlyUnreached), orNothing(t.people(c.NewlyUnreached)))
	t.singlePoints("single points of failure gained", c.SinglePointsGained)
	t.singlePoints("single points of failure lost", c.SinglePointsLost)
	t.threads(c.Threads)
	t.coverage(c.Coverage)
	t.printf("  vendor concentration: %s -> %s\n", t.concentration(c.Vendor.Before), t.concentration(c.Vendor.After))
}

func (t *simulationText) singlePoints(title string, points []analytics.SinglePoint) {
	t.printf("  %s (%d)\n", title, len(points))
	for _, s := range points {
		t.printf("    %s [%s] cuts off %d\n", t.person(s.PersonID), s.Side, len(s.CutOff))
	}
}

func (t *simulationText) threads(changes []analytics.ThreadChange) {
	t.printf("  threads of key stakeholders (%d)\n", len(changes))
	if len(changes) == 0 {
		return
	}
	tw := tabwriter.NewWriter(&t.buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "    person\trole\tbefore\tafter\tlost")
	for _, c := range changes {
		name := t.person(c.PersonID)
		if c.Removed {
			name += " (removed)"
		}
		fmt.Fprintf(tw, "    %s\t%s\t%d\t%d\t%d\n", name, orDash(c.Role), c.Before, c.After, c.Lost)
	}
	tw.Flush()
}

func (t *simulationText) coverage(c analytics.CoverageChanges) {
	var uncovered, vacated []string
	for _, cell := range c.FunctionSeniority.Uncovered {
		uncovered = append(uncovered, orNone(cell.Function)+"/"+orNone(cell.Seniority))
	}
	for _, cell := range c.BusinessUnit.Uncovered {
		uncovered = append(uncovered, "business unit "+orNone(cell.BusinessUnit))
	}
	for _, cell := range c.Geography.Uncovered {
		uncovered = append(uncovered, "geography "+orNone(cell.Geography))
	}
	for _, cell := range c.FunctionSeniority.Vacated {
		vacated = append(vacated, orNone(cell.Function)+"/"+orNone(cell.Seniority))
	}
	for _, cell := range c.BusinessUnit.Vacated {
		vacated = append(vacated, "business unit "+orNone(cell.BusinessUnit))
	}
	for _, cell := range c.Geography.Vacated {
		vacated = append(vacated, "geography "+orNone(cell.Geography))
	}
	t.printf("  coverage cells no longer covered (%d): %s\n", len(uncovered), orNothing(strings.Join(uncovered, ", ")))
	if len(vacated) > 0 {
		t.printf("  cells left without people (%d): %s\n", len(vacated), strings.Join(vacated, ", "))
	}
	if len(c.UnchartedGained) > 0 {
		t.printf("  expected functions left without people: %s\n", strings.Join(c.UnchartedGained, ", "))
	}
}

func (t *simulationText) concentration(v analytics.VendorSummary) string {
	if v.Concentration == nil {
		return "none (no vendor relationships)"
	}
	return fmt.Sprintf("%.0f%% held by %s", *v.Concentration*100, t.person(v.TopPersonID))
}

func formatBusFactorChange(p *int) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprint(*p)
}

func orNothing(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

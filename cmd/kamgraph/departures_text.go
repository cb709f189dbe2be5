package main

import "fmt"

// departures writes the relationships lost through departures in the
// report's period. It writes nothing when no departure falls in it.
func (t *textReport) departures() {
	if len(t.r.Departures) == 0 {
		return
	}
	t.section("Departures", len(t.r.Departures))
	for _, d := range t.r.Departures {
		t.printf("  %s [%s] left on %s, losing %s\n", t.personWithTitle(d.PersonID), d.Side, d.DepartedOn,
			countOf(len(d.Relationships), "relationship", "relationships"))
		for _, r := range d.Relationships {
			other := r.PersonA
			if other == d.PersonID {
				other = r.PersonB
			}
			t.printf("     with %s, strength %s\n", t.person(other), formatStrength(r.Strength))
		}
	}
}

func formatStrength(s float64) string {
	return fmt.Sprintf("%.2f", s)
}

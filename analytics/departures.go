package analytics

import (
	"sort"

	"github.com/kamgraph/kamgraph/graph"
)

// Departure is a departed person of the account graph with the
// relationships that the account lost when they left.
type Departure struct {
	PersonID   string     `json:"person_id"`
	Side       string     `json:"side"`
	DepartedOn graph.Date `json:"departed_on"`
	// Relationships are the person's qualifying relationships with other
	// people of the account graph in which at least one of the two is a
	// customer person of the account, sorted by (PersonA, PersonB). A
	// departed vendor's relationships with colleagues are not listed.
	Relationships []graph.Relationship `json:"relationships"`
}

// validateDeparturePeriod checks the departure bounds of o.
func (o Options) validateDeparturePeriod() error {
	for _, bound := range []struct{ name, value string }{
		{"departures from", string(o.DeparturesFrom)},
		{"departures to", string(o.DeparturesTo)},
	} {
		if _, err := graph.ParseDate(bound.value); err != nil {
			return graph.Errorf(graph.KindInvalid, "invalid %s date %q: use YYYY-MM-DD", bound.name, bound.value)
		}
	}
	if o.DeparturesFrom != "" && o.DeparturesTo != "" && o.DeparturesFrom > o.DeparturesTo {
		return graph.Errorf(graph.KindInvalid,
			"invalid departure period: from %s is after to %s: give the earlier date first",
			o.DeparturesFrom, o.DeparturesTo)
	}
	return nil
}

// inDeparturePeriod reports whether a departure on date d falls between
// the bounds of o. Undated departures never do, because no period can
// place them.
func (o Options) inDeparturePeriod(d graph.Date) bool {
	if d == "" {
		return false
	}
	// Valid YYYY-MM-DD dates order as strings the way they order in time.
	if o.DeparturesFrom != "" && d < o.DeparturesFrom {
		return false
	}
	return o.DeparturesTo == "" || d <= o.DeparturesTo
}

// Departures returns the departed people of ag whose departure date lies
// in the period of opts, each with the qualifying relationships (strength
// at least opts.Threshold) that the account lost. A customer person's
// relationships with anyone in ag count, but a vendor person's count only
// when the other person is a customer of the account. The result is
// sorted by departure date, then person id, and is nil when no departure
// falls in the period.
//
// Departures expects ag to be valid for NewNetwork and opts to pass
// Validate. It takes O(p + r) time for p people and r relationships,
// besides sorting.
func Departures(ag *graph.AccountGraph, opts Options) []Departure {
	people := make(map[string]*graph.Person, len(ag.People))
	index := make(map[string]int)
	var out []Departure
	for i := range ag.People {
		p := &ag.People[i]
		people[p.ID] = p
		if p.Active() || !opts.inDeparturePeriod(p.DepartedOn) {
			continue
		}
		index[p.ID] = len(out)
		out = append(out, Departure{
			PersonID:      p.ID,
			Side:          string(p.Side),
			DepartedOn:    p.DepartedOn,
			Relationships: []graph.Relationship{},
		})
	}
	if len(out) == 0 {
		return nil
	}

	accountID := ag.Account.ID
	isCustomer := func(id string) bool {
		p := people[id]
		return p != nil && p.Side == graph.SideCustomer && p.AccountID == accountID
	}
	for _, r := range ag.Relationships {
		if r.Strength < opts.Threshold || !(isCustomer(r.PersonA) || isCustomer(r.PersonB)) {
			continue
		}
		// Both endpoints may have departed in the period, and then the
		// relationship is listed under each of them.
		for _, id := range []string{r.PersonA, r.PersonB} {
			if i, ok := index[id]; ok {
				out[i].Relationships = append(out[i].Relationships, r.Canonical())
			}
		}
	}
	for i := range out {
		graph.SortRelationships(out[i].Relationships)
	}

	sort.Slice(out, func(i, j int) bool {
		if out[i].DepartedOn != out[j].DepartedOn {
			return out[i].DepartedOn < out[j].DepartedOn
		}
		return out[i].PersonID < out[j].PersonID
	})
	return out
}

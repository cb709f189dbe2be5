package neo4jstore

import (
	"fmt"

	"github.com/kamgraph/kamgraph/graph"
)

// fields reads one account, person or relationship that a query returns
// as a list of values in a fixed order. It converts values as properties
// does, and keeps the first problem in err.
type fields struct {
	kind   string   // "account", "person" or "relationship", for messages
	names  []string // the name of each position, for messages
	values []any
	// personA is the first person of a relationship target, whose own
	// list starts with the second.
	personA string
	err     error
}

// newFields returns the reader of item, which must be a list of
// len(names) values.
func newFields(kind string, names []string, item any) fields {
	f := fields{kind: kind, names: names}
	values, ok := item.([]any)
	switch {
	case !ok:
		f.err = fmt.Errorf("stored %s: unexpected %T: expected a list of %d values", kind, item, len(names))
	case len(values) != len(names):
		f.err = fmt.Errorf("stored %s: unexpected list of %d values: expected %d", kind, len(values), len(names))
	default:
		f.values = values
	}
	return f
}

func (f *fields) text(i int) string {
	if f.values == nil {
		return ""
	}
	s, ok := textValue(f.values[i])
	if !ok {
		f.fail(i, "a string")
	}
	return s
}

func (f *fields) integer(i int) int {
	if f.values == nil {
		return 0
	}
	n, ok := integerValue(f.values[i])
	if !ok {
		f.fail(i, "an integer")
	}
	return n
}

func (f *fields) number(i int) float64 {
	if f.values == nil {
		return 0
	}
	x, ok := numberValue(f.values[i])
	if !ok {
		f.fail(i, "a number")
	}
	return x
}

func (f *fields) date(i int) graph.Date {
	if f.values == nil {
		return ""
	}
	d, ok := dateValue(f.values[i])
	if !ok {
		f.fail(i, "a date")
	}
	return d
}

// list returns the list at position i.
func (f *fields) list(i int) []any {
	if f.values == nil {
		return nil
	}
	items, ok := f.values[i].([]any)
	if !ok {
		f.fail(i, "a list")
	}
	return items
}

func (f *fields) fail(i int, want string) {
	if f.err != nil {
		return
	}
	value := f.values[i]
	f.err = fmt.Errorf("stored %s %s: unexpected %T %v in property %s: expected %s",
		f.kind, f.describe(), value, value, f.names[i], want)
}

// describe returns the id or pair that identifies the record in messages.
func (f *fields) describe() string {
	first := fmt.Sprint(f.values[0])
	if f.personA != "" {
		return fmt.Sprintf("(%q, %q)", f.personA, first)
	}
	return fmt.Sprintf("%q", first)
}

// Positions of the values of an account, a person and a relationship
// target in the lists of cypher/account_graph.cypher.
var (
	accountFields = []string{"id", "name", "tier", "arr", "renewal_date", "owner_id"}
	personFields  = []string{"id", "name", "side", "title", "function", "business_unit", "geography",
		"seniority", "role", "status", "departed_on", "email", "account_id", "manager_id"}
	targetFields = []string{"person_b", "strength", "type", "last_interaction", "source"}
	// sourceFields is a person with the targets of its relationships.
	sourceFields = []string{"person_a", "targets"}
)

func decodeAccountList(item any) (graph.Account, error) {
	f := newFields("account", accountFields, item)
	a := graph.Account{
		ID:          f.text(0),
		Name:        f.text(1),
		Tier:        f.integer(2),
		ARR:         f.number(3),
		RenewalDate: f.date(4),
		OwnerID:     f.text(5),
	}
	return a, f.err
}

// decodePersonLists decodes a list of person lists.
func decodePersonLists(items []any) ([]graph.Person, error) {
	people := make([]graph.Person, len(items))
	for i, item := range items {
		f := newFields("person", personFields, item)
		p := graph.Person{
			ID:           f.text(0),
			Name:         f.text(1),
			Side:         graph.Side(f.text(2)),
			Title:        f.text(3),
			Function:     f.text(4),
			BusinessUnit: f.text(5),
			Geography:    f.text(6),
			Seniority:    graph.Seniority(f.text(7)),
			Role:         graph.Role(f.text(8)),
			Status:       graph.Status(f.text(9)),
			DepartedOn:   f.date(10),
			Email:        f.text(11),
			AccountID:    f.text(12),
			ManagerID:    f.text(13),
		}
		if f.err != nil {
			return nil, f.err
		}
		// As in decodePerson, a person stored without a status is active.
		if p.Status == "" {
			p.Status = graph.StatusActive
		}
		people[i] = p
	}
	return people, nil
}

// decodeRelationshipLists decodes a list of [person_a, targets] lists, with
// each target a [person_b, strength, type, last_interaction, source] list,
// into relationships in canonical order.
func decodeRelationshipLists(items []any) ([]graph.Relationship, error) {
	count := 0
	for _, item := range items {
		if source, ok := item.([]any); ok && len(source) == len(sourceFields) {
			if targets, ok := source[1].([]any); ok {
				count += len(targets)
			}
		}
	}
	relationships := make([]graph.Relationship, 0, count)
	for _, item := range items {
		source := newFields("relationship", sourceFields, item)
		personA := source.text(0)
		targets := source.list(1)
		if source.err != nil {
			return nil, source.err
		}
		for _, target := range targets {
			f := newFields("relationship", targetFields, target)
			f.personA = personA
			r := graph.Relationship{
				PersonA:         personA,
				PersonB:         f.text(0),
				Strength:        f.number(1),
				Type:            f.text(2),
				LastInteraction: f.date(3),
				Source:          f.text(4),
			}
			if f.err != nil {
				return nil, f.err
			}
			relationships = append(relationships, r.Canonical())
		}
	}
	return relationships, nil
}

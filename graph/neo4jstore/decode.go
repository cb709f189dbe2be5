package neo4jstore

import (
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
)

// properties reads the map that a query returns for one account, person or
// relationship. A missing key or a null value reads as the zero value. The
// first value of an unexpected type is kept in err.
type properties struct {
	kind   string // "account", "person" or "relationship", for messages
	values map[string]any
	err    error
}

func (p *properties) text(key string) string {
	s, ok := textValue(p.values[key])
	if !ok {
		p.fail(key, p.values[key], "a string")
	}
	return s
}

func (p *properties) integer(key string) int {
	n, ok := integerValue(p.values[key])
	if !ok {
		p.fail(key, p.values[key], "an integer")
	}
	return n
}

func (p *properties) number(key string) float64 {
	x, ok := numberValue(p.values[key])
	if !ok {
		p.fail(key, p.values[key], "a number")
	}
	return x
}

func (p *properties) date(key string) graph.Date {
	d, ok := dateValue(p.values[key])
	if !ok {
		p.fail(key, p.values[key], "a date")
	}
	return d
}

// The functions below convert one stored value. Null converts to the zero
// value. They return false, with the zero value, for a value of another
// type.

func textValue(value any) (string, bool) {
	switch v := value.(type) {
	case nil:
		return "", true
	case string:
		return v, true
	default:
		return "", false
	}
}

func integerValue(value any) (int, bool) {
	switch v := value.(type) {
	case nil:
		return 0, true
	case int64:
		return int(v), true
	default:
		return 0, false
	}
}

func numberValue(value any) (float64, bool) {
	switch v := value.(type) {
	case nil:
		return 0, true
	case float64:
		return v, true
	case int64:
		return float64(v), true
	default:
		return 0, false
	}
}

// dateValue converts a Neo4j date, or a YYYY-MM-DD string written by
// another tool.
func dateValue(value any) (graph.Date, bool) {
	switch v := value.(type) {
	case nil:
		return "", true
	case neo4j.Date:
		return graph.Date(time.Time(v).Format(time.DateOnly)), true
	case string:
		d, err := graph.ParseDate(v)
		if err != nil {
			return "", false
		}
		return d, true
	default:
		return "", false
	}
}

func (p *properties) fail(key string, value any, want string) {
	if p.err != nil {
		return
	}
	p.err = fmt.Errorf("stored %s %s: unexpected %T %v in property %s: expected %s",
		p.kind, p.describe(), value, value, key, want)
}

// describe returns the id or pair that identifies the record in messages.
func (p *properties) describe() string {
	if p.kind == "relationship" {
		return fmt.Sprintf("(%v, %v)", p.values["person_a"], p.values["person_b"])
	}
	return fmt.Sprintf("%q", fmt.Sprint(p.values["id"]))
}

func decodeAccount(values map[string]any) (graph.Account, error) {
	p := properties{kind: "account", values: values}
	a := graph.Account{
		ID:          p.text("id"),
		Name:        p.text("name"),
		Tier:        p.integer("tier"),
		ARR:         p.number("arr"),
		RenewalDate: p.date("renewal_date"),
		OwnerID:     p.text("owner_id"),
	}
	return a, p.err
}

func decodePerson(values map[string]any) (graph.Person, error) {
	p := properties{kind: "person", values: values}
	person := graph.Person{
		ID:           p.text("id"),
		Name:         p.text("name"),
		Side:         graph.Side(p.text("side")),
		AccountID:    p.text("account_id"),
		Title:        p.text("title"),
		Function:     p.text("function"),
		BusinessUnit: p.text("business_unit"),
		Geography:    p.text("geography"),
		Seniority:    graph.Seniority(p.text("seniority")),
		Role:         graph.Role(p.text("role")),
		Status:       graph.Status(p.text("status")),
		DepartedOn:   p.date("departed_on"),
		Email:        p.text("email"),
		ManagerID:    p.text("manager_id"),
	}
	// Import always stores a status. A person written by another tool
	// without one counts as active, as an empty status does in import files.
	if person.Status == "" {
		person.Status = graph.StatusActive
	}
	return person, p.err
}

// decodeRelationship returns the relationship in canonical order.
func decodeRelationship(values map[string]any) (graph.Relationship, error) {
	p := properties{kind: "relationship", values: values}
	r := graph.Relationship{
		PersonA:         p.text("person_a"),
		PersonB:         p.text("person_b"),
		Strength:        p.number("strength"),
		Type:            p.text("type"),
		LastInteraction: p.date("last_interaction"),
		Source:          p.text("source"),
	}
	return r.Canonical(), p.err
}

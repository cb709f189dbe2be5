package csvimport

import (
	"math"
	"strconv"

	"github.com/kamgraph/kamgraph/graph"
)

func (p *fileParser) parseAccount(record []string) {
	a := graph.Account{
		ID:      p.value(record, "account_id"),
		Name:    p.value(record, "name"),
		OwnerID: p.value(record, "owner_id"),
	}
	if v := p.value(record, "tier"); v != "" {
		tier, err := strconv.Atoi(v)
		if err != nil || tier < 1 || tier > 3 {
			p.problem("tier", v, "invalid tier: use 1, 2 or 3, or leave it empty")
		}
		a.Tier = tier
	}
	if v := p.value(record, "arr"); v != "" {
		arr, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(arr) || math.IsInf(arr, 0) || arr < 0 {
			p.problem("arr", v, "invalid arr: use a non-negative number without currency signs or thousands separators")
		}
		a.ARR = arr
	}
	a.RenewalDate = p.date(record, "renewal_date")

	p.ds.Accounts = append(p.ds.Accounts, a)
	p.ds.Origin.AccountLines = append(p.ds.Origin.AccountLines, p.line)
}

func (p *fileParser) parsePerson(record []string) {
	person := graph.Person{
		ID:           p.value(record, "person_id"),
		Name:         p.value(record, "name"),
		AccountID:    p.value(record, "account_id"),
		Title:        p.value(record, "title"),
		Function:     p.value(record, "function"),
		BusinessUnit: p.value(record, "business_unit"),
		Geography:    p.value(record, "geography"),
		Email:        p.value(record, "email"),
		ManagerID:    p.value(record, "manager_id"),
	}
	if v := p.value(record, "side"); v != "" {
		side, err := graph.ParseSide(v)
		p.check("side", v, err)
		person.Side = side
	}
	v := p.value(record, "seniority")
	seniority, err := graph.ParseSeniority(v)
	p.check("seniority", v, err)
	person.Seniority = seniority

	v = p.value(record, "role")
	role, err := graph.ParseRole(v)
	p.check("role", v, err)
	person.Role = role

	v = p.value(record, "status")
	status, err := graph.ParseStatus(v)
	p.check("status", v, err)
	person.Status = status

	person.DepartedOn = p.date(record, "departed_on")

	p.ds.People = append(p.ds.People, person)
	p.ds.Origin.PersonLines = append(p.ds.Origin.PersonLines, p.line)
}

func (p *fileParser) parseRelationship(record []string) {
	r := graph.Relationship{
		PersonA: p.value(record, "person_a"),
		PersonB: p.value(record, "person_b"),
		Type:    p.value(record, "type"),
		Source:  p.value(record, "source"),
	}
	if v := p.value(record, "strength"); v != "" {
		s, err := strconv.ParseFloat(v, 64)
		switch {
		case err != nil:
			p.problem("strength", v, "invalid strength: use a number greater than 0 and at most 1")
		case math.IsNaN(s) || !(s > 0 && s <= 1):
			p.problem("strength", v, "strength out of range: use a number greater than 0 and at most 1")
		}
		r.Strength = s
	}
	r.LastInteraction = p.date(record, "last_interaction")

	p.ds.Relationships = append(p.ds.Relationships, r)
	p.ds.Origin.RelationshipLines = append(p.ds.Origin.RelationshipLines, p.line)
}

func (p *fileParser) date(record []string, col string) graph.Date {
	v := p.value(record, col)
	d, err := graph.ParseDate(v)
	p.check(col, v, err)
	return d
}

// check reports err, the result of parsing value, as a problem with col.
func (p *fileParser) check(col, value string, err error) {
	if err != nil {
		p.problem(col, value, err.Error())
	}
}

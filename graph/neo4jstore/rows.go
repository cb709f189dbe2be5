package neo4jstore

import (
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
)

// vendorOrg is the org of the business units of vendor people. Customer
// units use the account id, and BusinessUnit.side keeps an account whose id
// is "vendor" apart from the vendor organisation.
const vendorOrg = "vendor"

// changes are the records of a dataset that differ from the stored ones.
// Records equal to the stored ones need no write, and neither do their
// links, because a record's fields determine its links.
type changes struct {
	accounts []graph.Account // new or updated
	people   []graph.Person  // new or updated
	// peopleUpdated is set when a stored person changes, which may leave a
	// Function or BusinessUnit without people.
	peopleUpdated        bool
	newRelationships     []graph.Relationship // canonical
	updatedRelationships []graph.Relationship // canonical
}

func diff(ds *graph.Dataset, existing graph.Existing) changes {
	var c changes
	for _, a := range ds.Accounts {
		if old, ok := existing.Accounts[a.ID]; !ok || old != a {
			c.accounts = append(c.accounts, a)
		}
	}
	for _, p := range ds.People {
		old, ok := existing.People[p.ID]
		if ok && old == p {
			continue
		}
		c.people = append(c.people, p)
		c.peopleUpdated = c.peopleUpdated || ok
	}
	for _, r := range ds.Relationships {
		r = r.Canonical()
		old, ok := existing.Relationships[graph.Pair(r.PersonA, r.PersonB)]
		switch {
		case !ok:
			c.newRelationships = append(c.newRelationships, r)
		case old != r:
			c.updatedRelationships = append(c.updatedRelationships, r)
		}
	}
	return c
}

// empty reports whether c changes nothing.
func (c changes) empty() bool {
	return len(c.accounts)+len(c.people)+len(c.newRelationships)+len(c.updatedRelationships) == 0
}

// The functions below build the parameters of the UNWIND statements, one
// map per record with only the fields that the statement reads. Empty
// strings become nil, because setting a property to null removes it: the
// store keeps no property for an empty field.

func accountRows(accounts []graph.Account) ([]map[string]any, error) {
	rows := make([]map[string]any, 0, len(accounts))
	for _, a := range accounts {
		renewal, err := dateParam(a.RenewalDate)
		if err != nil {
			return nil, fmt.Errorf("account %q: %w", a.ID, err)
		}
		var tier any
		if a.Tier != 0 {
			tier = int64(a.Tier)
		}
		rows = append(rows, map[string]any{
			"id":           a.ID,
			"name":         a.Name,
			"tier":         tier,
			"arr":          a.ARR,
			"renewal_date": renewal,
		})
	}
	return rows, nil
}

func ownerRows(accounts []graph.Account) []map[string]any {
	rows := make([]map[string]any, 0, len(accounts))
	for _, a := range accounts {
		rows = append(rows, map[string]any{"id": a.ID, "owner_id": nullable(a.OwnerID)})
	}
	return rows
}

func personRows(people []graph.Person) ([]map[string]any, error) {
	rows := make([]map[string]any, 0, len(people))
	for _, p := range people {
		departed, err := dateParam(p.DepartedOn)
		if err != nil {
			return nil, fmt.Errorf("person %q: %w", p.ID, err)
		}
		rows = append(rows, map[string]any{
			"id":            p.ID,
			"name":          p.Name,
			"side":          string(p.Side),
			"title":         nullable(p.Title),
			"function":      nullable(p.Function),
			"business_unit": nullable(p.BusinessUnit),
			"geography":     nullable(p.Geography),
			"seniority":     nullable(string(p.Seniority)),
			"role":          nullable(string(p.Role)),
			"status":        string(p.Status),
			"departed_on":   departed,
			"email":         nullable(p.Email),
		})
	}
	return rows, nil
}

func functionRows(people []graph.Person) []map[string]any {
	rows := make([]map[string]any, 0, len(people))
	for _, p := range people {
		rows = append(rows, map[string]any{
			"id":           p.ID,
			"function_key": nullable(graph.NormalizeFunction(p.Function)),
		})
	}
	return rows
}

func unitRows(people []graph.Person) []map[string]any {
	rows := make([]map[string]any, 0, len(people))
	for _, p := range people {
		org := vendorOrg
		if p.Side == graph.SideCustomer {
			org = p.AccountID
		}
		rows = append(rows, map[string]any{
			"id":        p.ID,
			"unit_side": string(p.Side),
			"unit_org":  org,
			"unit_key":  nullable(unitKey(p.BusinessUnit)),
			"unit_name": strings.TrimSpace(p.BusinessUnit),
		})
	}
	return rows
}

// unitKey returns the key under which business unit names compare within
// one organisation: trimmed and lower-cased, like function names.
func unitKey(name string) string {
	return strings.ToLower(strings.TrimSpace(name))
}

func personAccountRows(people []graph.Person) []map[string]any {
	rows := make([]map[string]any, 0, len(people))
	for _, p := range people {
		rows = append(rows, map[string]any{"id": p.ID, "account_id": nullable(p.AccountID)})
	}
	return rows
}

func managerRows(people []graph.Person) []map[string]any {
	rows := make([]map[string]any, 0, len(people))
	for _, p := range people {
		rows = append(rows, map[string]any{"id": p.ID, "manager_id": nullable(p.ManagerID)})
	}
	return rows
}

// relationshipRows expects canonical relationships.
func relationshipRows(relationships []graph.Relationship) ([]map[string]any, error) {
	rows := make([]map[string]any, 0, len(relationships))
	for _, r := range relationships {
		last, err := dateParam(r.LastInteraction)
		if err != nil {
			return nil, fmt.Errorf("relationship between %q and %q: %w", r.PersonA, r.PersonB, err)
		}
		rows = append(rows, map[string]any{
			"a":                r.PersonA,
			"b":                r.PersonB,
			"strength":         r.Strength,
			"type":             nullable(r.Type),
			"last_interaction": last,
			"source":           nullable(r.Source),
		})
	}
	return rows, nil
}

func pairRows(pairs []graph.PairKey) []map[string]any {
	rows := make([]map[string]any, 0, len(pairs))
	for _, pair := range pairs {
		rows = append(rows, map[string]any{"a": pair.A, "b": pair.B})
	}
	return rows
}

// nullable returns nil for the empty string and s otherwise.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// dateParam returns d as a Neo4j date, or nil when d is empty.
func dateParam(d graph.Date) (any, error) {
	if d == "" {
		return nil, nil
	}
	t, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return nil, fmt.Errorf("invalid date %q: use YYYY-MM-DD", d)
	}
	return neo4j.DateOf(t), nil
}

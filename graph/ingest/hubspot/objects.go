package hubspot

import (
	"fmt"
	"io"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/internal/crm"
	"github.com/kamgraph/kamgraph/graph/ingest/mapping"
)

type reader struct {
	m        *mapping.Mapping
	opts     ingest.Options
	problems *ingest.Problems
	summary  ingest.Summary

	users, companies, contacts *crm.Index
	hasUsers                   bool

	userRows    []*personRow
	companyRows []*companyRow
	contactRows []*personRow

	// owners maps a lower-cased email or full name to the ids of the users
	// who have it.
	owners map[string][]string
}

type personRow struct {
	loc      ingest.Location
	person   graph.Person
	owner    string // contacts: the Contact owner value, a name or an email
	ownerID  string // contacts: the user that owner resolved to
	rejected bool
}

type companyRow struct {
	loc      ingest.Location
	account  graph.Account
	owner    string
	rejected bool
}

func newReader(m *mapping.Mapping, opts ingest.Options) *reader {
	return &reader{
		m:         m,
		opts:      opts,
		problems:  ingest.NewProblems(opts),
		users:     crm.NewIndex("the users export", false),
		companies: crm.NewIndex("the companies export", false),
		contacts:  crm.NewIndex("the contacts export", true),
		owners:    map[string][]string{},
	}
}

func (r *reader) readFile(kind, name string, f io.Reader) {
	t := ingest.OpenTable(name, f, r.m.Fields(mapping.HubSpot, kind), r.problems, r.opts)
	if t == nil {
		return
	}
	switch kind {
	case mapping.HSUsers:
		r.users.Present = true
		r.readUsers(t)
	case mapping.HSCompanies:
		r.companies.Present = true
		r.readCompanies(t)
	case mapping.HSContacts:
		r.readContacts(t)
	}
	r.summary.RowsRead += t.Rows()
}

func (r *reader) readPerson(t *ingest.Table, side graph.Side, prefix string) (*personRow, bool) {
	row := crm.Row{T: t, M: r.m}
	id := row.Required(mapping.FieldPersonID, "Record ID")
	p := graph.Person{
		ID:           prefix + id,
		Name:         row.Name(),
		Side:         side,
		Title:        t.Value(mapping.FieldTitle),
		Function:     t.Value(mapping.FieldFunction),
		BusinessUnit: t.Value(mapping.FieldBusinessUnit),
		Geography:    t.Value(mapping.FieldGeography),
		Seniority:    row.Seniority(),
		Status:       row.Status(),
		Email:        row.Email(),
	}
	if p.Name == "" {
		// A record with an email but no name is common in HubSpot.
		p.Name = p.Email
	}
	if p.Name == "" {
		_, col := t.Get(mapping.FieldFirstName)
		t.Problem(col, "", "missing name: the row has no first name, last name or email")
	}
	return &personRow{loc: t.Location(), person: p}, id != ""
}

func (r *reader) readUsers(t *ingest.Table) {
	if !t.Require(mapping.FieldPersonID) {
		return
	}
	for t.Next() {
		pr, hasID := r.readPerson(t, graph.SideVendor, UserPrefix)
		if r.define(r.users, t, pr.person.ID, hasID) {
			r.userRows = append(r.userRows, pr)
		}
	}
}

func (r *reader) readCompanies(t *ingest.Table) {
	if !t.Require(mapping.FieldAccountID, mapping.FieldName) {
		return
	}
	for t.Next() {
		row := crm.Row{T: t, M: r.m}
		id := row.Required(mapping.FieldAccountID, "Record ID")
		a := graph.Account{
			ID:          CompanyPrefix + id,
			Name:        row.Required(mapping.FieldName, "company name"),
			Tier:        row.Tier(),
			ARR:         row.ARR(),
			RenewalDate: row.Date(mapping.FieldRenewalDate),
		}
		cr := &companyRow{loc: t.Location(), account: a, owner: t.Value(mapping.FieldOwner)}
		if r.define(r.companies, t, a.ID, id != "") {
			r.companyRows = append(r.companyRows, cr)
		}
	}
}

func (r *reader) readContacts(t *ingest.Table) {
	if !t.Require(mapping.FieldPersonID) {
		return
	}
	for t.Next() {
		pr, hasID := r.readPerson(t, graph.SideCustomer, ContactPrefix)
		pr.person.Role = crm.BestRole(crm.Row{T: t, M: r.m}.Roles())
		pr.owner = t.Value(mapping.FieldOwner)
		company := r.companyOf(t)
		if !r.define(r.contacts, t, pr.person.ID, hasID) {
			continue
		}
		if company == "" {
			// A contact without a company is no customer person.
			delete(r.contacts.Accepted, pr.person.ID)
			r.contacts.Skipped[pr.person.ID] = true
			r.summary.Skip("contacts: no associated company")
			continue
		}
		pr.person.AccountID = CompanyPrefix + company
		r.contactRows = append(r.contactRows, pr)
	}
}

// companyOf returns the contact's company id: the primary associated
// company, or else the only associated company. Several associated
// companies without a primary one are a problem, because kamgraph places
// each person in one account.
func (r *reader) companyOf(t *ingest.Table) string {
	if id := t.Value(mapping.FieldPrimaryCompanyID); id != "" {
		return id
	}
	v, col := t.Get(mapping.FieldCompanyIDs)
	ids := ingest.SplitList(v)
	switch len(ids) {
	case 0:
		return ""
	case 1:
		return ids[0]
	}
	t.Problem(col, v, fmt.Sprintf(
		"the contact is associated with %d companies: export the %q column too, so that kamgraph can tell the primary one",
		len(ids), r.firstColumn(mapping.HSContacts, mapping.FieldPrimaryCompanyID)))
	return ""
}

func (r *reader) firstColumn(kind, field string) string {
	if cols := r.m.Fields(mapping.HubSpot, kind)[field]; len(cols) > 0 {
		return cols[0]
	}
	return field
}

func (r *reader) define(ix *crm.Index, t *ingest.Table, id string, hasID bool) bool {
	if t.Failed() {
		if hasID {
			ix.Reject(id, t.Location())
		}
		return false
	}
	_, col := t.Get(mapping.FieldPersonID)
	if ix == r.companies {
		_, col = t.Get(mapping.FieldAccountID)
	}
	return ix.Define(id, t.Location(), col, r.problems)
}

// resolve links owners to users and contacts to companies, rejecting rows
// whose reference does not resolve.
func (r *reader) resolve() {
	for _, u := range r.userRows {
		for _, key := range []string{u.person.Email, u.person.Name} {
			if key = strings.ToLower(strings.TrimSpace(key)); key != "" {
				r.owners[key] = appendUnique(r.owners[key], u.person.ID)
			}
		}
	}
	for _, c := range r.companyRows {
		owner, msg := r.ownerID(c.owner)
		if msg != "" {
			r.reject(c.loc, r.firstColumn(mapping.HSCompanies, mapping.FieldOwner), c.owner, msg)
			c.rejected = true
			r.companies.Reject(c.account.ID, c.loc)
			continue
		}
		c.account.OwnerID = owner
	}
	for _, c := range r.contactRows {
		r.resolveContact(c)
	}
}

func (r *reader) resolveContact(c *personRow) {
	owner, msg := r.ownerID(c.owner)
	if msg != "" {
		r.reject(c.loc, r.firstColumn(mapping.HSContacts, mapping.FieldOwner), c.owner, msg)
		c.rejected = true
		return
	}
	c.ownerID = owner
	if msg, ok := r.companies.Check(c.person.AccountID); !ok {
		col := r.firstColumn(mapping.HSContacts, mapping.FieldCompanyIDs)
		r.reject(c.loc, col, strings.TrimPrefix(c.person.AccountID, CompanyPrefix), "company "+msg)
		c.rejected = true
	}
}

func (r *reader) reject(loc ingest.Location, column, value, msg string) {
	r.problems.AddRow(loc.Problem(column, value, msg))
}

// ownerID returns the user that an owner value names, matched by email or
// full name without regard to case. Without a users export, owners cannot
// be resolved and are ignored.
func (r *reader) ownerID(owner string) (id, problem string) {
	if owner == "" || !r.users.Present {
		return "", ""
	}
	ids := r.owners[strings.ToLower(owner)]
	switch len(ids) {
	case 0:
		return "", fmt.Sprintf("owner %q matches no user of the users export by email or name", owner)
	case 1:
		return ids[0], ""
	}
	return "", fmt.Sprintf("owner %q matches %d users: give owners by email", owner, len(ids))
}

func appendUnique(ids []string, id string) []string {
	for _, have := range ids {
		if have == id {
			return ids
		}
	}
	return append(ids, id)
}

func (r *reader) build() *graph.Dataset {
	ds := &graph.Dataset{}
	for _, u := range r.userRows {
		ds.People = append(ds.People, u.person)
	}
	for _, c := range r.companyRows {
		if !c.rejected {
			ds.Accounts = append(ds.Accounts, c.account)
		}
	}
	var rels crm.Relationships
	for _, c := range r.contactRows {
		if c.rejected {
			continue
		}
		ds.People = append(ds.People, c.person)
		if c.ownerID != "" && r.m.OwnerStrength > 0 {
			rels.Add(graph.Relationship{PersonA: c.ownerID, PersonB: c.person.ID, Strength: r.m.OwnerStrength, Type: crm.TypeOwner, Source: Source})
		}
	}
	ds.Relationships = rels.List()
	return ds
}

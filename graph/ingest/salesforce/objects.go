package salesforce

import (
	"io"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/internal/crm"
	"github.com/kamgraph/kamgraph/graph/ingest/mapping"
)

// reader holds the rows of every object until references are resolved.
type reader struct {
	m        *mapping.Mapping
	opts     ingest.Options
	problems *ingest.Problems
	summary  ingest.Summary
	names    map[string]string // object to file name

	users, accounts, contacts *crm.Index

	userRows    []*personRow
	accountRows []*accountRow
	contactRows []*personRow
	roleRows    []*roleRow
	teamRows    []*teamRow

	contactByID  map[string]*personRow
	contactRoles map[string][]graph.Role // roles from the role objects, by contact id
}

type personRow struct {
	loc      ingest.Location
	person   graph.Person
	ownerID  string       // contacts: the user who owns the record
	roles    []graph.Role // contacts: from a mapped role column
	rejected bool
}

type accountRow struct {
	loc      ingest.Location
	account  graph.Account
	rejected bool
}

type roleRow struct {
	loc       ingest.Location
	object    string
	contactID string
	accountID string // empty for OpportunityContactRole
	roles     []graph.Role
}

type teamRow struct {
	loc       ingest.Location
	accountID string
	userID    string
	rejected  bool
}

func newReader(names map[string]string, m *mapping.Mapping, opts ingest.Options) *reader {
	_, hasUsers := names[mapping.SFUser]
	_, hasAccounts := names[mapping.SFAccount]
	_, hasContacts := names[mapping.SFContact]
	return &reader{
		m:        m,
		opts:     opts,
		problems: ingest.NewProblems(opts),
		names:    names,
		users:    crm.NewIndex(fileName(names, mapping.SFUser), hasUsers),
		accounts: crm.NewIndex(fileName(names, mapping.SFAccount), hasAccounts),
		contacts: crm.NewIndex(fileName(names, mapping.SFContact), hasContacts),
	}
}

func fileName(names map[string]string, object string) string {
	if n, ok := names[object]; ok {
		return n
	}
	return object + ".csv"
}

func (r *reader) readObject(object string, f io.Reader) {
	t := ingest.OpenTable(r.names[object], f, r.m.Fields(mapping.Salesforce, object), r.problems, r.opts)
	if t == nil {
		return
	}
	switch object {
	case mapping.SFUser:
		r.readUsers(t)
	case mapping.SFAccount:
		r.readAccounts(t)
	case mapping.SFContact:
		r.readContacts(t)
	case mapping.SFAccountTeamMember:
		r.readTeam(t)
	default:
		r.readRoles(t, object)
	}
	r.summary.RowsRead += t.Rows()
}

// requireName checks that the header can supply a person's name.
func requireName(t *ingest.Table) bool {
	if t.Has(mapping.FieldName) || t.Has(mapping.FieldLastName) || t.Has(mapping.FieldFirstName) {
		return true
	}
	return t.Require(mapping.FieldName)
}

func (r *reader) readPerson(t *ingest.Table, side graph.Side) (*personRow, bool) {
	row := crm.Row{T: t, M: r.m}
	id := row.Required(mapping.FieldPersonID, "Id")
	p := graph.Person{
		ID:           id,
		Name:         row.Name(),
		Side:         side,
		Title:        t.Value(mapping.FieldTitle),
		Function:     t.Value(mapping.FieldFunction),
		BusinessUnit: t.Value(mapping.FieldBusinessUnit),
		Geography:    t.Value(mapping.FieldGeography),
		Seniority:    row.Seniority(),
		Status:       row.Status(),
		Email:        row.Email(),
		ManagerID:    t.Value(mapping.FieldManagerID),
	}
	if p.Name == "" {
		_, col := t.Get(mapping.FieldName)
		t.Problem(col, "", "missing name: the row has no Name, FirstName or LastName")
	}
	return &personRow{loc: t.Location(), person: p}, id != ""
}

func (r *reader) readUsers(t *ingest.Table) {
	if !t.Require(mapping.FieldPersonID) || !requireName(t) {
		return
	}
	for t.Next() {
		row := crm.Row{T: t, M: r.m}
		pr, hasID := r.readPerson(t, graph.SideVendor)
		if !row.Bool(mapping.FieldActive, true) {
			pr.person.Status = graph.StatusDeparted
		}
		userType := t.Value(mapping.FieldUserType)
		if !r.define(r.users, t, pr.person.ID, hasID) {
			continue
		}
		if userType != "" && !strings.EqualFold(userType, "Standard") {
			// Portal, guest and automated users are not our people.
			r.skipID(r.users, pr.person.ID, "User: UserType is not Standard")
			continue
		}
		r.userRows = append(r.userRows, pr)
	}
}

func (r *reader) readAccounts(t *ingest.Table) {
	if !t.Require(mapping.FieldAccountID, mapping.FieldName) {
		return
	}
	for t.Next() {
		row := crm.Row{T: t, M: r.m}
		a := graph.Account{
			ID:          row.Required(mapping.FieldAccountID, "Id"),
			Name:        row.Required(mapping.FieldName, "Name"),
			OwnerID:     t.Value(mapping.FieldOwnerID),
			Tier:        row.Tier(),
			ARR:         row.ARR(),
			RenewalDate: row.Date(mapping.FieldRenewalDate),
		}
		deleted := row.Bool(mapping.FieldDeleted, false)
		if !r.define(r.accounts, t, a.ID, a.ID != "") {
			continue
		}
		if deleted {
			r.skipID(r.accounts, a.ID, "Account: IsDeleted is 1")
			continue
		}
		r.accountRows = append(r.accountRows, &accountRow{loc: t.Location(), account: a})
	}
}

func (r *reader) readContacts(t *ingest.Table) {
	if !t.Require(mapping.FieldPersonID, mapping.FieldAccountID) || !requireName(t) {
		return
	}
	for t.Next() {
		row := crm.Row{T: t, M: r.m}
		pr, hasID := r.readPerson(t, graph.SideCustomer)
		pr.person.AccountID = t.Value(mapping.FieldAccountID)
		pr.ownerID = t.Value(mapping.FieldOwnerID)
		pr.roles = row.Roles()
		deleted := row.Bool(mapping.FieldDeleted, false)
		if !r.define(r.contacts, t, pr.person.ID, hasID) {
			continue
		}
		switch {
		case deleted:
			r.skipID(r.contacts, pr.person.ID, "Contact: IsDeleted is 1")
		case pr.person.AccountID == "":
			// A contact without an account is no customer person.
			r.skipID(r.contacts, pr.person.ID, "Contact: AccountId is empty")
		default:
			r.contactRows = append(r.contactRows, pr)
		}
	}
}

func (r *reader) readRoles(t *ingest.Table, object string) {
	if !t.Require(mapping.FieldContactID, mapping.FieldRole) {
		return
	}
	for t.Next() {
		row := crm.Row{T: t, M: r.m}
		rr := &roleRow{
			loc:       t.Location(),
			object:    object,
			contactID: row.Required(mapping.FieldContactID, "ContactId"),
			accountID: t.Value(mapping.FieldAccountID),
			roles:     row.Roles(),
		}
		deleted := row.Bool(mapping.FieldDeleted, false)
		direct := row.Bool(mapping.FieldDirect, true)
		active := row.Bool(mapping.FieldActive, true)
		switch {
		case t.Failed():
		case deleted:
			r.summary.Skip(object + ": IsDeleted is 1")
		case !active:
			r.summary.Skip(object + ": IsActive is 0")
		case !direct:
			// kamgraph places each person in one account, the contact's
			// own AccountId, so relations to further accounts are left out.
			r.summary.Skip(object + ": IsDirect is 0")
		default:
			r.roleRows = append(r.roleRows, rr)
		}
	}
}

func (r *reader) readTeam(t *ingest.Table) {
	if !t.Require(mapping.FieldAccountID, mapping.FieldUserID) {
		return
	}
	for t.Next() {
		row := crm.Row{T: t, M: r.m}
		tr := &teamRow{
			loc:       t.Location(),
			accountID: row.Required(mapping.FieldAccountID, "AccountId"),
			userID:    row.Required(mapping.FieldUserID, "UserId"),
		}
		deleted := row.Bool(mapping.FieldDeleted, false)
		switch {
		case t.Failed():
		case deleted:
			r.summary.Skip(mapping.SFAccountTeamMember + ": IsDeleted is 1")
		default:
			r.teamRows = append(r.teamRows, tr)
		}
	}
}

// define records the current row's id in ix. It returns false when the
// row is rejected: it has a problem, or its id repeats an earlier row's.
func (r *reader) define(ix *crm.Index, t *ingest.Table, id string, hasID bool) bool {
	if t.Failed() {
		if hasID {
			ix.Reject(id, t.Location())
		}
		return false
	}
	_, col := t.Get(mapping.FieldPersonID)
	if ix == r.accounts {
		_, col = t.Get(mapping.FieldAccountID)
	}
	return ix.Define(id, t.Location(), col, r.problems)
}

func (r *reader) skipID(ix *crm.Index, id, reason string) {
	delete(ix.Accepted, id)
	ix.Skipped[id] = true
	r.summary.Skip(reason)
}

package salesforce

import (
	"fmt"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/internal/crm"
	"github.com/kamgraph/kamgraph/graph/ingest/mapping"
)

// resolve checks every reference between rows. A row whose reference
// cannot be resolved is rejected, and so, in turn, is every row that
// refers to it, until no more rows change.
func (r *reader) resolve() {
	r.contactByID = make(map[string]*personRow, len(r.contactRows))
	for _, c := range r.contactRows {
		r.contactByID[c.person.ID] = c
	}
	for changed := true; changed; {
		changed = false
		for _, u := range r.userRows {
			changed = !u.rejected && r.checkUser(u) || changed
		}
		for _, a := range r.accountRows {
			changed = !a.rejected && r.checkAccount(a) || changed
		}
		for _, c := range r.contactRows {
			changed = !c.rejected && r.checkContact(c) || changed
		}
	}
	r.resolveRoles()
	r.resolveTeam()
}

// column returns the first source column of an object's field, for
// problems about references.
func (r *reader) column(object, field string) string {
	if cols := r.m.Fields(mapping.Salesforce, object)[field]; len(cols) > 0 {
		return cols[0]
	}
	return field
}

// refProblem rejects a row over a reference that Index.Check could not
// resolve.
func (r *reader) refProblem(loc ingest.Location, object, field, id, msg string) {
	col := r.column(object, field)
	r.problems.AddRow(loc.Problem(col, id, col+" "+msg))
}

func (r *reader) checkUser(u *personRow) bool {
	id := u.person.ManagerID
	if r.users.Skipped[id] {
		u.person.ManagerID = ""
	}
	msg, ok := r.users.Check(id)
	if id != "" && id == u.person.ID {
		msg, ok = fmt.Sprintf("%q is the user's own Id: a person cannot be their own manager", id), false
	}
	if !ok {
		r.refProblem(u.loc, mapping.SFUser, mapping.FieldManagerID, id, msg)
		u.rejected = true
		r.users.Reject(u.person.ID, u.loc)
		return true
	}
	return false
}

func (r *reader) checkAccount(a *accountRow) bool {
	id := a.account.OwnerID
	if r.users.Skipped[id] {
		// The owner is a portal, guest or automated user.
		a.account.OwnerID = ""
	}
	if msg, ok := r.users.Check(id); !ok {
		r.refProblem(a.loc, mapping.SFAccount, mapping.FieldOwnerID, id, msg)
		a.rejected = true
		r.accounts.Reject(a.account.ID, a.loc)
		return true
	}
	return false
}

func (r *reader) checkContact(c *personRow) bool {
	p := &c.person
	if r.isUserID(p.ID) {
		// Salesforce ids are unique across objects, so this export is
		// broken; kamgraph keeps people in one id space.
		r.rejectContact(c, mapping.FieldPersonID, p.ID, "is also the Id of a User: people need distinct ids")
		return true
	}
	if p.ManagerID != "" && p.ManagerID == p.ID {
		r.rejectContact(c, mapping.FieldManagerID, p.ManagerID, "is the contact's own Id: a person cannot be their own manager")
		return true
	}
	if r.accounts.Skipped[p.AccountID] {
		c.rejected = true
		r.skipID(r.contacts, p.ID, "Contact: its Account is skipped")
		return true
	}
	if r.users.Skipped[c.ownerID] {
		c.ownerID = ""
	}
	if r.contacts.Skipped[p.ManagerID] {
		p.ManagerID = ""
	}
	refs := []struct {
		ix    *crm.Index
		field string
		id    string
	}{
		{r.accounts, mapping.FieldAccountID, p.AccountID},
		{r.users, mapping.FieldOwnerID, c.ownerID},
		{r.contacts, mapping.FieldManagerID, p.ManagerID},
	}
	for _, ref := range refs {
		if msg, ok := ref.ix.Check(ref.id); !ok {
			r.rejectContact(c, ref.field, ref.id, msg)
			return true
		}
	}
	if m, ok := r.contactByID[p.ManagerID]; ok && m.person.AccountID != p.AccountID {
		r.rejectContact(c, mapping.FieldManagerID, p.ManagerID,
			fmt.Sprintf("%q works for account %q, not %q: a manager must work for the same account", p.ManagerID, m.person.AccountID, p.AccountID))
		return true
	}
	return false
}

func (r *reader) isUserID(id string) bool {
	_, accepted := r.users.Accepted[id]
	_, rejected := r.users.Rejected[id]
	return accepted || rejected || r.users.Skipped[id]
}

func (r *reader) rejectContact(c *personRow, field, id, msg string) {
	r.refProblem(c.loc, mapping.SFContact, field, id, msg)
	c.rejected = true
	r.contacts.Reject(c.person.ID, c.loc)
}

// resolveRoles attaches the roles of AccountContactRelation,
// AccountContactRole and OpportunityContactRole rows to their contacts.
func (r *reader) resolveRoles() {
	r.contactRoles = map[string][]graph.Role{}
	for _, rr := range r.roleRows {
		if r.contacts.Skipped[rr.contactID] {
			r.summary.Skip(rr.object + ": its Contact is skipped")
			continue
		}
		if msg, ok := r.contacts.Check(rr.contactID); !ok {
			r.refProblem(rr.loc, rr.object, mapping.FieldContactID, rr.contactID, msg)
			continue
		}
		c, ok := r.contactByID[rr.contactID]
		if !ok {
			continue
		}
		if rr.accountID != "" && rr.accountID != c.person.AccountID {
			r.summary.Skip(rr.object + ": AccountId is not the contact's AccountId")
			continue
		}
		r.contactRoles[rr.contactID] = append(r.contactRoles[rr.contactID], rr.roles...)
	}
}

func (r *reader) resolveTeam() {
	for _, tr := range r.teamRows {
		if r.accounts.Skipped[tr.accountID] || r.users.Skipped[tr.userID] {
			tr.rejected = true
			r.summary.Skip(mapping.SFAccountTeamMember + ": its Account or User is skipped")
			continue
		}
		if msg, ok := r.accounts.Check(tr.accountID); !ok {
			r.refProblem(tr.loc, mapping.SFAccountTeamMember, mapping.FieldAccountID, tr.accountID, msg)
			tr.rejected = true
			continue
		}
		if msg, ok := r.users.Check(tr.userID); !ok {
			r.refProblem(tr.loc, mapping.SFAccountTeamMember, mapping.FieldUserID, tr.userID, msg)
			tr.rejected = true
		}
	}
}

// build assembles the dataset from the rows that are still accepted.
func (r *reader) build() *graph.Dataset {
	ds := &graph.Dataset{}
	for _, u := range r.userRows {
		if !u.rejected {
			ds.People = append(ds.People, u.person)
		}
	}
	for _, a := range r.accountRows {
		if !a.rejected {
			ds.Accounts = append(ds.Accounts, a.account)
		}
	}
	byAccount := map[string][]string{}
	for _, c := range r.contactRows {
		if c.rejected {
			continue
		}
		p := c.person
		p.Role = crm.BestRole(append(append([]graph.Role(nil), c.roles...), r.contactRoles[p.ID]...))
		ds.People = append(ds.People, p)
		byAccount[p.AccountID] = append(byAccount[p.AccountID], p.ID)
	}
	ds.Relationships = r.relationships(byAccount)
	return ds
}

// relationships returns the relationships implied by record ownership
// and, when the mapping gives them a strength, by account teams.
func (r *reader) relationships(byAccount map[string][]string) []graph.Relationship {
	var rels crm.Relationships
	if s := r.m.OwnerStrength; s > 0 {
		for _, c := range r.contactRows {
			if !c.rejected && c.ownerID != "" {
				rels.Add(graph.Relationship{PersonA: c.ownerID, PersonB: c.person.ID, Strength: s, Type: crm.TypeOwner, Source: Source})
			}
		}
	}
	if s := r.m.AccountTeamStrength; s > 0 {
		for _, tr := range r.teamRows {
			if tr.rejected {
				continue
			}
			for _, contact := range byAccount[tr.accountID] {
				rels.Add(graph.Relationship{PersonA: tr.userID, PersonB: contact, Strength: s, Type: crm.TypeAccountTeam, Source: Source})
			}
		}
	}
	return rels.List()
}

package mapping

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

// Source names, the top-level keys of a mapping file.
const (
	Salesforce = "salesforce"
	HubSpot    = "hubspot"
)

// Salesforce objects. A Salesforce export folder holds one file per
// object, named after it: Account.csv, Contact.csv, and so on.
const (
	SFAccount                = "Account"
	SFContact                = "Contact"
	SFUser                   = "User"
	SFAccountContactRelation = "AccountContactRelation"
	SFAccountContactRole     = "AccountContactRole"
	SFOpportunityContactRole = "OpportunityContactRole"
	SFAccountTeamMember      = "AccountTeamMember"
)

// HubSpot exports.
const (
	HSCompanies = "companies"
	HSContacts  = "contacts"
	HSUsers     = "users"
)

// Field names. Most are the kamgraph import columns that the field fills;
// the others steer the import (deleted, active, user_type, direct, owner,
// the id columns of join objects and HubSpot's company association).
const (
	FieldAccountID        = "account_id"
	FieldPersonID         = "person_id"
	FieldName             = "name"
	FieldFirstName        = "first_name"
	FieldLastName         = "last_name"
	FieldTitle            = "title"
	FieldFunction         = "function"
	FieldBusinessUnit     = "business_unit"
	FieldGeography        = "geography"
	FieldSeniority        = "seniority"
	FieldRole             = "role"
	FieldStatus           = "status"
	FieldEmail            = "email"
	FieldManagerID        = "manager_id"
	FieldOwnerID          = "owner_id"
	FieldOwner            = "owner"
	FieldTier             = "tier"
	FieldARR              = "arr"
	FieldRenewalDate      = "renewal_date"
	FieldDeleted          = "deleted"
	FieldActive           = "active"
	FieldUserType         = "user_type"
	FieldContactID        = "contact_id"
	FieldUserID           = "user_id"
	FieldDirect           = "direct"
	FieldPrimaryCompanyID = "primary_company_id"
	FieldCompanyIDs       = "company_ids"
)

// Mapping tells the CRM readers which source column fills which kamgraph
// field, how source values translate into kamgraph's enumerations, and how
// strong the relationships are that CRM ownership implies.
type Mapping struct {
	// Salesforce and HubSpot map an object (SFContact, HSContacts, ...) to
	// its fields.
	Salesforce map[string]ingest.Fields
	HubSpot    map[string]ingest.Fields

	// Value tables, keyed by normalized source value (see NormalizeValue).
	roles       map[string]graph.Role
	seniorities map[string]graph.Seniority
	statuses    map[string]graph.Status
	tiers       map[string]int

	// OwnerStrength is the strength of the relationship between a contact
	// and the vendor person who owns the contact record. 0 creates none.
	OwnerStrength float64

	// AccountTeamStrength is the strength of the relationships that a
	// Salesforce account team member gets with every contact of the
	// account. 0, the default, creates none.
	AccountTeamStrength float64
}

// DefaultOwnerStrength is the default strength of a contact's relationship
// with the owner of its CRM record: the default qualifying threshold of
// kamgraph's analytics. Owning a record shows that the owner knows the
// contact, not how well, so the relationship counts but no more than that.
const DefaultOwnerStrength = 0.25

// Role returns the kamgraph role for a source role value. The role is
// empty, with ok true, for values that name no kamgraph role ("Other").
func (m *Mapping) Role(v string) (role graph.Role, ok bool) {
	role, ok = m.roles[NormalizeValue(v)]
	return role, ok
}

// Seniority returns the kamgraph seniority for a source value.
func (m *Mapping) Seniority(v string) (graph.Seniority, bool) {
	s, ok := m.seniorities[NormalizeValue(v)]
	return s, ok
}

// Status returns the kamgraph status for a source value.
func (m *Mapping) Status(v string) (graph.Status, bool) {
	s, ok := m.statuses[NormalizeValue(v)]
	return s, ok
}

// Tier returns the account tier (1, 2 or 3) for a source value.
func (m *Mapping) Tier(v string) (int, bool) {
	t, ok := m.tiers[NormalizeValue(v)]
	return t, ok
}

// NormalizeValue returns the key under which source values are looked up:
// lower-cased, with underscores and hyphens read as spaces and runs of
// spaces collapsed. "DECISION_MAKER", "Decision Maker" and
// "decision-maker" share one key.
func NormalizeValue(v string) string {
	v = strings.ToLower(v)
	v = strings.NewReplacer("_", " ", "-", " ").Replace(v)
	return strings.Join(strings.Fields(v), " ")
}

// Objects returns the object names of source, sorted.
func Objects(source string) []string {
	var names []string
	for name := range schema[source] {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// ObjectFields returns the field names that an object of source accepts,
// sorted.
func ObjectFields(source, object string) []string {
	var names []string
	for name := range schema[source][object] {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func (m *Mapping) fieldsOf(source string) map[string]ingest.Fields {
	if source == Salesforce {
		return m.Salesforce
	}
	return m.HubSpot
}

// Fields returns the fields of object in source. It panics on an object
// name that the schema lacks, which is a programming error.
func (m *Mapping) Fields(source, object string) ingest.Fields {
	fields, ok := m.fieldsOf(source)[object]
	if !ok {
		panic(fmt.Sprintf("mapping: unknown %s object %q", source, object))
	}
	return fields
}

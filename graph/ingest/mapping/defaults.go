package mapping

import (
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

// schema lists, per source and object, every field a mapping may set and
// its default source columns. A field with no default columns is read
// only when a mapping file names its column.
var schema = map[string]map[string]ingest.Fields{
	Salesforce: {
		SFAccount: {
			FieldAccountID:   {"Id"},
			FieldName:        {"Name"},
			FieldOwnerID:     {"OwnerId"},
			FieldTier:        nil,
			FieldARR:         nil,
			FieldRenewalDate: nil,
			FieldDeleted:     {"IsDeleted"},
		},
		SFContact: {
			FieldPersonID:     {"Id"},
			FieldAccountID:    {"AccountId"},
			FieldName:         {"Name"},
			FieldFirstName:    {"FirstName"},
			FieldLastName:     {"LastName"},
			FieldTitle:        {"Title"},
			FieldFunction:     {"Department"},
			FieldBusinessUnit: nil,
			FieldGeography:    {"MailingCountry", "MailingCountryCode"},
			FieldSeniority:    nil,
			FieldRole:         nil,
			FieldStatus:       nil,
			FieldEmail:        {"Email"},
			FieldManagerID:    {"ReportsToId"},
			FieldOwnerID:      {"OwnerId"},
			FieldDeleted:      {"IsDeleted"},
		},
		SFUser: {
			FieldPersonID:     {"Id"},
			FieldName:         {"Name"},
			FieldFirstName:    {"FirstName"},
			FieldLastName:     {"LastName"},
			FieldTitle:        {"Title"},
			FieldFunction:     {"Department"},
			FieldBusinessUnit: {"Division"},
			FieldGeography:    {"Country", "CountryCode"},
			FieldSeniority:    nil,
			FieldEmail:        {"Email"},
			FieldManagerID:    {"ManagerId"},
			FieldActive:       {"IsActive"},
			FieldUserType:     {"UserType"},
		},
		SFAccountContactRelation: {
			FieldAccountID: {"AccountId"},
			FieldContactID: {"ContactId"},
			FieldRole:      {"Roles"},
			FieldDirect:    {"IsDirect"},
			FieldActive:    {"IsActive"},
			FieldDeleted:   {"IsDeleted"},
		},
		SFAccountContactRole: {
			FieldAccountID: {"AccountId"},
			FieldContactID: {"ContactId"},
			FieldRole:      {"Role"},
			FieldDeleted:   {"IsDeleted"},
		},
		SFOpportunityContactRole: {
			FieldContactID: {"ContactId"},
			FieldRole:      {"Role"},
			FieldDeleted:   {"IsDeleted"},
		},
		SFAccountTeamMember: {
			FieldAccountID: {"AccountId"},
			FieldUserID:    {"UserId"},
			FieldDeleted:   {"IsDeleted"},
		},
	},
	HubSpot: {
		HSCompanies: {
			FieldAccountID:   {"Record ID"},
			FieldName:        {"Company name"},
			FieldOwner:       {"Company owner"},
			FieldTier:        nil,
			FieldARR:         nil,
			FieldRenewalDate: nil,
		},
		HSContacts: {
			FieldPersonID:         {"Record ID"},
			FieldName:             nil,
			FieldFirstName:        {"First Name"},
			FieldLastName:         {"Last Name"},
			FieldEmail:            {"Email"},
			FieldTitle:            {"Job Title"},
			FieldFunction:         {"Job function"},
			FieldBusinessUnit:     nil,
			FieldGeography:        {"Country/Region"},
			FieldSeniority:        {"Seniority"},
			FieldRole:             {"Buying Role"},
			FieldStatus:           nil,
			FieldOwner:            {"Contact owner"},
			FieldPrimaryCompanyID: {"Primary Associated Company ID"},
			FieldCompanyIDs:       {"Associated Company IDs", "Record ID - Company"},
		},
		HSUsers: {
			FieldPersonID:     {"User ID"},
			FieldFirstName:    {"First Name"},
			FieldLastName:     {"Last Name"},
			FieldEmail:        {"Email", "Email Address"},
			FieldTitle:        {"Job Title"},
			FieldFunction:     nil,
			FieldBusinessUnit: nil,
			FieldGeography:    nil,
			FieldSeniority:    nil,
		},
	},
}

// defaultRoles translates role values into kamgraph roles. It holds the
// default values of Salesforce's AccountContactRelation.Roles and
// OpportunityContactRole.Role picklists, HubSpot's buying roles, the
// usual sales-methodology names and kamgraph's own role names.
var defaultRoles = map[string]graph.Role{
	// Salesforce picklists.
	"Decision Maker":          graph.RoleDecisionMaker,
	"Economic Buyer":          graph.RoleEconomicBuyer,
	"Economic Decision Maker": graph.RoleEconomicBuyer,
	"Executive Sponsor":       graph.RoleChampion,
	"Business User":           graph.RoleUser,
	"Technical Buyer":         graph.RoleInfluencer,
	"Evaluator":               graph.RoleInfluencer,
	"Influencer":              graph.RoleInfluencer,
	"Other":                   "",
	// HubSpot buying roles. Internal values such as BUDGET_HOLDER match
	// through NormalizeValue.
	// NOTE: these labels come from third-party code that reads HubSpot
	// data, not from a real export; extend the table in a mapping file
	// where an export spells them differently.
	"Budget Holder":        graph.RoleEconomicBuyer,
	"End User":             graph.RoleUser,
	"Legal & Compliance":   graph.RoleInfluencer,
	"Legal and Compliance": graph.RoleInfluencer,
	// Other common names and kamgraph's own.
	"Coach":    graph.RoleChampion,
	"Champion": graph.RoleChampion,
	"Blocker":  graph.RoleBlocker,
	"User":     graph.RoleUser,
}

// defaultSeniorities translates level values, such as HubSpot's Seniority
// property or a custom Level__c picklist, into kamgraph seniority.
// NOTE: HubSpot's own Seniority options were not checked against a real
// export; unknown values are reported, never guessed.
var defaultSeniorities = map[string]graph.Seniority{
	"IC":                     graph.SeniorityIC,
	"Individual Contributor": graph.SeniorityIC,
	"Employee":               graph.SeniorityIC,
	"Entry":                  graph.SeniorityIC,
	"Staff":                  graph.SeniorityIC,
	"Manager":                graph.SeniorityManager,
	"Senior Manager":         graph.SeniorityManager,
	"Director":               graph.SeniorityDirector,
	"Senior Director":        graph.SeniorityDirector,
	"VP":                     graph.SeniorityVP,
	"Vice President":         graph.SeniorityVP,
	"SVP":                    graph.SeniorityVP,
	"EVP":                    graph.SeniorityVP,
	"C Level":                graph.SeniorityCLevel,
	"C Suite":                graph.SeniorityCLevel,
	"CXO":                    graph.SeniorityCLevel,
	"Executive":              graph.SeniorityCLevel,
	"Owner":                  graph.SeniorityCLevel,
	"Founder":                graph.SeniorityCLevel,
}

// defaultStatuses translates status values of a mapped status column.
var defaultStatuses = map[string]graph.Status{
	"Active":                 graph.StatusActive,
	"Departed":               graph.StatusDeparted,
	"Inactive":               graph.StatusDeparted,
	"Left Company":           graph.StatusDeparted,
	"Former Employee":        graph.StatusDeparted,
	"No Longer With Company": graph.StatusDeparted,
}

// defaultTiers translates tier values of a mapped tier column.
var defaultTiers = map[string]int{
	"1": 1, "2": 2, "3": 3,
	"Tier 1": 1, "Tier 2": 2, "Tier 3": 3,
	"T1": 1, "T2": 2, "T3": 3,
}

// Default returns the default mapping: standard Salesforce API field names
// and HubSpot's English export column names, with the value tables above.
// Each call returns a new copy that the caller may change.
func Default() *Mapping {
	m := &Mapping{
		Salesforce:    copyObjects(schema[Salesforce]),
		HubSpot:       copyObjects(schema[HubSpot]),
		roles:         map[string]graph.Role{},
		seniorities:   map[string]graph.Seniority{},
		statuses:      map[string]graph.Status{},
		tiers:         map[string]int{},
		OwnerStrength: DefaultOwnerStrength,
	}
	for v, r := range defaultRoles {
		m.roles[NormalizeValue(v)] = r
	}
	for _, r := range graph.Roles {
		m.roles[NormalizeValue(string(r))] = r
	}
	for v, s := range defaultSeniorities {
		m.seniorities[NormalizeValue(v)] = s
	}
	for _, s := range graph.Seniorities {
		m.seniorities[NormalizeValue(string(s))] = s
	}
	for v, s := range defaultStatuses {
		m.statuses[NormalizeValue(v)] = s
	}
	for v, t := range defaultTiers {
		m.tiers[NormalizeValue(v)] = t
	}
	return m
}

func copyObjects(objects map[string]ingest.Fields) map[string]ingest.Fields {
	out := make(map[string]ingest.Fields, len(objects))
	for name, fields := range objects {
		copied := make(ingest.Fields, len(fields))
		for f, cols := range fields {
			copied[f] = append([]string(nil), cols...)
		}
		out[name] = copied
	}
	return out
}

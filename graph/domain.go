package graph

import (
	"fmt"
	"strings"
	"time"
)

// Side is the organisation a person works for: ours (vendor) or a customer's.
type Side string

// The two sides of an account relationship.
const (
	SideVendor   Side = "vendor"
	SideCustomer Side = "customer"
)

// ParseSide returns the Side named by s, which must be "vendor" or "customer".
func ParseSide(s string) (Side, error) {
	switch Side(s) {
	case SideVendor, SideCustomer:
		return Side(s), nil
	}
	return "", fmt.Errorf("invalid side %q: use vendor or customer", s)
}

// Seniority is a person's level. The empty value means unknown.
type Seniority string

// Seniority levels from lowest to highest.
const (
	SeniorityIC       Seniority = "ic"
	SeniorityManager  Seniority = "manager"
	SeniorityDirector Seniority = "director"
	SeniorityVP       Seniority = "vp"
	SeniorityCLevel   Seniority = "c_level"
)

// Seniorities lists the levels in ascending order.
var Seniorities = []Seniority{SeniorityIC, SeniorityManager, SeniorityDirector, SeniorityVP, SeniorityCLevel}

// ParseSeniority returns the Seniority named by s. The empty string is
// accepted and means unknown.
func ParseSeniority(s string) (Seniority, error) {
	if s == "" {
		return "", nil
	}
	for _, level := range Seniorities {
		if Seniority(s) == level {
			return level, nil
		}
	}
	return "", fmt.Errorf("invalid seniority %q: use one of ic, manager, director, vp, c_level or leave it empty", s)
}

// Rank returns the position of s in Seniorities (ic is 1, c_level is 5),
// or 0 when s is unknown.
func (s Seniority) Rank() int {
	for i, level := range Seniorities {
		if s == level {
			return i + 1
		}
	}
	return 0
}

// Role is a customer person's part in buying decisions. The empty value
// means no role is recorded.
type Role string

// Customer roles.
const (
	RoleChampion      Role = "champion"
	RoleDecisionMaker Role = "decision_maker"
	RoleEconomicBuyer Role = "economic_buyer"
	RoleInfluencer    Role = "influencer"
	RoleUser          Role = "user"
	RoleBlocker       Role = "blocker"
)

// Roles lists every valid non-empty role.
var Roles = []Role{RoleChampion, RoleDecisionMaker, RoleEconomicBuyer, RoleInfluencer, RoleUser, RoleBlocker}

// ParseRole returns the Role named by s. The empty string is accepted.
func ParseRole(s string) (Role, error) {
	if s == "" {
		return "", nil
	}
	for _, r := range Roles {
		if Role(s) == r {
			return r, nil
		}
	}
	return "", fmt.Errorf("invalid role %q: use one of champion, decision_maker, economic_buyer, influencer, user, blocker or leave it empty", s)
}

// IsKey reports whether the role marks a key stakeholder.
func (r Role) IsKey() bool {
	return r == RoleDecisionMaker || r == RoleEconomicBuyer || r == RoleChampion
}

// Status is whether a person is still in their position.
type Status string

// Person statuses. Departed people stay in the graph but analytics leave
// them out.
const (
	StatusActive   Status = "active"
	StatusDeparted Status = "departed"
)

// ParseStatus returns the Status named by s. The empty string means active.
func ParseStatus(s string) (Status, error) {
	switch Status(s) {
	case "":
		return StatusActive, nil
	case StatusActive, StatusDeparted:
		return Status(s), nil
	}
	return "", fmt.Errorf("invalid status %q: use active or departed", s)
}

// Date is a calendar date in the form YYYY-MM-DD. The empty value means
// no date.
type Date string

// ParseDate checks that s is a valid YYYY-MM-DD date. The empty string is
// accepted and means no date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", fmt.Errorf("invalid date %q: use YYYY-MM-DD", s)
	}
	return Date(s), nil
}

// Account is a customer company.
type Account struct {
	ID          string  `json:"account_id"`
	Name        string  `json:"name"`
	Tier        int     `json:"tier,omitempty"` // 1, 2 or 3; 0 when not set
	ARR         float64 `json:"arr"`            // annual recurring revenue, in the portfolio's currency
	RenewalDate Date    `json:"renewal_date,omitempty"`
	OwnerID     string  `json:"owner_id,omitempty"` // the account manager, a vendor person
}

// Person is a vendor or customer employee.
type Person struct {
	ID           string    `json:"person_id"`
	Name         string    `json:"name"`
	Side         Side      `json:"side"`
	AccountID    string    `json:"account_id,omitempty"` // set for customers, empty for vendors
	Title        string    `json:"title,omitempty"`
	Function     string    `json:"function,omitempty"`
	BusinessUnit string    `json:"business_unit,omitempty"`
	Geography    string    `json:"geography,omitempty"`
	Seniority    Seniority `json:"seniority,omitempty"`
	Role         Role      `json:"role,omitempty"`
	Status       Status    `json:"status"`
	DepartedOn   Date      `json:"departed_on,omitempty"` // set only for departed people, when the date is known
	Email        string    `json:"email,omitempty"`
	ManagerID    string    `json:"manager_id,omitempty"`
}

// Active reports whether p still holds their position.
func (p Person) Active() bool { return p.Status != StatusDeparted }

// NormalizeFunction returns the key under which functions compare:
// trimmed and lower-cased.
func NormalizeFunction(f string) string {
	return strings.ToLower(strings.TrimSpace(f))
}

// Relationship is an undirected, weighted edge between two people.
// Stores keep PersonA < PersonB.
type Relationship struct {
	PersonA         string  `json:"person_a"`
	PersonB         string  `json:"person_b"`
	Strength        float64 `json:"strength"` // in (0, 1]
	Type            string  `json:"type,omitempty"`
	LastInteraction Date    `json:"last_interaction,omitempty"`
	Source          string  `json:"source,omitempty"`
}

// Canonical returns r with its endpoints ordered so that PersonA < PersonB.
func (r Relationship) Canonical() Relationship {
	if r.PersonB < r.PersonA {
		r.PersonA, r.PersonB = r.PersonB, r.PersonA
	}
	return r
}

// AccountGraph is the raw material of one account's analytics: the
// account, its customer people of every status, every vendor person with
// at least one relationship to one of those customers, and every
// relationship between two of those people. People are sorted by ID;
// relationships are canonical and sorted by (PersonA, PersonB).
type AccountGraph struct {
	Account       Account        `json:"account"`
	People        []Person       `json:"people"`
	Relationships []Relationship `json:"relationships"`
}

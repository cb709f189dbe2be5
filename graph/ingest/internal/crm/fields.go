// Package crm holds what the Salesforce and HubSpot readers share:
// reading typed values from a mapped row, choosing one role among
// several, collecting relationships, and finishing a result.
package crm

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/mapping"
)

// Row reads typed values from the current row of a table. Each method
// records a problem for a value it cannot read and returns the zero value.
type Row struct {
	T *ingest.Table
	M *mapping.Mapping
}

// Name returns the name field, or the first and last name joined when the
// name is empty.
func (r Row) Name() string {
	if name := r.T.Value(mapping.FieldName); name != "" {
		return name
	}
	return ingest.JoinName(r.T.Value(mapping.FieldFirstName), r.T.Value(mapping.FieldLastName))
}

// Seniority returns the seniority field translated by the mapping.
func (r Row) Seniority() graph.Seniority {
	v, col := r.T.Get(mapping.FieldSeniority)
	if v == "" {
		return ""
	}
	s, ok := r.M.Seniority(v)
	if !ok {
		r.T.Problem(col, v, fmt.Sprintf(
			"unknown seniority value %q: add it to values.seniority in the mapping file (ic, manager, director, vp or c_level)", v))
	}
	return s
}

// Status returns the status field translated by the mapping, or active
// when it is empty.
func (r Row) Status() graph.Status {
	v, col := r.T.Get(mapping.FieldStatus)
	if v == "" {
		return graph.StatusActive
	}
	s, ok := r.M.Status(v)
	if !ok {
		r.T.Problem(col, v, fmt.Sprintf(
			"unknown status value %q: add it to values.status in the mapping file (active or departed)", v))
		return graph.StatusActive
	}
	return s
}

// Roles returns the roles of a multi-valued role field, translated by the
// mapping. Values that map to no role ("Other") are left out.
func (r Row) Roles() []graph.Role {
	v, col := r.T.Get(mapping.FieldRole)
	var roles []graph.Role
	for _, value := range ingest.SplitList(v) {
		role, ok := r.M.Role(value)
		if !ok {
			r.T.Problem(col, value, fmt.Sprintf(
				"unknown role value %q: add it to values.role in the mapping file (champion, decision_maker, economic_buyer, influencer, user, blocker, or \"\" for none)", value))
			continue
		}
		if role != "" {
			roles = append(roles, role)
		}
	}
	return roles
}

// Tier returns the tier field translated by the mapping, or 0 when empty.
func (r Row) Tier() int {
	v, col := r.T.Get(mapping.FieldTier)
	if v == "" {
		return 0
	}
	t, ok := r.M.Tier(v)
	if !ok {
		r.T.Problem(col, v, fmt.Sprintf("unknown tier value %q: use 1, 2 or 3, or add it to values.tier in the mapping file", v))
	}
	return t
}

// ARR returns the arr field as a number. Thousands separators and
// currency signs are rejected because their meaning depends on the locale.
func (r Row) ARR() float64 {
	v, col := r.T.Get(mapping.FieldARR)
	if v == "" {
		return 0
	}
	arr, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(arr) || math.IsInf(arr, 0) || arr < 0 {
		r.T.Problem(col, v, "invalid arr: use a non-negative number without currency signs or thousands separators")
		return 0
	}
	return arr
}

// Date returns field as a calendar date; see ingest.ParseDate.
func (r Row) Date(field string) graph.Date {
	v, col := r.T.Get(field)
	d, err := ingest.ParseDate(v)
	if err != nil {
		r.T.Problem(col, v, err.Error())
	}
	return d
}

// Email returns the email field, which must contain an @ when set.
func (r Row) Email() string {
	v, col := r.T.Get(mapping.FieldEmail)
	if v != "" && !strings.Contains(v, "@") {
		r.T.Problem(col, v, "invalid email: expected an address like name@example.com, or leave it empty")
		return ""
	}
	return v
}

// Bool returns field as a boolean, or def when it is empty.
func (r Row) Bool(field string, def bool) bool {
	v, col := r.T.Get(field)
	b, err := ingest.ParseBool(v, def)
	if err != nil {
		r.T.Problem(col, v, err.Error())
	}
	return b
}

// Required returns field and records a problem when it is empty.
func (r Row) Required(field, what string) string {
	v, col := r.T.Get(field)
	if v == "" {
		r.T.Problem(col, "", fmt.Sprintf("missing %s: every row needs one", what))
	}
	return v
}

// rolePriority orders roles for a person who holds several, such as a
// contact who is "Evaluator" on one opportunity and "Decision Maker" on
// another. Key-stakeholder roles come first, so that analytics treat the
// person as a key stakeholder whenever any source assigns a key role.
var rolePriority = []graph.Role{
	graph.RoleDecisionMaker,
	graph.RoleEconomicBuyer,
	graph.RoleChampion,
	graph.RoleBlocker,
	graph.RoleInfluencer,
	graph.RoleUser,
}

// BestRole returns the role of roles that comes first in rolePriority,
// or "" for none.
func BestRole(roles []graph.Role) graph.Role {
	for _, want := range rolePriority {
		for _, r := range roles {
			if r == want {
				return r
			}
		}
	}
	return ""
}

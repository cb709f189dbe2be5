package ingest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
)

// PeopleIndex finds people by id or by email address, the latter without
// regard to case.
type PeopleIndex struct {
	byID    map[string]int
	byEmail map[string][]int
	people  []graph.Person
}

// NewPeopleIndex indexes people. The index keeps a reference to the slice.
func NewPeopleIndex(people []graph.Person) *PeopleIndex {
	ix := &PeopleIndex{byID: make(map[string]int, len(people)), byEmail: map[string][]int{}, people: people}
	for i, p := range people {
		if _, dup := ix.byID[p.ID]; !dup {
			ix.byID[p.ID] = i
		}
		if key := emailKey(p.Email); key != "" {
			ix.byEmail[key] = append(ix.byEmail[key], i)
		}
	}
	return ix
}

func emailKey(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// Resolve returns the id of the person whose id is key or, failing that,
// whose email is key. An email shared by several people resolves to none
// of them. Its signature fits interactions.Options.Resolve.
func (ix *PeopleIndex) Resolve(key string) (string, bool) {
	if i, ok := ix.byID[key]; ok {
		return ix.people[i].ID, true
	}
	if matches := ix.byEmail[emailKey(key)]; len(matches) == 1 {
		return ix.people[matches[0]].ID, true
	}
	return "", false
}

// Match is one incoming person matched to a base person.
type Match struct {
	IncomingID string `json:"incoming_id"`
	BaseID     string `json:"base_id"`
	By         string `json:"by"` // "id" or "email"
}

// Conflict is a field on which a matched pair of people, or an account
// present in both datasets, disagree, or an email that could not decide a
// match. The base value is kept.
type Conflict struct {
	ID       string `json:"id"` // the base person or account id, or the incoming person id when no match was made
	Field    string `json:"field"`
	Base     string `json:"base"`
	Incoming string `json:"incoming"`
	Message  string `json:"message"`
}

// MergeReport lists the matches, additions and conflicts of a Merge.
type MergeReport struct {
	Matched         []Match    `json:"matched"`
	MatchedAccounts []Match    `json:"matched_accounts"`
	New             []string   `json:"new"` // ids of incoming people added as they are
	Conflicts       []Conflict `json:"conflicts"`

	// CombinedRelationships counts the relationships of the same pair in
	// both datasets, of which the stronger was kept.
	CombinedRelationships int `json:"combined_relationships"`
}

// Merge combines incoming into base and returns the result, leaving both
// unchanged. People match by id first and then by email, without regard
// to case; a matched person takes the base id everywhere in the result.
// Their empty fields are filled from the incoming record, and fields on
// which both hold different values keep the base value and are reported
// as conflicts. People on different sides never match, and an email that
// several base people share matches none of them. Accounts match by id,
// then by name without regard to case when exactly one base account has
// that name. Of two relationships of one pair, the stronger is kept
// whole; on equal strength, the base one.
func Merge(base, incoming *graph.Dataset) (*graph.Dataset, MergeReport) {
	m := merger{index: NewPeopleIndex(base.People), rename: map[string]string{}, renameAccount: map[string]string{}}
	out := &graph.Dataset{
		Accounts: append([]graph.Account(nil), base.Accounts...),
		People:   append([]graph.Person(nil), base.People...),
	}
	m.matchPeople(out, incoming.People)
	m.mergeAccounts(out, incoming.Accounts)
	m.mergePeople(out, incoming.People)
	m.mergeRelationships(out, base.Relationships, incoming.Relationships)
	sort.SliceStable(m.report.Conflicts, func(i, j int) bool { return m.report.Conflicts[i].ID < m.report.Conflicts[j].ID })
	return out, m.report
}

type merger struct {
	index         *PeopleIndex
	rename        map[string]string // incoming person id to base person id
	renameAccount map[string]string // incoming account id to base account id
	report        MergeReport
}

func (m *merger) matchPeople(out *graph.Dataset, incoming []graph.Person) {
	for _, p := range incoming {
		baseID, by, conflict := m.find(p)
		if conflict != nil {
			m.report.Conflicts = append(m.report.Conflicts, *conflict)
		}
		if baseID == "" {
			m.report.New = append(m.report.New, p.ID)
			continue
		}
		m.rename[p.ID] = baseID
		m.report.Matched = append(m.report.Matched, Match{IncomingID: p.ID, BaseID: baseID, By: by})
	}
}

// find returns the base person that p matches and how, or "" and maybe a
// conflict that explains why an email did not decide.
func (m *merger) find(p graph.Person) (id, by string, conflict *Conflict) {
	if i, ok := m.index.byID[p.ID]; ok {
		if base := m.index.people[i]; base.Side == p.Side {
			return base.ID, "id", nil
		}
		return "", "", &Conflict{ID: p.ID, Field: "side", Base: string(m.index.people[i].Side), Incoming: string(p.Side),
			Message: "a person with this id is on the other side: ids collide across sources"}
	}
	matches := m.index.byEmail[emailKey(p.Email)]
	if emailKey(p.Email) == "" || len(matches) == 0 {
		return "", "", nil
	}
	if len(matches) > 1 {
		return "", "", &Conflict{ID: p.ID, Field: "email", Incoming: p.Email,
			Message: fmt.Sprintf("%d base people share this email, so it matches none of them", len(matches))}
	}
	base := m.index.people[matches[0]]
	if base.Side != p.Side {
		return "", "", &Conflict{ID: p.ID, Field: "side", Base: string(base.Side), Incoming: string(p.Side),
			Message: fmt.Sprintf("the email matches %s, who is on the other side", base.ID)}
	}
	return base.ID, "email", nil
}

func (m *merger) id(incomingID string) string {
	if id, ok := m.rename[incomingID]; ok {
		return id
	}
	return incomingID
}

func (m *merger) mergeAccounts(out *graph.Dataset, incoming []graph.Account) {
	index := make(map[string]int, len(out.Accounts))
	byName := map[string][]int{}
	for i, a := range out.Accounts {
		index[a.ID] = i
		key := strings.ToLower(strings.TrimSpace(a.Name))
		byName[key] = append(byName[key], i)
	}
	for _, a := range incoming {
		a.OwnerID = m.id(a.OwnerID)
		i, ok := index[a.ID]
		by := "id"
		if named := byName[strings.ToLower(strings.TrimSpace(a.Name))]; !ok && len(named) == 1 {
			i, ok, by = named[0], true, "name"
		}
		if !ok {
			index[a.ID] = len(out.Accounts)
			out.Accounts = append(out.Accounts, a)
			continue
		}
		baseID := out.Accounts[i].ID
		m.renameAccount[a.ID] = baseID
		m.report.MatchedAccounts = append(m.report.MatchedAccounts, Match{IncomingID: a.ID, BaseID: baseID, By: by})
		a.ID = baseID
		m.fillAccount(&out.Accounts[i], a)
	}
}

func (m *merger) accountID(incomingID string) string {
	if id, ok := m.renameAccount[incomingID]; ok {
		return id
	}
	return incomingID
}

func (m *merger) fillAccount(base *graph.Account, in graph.Account) {
	m.fillString(base.ID, "name", &base.Name, in.Name)
	m.fillString(base.ID, "owner_id", &base.OwnerID, in.OwnerID)
	m.fillString(base.ID, "renewal_date", (*string)(&base.RenewalDate), string(in.RenewalDate))
	if base.Tier == 0 {
		base.Tier = in.Tier
	} else if in.Tier != 0 && in.Tier != base.Tier {
		m.conflict(base.ID, "tier", fmt.Sprint(base.Tier), fmt.Sprint(in.Tier))
	}
	if base.ARR == 0 {
		base.ARR = in.ARR
	} else if in.ARR != 0 && in.ARR != base.ARR {
		m.conflict(base.ID, "arr", fmt.Sprint(base.ARR), fmt.Sprint(in.ARR))
	}
}

func (m *merger) mergePeople(out *graph.Dataset, incoming []graph.Person) {
	for _, p := range incoming {
		p.ManagerID = m.id(p.ManagerID)
		p.AccountID = m.accountID(p.AccountID)
		baseID, matched := m.rename[p.ID]
		if !matched {
			out.People = append(out.People, p)
			continue
		}
		m.fillPerson(&out.People[m.index.byID[baseID]], p)
	}
}

func (m *merger) fillPerson(base *graph.Person, in graph.Person) {
	fields := []struct {
		name     string
		dst      *string
		incoming string
	}{
		{"name", &base.Name, in.Name},
		{"account_id", &base.AccountID, in.AccountID},
		{"title", &base.Title, in.Title},
		{"function", &base.Function, in.Function},
		{"business_unit", &base.BusinessUnit, in.BusinessUnit},
		{"geography", &base.Geography, in.Geography},
		{"seniority", (*string)(&base.Seniority), string(in.Seniority)},
		{"role", (*string)(&base.Role), string(in.Role)},
		{"email", &base.Email, in.Email},
		{"manager_id", &base.ManagerID, in.ManagerID},
	}
	for _, f := range fields {
		m.fillString(base.ID, f.name, f.dst, f.incoming)
	}
	if base.Status != in.Status && in.Status != "" {
		m.conflict(base.ID, "status", string(base.Status), string(in.Status))
	}
}

// fillString sets *dst to incoming when *dst is empty, and reports a
// conflict when both are set and differ. Names, emails and functions
// compare without regard to case.
func (m *merger) fillString(id, field string, dst *string, incoming string) {
	switch {
	case incoming == "" || *dst == incoming:
	case *dst == "":
		*dst = incoming
	case (field == "name" || field == "email" || field == "function") && strings.EqualFold(*dst, incoming):
	default:
		m.conflict(id, field, *dst, incoming)
	}
}

func (m *merger) conflict(id, field, base, incoming string) {
	m.report.Conflicts = append(m.report.Conflicts, Conflict{ID: id, Field: field, Base: base, Incoming: incoming,
		Message: "the sources disagree: the base value is kept"})
}

func (m *merger) mergeRelationships(out *graph.Dataset, base, incoming []graph.Relationship) {
	index := map[graph.PairKey]int{}
	add := func(r graph.Relationship, fromBase bool) {
		key := graph.Pair(r.PersonA, r.PersonB)
		i, ok := index[key]
		if !ok {
			index[key] = len(out.Relationships)
			out.Relationships = append(out.Relationships, r)
			return
		}
		if !fromBase {
			m.report.CombinedRelationships++
		}
		if r.Strength > out.Relationships[i].Strength {
			out.Relationships[i] = r
		}
	}
	for _, r := range base {
		add(r, true)
	}
	for _, r := range incoming {
		r.PersonA, r.PersonB = m.id(r.PersonA), m.id(r.PersonB)
		add(r, false)
	}
}

package graph

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Dataset is one import: accounts, people and relationships, in input
// order. Origin, when set, records the file and line of each record so that
// validation problems can point at them.
type Dataset struct {
	Accounts      []Account      `json:"accounts"`
	People        []Person       `json:"people"`
	Relationships []Relationship `json:"relationships"`
	Origin        *Origin        `json:"-"`
}

// Origin maps each record of a Dataset to its place in the input files.
// Lines count the header as line 1; index i of AccountLines is the line of
// Dataset.Accounts[i], and so on.
type Origin struct {
	AccountsFile      string
	PeopleFile        string
	RelationshipsFile string
	AccountLines      []int
	PersonLines       []int
	RelationshipLines []int
}

// Standard file names of the import folder format.
const (
	AccountsFile      = "accounts.csv"
	PeopleFile        = "people.csv"
	RelationshipsFile = "relationships.csv"
)

// PairKey is the canonical key of an unordered pair of person ids.
type PairKey struct{ A, B string }

// Pair returns the canonical key of the pair {a, b}.
func Pair(a, b string) PairKey {
	if b < a {
		a, b = b, a
	}
	return PairKey{a, b}
}

// Existing is the part of a store's content that an import touches: the
// stored records whose ids the import defines or references. Stores fill it
// (inside the import's transaction where they have one) and pass it to Plan.
type Existing struct {
	Accounts      map[string]Account
	People        map[string]Person
	Relationships map[PairKey]Relationship
}

// Refs lists the ids that an import defines or references, which is what a
// store must look up to fill Existing.
type Refs struct {
	AccountIDs []string
	PersonIDs  []string
	Pairs      []PairKey
}

// Refs returns the sorted, distinct ids that ds defines or references.
func (ds *Dataset) Refs() Refs {
	accounts := map[string]bool{}
	people := map[string]bool{}
	for _, a := range ds.Accounts {
		accounts[a.ID] = true
		addNonEmpty(people, a.OwnerID)
	}
	for _, p := range ds.People {
		people[p.ID] = true
		addNonEmpty(accounts, p.AccountID)
		addNonEmpty(people, p.ManagerID)
	}
	pairs := make([]PairKey, 0, len(ds.Relationships))
	for _, r := range ds.Relationships {
		addNonEmpty(people, r.PersonA)
		addNonEmpty(people, r.PersonB)
		pairs = append(pairs, Pair(r.PersonA, r.PersonB))
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].A != pairs[j].A {
			return pairs[i].A < pairs[j].A
		}
		return pairs[i].B < pairs[j].B
	})
	return Refs{AccountIDs: sortedKeys(accounts), PersonIDs: sortedKeys(people), Pairs: pairs}
}

func addNonEmpty(set map[string]bool, id string) {
	if id != "" {
		set[id] = true
	}
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Plan validates ds against itself and ex and returns what applying it
// would do. It returns an *ImportError listing every problem (up to
// MaxProblems) when ds is invalid. Both stores call Plan before writing, so
// they accept and reject exactly the same input.
func Plan(ds *Dataset, ex Existing) (ImportSummary, error) {
	v := validator{ds: ds, ex: ex, errs: &ImportError{}}
	v.indexDataset()
	v.checkAccounts()
	v.checkPeople()
	v.checkRelationships()
	if err := v.errs.ErrOrNil(); err != nil {
		return ImportSummary{}, err
	}
	return v.count(), nil
}

type validator struct {
	ds   *Dataset
	ex   Existing
	errs *ImportError

	accounts map[string]int // id to index in ds.Accounts (first occurrence)
	people   map[string]int // id to index in ds.People (first occurrence)
}

func (v *validator) indexDataset() {
	v.accounts = make(map[string]int, len(v.ds.Accounts))
	for i, a := range v.ds.Accounts {
		if first, dup := v.accounts[a.ID]; dup {
			v.problem(AccountsFile, i, "account_id", a.ID,
				fmt.Sprintf("duplicate account_id %q, first defined %s: keep one row per account", a.ID, v.lineText(AccountsFile, first)))
			continue
		}
		v.accounts[a.ID] = i
	}
	v.people = make(map[string]int, len(v.ds.People))
	for i, p := range v.ds.People {
		if first, dup := v.people[p.ID]; dup {
			v.problem(PeopleFile, i, "person_id", p.ID,
				fmt.Sprintf("duplicate person_id %q, first defined %s: keep one row per person", p.ID, v.lineText(PeopleFile, first)))
			continue
		}
		v.people[p.ID] = i
	}
}

// person returns the person with the given id as it will be after the
// import: the dataset's row if it has one, else the stored record.
func (v *validator) person(id string) (Person, bool) {
	if i, ok := v.people[id]; ok {
		return v.ds.People[i], true
	}
	p, ok := v.ex.People[id]
	return p, ok
}

func (v *validator) accountExists(id string) bool {
	if _, ok := v.accounts[id]; ok {
		return true
	}
	_, ok := v.ex.Accounts[id]
	return ok
}

func (v *validator) checkAccounts() {
	for i, a := range v.ds.Accounts {
		if strings.TrimSpace(a.ID) == "" {
			v.problem(AccountsFile, i, "account_id", a.ID, "missing account_id: every account needs an id")
		}
		if strings.TrimSpace(a.Name) == "" {
			v.problem(AccountsFile, i, "name", a.Name, "missing name: every account needs a name")
		}
		if a.Tier < 0 || a.Tier > 3 {
			v.problem(AccountsFile, i, "tier", fmt.Sprint(a.Tier), "invalid tier: use 1, 2 or 3, or leave it empty")
		}
		if math.IsNaN(a.ARR) || math.IsInf(a.ARR, 0) || a.ARR < 0 {
			v.problem(AccountsFile, i, "arr", fmt.Sprint(a.ARR), "invalid arr: use a non-negative number")
		}
		if _, err := ParseDate(string(a.RenewalDate)); err != nil {
			v.problem(AccountsFile, i, "renewal_date", string(a.RenewalDate), err.Error())
		}
		if a.OwnerID == "" {
			continue
		}
		owner, ok := v.person(a.OwnerID)
		switch {
		case !ok:
			v.problem(AccountsFile, i, "owner_id", a.OwnerID,
				fmt.Sprintf("unknown owner_id %q: add the vendor person to people.csv or fix the id", a.OwnerID))
		case owner.Side != SideVendor:
			v.problem(AccountsFile, i, "owner_id", a.OwnerID,
				fmt.Sprintf("owner_id %q is a %s person: the owner must be a vendor person", a.OwnerID, owner.Side))
		}
	}
}

func (v *validator) checkPeople() {
	for i, p := range v.ds.People {
		v.checkPersonFields(i, p)
		v.checkPersonRefs(i, p)
	}
}

func (v *validator) checkPersonFields(i int, p Person) {
	if strings.TrimSpace(p.ID) == "" {
		v.problem(PeopleFile, i, "person_id", p.ID, "missing person_id: every person needs an id")
	}
	if strings.TrimSpace(p.Name) == "" {
		v.problem(PeopleFile, i, "name", p.Name, "missing name: every person needs a name")
	}
	if _, err := ParseSide(string(p.Side)); err != nil {
		v.problem(PeopleFile, i, "side", string(p.Side), err.Error())
	}
	if _, err := ParseSeniority(string(p.Seniority)); err != nil {
		v.problem(PeopleFile, i, "seniority", string(p.Seniority), err.Error())
	}
	if _, err := ParseRole(string(p.Role)); err != nil {
		v.problem(PeopleFile, i, "role", string(p.Role), err.Error())
	}
	if p.Status != StatusActive && p.Status != StatusDeparted {
		v.problem(PeopleFile, i, "status", string(p.Status), "invalid status: use active or departed")
	}
	if _, err := ParseDate(string(p.DepartedOn)); err != nil {
		v.problem(PeopleFile, i, "departed_on", string(p.DepartedOn), err.Error())
	}
	if p.DepartedOn != "" && p.Status != StatusDeparted {
		v.problem(PeopleFile, i, "departed_on", string(p.DepartedOn),
			"departed_on is set but status is not departed: set status to departed or clear departed_on")
	}
	if p.Email != "" && !strings.Contains(p.Email, "@") {
		v.problem(PeopleFile, i, "email", p.Email, "invalid email: expected an address like name@example.com, or leave it empty")
	}
	if p.Side == SideVendor && p.Role != "" {
		v.problem(PeopleFile, i, "role", string(p.Role), "vendor people have no customer role: leave role empty")
	}
	if old, ok := v.ex.People[p.ID]; ok && old.Side != p.Side {
		v.problem(PeopleFile, i, "side", string(p.Side),
			fmt.Sprintf("person %q is stored as %s: a person's side cannot change, use a new person_id", p.ID, old.Side))
	}
}

func (v *validator) checkPersonRefs(i int, p Person) {
	switch {
	case p.Side == SideCustomer && p.AccountID == "":
		v.problem(PeopleFile, i, "account_id", "", "missing account_id: customer people must belong to an account")
	case p.Side == SideCustomer && !v.accountExists(p.AccountID):
		v.problem(PeopleFile, i, "account_id", p.AccountID,
			fmt.Sprintf("unknown account_id %q: add it to accounts.csv or fix the id", p.AccountID))
	case p.Side == SideVendor && p.AccountID != "":
		v.problem(PeopleFile, i, "account_id", p.AccountID, "vendor people belong to no account: leave account_id empty")
	}
	if p.ManagerID == "" {
		return
	}
	manager, ok := v.person(p.ManagerID)
	switch {
	case p.ManagerID == p.ID:
		v.problem(PeopleFile, i, "manager_id", p.ManagerID, "a person cannot be their own manager")
	case !ok:
		v.problem(PeopleFile, i, "manager_id", p.ManagerID,
			fmt.Sprintf("unknown manager_id %q: add the manager to people.csv or fix the id", p.ManagerID))
	case manager.Side != p.Side || manager.AccountID != p.AccountID:
		v.problem(PeopleFile, i, "manager_id", p.ManagerID,
			fmt.Sprintf("manager %q works for another organisation: a manager must be on the same side and account", p.ManagerID))
	}
}

func (v *validator) checkRelationships() {
	seen := make(map[PairKey]int, len(v.ds.Relationships))
	for i, r := range v.ds.Relationships {
		if r.PersonA == "" {
			v.problem(RelationshipsFile, i, "person_a", "", "missing person_a")
		}
		if r.PersonB == "" {
			v.problem(RelationshipsFile, i, "person_b", "", "missing person_b")
		}
		if r.PersonA != "" && r.PersonA == r.PersonB {
			v.problem(RelationshipsFile, i, "person_b", r.PersonB,
				fmt.Sprintf("self-relationship of %q: person_a and person_b must differ", r.PersonA))
		}
		if math.IsNaN(r.Strength) || !(r.Strength > 0 && r.Strength <= 1) {
			v.problem(RelationshipsFile, i, "strength", formatFloat(r.Strength),
				"strength out of range: use a number greater than 0 and at most 1")
		}
		if _, err := ParseDate(string(r.LastInteraction)); err != nil {
			v.problem(RelationshipsFile, i, "last_interaction", string(r.LastInteraction), err.Error())
		}
		v.checkRelationshipPerson(i, "person_a", r.PersonA)
		v.checkRelationshipPerson(i, "person_b", r.PersonB)

		key := Pair(r.PersonA, r.PersonB)
		if first, dup := seen[key]; dup {
			v.problem(RelationshipsFile, i, "person_b", r.PersonB,
				fmt.Sprintf("duplicate relationship between %q and %q, first given %s: keep one row per pair", r.PersonA, r.PersonB, v.lineText(RelationshipsFile, first)))
			continue
		}
		seen[key] = i
	}
}

func (v *validator) checkRelationshipPerson(i int, column, id string) {
	if id == "" {
		return
	}
	if _, ok := v.person(id); !ok {
		v.problem(RelationshipsFile, i, column, id,
			fmt.Sprintf("unknown person %q: add them to people.csv or fix the id", id))
	}
}

// count compares the dataset with ex. It runs only on valid input.
func (v *validator) count() ImportSummary {
	var s ImportSummary
	for _, a := range v.ds.Accounts {
		old, ok := v.ex.Accounts[a.ID]
		s.Accounts.add(ok, old == a)
	}
	for _, p := range v.ds.People {
		old, ok := v.ex.People[p.ID]
		s.People.add(ok, old == p)
	}
	for _, r := range v.ds.Relationships {
		c := r.Canonical()
		old, ok := v.ex.Relationships[Pair(c.PersonA, c.PersonB)]
		s.Relationships.add(ok, old == c)
	}
	return s
}

func (c *Counts) add(existed, same bool) {
	switch {
	case !existed:
		c.Created++
	case same:
		c.Unchanged++
	default:
		c.Updated++
	}
}

// problem records a problem with record i of the named file.
func (v *validator) problem(file string, i int, column, value, msg string) {
	name, line := v.where(file, i)
	v.errs.Add(Problem{File: name, Line: line, Column: column, Value: value, Message: msg})
}

// where looks up the file name and line of record i, or the standard file
// name and no line when the dataset has no origin.
func (v *validator) where(file string, i int) (string, int) {
	o := v.ds.Origin
	if o == nil {
		return file, 0
	}
	var name string
	var lines []int
	switch file {
	case AccountsFile:
		name, lines = o.AccountsFile, o.AccountLines
	case PeopleFile:
		name, lines = o.PeopleFile, o.PersonLines
	default:
		name, lines = o.RelationshipsFile, o.RelationshipLines
	}
	if name == "" {
		name = file
	}
	if i < len(lines) {
		return name, lines[i]
	}
	return name, 0
}

func (v *validator) lineText(file string, i int) string {
	if _, line := v.where(file, i); line > 0 {
		return fmt.Sprintf("on line %d", line)
	}
	return fmt.Sprintf("as record %d", i+1)
}

func formatFloat(f float64) string {
	return fmt.Sprintf("%g", f)
}

package graph

import "sort"

// SortAccounts sorts accounts by id.
func SortAccounts(accounts []Account) {
	sort.Slice(accounts, func(i, j int) bool { return accounts[i].ID < accounts[j].ID })
}

// SortPeople sorts people by id.
func SortPeople(people []Person) {
	sort.Slice(people, func(i, j int) bool { return people[i].ID < people[j].ID })
}

// SortRelationships sorts relationships by (PersonA, PersonB). It does not
// make them canonical.
func SortRelationships(rels []Relationship) {
	sort.Slice(rels, func(i, j int) bool {
		if rels[i].PersonA != rels[j].PersonA {
			return rels[i].PersonA < rels[j].PersonA
		}
		return rels[i].PersonB < rels[j].PersonB
	})
}

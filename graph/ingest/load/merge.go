package load

import (
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

// MergeWithStored matches the records of incoming, read from a CRM
// export, with the stored ones, and returns the records to import and a
// report of the matches.
//
//   - A person or account whose id is stored is the same record coming
//     back from its source. It is imported as it is, so the source's
//     changes replace the stored values as in a native import, and the
//     report lists it as matched by id.
//   - Other people and accounts go through ingest.Merge with the stored
//     records as the base: people match by email without regard to case,
//     accounts by a unique name. A matched record keeps its stored id and
//     values, gets its empty fields filled, and each difference is listed
//     as a conflict. Unmatched records are new.
//   - A relationship replaces the stored one of its pair when both come
//     from the same source. When the sources differ, the stronger one is
//     kept, and on equal strength the stored one.
//
// Only records that incoming contains, after renaming, are returned, so
// the import counts nothing else.
func MergeWithStored(incoming, stored *graph.Dataset) (*graph.Dataset, ingest.MergeReport) {
	storedPeople := make(map[string]bool, len(stored.People))
	for _, p := range stored.People {
		storedPeople[p.ID] = true
	}
	storedAccounts := make(map[string]bool, len(stored.Accounts))
	for _, a := range stored.Accounts {
		storedAccounts[a.ID] = true
	}

	// People and accounts stored under their own id bypass Merge, and the
	// base holds only the stored records that no incoming id names.
	known := &graph.Dataset{}
	fresh := &graph.Dataset{Relationships: incoming.Relationships}
	for _, p := range incoming.People {
		if storedPeople[p.ID] {
			known.People = append(known.People, p)
		} else {
			fresh.People = append(fresh.People, p)
		}
	}
	for _, a := range incoming.Accounts {
		if storedAccounts[a.ID] {
			known.Accounts = append(known.Accounts, a)
		} else {
			fresh.Accounts = append(fresh.Accounts, a)
		}
	}
	base := &graph.Dataset{}
	incomingPeople := idSet(incoming.People, func(p graph.Person) string { return p.ID })
	incomingAccounts := idSet(incoming.Accounts, func(a graph.Account) string { return a.ID })
	for _, p := range stored.People {
		if !incomingPeople[p.ID] {
			base.People = append(base.People, p)
		}
	}
	for _, a := range stored.Accounts {
		if !incomingAccounts[a.ID] {
			base.Accounts = append(base.Accounts, a)
		}
	}

	merged, report := ingest.Merge(base, fresh)
	rename := renames(report.Matched)
	renameAccount := renames(report.MatchedAccounts)

	out := &graph.Dataset{}
	out.Accounts = touched(merged.Accounts, fresh.Accounts, renameAccount, func(a graph.Account) string { return a.ID })
	for _, a := range known.Accounts {
		a.OwnerID = renamed(rename, a.OwnerID)
		out.Accounts = append(out.Accounts, a)
		report.MatchedAccounts = append(report.MatchedAccounts, ingest.Match{IncomingID: a.ID, BaseID: a.ID, By: "id"})
	}
	out.People = touched(merged.People, fresh.People, rename, func(p graph.Person) string { return p.ID })
	for _, p := range known.People {
		p.ManagerID = renamed(rename, p.ManagerID)
		p.AccountID = renamed(renameAccount, p.AccountID)
		out.People = append(out.People, p)
		report.Matched = append(report.Matched, ingest.Match{IncomingID: p.ID, BaseID: p.ID, By: "id"})
	}
	out.Relationships = keepStronger(merged.Relationships, stored.Relationships, &report)
	return out, withEmptyLists(report)
}

// withEmptyLists returns r with empty lists in place of nil ones, so that
// its JSON holds [] rather than null.
func withEmptyLists(r ingest.MergeReport) ingest.MergeReport {
	if r.Matched == nil {
		r.Matched = []ingest.Match{}
	}
	if r.MatchedAccounts == nil {
		r.MatchedAccounts = []ingest.Match{}
	}
	if r.New == nil {
		r.New = []string{}
	}
	if r.Conflicts == nil {
		r.Conflicts = []ingest.Conflict{}
	}
	return r
}

func idSet[T any](records []T, id func(T) string) map[string]bool {
	set := make(map[string]bool, len(records))
	for _, r := range records {
		set[id(r)] = true
	}
	return set
}

func renames(matches []ingest.Match) map[string]string {
	m := make(map[string]string, len(matches))
	for _, match := range matches {
		m[match.IncomingID] = match.BaseID
	}
	return m
}

func renamed(m map[string]string, id string) string {
	if to, ok := m[id]; ok {
		return to
	}
	return id
}

// touched returns the records of merged whose ids are those of incoming
// after renaming: the incoming records, matched or new.
func touched[T any](merged, incoming []T, rename map[string]string, id func(T) string) []T {
	want := make(map[string]bool, len(incoming))
	for _, r := range incoming {
		want[renamed(rename, id(r))] = true
	}
	var out []T
	for _, r := range merged {
		if want[id(r)] {
			out = append(out, r)
		}
	}
	return out
}

// keepStronger returns incoming with each relationship replaced by the
// stored one of its pair when that one comes from another source and is
// at least as strong. It counts every pair present in both.
func keepStronger(incoming, stored []graph.Relationship, report *ingest.MergeReport) []graph.Relationship {
	byPair := make(map[graph.PairKey]graph.Relationship, len(stored))
	for _, r := range stored {
		byPair[graph.Pair(r.PersonA, r.PersonB)] = r
	}
	out := make([]graph.Relationship, 0, len(incoming))
	for _, r := range incoming {
		old, ok := byPair[graph.Pair(r.PersonA, r.PersonB)]
		if !ok || old.Source == r.Source {
			out = append(out, r)
			continue
		}
		report.CombinedRelationships++
		if old.Strength >= r.Strength {
			r = old
		}
		out = append(out, r)
	}
	return out
}

package crm

import (
	"fmt"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/titles"
)

// Relationship types that CRM imports produce.
const (
	TypeOwner       = "crm_owner"    // the vendor person owns the contact's record
	TypeAccountTeam = "account_team" // the vendor person is on the account's team
)

// Relationships collects relationships and keeps one per pair: the first
// one added, unless a later one is stronger.
type Relationships struct {
	index map[graph.PairKey]int
	list  []graph.Relationship
}

// Add adds rel, or replaces the relationship already held for its pair
// when rel is stronger.
func (rs *Relationships) Add(rel graph.Relationship) {
	if rs.index == nil {
		rs.index = make(map[graph.PairKey]int)
	}
	key := graph.Pair(rel.PersonA, rel.PersonB)
	if i, ok := rs.index[key]; ok {
		if rel.Strength > rs.list[i].Strength {
			rs.list[i] = rel
		}
		return
	}
	rs.index[key] = len(rs.list)
	rs.list = append(rs.list, rel)
}

// List returns the relationships in the order their pairs were first
// added.
func (rs *Relationships) List() []graph.Relationship { return rs.list }

// Finish fills titles, counts and problems into a result for ds, or
// returns the import error when problems end the import.
//
// NOTE: ds has no graph.Origin, because Origin names one file per record
// kind and CRM people come from two files. Problems that graph.Plan finds
// later, such as an owner missing from the store, name people.csv or
// relationships.csv and no line.
func Finish(ds *graph.Dataset, problems *ingest.Problems, summary ingest.Summary) (*ingest.Result, error) {
	if err := problems.Err(); err != nil {
		return nil, err
	}
	res := &ingest.Result{Dataset: ds, Summary: summary}
	res.Titles = titles.Fill(ds.People)
	problems.Finish(res)
	return res, nil
}

// Index records where each id of one object was defined, and which ids
// were rejected, so that references to them can be checked.
type Index struct {
	File     string                     // the object's file, for messages
	Present  bool                       // the export includes the file
	Accepted map[string]ingest.Location // ids of rows that are still accepted
	Rejected map[string]ingest.Location // ids of rows with a problem
	Skipped  map[string]bool            // ids of valid rows the import leaves out
}

// NewIndex returns an empty index for file.
func NewIndex(file string, present bool) *Index {
	return &Index{
		File:     file,
		Present:  present,
		Accepted: map[string]ingest.Location{},
		Rejected: map[string]ingest.Location{},
		Skipped:  map[string]bool{},
	}
}

// Define records the row at loc as defining id. It returns false, and
// records a problem with the row at loc, when an earlier row defined id;
// the earlier row stays as it was.
func (ix *Index) Define(id string, loc ingest.Location, column string, problems *ingest.Problems) bool {
	first, dup := ix.Accepted[id]
	if !dup {
		first, dup = ix.Rejected[id]
	}
	if dup {
		problems.AddRow(loc.Problem(column, id, fmt.Sprintf("duplicate id %q, first on line %d: keep one row per record", id, first.Line)))
		return false
	}
	ix.Accepted[id] = loc
	return true
}

// Reject moves id to the rejected ids.
func (ix *Index) Reject(id string, loc ingest.Location) {
	delete(ix.Accepted, id)
	if _, ok := ix.Rejected[id]; !ok {
		ix.Rejected[id] = loc
	}
}

// Check returns a problem message when id cannot be resolved: it
// belongs to a rejected row, or the export includes the index's file and
// the id is not in it. References into a file that the export lacks are
// left for graph.Plan to check against the store. Skipped ids resolve,
// and the caller decides what a reference to one means.
func (ix *Index) Check(id string) (msg string, ok bool) {
	if id == "" || ix.Skipped[id] {
		return "", true
	}
	if _, ok := ix.Accepted[id]; ok {
		return "", true
	}
	if loc, ok := ix.Rejected[id]; ok {
		return fmt.Sprintf("%q refers to the rejected row on line %d of %s", id, loc.Line, ix.File), false
	}
	if !ix.Present {
		return "", true
	}
	return fmt.Sprintf("%q is not in %s: export that record too, or fix the id", id, ix.File), false
}

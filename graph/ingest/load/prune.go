package load

import (
	"context"
	"errors"
	"fmt"

	"github.com/kamgraph/kamgraph/graph"
)

// apply imports ds, or validates it in a dry run. With KeepGoing it first
// validates in dry runs and leaves out every record that a problem names,
// until the rest is valid, so that records depending on a left-out record
// go too. It returns the problems of the records left out.
func apply(ctx context.Context, store graph.Store, ds *graph.Dataset, opts Options) (graph.ImportSummary, []graph.Problem, error) {
	if !opts.KeepGoing {
		summary, err := store.Import(ctx, ds, graph.ImportOptions{DryRun: opts.DryRun})
		return summary, nil, err
	}

	work := newRecordSet(ds)
	var rejected []graph.Problem
	for {
		summary, err := store.Import(ctx, work.ds, graph.ImportOptions{DryRun: true})
		var importErr *graph.ImportError
		if !errors.As(err, &importErr) {
			if err != nil || opts.DryRun {
				return summary, rejected, err
			}
			break
		}
		// Each round leaves out at least one record, so the loop ends.
		drop, problems := work.locate(importErr.Problems)
		if len(drop) == 0 {
			return graph.ImportSummary{}, rejected, err
		}
		emitProblems(opts, problems)
		rejected = append(rejected, problems...)
		work.remove(drop)
	}
	summary, err := store.Import(ctx, work.ds, graph.ImportOptions{})
	return summary, rejected, err
}

// recordKind is the kind of record a problem names.
type recordKind int

const (
	kindAccount recordKind = iota
	kindPerson
	kindRelationship
)

type recordRef struct {
	kind  recordKind
	index int
}

type location struct {
	file string
	line int
}

// Names of the files of a dataset without graph.Origin, such as a CRM
// dataset, whose records recordSet numbers instead of lines.
const (
	syntheticAccounts      = "accounts"
	syntheticPeople        = "people"
	syntheticRelationships = "relationships"
)

// recordSet is a copy of a dataset whose records can be found by the file
// and line that a problem names, and left out.
type recordSet struct {
	ds        *graph.Dataset
	synthetic bool // the lines are record numbers, not lines of a file
}

func newRecordSet(ds *graph.Dataset) *recordSet {
	copied := &graph.Dataset{
		Accounts:      append([]graph.Account(nil), ds.Accounts...),
		People:        append([]graph.Person(nil), ds.People...),
		Relationships: append([]graph.Relationship(nil), ds.Relationships...),
	}
	if ds.Origin != nil {
		o := *ds.Origin
		o.AccountLines = append([]int(nil), o.AccountLines...)
		o.PersonLines = append([]int(nil), o.PersonLines...)
		o.RelationshipLines = append([]int(nil), o.RelationshipLines...)
		copied.Origin = &o
		return &recordSet{ds: copied}
	}
	copied.Origin = &graph.Origin{
		AccountsFile:      syntheticAccounts,
		PeopleFile:        syntheticPeople,
		RelationshipsFile: syntheticRelationships,
		AccountLines:      numbers(len(ds.Accounts)),
		PersonLines:       numbers(len(ds.People)),
		RelationshipLines: numbers(len(ds.Relationships)),
	}
	return &recordSet{ds: copied, synthetic: true}
}

// numbers returns 1, 2, ..., n.
func numbers(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// locate returns the records that problems name, and the problems that
// name one, in the words of the input: a dataset without origin names the
// record by its id instead of a file and line.
func (s *recordSet) locate(problems []graph.Problem) (map[recordRef]bool, []graph.Problem) {
	o := s.ds.Origin
	index := map[location]recordRef{}
	add := func(file string, kind recordKind, lines []int) {
		for i, line := range lines {
			index[location{file, line}] = recordRef{kind, i}
		}
	}
	add(fileName(o.AccountsFile, graph.AccountsFile), kindAccount, o.AccountLines)
	add(fileName(o.PeopleFile, graph.PeopleFile), kindPerson, o.PersonLines)
	add(fileName(o.RelationshipsFile, graph.RelationshipsFile), kindRelationship, o.RelationshipLines)

	drop := map[recordRef]bool{}
	var located []graph.Problem
	for _, p := range problems {
		ref, ok := index[location{p.File, p.Line}]
		if !ok || p.Line == 0 {
			continue
		}
		drop[ref] = true
		if s.synthetic {
			p.Message = s.describe(ref) + ": " + p.Message
			p.File, p.Line = "", 0
		}
		located = append(located, p)
	}
	return drop, located
}

// fileName returns the name graph.Plan gives a file of the origin.
func fileName(name, standard string) string {
	if name == "" {
		return standard
	}
	return name
}

func (s *recordSet) describe(ref recordRef) string {
	switch ref.kind {
	case kindAccount:
		return fmt.Sprintf("account %q", s.ds.Accounts[ref.index].ID)
	case kindPerson:
		return fmt.Sprintf("person %q", s.ds.People[ref.index].ID)
	}
	r := s.ds.Relationships[ref.index]
	return fmt.Sprintf("relationship between %q and %q", r.PersonA, r.PersonB)
}

// remove leaves out the records of drop, with their lines.
func (s *recordSet) remove(drop map[recordRef]bool) {
	ds, o := s.ds, s.ds.Origin
	ds.Accounts, o.AccountLines = without(ds.Accounts, o.AccountLines, kindAccount, drop)
	ds.People, o.PersonLines = without(ds.People, o.PersonLines, kindPerson, drop)
	ds.Relationships, o.RelationshipLines = without(ds.Relationships, o.RelationshipLines, kindRelationship, drop)
}

func without[T any](records []T, lines []int, kind recordKind, drop map[recordRef]bool) ([]T, []int) {
	keptRecords := records[:0]
	keptLines := lines[:0]
	for i, r := range records {
		if drop[recordRef{kind, i}] {
			continue
		}
		keptRecords = append(keptRecords, r)
		if i < len(lines) {
			keptLines = append(keptLines, lines[i])
		}
	}
	return keptRecords, keptLines
}

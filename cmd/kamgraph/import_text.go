package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/load"
)

// maxListedConflicts caps how many merge conflicts the text summary lists;
// the JSON output lists them all.
const maxListedConflicts = 10

func writeImportJSON(w io.Writer, rep *load.Report) error {
	out, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Errorf("encode import summary: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", out)
	return err
}

// printImportReport writes the summary of an import for people: rows,
// record counts, merge and interaction details, and where it went.
func printImportReport(w io.Writer, rep *load.Report, target string) error {
	printRows(w, rep)
	if rep.Interactions != nil {
		printInteractions(w, rep)
	}
	if err := printCounts(w, rep); err != nil {
		return err
	}
	if rep.Merge != nil {
		printMerge(w, rep.Merge)
	}
	if rep.Titles != nil {
		if list := rep.Titles.UnknownFunction; len(list) > 0 {
			fmt.Fprintf(w, "Titles without a known function: %s\n", quoteJoin(list))
		}
		if list := rep.Titles.UnknownSeniority; len(list) > 0 {
			fmt.Fprintf(w, "Titles without a known seniority: %s\n", quoteJoin(list))
		}
	}
	if rep.DryRun {
		_, err := fmt.Fprintf(w, "Check only (%s): the input is valid and nothing was written.\n", target)
		return err
	}
	_, err := fmt.Fprintf(w, "Imported into %s.\n", target)
	return err
}

func printRows(w io.Writer, rep *load.Report) {
	r := rep.Rows
	fmt.Fprintf(w, "Rows: %d read, %d skipped, %d rejected", r.RowsRead, r.RowsSkipped, r.RowsRejected)
	if rep.RecordsRejected > 0 {
		fmt.Fprintf(w, "; %s left out by validation", countOf(rep.RecordsRejected, "record", "records"))
	}
	fmt.Fprintln(w, ".")
	for _, reason := range r.SkipReasons() {
		fmt.Fprintf(w, "  skipped %d: %s\n", r.Skipped[reason], reason)
	}
}

func printInteractions(w io.Writer, rep *load.Report) {
	in := rep.Interactions
	verb := "added"
	if in.DryRun {
		verb = "to add"
	}
	fmt.Fprintf(w, "Interactions: %d %s, %d already stored or repeated", in.Added, verb, in.Duplicates)
	if log := rep.Log; log != nil {
		fmt.Fprintf(w, "; %s matched no stored person", countOf(log.Unresolved, "participant", "participants"))
	}
	fmt.Fprintln(w, ".")
	if s := rep.Strengths; s != nil {
		fmt.Fprintf(w, "Strengths as of %s, half-life %s: %d interactions in %d pairs, %d too weak to count, %d after as-of.\n",
			s.AsOf.Format(time.RFC3339), halfLifeText(s.HalfLifeDays), s.Interactions, s.Pairs, s.TooWeak, s.AfterAsOf)
	}
}

// printCounts writes the created, updated and unchanged records. An
// interactions import changes relationships only.
func printCounts(w io.Writer, rep *load.Report) error {
	rows := []struct {
		name   string
		counts graph.Counts
	}{{"accounts", rep.Accounts}, {"people", rep.People}, {"relationships", rep.Relationships}}
	if rep.Interactions != nil {
		if rep.Strengths == nil {
			return nil
		}
		rows = rows[2:]
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\tcreated\tupdated\tunchanged")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", r.name, r.counts.Created, r.counts.Updated, r.counts.Unchanged)
	}
	return tw.Flush()
}

func printMerge(w io.Writer, m *ingest.MergeReport) {
	byID, byEmail := 0, 0
	for _, match := range m.Matched {
		if match.By == "id" {
			byID++
		} else {
			byEmail++
		}
	}
	fmt.Fprintf(w, "Merge with the stored data: %d people matched (%d by id, %d by email), %d new; %s matched; %d relationships also stored from another source.\n",
		len(m.Matched), byID, byEmail, len(m.New), countOf(len(m.MatchedAccounts), "account", "accounts"), m.CombinedRelationships)
	if len(m.Conflicts) == 0 {
		return
	}
	fmt.Fprintf(w, "%s, stored values kept:\n", countOf(len(m.Conflicts), "conflict", "conflicts"))
	for _, c := range m.Conflicts[:min(len(m.Conflicts), maxListedConflicts)] {
		fmt.Fprintf(w, "  %s %s: stored %q, import %q: %s\n", c.ID, c.Field, c.Base, c.Incoming, c.Message)
	}
	if n := len(m.Conflicts) - maxListedConflicts; n > 0 {
		fmt.Fprintf(w, "  and %d more; --output json lists them all\n", n)
	}
}

func quoteJoin(list []string) string {
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(quoted, ", ")
}

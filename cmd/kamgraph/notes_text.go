package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/httpapi"
)

// writeNote prints one note with its history in format "text" or "json".
func writeNote(w io.Writer, format string, n graph.Note) error {
	if format == "json" {
		return writeNoteJSON(w, n)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Note\t%s\n", n.ID)
	fmt.Fprintf(tw, "About\t%s\n", describeTarget(n))
	fmt.Fprintf(tw, "Kind\t%s\n", n.Kind)
	fmt.Fprintf(tw, "Version\t%d, by %s at %s\n", n.Version, n.Author, formatNoteTime(n.UpdatedAt))
	fmt.Fprintf(tw, "Created\t%s\n", formatNoteTime(n.CreatedAt))
	if n.DeletedAt != nil {
		fmt.Fprintf(tw, "Deleted\t%s by %s\n", formatNoteTime(*n.DeletedAt), n.DeletedBy)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s\n", indentNoteText(n.Text))
	if len(n.History) <= 1 {
		return nil
	}
	fmt.Fprintln(w, "\nHistory, oldest first:")
	for _, v := range n.History {
		fmt.Fprintf(w, "\n  Version %d, %s, by %s at %s\n%s\n", v.Version, v.Kind, v.Author, formatNoteTime(v.At), indentNoteText(indentNoteText(v.Text)))
	}
	return nil
}

// writeNoteList prints notes without history, or empty when there are
// none, in format "text" or "json". The json format is the body of
// GET /api/v1/notes.
func writeNoteList(w io.Writer, format string, notes []graph.Note, empty string) error {
	if format == "json" {
		if notes == nil {
			notes = []graph.Note{}
		}
		return writeNoteJSON(w, httpapi.NoteList{Notes: notes})
	}
	if len(notes) == 0 {
		_, err := fmt.Fprintln(w, empty)
		return err
	}
	for i, n := range notes {
		if i > 0 {
			fmt.Fprintln(w)
		}
		deleted := ""
		if n.DeletedAt != nil {
			deleted = fmt.Sprintf(", deleted %s by %s", formatNoteTime(*n.DeletedAt), n.DeletedBy)
		}
		fmt.Fprintf(w, "%s  %s on %s, version %d by %s at %s%s\n%s\n",
			n.ID, n.Kind, describeTarget(n), n.Version, n.Author, formatNoteTime(n.UpdatedAt), deleted, indentNoteText(n.Text))
	}
	return nil
}

// describeTarget names the target of a note and, for people and
// relationships, the account it belongs to.
func describeTarget(n graph.Note) string {
	if n.AccountID == "" || n.Target.Kind == graph.TargetAccount {
		return n.Target.String()
	}
	return fmt.Sprintf("%s of account %q", n.Target, n.AccountID)
}

func formatNoteTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// indentNoteText prefixes every line of text with two spaces.
func indentNoteText(text string) string {
	return "  " + strings.ReplaceAll(text, "\n", "\n  ")
}

func writeNoteJSON(w io.Writer, v any) error {
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode JSON output: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", out)
	return err
}

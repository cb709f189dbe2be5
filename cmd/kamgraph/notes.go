package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/httpapi"
)

// noteSubcommand is one subcommand of kamgraph notes.
type noteSubcommand struct {
	name    string
	summary string
	run     func(c *cli, ctx context.Context, args []string) int
}

// noteSubcommands lists the subcommands of kamgraph notes in the order
// its help shows them.
var noteSubcommands = []noteSubcommand{
	{"add", "create a note on an account, a person or a relationship", (*cli).notesAdd},
	{"edit", "add a version to a note", (*cli).notesEdit},
	{"list", "list notes, by account or target", (*cli).notesList},
	{"show", "print one note with its history", (*cli).notesShow},
	{"delete", "mark a note deleted", (*cli).notesDelete},
	{"search", "search the text of live notes", (*cli).notesSearch},
}

// openNoteStore opens the Neo4j store that the notes subcommands use and
// returns it with the function that closes it. Tests replace it.
var openNoteStore = func(ctx context.Context, n neo4jFlags, logger *slog.Logger) (graph.NoteStore, func(), error) {
	return openStoreAs[graph.NoteStore](ctx, n, logger, "notes")
}

func (c *cli) notes(ctx context.Context, args []string) int {
	if len(args) == 0 {
		c.printNotesUsage(c.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		c.printNotesUsage(c.stdout)
		return exitOK
	}
	for _, sub := range noteSubcommands {
		if sub.name == args[0] {
			return sub.run(c, ctx, args[1:])
		}
	}
	fmt.Fprintf(c.stderr, "kamgraph notes: unknown subcommand %q\nRun 'kamgraph notes -h' for the list of subcommands.\n", args[0])
	return exitUsage
}

func (c *cli) printNotesUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: kamgraph notes SUBCOMMAND [flags] [arguments]

Keeps dated, authored notes on accounts, people and relationships in
Neo4j: what the company knows about an account beyond the graph. Edits
keep every version, and delete only marks a note deleted. Every
subcommand needs a Neo4j URI (--neo4j-uri or NEO4J_URI), because the
in-memory store would lose the notes when the command exits.

Subcommands:
`)
	for _, sub := range noteSubcommands {
		fmt.Fprintf(w, "  %-7s %s\n", sub.name, sub.summary)
	}
	fmt.Fprint(w, `
Run "kamgraph notes SUBCOMMAND -h" for the flags of a subcommand.
`)
}

// noteFlags are the flags that every notes subcommand has.
type noteFlags = neo4jCommandFlags

func newNoteFlags(fs *flag.FlagSet) *noteFlags {
	return newNeo4jCommandFlags(fs, "missing Neo4j URI: notes are kept in Neo4j, so set --neo4j-uri or NEO4J_URI "+
		"(an in-memory store would lose them when the command exits)")
}

// runNotes opens the note store, calls fn with it and reports the error
// of either as the failure of the subcommand name.
func (c *cli) runNotes(ctx context.Context, name string, f *noteFlags, fn func(context.Context, graph.NoteStore) error) int {
	return runWithStore(ctx, c, name, f, openNoteStore, fn)
}

// targetFlags name the target of a note.
type targetFlags struct {
	kind, id, otherID string
}

func (t *targetFlags) register(fs *flag.FlagSet, use string) {
	fs.StringVar(&t.kind, "target-kind", "", "`kind` of target "+use+": account, person or relationship")
	fs.StringVar(&t.id, "target-id", "", "account or person `id` "+use+", or the first person of a relationship")
	fs.StringVar(&t.otherID, "other-id", "", "second person `id` of a relationship target, in either order")
}

func (t targetFlags) target() graph.NoteTarget {
	return graph.NoteTarget{Kind: graph.TargetKind(t.kind), ID: t.id, OtherID: t.otherID}
}

// noteText returns the text of --text, or standard input when it is "-",
// without the line ending that a pipe or a here-document adds.
func (c *cli) noteText(text string) (string, error) {
	if text != "-" {
		return text, nil
	}
	content, err := io.ReadAll(c.stdin)
	if err != nil {
		return "", fmt.Errorf("read the note text from standard input: %w", err)
	}
	return strings.TrimRight(string(content), "\r\n"), nil
}

func (c *cli) notesAdd(ctx context.Context, args []string) int {
	const name = "notes add"
	fs := newFlagSet(name, "kamgraph notes add --target-kind KIND --target-id ID [--other-id ID] --author NAME --text TEXT [flags]",
		`Creates a note on an account, a person or a relationship, which must
exist, and prints it. The text may hold up to 10,000 bytes; --text -
reads it from standard input.`)
	f := newNoteFlags(fs)
	var target targetFlags
	target.register(fs, "the note is about (required)")
	author := fs.String("author", "", "`name` of who writes the note (required)")
	kind := newChoice("context", "context", "risk", "opportunity")
	fs.Var(kind, "kind", "`kind` of note: context, risk or opportunity")
	text := fs.String("text", "", "the note's `text`, or - to read it from standard input (required)")

	positional, err := f.parse(c, fs, args)
	if err == nil {
		err = checkFlagsOnly(positional, target.kind != "" && target.id != "" && *author != "" && *text != "",
			"give --target-kind, --target-id, --author and --text")
	}
	if err != nil {
		return c.fail(name, err)
	}
	return c.runNotes(ctx, name, f, func(ctx context.Context, store graph.NoteStore) error {
		body, err := c.noteText(*text)
		if err != nil {
			return err
		}
		note, err := store.CreateNote(ctx, graph.NewNote{Target: target.target(), Author: *author,
			Kind: graph.NoteKind(kind.value), Text: body})
		if err != nil {
			return err
		}
		return writeNote(c.stdout, f.format.value, note)
	})
}

func (c *cli) notesEdit(ctx context.Context, args []string) int {
	const name = "notes edit"
	fs := newFlagSet(name, "kamgraph notes edit ID --base-version N --author NAME --text TEXT [flags]",
		`Adds a version to the note ID, which becomes its current content, and
prints the note with its history. --base-version must be the note's
current version, so that an edit made from an older version fails
instead of overwriting a newer one; run "kamgraph notes show ID" for the
current version. --text - reads the text from standard input.`)
	f := newNoteFlags(fs)
	base := fs.Int("base-version", 0, "the `version` the edit starts from, the note's current version (required)")
	author := fs.String("author", "", "`name` of who edits the note (required)")
	kind := newChoice("", "context", "risk", "opportunity")
	fs.Var(kind, "kind", "new `kind` of the note: context, risk or opportunity; empty keeps the kind")
	text := fs.String("text", "", "the new `text`, or - to read it from standard input (required)")

	positional, err := f.parse(c, fs, args)
	if err == nil {
		err = checkOneID(positional)
	}
	if err == nil && (*base == 0 || *author == "" || *text == "") {
		err = usagef("give --base-version, --author and --text")
	}
	if err != nil {
		return c.fail(name, err)
	}
	return c.runNotes(ctx, name, f, func(ctx context.Context, store graph.NoteStore) error {
		body, err := c.noteText(*text)
		if err != nil {
			return err
		}
		note, err := store.UpdateNote(ctx, positional[0], graph.NoteEdit{BaseVersion: *base, Author: *author,
			Kind: graph.NoteKind(kind.value), Text: body})
		if err != nil {
			return err
		}
		return writeNote(c.stdout, f.format.value, note)
	})
}

func (c *cli) notesList(ctx context.Context, args []string) int {
	const name = "notes list"
	fs := newFlagSet(name, "kamgraph notes list [--account ID] [--target-kind KIND [--target-id ID [--other-id ID]]] [flags]",
		`Lists notes, oldest first, without their history. --account lists the
notes on the account, on its customer people and on their relationships.
--target-kind with --target-id lists the notes on one target, and alone
keeps the notes on targets of that kind. Every flag given applies, and
without any the command lists every live note.`)
	f := newNoteFlags(fs)
	account := fs.String("account", "", "account `id` whose notes to list")
	var target targetFlags
	target.register(fs, "to list the notes of")
	kind := newChoice("", "context", "risk", "opportunity")
	fs.Var(kind, "kind", "list only notes of this `kind`: context, risk or opportunity")
	includeDeleted := fs.Bool("include-deleted", false, "also list deleted notes")

	positional, err := f.parse(c, fs, args)
	if err == nil {
		err = checkFlagsOnly(positional, true, "")
	}
	filter := graph.NoteFilter{AccountID: *account, Kind: graph.NoteKind(kind.value), IncludeDeleted: *includeDeleted}
	switch {
	case err != nil:
	case target.id != "" && target.kind == "":
		err = usagef("--target-id needs --target-kind: say whether %q is an account, a person or a relationship", target.id)
	case target.id != "":
		t := target.target()
		filter.Target = &t
	case target.otherID != "":
		err = usagef("--other-id needs --target-id: name a relationship with both")
	default:
		filter.TargetKind = graph.TargetKind(target.kind)
	}
	if err != nil {
		return c.fail(name, err)
	}
	return c.runNotes(ctx, name, f, func(ctx context.Context, store graph.NoteStore) error {
		notes, err := store.Notes(ctx, filter)
		if err != nil {
			return err
		}
		return writeNoteList(c.stdout, f.format.value, notes, "No notes match.")
	})
}

func (c *cli) notesShow(ctx context.Context, args []string) int {
	const name = "notes show"
	fs := newFlagSet(name, "kamgraph notes show ID [flags]",
		`Prints the note ID, deleted or not, with every version of its content.`)
	f := newNoteFlags(fs)

	positional, err := f.parse(c, fs, args)
	if err == nil {
		err = checkOneID(positional)
	}
	if err != nil {
		return c.fail(name, err)
	}
	return c.runNotes(ctx, name, f, func(ctx context.Context, store graph.NoteStore) error {
		note, err := store.Note(ctx, positional[0])
		if err != nil {
			return err
		}
		return writeNote(c.stdout, f.format.value, note)
	})
}

func (c *cli) notesDelete(ctx context.Context, args []string) int {
	const name = "notes delete"
	fs := newFlagSet(name, "kamgraph notes delete ID --author NAME [flags]",
		`Marks the note ID deleted and prints it. Lists and searches leave it out
from then on, unless asked, and it can no longer be edited. Its versions
stay stored. Deleting a deleted note changes nothing.`)
	f := newNoteFlags(fs)
	author := fs.String("author", "", "`name` of who deletes the note (required)")

	positional, err := f.parse(c, fs, args)
	if err == nil {
		err = checkOneID(positional)
	}
	if err == nil && *author == "" {
		err = usagef("missing --author: name who deletes the note")
	}
	if err != nil {
		return c.fail(name, err)
	}
	return c.runNotes(ctx, name, f, func(ctx context.Context, store graph.NoteStore) error {
		note, err := store.DeleteNote(ctx, positional[0], *author)
		if err != nil {
			return err
		}
		return writeNote(c.stdout, f.format.value, note)
	})
}

func (c *cli) notesSearch(ctx context.Context, args []string) int {
	const name = "notes search"
	fs := newFlagSet(name, "kamgraph notes search [flags] WORD...",
		`Searches the current text of live notes for any of the words, ignoring
case, and prints the notes found, best match first. Every character is
text: quotes, *, : and words such as AND have no special meaning.`)
	f := newNoteFlags(fs)
	limit := fs.Int("limit", httpapi.DefaultNoteSearchLimit,
		fmt.Sprintf("maximum `number` of notes printed, 1 to %d", httpapi.MaxNoteSearchLimit))

	positional, err := f.parse(c, fs, args)
	if err == nil && len(positional) == 0 {
		err = usagef("missing search words: give at least one")
	}
	if err == nil && (*limit < 1 || *limit > httpapi.MaxNoteSearchLimit) {
		err = usagef("invalid --limit %d: use a whole number from 1 to %d", *limit, httpapi.MaxNoteSearchLimit)
	}
	if err != nil {
		return c.fail(name, err)
	}
	return c.runNotes(ctx, name, f, func(ctx context.Context, store graph.NoteStore) error {
		notes, err := store.SearchNotes(ctx, strings.Join(positional, " "), *limit)
		if err != nil {
			return err
		}
		return writeNoteList(c.stdout, f.format.value, notes, "No live note contains these words.")
	})
}

// checkFlagsOnly returns a usage error for positional arguments, or with
// missing when complete is false.
func checkFlagsOnly(positional []string, complete bool, missing string) error {
	if len(positional) > 0 {
		return usagef("unexpected argument %q: this subcommand takes only flags", positional[0])
	}
	if !complete {
		return usagef("%s", missing)
	}
	return nil
}

// checkOneID returns a usage error unless positional is one note id.
func checkOneID(positional []string) error {
	if len(positional) != 1 {
		return usagef("expected one note id, got %d arguments", len(positional))
	}
	return nil
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/hubspot"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
	"github.com/kamgraph/kamgraph/graph/ingest/load"
	"github.com/kamgraph/kamgraph/graph/ingest/mapping"
	"github.com/kamgraph/kamgraph/graph/ingest/salesforce"
)

// openImportStore opens the store that kamgraph import writes to. Tests
// replace it to keep one in-memory store across several imports.
var openImportStore = openStore

// importFlags are the settings of kamgraph import.
type importFlags struct {
	format      *choiceValue // of the input
	mapping     string
	asOf        string
	halfLife    float64 // days
	keepGoing   bool
	errorReport string
	dryRun      bool
	output      *choiceValue
	neo4j       neo4jFlags
	maxRows     int // --max-import-rows
}

const importDescription = `Reads DIR in the given format, validates it and imports it into Neo4j:
whole or not at all, unless --keep-going is set.

Formats:
  kamgraph      accounts.csv, people.csv and relationships.csv (the default)
  salesforce    a Salesforce export: Account.csv, Contact.csv, User.csv, ...
  hubspot       HubSpot companies, contacts and users exports (.csv)
  interactions  e-mail, meeting and call logs (.csv, .jsonl, .ndjson, .json);
                DIR may also be a single log file

Records are upserted by id, so importing the same input again changes
nothing. People and accounts of a CRM export that are already stored under
another id are matched by email (people) or name (accounts), and the
output lists the matches. Interactions are stored as the history of each
relationship, matched with the stored people by id or email, and the
strength of every pair is then recomputed from all stored interactions,
measured at --as-of. Without a Neo4j URI, or with --dry-run, nothing is
written: the command checks the input and prints what an import would do.

Problems are printed one a line as FILE:LINE: column COLUMN: MESSAGE. The
progress shows as a bar when standard error is a terminal and as log lines
every 5 s or 100,000 rows otherwise.`

func (c *cli) importFolder(ctx context.Context, args []string) int {
	fs := newFlagSet("import", "kamgraph import [--format FORMAT] [flags] DIR", importDescription)
	f := &importFlags{
		format: newChoice(load.FormatKamgraph, load.Formats...),
		output: newChoice("text", "text", "json"),
	}
	env := envFallbacks{}
	f.register(fs, env)
	env.annotate(fs)

	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return c.fail("import", explainOutputFormat(err))
	}
	if len(positional) != 1 {
		return c.fail("import", usagef("expected one folder argument, got %d", len(positional)))
	}
	if err := env.apply(fs, c.lookupEnv); err != nil {
		return c.fail("import", err)
	}
	asOf, err := f.validate()
	if err != nil {
		return c.fail("import", err)
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, target, err := c.runImport(ctx, positional[0], f, asOf)
	if err != nil {
		return c.fail("import", err)
	}
	if f.output.value == "json" {
		err = writeImportJSON(c.stdout, rep)
	} else {
		err = printImportReport(c.stdout, rep, target)
	}
	if err != nil {
		return c.fail("import", err)
	}
	return exitOK
}

// explainOutputFormat adds a hint to the error of --format text or
// --format json, which chose the output format before --format named the
// input format.
func explainOutputFormat(err error) error {
	for _, value := range []string{"text", "json"} {
		if strings.Contains(err.Error(), fmt.Sprintf("invalid value %q for flag -format", value)) {
			return usagef("%v; --format names the input format, choose the output with --output %s", err, value)
		}
	}
	return err
}

func (f *importFlags) register(fs *flag.FlagSet, env envFallbacks) {
	fs.Var(f.format, "format", "input `format`: "+strings.Join(load.Formats, ", "))
	fs.StringVar(&f.mapping, "mapping", "", "JSON mapping `file` that overrides the default columns and values of a salesforce or hubspot export; see graph/ingest/MAPPING.md")
	fs.StringVar(&f.asOf, "as-of", "", "`time` at which interaction strengths are measured, YYYY-MM-DD (midnight UTC) or an RFC 3339 timestamp; required for interactions")
	fs.Float64Var(&f.halfLife, "half-life", interactions.DefaultHalfLife.Hours()/24, "`days` after which an interaction counts half")
	fs.BoolVar(&f.keepGoing, "keep-going", false, "import the valid rows and report the others, instead of rejecting the whole import; a row is never imported in part")
	fs.StringVar(&f.errorReport, "error-report", "", "write every problem to this `file`: JSON lines when it ends in .jsonl, .ndjson or .json, CSV otherwise")
	fs.BoolVar(&f.dryRun, "dry-run", false, "validate and count against the stored data, but write nothing")
	fs.Var(f.output, "output", "output `format` of the summary: text or json")
	registerMaxImportRows(fs, env, &f.maxRows,
		"a larger import fails before anything is written, and a dry run, with --dry-run or without a Neo4j URI, fails the same way")
	f.neo4j.register(fs, env)
}

// validate checks the combination of flags and returns the parsed
// --as-of time.
func (f *importFlags) validate() (time.Time, error) {
	format := f.format.value
	if f.mapping != "" && format != load.FormatSalesforce && format != load.FormatHubSpot {
		return time.Time{}, usagef("--mapping applies to the salesforce and hubspot formats, not to %s", format)
	}
	if _, err := load.HalfLifeDays(f.halfLife); err != nil {
		return time.Time{}, usagef("invalid --half-life: %v", err)
	}
	var asOf time.Time
	if f.asOf != "" {
		t, err := ingest.ParseTime(f.asOf)
		if err != nil {
			return time.Time{}, usagef("invalid --as-of: %v", err)
		}
		asOf = t
	}
	if format == load.FormatInteractions && asOf.IsZero() {
		return time.Time{}, usagef("missing --as-of: interactions need the time at which strengths are measured, such as --as-of 2026-06-30")
	}
	if format != load.FormatInteractions && f.asOf != "" {
		return time.Time{}, usagef("--as-of applies to the interactions format, not to %s", format)
	}
	if err := validateMaxImportRows(f.maxRows); err != nil {
		return time.Time{}, err
	}
	return asOf, f.neo4j.validate()
}

// runImport reads path in the chosen format and imports it, as a dry run
// unless a Neo4j URI is set and --dry-run is not. It returns the report
// and a description of the store for the summary.
func (c *cli) runImport(ctx context.Context, path string, f *importFlags, asOf time.Time) (rep *load.Report, target string, err error) {
	input, err := openImportInput(path, f.format.value)
	if err != nil {
		return nil, "", err
	}
	defer input.close()

	opts := load.Options{Format: f.format.value, DryRun: f.dryRun || f.neo4j.uri == ""}
	opts.KeepGoing = f.keepGoing
	// A dry run applies the row limit too, so that it reports every error
	// that the import would return, as the API's dry_run does.
	if err := checkImportRows(path, f.format.value, f.maxRows); err != nil {
		return nil, "", err
	}
	if f.errorReport != "" {
		report, err := createErrorReport(f.errorReport, input.dir)
		if err != nil {
			return nil, "", err
		}
		defer func() {
			if closeErr := report.close(); err == nil && closeErr != nil {
				rep, err = nil, closeErr
			}
		}()
		opts.OnProblem = report.add
	}
	logger := newLogger(c.stderr, "text", "warn")
	store, target, err := openImportStore(ctx, f.neo4j, logger)
	if err != nil {
		return nil, "", err
	}
	defer closeStore(store, logger)
	if f.neo4j.uri == "" {
		target = "no Neo4j URI given"
	}

	prog := newProgress(c.stderr, input.size)
	defer prog.finish()
	opts.Progress = prog.update
	opts.Phase = func(d string) { prog.step("import step", "step", d) }

	rep, err = c.importInput(ctx, store, input, f, asOf, opts)
	prog.finish()
	if err != nil {
		var importErr *graph.ImportError
		rejected := errors.As(err, &importErr)
		err = reportProblems(input.dir, err, c.stderr)
		if rejected && f.errorReport != "" {
			err = fmt.Errorf("%w; every problem is in %s", err, f.errorReport)
		}
		return nil, "", err
	}
	c.printRejected(rep, input.dir, f.errorReport)
	return rep, target, nil
}

// importInput reads the input with the reader of its format and imports
// it into store.
func (c *cli) importInput(ctx context.Context, store graph.Store, input *importInput, f *importFlags,
	asOf time.Time, opts load.Options) (*load.Report, error) {
	var res *ingest.Result
	var err error
	switch f.format.value {
	case load.FormatInteractions:
		halfLife, _ := load.HalfLifeDays(f.halfLife) // checked by validate
		return load.Interactions(ctx, store, input.files, load.InteractionOptions{Options: opts, AsOf: asOf, HalfLife: halfLife})
	case load.FormatKamgraph:
		res, err = load.ReadKamgraph(input.files, opts.Options)
	case load.FormatSalesforce, load.FormatHubSpot:
		var m *mapping.Mapping
		if f.mapping != "" {
			if m, err = mapping.Load(f.mapping); err != nil {
				return nil, err
			}
		}
		if f.format.value == load.FormatSalesforce {
			res, err = salesforce.ReadDir(input.dir, m, opts.Options)
		} else {
			res, err = hubspot.ReadDir(input.dir, m, opts.Options)
		}
	}
	if err != nil {
		return nil, err
	}
	return load.Dataset(ctx, store, res, opts)
}

// printRejected prints the problems of the rows and records that
// --keep-going left out.
func (c *cli) printRejected(rep *load.Report, dir, errorReport string) {
	rejected := rep.Rows.RowsRejected + rep.RecordsRejected
	if rejected == 0 {
		return
	}
	for _, p := range rep.Problems {
		if p.File != "" && dir != "" {
			p.File = filepath.Join(dir, p.File)
		}
		fmt.Fprintln(c.stderr, p.String())
	}
	where := "rerun with --error-report FILE to list every problem"
	if errorReport != "" {
		where = "every problem is in " + errorReport
	}
	if !rep.ProblemsTruncated {
		where = "the problems are listed above"
	}
	fmt.Fprintf(c.stderr, "kamgraph import: left out %s and %s with problems; %s\n",
		countOf(rep.Rows.RowsRejected, "row", "rows"), countOf(rep.RecordsRejected, "record", "records"), where)
}

// importInput is the input of an import: the folder, the files the format
// reads and their total size.
type importInput struct {
	dir     string
	files   map[string]io.Reader // by name inside dir; nil for the CRM formats, whose readers open the folder
	size    int64
	closers []io.Closer
}

func (in *importInput) close() {
	for _, c := range in.closers {
		c.Close()
	}
}

// openImportInput finds the files that format reads at path. The
// interactions format also takes a single file; the others take a
// folder.
func openImportInput(path, format string) (*importInput, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "cannot read import folder %q: %v", path, err)
	}
	in := &importInput{dir: path}
	if !info.IsDir() {
		if format != load.FormatInteractions {
			return nil, graph.Errorf(graph.KindInvalid, "import path %q is not a folder: pass the folder that contains the %s files", path, format)
		}
		in.dir = filepath.Dir(path)
		return in, in.open(filepath.Base(path), info.Size())
	}

	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "cannot read import folder %q: %v", path, err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() || !readsFile(format, e.Name()) {
			continue
		}
		in.size += info.Size()
		if format == load.FormatKamgraph || format == load.FormatInteractions {
			if err := in.open(e.Name(), 0); err != nil {
				in.close()
				return nil, err
			}
		}
	}
	if format == load.FormatKamgraph && len(in.files) == 0 {
		return nil, graph.Errorf(graph.KindInvalid, "folder %q contains none of accounts.csv, people.csv, relationships.csv", path)
	}
	if format == load.FormatInteractions && len(in.files) == 0 {
		return nil, graph.Errorf(graph.KindInvalid, "folder %q contains no interaction log: expected .csv, .jsonl, .ndjson or .json files", path)
	}
	return in, nil
}

// open opens the file name inside the input's folder and adds size to
// the total.
func (in *importInput) open(name string, size int64) error {
	f, err := os.Open(filepath.Join(in.dir, name))
	if err != nil {
		return graph.Errorf(graph.KindInvalid, "cannot open %s: %v", filepath.Join(in.dir, name), err)
	}
	if in.files == nil {
		in.files = map[string]io.Reader{}
	}
	in.files[name] = f
	in.closers = append(in.closers, f)
	in.size += size
	return nil
}

// readsFile reports whether the reader of format reads the file name, for
// the total size that the progress measures against.
func readsFile(format, name string) bool {
	switch format {
	case load.FormatKamgraph:
		return name == graph.AccountsFile || name == graph.PeopleFile || name == graph.RelationshipsFile
	case load.FormatSalesforce:
		for _, object := range salesforce.Objects {
			if strings.EqualFold(name, object+".csv") {
				return true
			}
		}
		return false
	case load.FormatHubSpot:
		return strings.EqualFold(filepath.Ext(name), ".csv")
	}
	return load.IsLogFile(name)
}

// halfLifeText formats a half-life in days for messages.
func halfLifeText(days float64) string {
	return strconv.FormatFloat(days, 'f', -1, 64) + " days"
}

package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest/load"
	"github.com/kamgraph/kamgraph/graph/memstore"
)

func TestImportCheckOnly(t *testing.T) {
	r := runKamgraph(t, "import", "testdata/valid")
	r.wantCode(t, exitOK)

	rows := map[string]*regexp.Regexp{
		"accounts":      regexp.MustCompile(`(?m)^accounts\s+2\s+0\s+0$`),
		"people":        regexp.MustCompile(`(?m)^people\s+9\s+0\s+0$`),
		"relationships": regexp.MustCompile(`(?m)^relationships\s+8\s+0\s+0$`),
	}
	for name, row := range rows {
		if !row.MatchString(r.stdout) {
			t.Errorf("summary lacks the %s row %s:\n%s", name, row, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "nothing was written") {
		t.Errorf("summary does not say that nothing was written:\n%s", r.stdout)
	}
}

func TestImportFlagsAfterFolder(t *testing.T) {
	r := runKamgraph(t, "import", "testdata/valid", "--dry-run", "--output", "json")
	r.wantCode(t, exitOK)
	var summary graph.ImportSummary
	if err := json.Unmarshal([]byte(r.stdout), &summary); err != nil {
		t.Fatalf("output is not an import summary: %v\n%s", err, r.stdout)
	}
	want := graph.ImportSummary{
		DryRun:        true,
		Accounts:      graph.Counts{Created: 2},
		People:        graph.Counts{Created: 9},
		Relationships: graph.Counts{Created: 8},
	}
	if summary != want {
		t.Errorf("summary %+v, want %+v", summary, want)
	}
}

func TestImportInvalidFolder(t *testing.T) {
	r := runKamgraph(t, "import", "testdata/invalid")
	r.wantCode(t, exitFailure)

	dir := filepath.Join("testdata", "invalid")
	for _, want := range []string{
		filepath.Join(dir, "accounts.csv") + ":2: column tier: ",
		filepath.Join(dir, "accounts.csv") + ":2: column renewal_date: ",
		filepath.Join(dir, "people.csv") + ":3: column seniority: ",
		filepath.Join(dir, "relationships.csv") + ":2: column strength: ",
		"import rejected with ",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("stdout %q, want nothing on failure", r.stdout)
	}
}

func TestImportUnknownReferences(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "relationships.csv"), "person_a,person_b,strength\nx,y,0.5\n")
	r := runKamgraph(t, "import", dir)
	r.wantCode(t, exitFailure)
	want := filepath.Join(dir, "relationships.csv") + `:2: column person_a: unknown person "x"`
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
}

func TestImportMissingFolder(t *testing.T) {
	r := runKamgraph(t, "import", "testdata/missing")
	r.wantCode(t, exitFailure)
	if !strings.Contains(r.stderr, "testdata/missing") {
		t.Errorf("stderr does not name the folder:\n%s", r.stderr)
	}
}

func TestImportNeo4jUnreachable(t *testing.T) {
	// Port 1 on loopback has no Bolt server, so the connection is refused.
	r := runKamgraph(t, "import", "--neo4j-uri", "bolt://127.0.0.1:1", "testdata/valid")
	r.wantCode(t, exitFailure)
	if !strings.Contains(r.stderr, "127.0.0.1:1") {
		t.Errorf("stderr does not name the server:\n%s", r.stderr)
	}
}

func TestImportPasswordFileMissing(t *testing.T) {
	r := runKamgraph(t, "import", "--neo4j-uri", "bolt://127.0.0.1:1", "--neo4j-user", "neo4j",
		"--neo4j-password-file", filepath.Join(t.TempDir(), "missing"), "testdata/valid")
	r.wantCode(t, exitFailure)
	if !strings.Contains(r.stderr, "read Neo4j password file") {
		t.Errorf("stderr lacks the password file error:\n%s", r.stderr)
	}
}

// ingestData is the folder of the CRM exports and their equivalent native
// folders.
var ingestData = filepath.Join("..", "..", "graph", "ingest", "testdata")

// useImportStore makes kamgraph import write to store. The imports of a
// test then need a --neo4j-uri, which is never contacted, because without
// one kamgraph import only checks its input.
func useImportStore(t *testing.T, store graph.Store) {
	t.Helper()
	previous := openImportStore
	openImportStore = func(context.Context, neo4jFlags, *slog.Logger) (graph.Store, string, error) {
		return store, "the test store", nil
	}
	t.Cleanup(func() { openImportStore = previous })
}

const unusedURI = "bolt://127.0.0.1:1"

// importInto runs kamgraph import with args into store and fails t when
// it does not succeed.
func importInto(t *testing.T, store graph.Store, args ...string) result {
	t.Helper()
	useImportStore(t, store)
	r := runKamgraph(t, append([]string{"import", "--neo4j-uri", unusedURI}, args...)...)
	r.wantCode(t, exitOK)
	return r
}

// assertSameGraphs compares the stores record by record and the account
// graphs of every account.
func assertSameGraphs(t *testing.T, got, want graph.Store) {
	t.Helper()
	ctx := context.Background()
	gotData, err := got.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantData, err := want.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotData.Accounts, wantData.Accounts) {
		t.Errorf("accounts:\n got %+v\nwant %+v", gotData.Accounts, wantData.Accounts)
	}
	if !reflect.DeepEqual(gotData.People, wantData.People) {
		t.Errorf("people:\n got %+v\nwant %+v", gotData.People, wantData.People)
	}
	if !reflect.DeepEqual(gotData.Relationships, wantData.Relationships) {
		t.Errorf("relationships:\n got %+v\nwant %+v", gotData.Relationships, wantData.Relationships)
	}
	for _, a := range wantData.Accounts {
		gotGraph, err := got.AccountGraph(ctx, a.ID)
		if err != nil {
			t.Fatalf("AccountGraph(%s): %v", a.ID, err)
		}
		wantGraph, _ := want.AccountGraph(ctx, a.ID)
		if !reflect.DeepEqual(gotGraph, wantGraph) {
			t.Errorf("account graph %s:\n got %+v\nwant %+v", a.ID, gotGraph, wantGraph)
		}
	}
}

func TestImportCRMExportsEqualNativeFolders(t *testing.T) {
	cases := []struct {
		format, export, mapping, native string
	}{
		{"salesforce", "salesforce_export", "salesforce_mapping.json", "kamgraph_salesforce"},
		{"hubspot", "hubspot_export", "hubspot_mapping.json", "kamgraph_hubspot"},
	}
	for _, c := range cases {
		t.Run(c.format, func(t *testing.T) {
			fromExport := memstore.New()
			importInto(t, fromExport, "--format", c.format, "--mapping", filepath.Join(ingestData, c.mapping),
				filepath.Join(ingestData, c.export))
			native := memstore.New()
			importInto(t, native, filepath.Join(ingestData, c.native))
			assertSameGraphs(t, fromExport, native)
		})
	}
}

func TestImportMergesCRMSources(t *testing.T) {
	store := memstore.New()
	importInto(t, store, "--format", "salesforce", "--mapping", filepath.Join(ingestData, "salesforce_mapping.json"),
		filepath.Join(ingestData, "salesforce_export"))
	r := importInto(t, store, "--format", "hubspot", "--mapping", filepath.Join(ingestData, "hubspot_mapping.json"),
		"--output", "json", filepath.Join(ingestData, "hubspot_export"))

	var rep load.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("output is not an import report: %v\n%s", err, r.stdout)
	}
	if rep.Merge == nil {
		t.Fatalf("report has no merge: %s", r.stdout)
	}
	byEmail := 0
	for _, m := range rep.Merge.Matched {
		if m.By == "email" && strings.HasPrefix(m.IncomingID, "hs-") {
			byEmail++
		}
	}
	if byEmail != 8 || len(rep.Merge.Matched) != 8 {
		t.Errorf("matched = %+v, want the 8 HubSpot people matched by email", rep.Merge.Matched)
	}
	if len(rep.Merge.New) != 0 {
		t.Errorf("new = %v, want none", rep.Merge.New)
	}
	if len(rep.Merge.MatchedAccounts) != 2 {
		t.Errorf("matched accounts = %+v, want 2", rep.Merge.MatchedAccounts)
	}
	if len(rep.Merge.Conflicts) != 2 {
		t.Errorf("conflicts = %+v, want the renewal date and the function", rep.Merge.Conflicts)
	}
	if rep.People.Created != 0 || rep.Accounts.Created != 0 || rep.Relationships.Created != 0 {
		t.Errorf("counts %+v, want nothing created: every record matched a stored one", rep.ImportSummary)
	}

	salesforceOnly := memstore.New()
	importInto(t, salesforceOnly, filepath.Join(ingestData, "kamgraph_salesforce"))
	assertSameGraphs(t, store, salesforceOnly)
}

func TestImportCRMTextSummary(t *testing.T) {
	r := importInto(t, memstore.New(), "--format", "hubspot", "--mapping", filepath.Join(ingestData, "hubspot_mapping.json"),
		filepath.Join(ingestData, "hubspot_export"))
	for _, want := range []string{
		"Rows: ", "skipped 1: contacts: no associated company",
		"Merge with the stored data: 0 people matched",
		`Titles without a known function: "Account Director"`,
		"Imported into the test store.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
}

// badFolder writes a folder with two bad rows: a person with an invalid
// seniority, on whom a relationship depends, and a relationship with an
// unknown person.
func badFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "accounts.csv"), "account_id,name,owner_id\nacme,Acme,v1\n")
	writeFile(t, filepath.Join(dir, "people.csv"), "person_id,name,side,account_id,seniority\n"+
		"v1,Vic,vendor,,\n"+
		"c1,Cat,customer,acme,director\n"+
		"c2,Cid,customer,acme,chief\n")
	writeFile(t, filepath.Join(dir, "relationships.csv"), "person_a,person_b,strength\n"+
		"v1,c1,0.8\n"+
		"v1,c2,0.5\n"+
		"v1,ghost,0.5\n")
	return dir
}

func TestImportRejectsBadRowsByDefault(t *testing.T) {
	dir := badFolder(t)
	store := memstore.New()
	useImportStore(t, store)
	r := runKamgraph(t, "import", "--neo4j-uri", unusedURI, dir)
	r.wantCode(t, exitFailure)
	if want := filepath.Join(dir, "people.csv") + ":4: column seniority: "; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	ds, _ := store.Export(context.Background())
	if len(ds.People) != 0 {
		t.Errorf("rejected import stored %d people, want 0", len(ds.People))
	}
}

func TestImportKeepGoingReportsBadRows(t *testing.T) {
	dir := badFolder(t)
	reportPath := filepath.Join(t.TempDir(), "errors.csv")
	store := memstore.New()
	r := importInto(t, store, "--keep-going", "--error-report", reportPath, "--output", "json", dir)

	var rep load.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("output is not an import report: %v\n%s", err, r.stdout)
	}
	if rep.Rows.RowsRead != 7 || rep.Rows.RowsRejected != 1 || rep.RecordsRejected != 2 {
		t.Errorf("rows %+v and %d records rejected, want 7 read, 1 row and 2 records rejected", rep.Rows, rep.RecordsRejected)
	}
	want := graph.ImportSummary{
		Accounts:      graph.Counts{Created: 1},
		People:        graph.Counts{Created: 2},
		Relationships: graph.Counts{Created: 1},
	}
	if rep.ImportSummary != want {
		t.Errorf("counts %+v, want %+v", rep.ImportSummary, want)
	}

	rows := readCSV(t, reportPath)
	wantRows := [][]string{
		{"file", "line", "column", "value", "message"},
		{filepath.Join(dir, "people.csv"), "4", "seniority", "chief"},
		{filepath.Join(dir, "relationships.csv"), "3", "person_b", "c2"},
		{filepath.Join(dir, "relationships.csv"), "4", "person_b", "ghost"},
	}
	if len(rows) != len(wantRows) {
		t.Fatalf("error report has %d rows, want %d:\n%v", len(rows), len(wantRows), rows)
	}
	for i, want := range wantRows {
		if got := rows[i][:len(want)]; !reflect.DeepEqual(got, want) {
			t.Errorf("error report row %d = %q, want %q", i, got, want)
		}
	}
	if !strings.Contains(r.stderr, "left out 1 row and 2 records with problems") {
		t.Errorf("stderr does not sum up the rows left out:\n%s", r.stderr)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("error report %s is not CSV: %v", path, err)
	}
	return rows
}

func TestImportErrorReportJSONLines(t *testing.T) {
	dir := badFolder(t)
	reportPath := filepath.Join(t.TempDir(), "errors.jsonl")
	useImportStore(t, memstore.New())
	r := runKamgraph(t, "import", "--neo4j-uri", unusedURI, "--error-report", reportPath, dir)
	r.wantCode(t, exitFailure)
	if !strings.Contains(r.stderr, "every problem is in "+reportPath) {
		t.Errorf("stderr does not name the error report:\n%s", r.stderr)
	}

	content, err := os.ReadFile(reportPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(content)), "\n")
	if len(lines) != 1 {
		t.Fatalf("error report has %d lines, want the 1 problem that rejects the import:\n%s", len(lines), content)
	}
	var p graph.Problem
	if err := json.Unmarshal([]byte(lines[0]), &p); err != nil {
		t.Fatalf("line is not a problem: %v", err)
	}
	if p.File != filepath.Join(dir, "people.csv") || p.Line != 4 || p.Column != "seniority" || p.Value != "chief" {
		t.Errorf("problem %+v, want people.csv line 4, column seniority, value chief", p)
	}
}

func TestImportProgressLines(t *testing.T) {
	r := runKamgraph(t, "import", "testdata/valid")
	r.wantCode(t, exitOK)
	for _, file := range []string{"accounts.csv", "people.csv", "relationships.csv"} {
		if !strings.Contains(r.stderr, `msg="import file read" file=`+file) {
			t.Errorf("stderr has no progress line for %s:\n%s", file, r.stderr)
		}
	}
	if !strings.Contains(r.stderr, "percent=100") {
		t.Errorf("stderr does not reach 100 percent:\n%s", r.stderr)
	}
}

func TestImportUsageErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"OutputFormatHint", []string{"--format", "json", "testdata/valid"}, "--output json"},
		{"InteractionsNeedAsOf", []string{"--format", "interactions", "testdata/interactions/log.csv"}, "missing --as-of"},
		{"AsOfOnlyForInteractions", []string{"--as-of", "2026-06-30", "testdata/valid"}, "--as-of applies to the interactions format"},
		{"InvalidAsOf", []string{"--format", "interactions", "--as-of", "30/06/2026", "testdata/interactions/log.csv"}, "ambiguous date"},
		{"MappingOnlyForCRM", []string{"--mapping", "m.json", "testdata/valid"}, "--mapping applies to the salesforce and hubspot formats"},
		{"InvalidHalfLife", []string{"--format", "interactions", "--as-of", "2026-06-30", "--half-life", "0", "testdata/interactions/log.csv"}, "invalid --half-life"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runKamgraph(t, append([]string{"import"}, c.args...)...)
			r.wantCode(t, exitUsage)
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, r.stderr)
			}
		})
	}
}

// interactionData holds a kamgraph folder of people and an interaction
// log about them; see testdata/interactions/log.csv.
var interactionData = filepath.Join("testdata", "interactions")

func TestImportInteractionsStrengths(t *testing.T) {
	store := memstore.New()
	importInto(t, store, filepath.Join(interactionData, "people"))
	r := importInto(t, store, "--format", "interactions", "--as-of", "2026-06-30T00:00:00Z",
		filepath.Join(interactionData, "log.csv"))
	for _, want := range []string{
		"Interactions: 7 added, 0 already stored or repeated; 1 participant matched no stored person.",
		"Strengths as of 2026-06-30T00:00:00Z, half-life 90 days: 6 interactions in 5 pairs, 0 too weak to count, 1 after as-of.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}

	// Strengths from the formula s = 1 - exp(-x), rounded to 4 decimals.
	want := map[graph.PairKey]graph.Relationship{
		// A meeting on as_of: x = 1. It replaces the crm relationship of
		// strength 0.1.
		graph.Pair("v-am", "c-it"): {Strength: 0.6321, Type: "meeting", LastInteraction: "2026-06-30"},
		// One e-mail each way (the second is inbound): x = 0.25 * 2 = 0.5.
		graph.Pair("v-se", "c-it"): {Strength: 0.3935, Type: "email", LastInteraction: "2026-06-30"},
		// A meeting 90 days, one half-life, before: x = 0.5.
		graph.Pair("v-am", "c-cfo"): {Strength: 0.3935, Type: "meeting", LastInteraction: "2026-04-01"},
		// A call on as_of: x = 0.5.
		graph.Pair("v-exec", "c-ceo"): {Strength: 0.3935, Type: "call", LastInteraction: "2026-06-30"},
		graph.Pair("c-it", "c-ops"):   {Strength: 0.6321, Type: "meeting", LastInteraction: "2026-06-30"},
	}
	ds, err := store.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Relationships) != len(want) {
		t.Errorf("stored %d relationships, want %d: %+v", len(ds.Relationships), len(want), ds.Relationships)
	}
	for _, got := range ds.Relationships {
		w, ok := want[graph.Pair(got.PersonA, got.PersonB)]
		w.PersonA, w.PersonB, w.Source = got.PersonA, got.PersonB, "interactions"
		if !ok || got != w {
			t.Errorf("relationship %+v, want %+v", got, w)
		}
	}

	again := importInto(t, store, "--format", "interactions", "--as-of", "2026-06-30T00:00:00Z",
		filepath.Join(interactionData, "log.csv"))
	if !strings.Contains(again.stdout, "Interactions: 0 added, 7 already stored or repeated") {
		t.Errorf("second import of the log stored interactions again:\n%s", again.stdout)
	}
}

func TestReportFromInteractions(t *testing.T) {
	people := filepath.Join(interactionData, "people")
	threads := func(args ...string) map[string]int {
		t.Helper()
		r := runKamgraph(t, append([]string{"report", "--data", people, "--account", "acme", "--format", "json"}, args...)...)
		r.wantCode(t, exitOK)
		var report struct {
			Threads map[string]int `json:"threads"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
			t.Fatalf("output is not a report: %v\n%s", err, r.stdout)
		}
		return report.Threads
	}

	// Without the log, the only relationship is too weak to qualify.
	if got := threads(); len(got) != 4 || got["c-it"] != 0 {
		t.Errorf("threads without interactions = %v, want 0 for each of the 4 customer people", got)
	}
	got := threads("--interactions", filepath.Join(interactionData, "log.csv"), "--as-of", "2026-06-30T00:00:00Z")
	want := map[string]int{"c-ceo": 1, "c-cfo": 1, "c-it": 2, "c-ops": 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("threads from interactions = %v, want %v", got, want)
	}
}

func TestReportInteractionsNeedAsOf(t *testing.T) {
	r := runKamgraph(t, "report", "--data", filepath.Join(interactionData, "people"), "--account", "acme",
		"--interactions", filepath.Join(interactionData, "log.csv"))
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, "missing --as-of") {
		t.Errorf("stderr lacks the missing --as-of:\n%s", r.stderr)
	}
}

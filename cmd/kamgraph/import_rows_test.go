package main

import (
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

func TestServeMaxImportRows(t *testing.T) {
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want int
	}{
		{"default", nil, nil, httpapi.DefaultMaxImportRows},
		{"flag", []string{"--max-import-rows", "1200"}, nil, 1200},
		{"flag 0 turns the limit off", []string{"--max-import-rows", "0"}, nil, 0},
		{"environment", nil, map[string]string{"KAMGRAPH_MAX_IMPORT_ROWS": "300000"}, 300000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := &cli{stdout: io.Discard, stderr: io.Discard, lookupEnv: func(name string) (string, bool) {
				v, ok := c.env[name]
				return v, ok
			}}
			cfg, err := cl.parseServe(c.args)
			if err != nil {
				t.Fatalf("parseServe: %v", err)
			}
			if got := cfg.limits.limits().MaxImportRows; got != c.want {
				t.Errorf("MaxImportRows = %d, want %d", got, c.want)
			}
		})
	}
}

func TestMaxImportRowsFlagErrors(t *testing.T) {
	cases := []struct {
		name    string
		command []string
		env     map[string]string
		want    string
	}{
		{"serve negative", []string{"serve", "--max-import-rows", "-1"}, nil, "invalid --max-import-rows -1: use a whole number of rows"},
		{"serve not a number", []string{"serve", "--max-import-rows", "50k"}, nil, `invalid value "50k" for flag -max-import-rows`},
		{"serve environment", []string{"serve"}, map[string]string{"KAMGRAPH_MAX_IMPORT_ROWS": "many"}, `invalid KAMGRAPH_MAX_IMPORT_ROWS "many"`},
		{"import negative", []string{"import", "--max-import-rows", "-5", "testdata/valid"}, nil, "invalid --max-import-rows -5"},
		{"import environment", []string{"import", "testdata/valid"}, map[string]string{"KAMGRAPH_MAX_IMPORT_ROWS": "-2"}, "invalid --max-import-rows -2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr syncBuffer
			code := runWithEnv(t, context.Background(), c.env, &stdout, &stderr, c.command...)
			if code != exitUsage {
				t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitUsage, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, stderr.String())
			}
		})
	}
}

// folderDataRows counts the data rows of the CSV files in dir with
// encoding/csv, independently of load.RowLimit.
func folderDataRows(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, e := range entries {
		content, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(strings.NewReader(string(content))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		rows += len(records) - 1
	}
	return rows
}

// lineWith returns the first line of text that contains substring, or "".
func lineWith(text, substring string) string {
	for line := range strings.SplitSeq(text, "\n") {
		if strings.Contains(line, substring) {
			return line
		}
	}
	return ""
}

func TestImportRowLimit(t *testing.T) {
	dir := filepath.Join("testdata", "valid")
	rows := folderDataRows(t, dir)
	over := strconv.Itoa(rows - 1)

	store := memstore.New()
	useImportStore(t, store)
	r := runKamgraph(t, "import", "--neo4j-uri", unusedURI, "--max-import-rows", over, dir)
	r.wantCode(t, exitFailure)
	for _, want := range []string{"the import files have more than " + over + " data rows", "stopped at row " + strconv.Itoa(rows),
		"--max-import-rows", "Neo4j's heap"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	ds, err := store.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Accounts)+len(ds.People)+len(ds.Relationships) != 0 {
		t.Errorf("the rejected import wrote %d accounts, %d people and %d relationships",
			len(ds.Accounts), len(ds.People), len(ds.Relationships))
	}

	// A dry run, with --dry-run or without a Neo4j URI, fails with the
	// same message.
	message := lineWith(r.stderr, "more than "+over+" data rows")
	if message == "" {
		t.Fatalf("stderr of the import has no row limit message:\n%s", r.stderr)
	}
	for _, args := range [][]string{
		{"import", "--neo4j-uri", unusedURI, "--max-import-rows", over, "--dry-run", dir},
		{"import", "--max-import-rows", over, dir},
	} {
		dry := runKamgraph(t, args...)
		dry.wantCode(t, exitFailure)
		if got := lineWith(dry.stderr, "more than "+over+" data rows"); got != message {
			t.Errorf("%s: message %q, want the import's %q", strings.Join(args, " "), got, message)
		}
	}

	importInto(t, store, "--max-import-rows", strconv.Itoa(rows), dir)
	ds, err = store.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.People) == 0 {
		t.Error("the import at the row limit stored no people")
	}
}

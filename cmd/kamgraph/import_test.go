package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
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
	r := runKamgraph(t, "import", "testdata/valid", "--dry-run", "--format", "json")
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

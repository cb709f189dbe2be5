package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/internal/shareddata"
)

// TestReportMatchesNetworkx runs "kamgraph report --format json" on the
// published organisational networks and compares every analytic with the
// networkx oracle in testdata/oracle. It reads the networks from
// KAMGRAPH_SHARED_DATA (default: shared/data beside the repository) and
// the Python interpreter from KAMGRAPH_PYTHON (default python3).
func TestReportMatchesNetworkx(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode, because it runs the Python oracle")
	}
	dataDir := shareddata.Dir(t, "lazega")
	python := networkxPython(t)

	cases := []struct {
		folder, account, threshold string
	}{
		{"lazega", "HARTFORD", "0.25"},
		{"lazega", "PROVIDENCE", "0.5"},
		{"enron", "ENA_POWER", "0.5"},
		{"enron", "ENERGY_OPERATIONS", "0.5"},
		{"enron", "ETS", "0.5"},
	}
	for _, tc := range cases {
		t.Run(tc.account+"@"+tc.threshold, func(t *testing.T) {
			dir := filepath.Join(dataDir, tc.folder)
			r := runKamgraph(t, "report", "--data", dir, "--account", tc.account,
				"--threshold", tc.threshold, "--format", "json")
			r.wantCode(t, exitOK)
			var got analytics.Report
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatalf("report output is not a report: %v", err)
			}
			want := oracleReport(t, python, dir, tc.account, tc.threshold)
			compareWithNetworkx(t, &got, want)
		})
	}
}

func networkxPython(t *testing.T) string {
	t.Helper()
	python := os.Getenv("KAMGRAPH_PYTHON")
	if python == "" {
		python = "python3"
	}
	if out, err := exec.Command(python, "-c", "import networkx").CombinedOutput(); err != nil {
		msg := "networkx oracle unavailable: " + python + " -c 'import networkx' failed: " +
			err.Error() + " " + string(bytes.TrimSpace(out)) + ": install networkx or set KAMGRAPH_PYTHON"
		if os.Getenv("KAMGRAPH_REQUIRE_ORACLE") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return python
}

func oracleReport(t *testing.T, python, dir, account, threshold string) *analytics.Report {
	t.Helper()
	script := filepath.Join("..", "..", "testdata", "oracle", "oracle.py")
	cmd := exec.Command(python, script, dir, "--account", account, "--threshold", threshold)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle failed: %v\n%s", err, stderr.String())
	}
	var decoded struct {
		Reports []analytics.Report `json:"reports"`
	}
	if err := json.Unmarshal(out, &decoded); err != nil {
		t.Fatalf("decode oracle output: %v", err)
	}
	if len(decoded.Reports) != 1 {
		t.Fatalf("oracle returned %d reports, want 1", len(decoded.Reports))
	}
	return &decoded.Reports[0]
}

func compareWithNetworkx(t *testing.T, got, want *analytics.Report) {
	t.Helper()
	if got.People != want.People || got.Relationships != want.Relationships {
		t.Errorf("people, relationships = %d, %d; networkx %d, %d",
			got.People, got.Relationships, want.People, want.Relationships)
	}
	if !reflect.DeepEqual(got.Unreached, want.Unreached) {
		t.Errorf("unreached = %v; networkx %v", got.Unreached, want.Unreached)
	}
	if !reflect.DeepEqual(got.SinglePointsOfFailure, want.SinglePointsOfFailure) {
		t.Errorf("single points of failure = %+v; networkx %+v", got.SinglePointsOfFailure, want.SinglePointsOfFailure)
	}
	if !reflect.DeepEqual(got.Bridges, want.Bridges) {
		t.Errorf("bridges = %+v; networkx %+v", got.Bridges, want.Bridges)
	}
	if !reflect.DeepEqual(got.Threads, want.Threads) {
		t.Errorf("threads = %v; networkx %v", got.Threads, want.Threads)
	}
	if !reflect.DeepEqual(got.BusFactor, want.BusFactor) {
		t.Errorf("bus factor = %v; networkx %v", got.BusFactor, want.BusFactor)
	}
	if !reflect.DeepEqual(got.Coverage, want.Coverage) {
		t.Errorf("coverage = %+v; networkx %+v", got.Coverage, want.Coverage)
	}
	if len(got.Betweenness) != len(want.Betweenness) {
		t.Errorf("betweenness has %d people; networkx %d", len(got.Betweenness), len(want.Betweenness))
	}
	for id, w := range want.Betweenness {
		g, ok := got.Betweenness[id]
		if !ok || math.Abs(g-w) > 1e-9 {
			t.Errorf("betweenness[%s] = %v; networkx %v", id, g, w)
		}
	}
	t.Logf("%s: %d people, %d single points of failure, %d bridges, bus factor %v: compared with networkx",
		got.AccountID, got.People, len(got.SinglePointsOfFailure), len(got.Bridges), formatBusFactor(got.BusFactor))
}

func formatBusFactor(b *int) any {
	if b == nil {
		return "none"
	}
	return *b
}

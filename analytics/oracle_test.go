package analytics_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/internal/shareddata"
)

// The networkx oracle, testdata/oracle/oracle.py, computes every report
// independently. It needs Python 3 with networkx:
//
//	KAMGRAPH_PYTHON          Python interpreter to run (default python3)
//	KAMGRAPH_REQUIRE_ORACLE  set to 1 to fail, not skip, when that
//	                         interpreter or networkx is missing
//	KAMGRAPH_SHARED_DATA     folder with the real import folders lazega and
//	                         enron (default ../shared/data beside the
//	                         repository root)
const (
	repositoryRoot = ".."
	oracleScript   = "../testdata/oracle/oracle.py"
)

// oracleOutput is what oracle.py prints.
type oracleOutput struct {
	Threshold float64            `json:"threshold"`
	Reports   []analytics.Report `json:"reports"`
}

// oraclePython returns the Python interpreter that runs the oracle. It
// skips the test when the interpreter or networkx is missing, unless the
// environment requires the oracle or required is set.
func oraclePython(t *testing.T, required bool) string {
	t.Helper()
	python := os.Getenv("KAMGRAPH_PYTHON")
	if python == "" {
		python = "python3"
	}
	out, err := exec.Command(python, "-c", "import networkx").CombinedOutput()
	if err == nil {
		return python
	}
	detail := err.Error()
	if text := bytes.TrimSpace(out); len(text) > 0 {
		detail += ": " + string(text)
	}
	msg := fmt.Sprintf("networkx oracle unavailable: %s -c 'import networkx' failed (%s): "+
		"install networkx or set KAMGRAPH_PYTHON to a Python that has it", python, detail)
	if required || os.Getenv("KAMGRAPH_REQUIRE_ORACLE") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// runOracle returns the oracle's reports on the import folder dir.
func runOracle(t *testing.T, python, dir string, threshold float64) (oracleOutput, []byte) {
	t.Helper()
	cmd := exec.Command(python, oracleScript, dir, "--threshold", formatCSVFloat(threshold))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	data, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle on %s at threshold %v failed: %v\n%s", dir, threshold, err, stderr.String())
	}
	var out oracleOutput
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("decode oracle output for %s: %v", dir, err)
	}
	return out, data
}

// requireSharedData returns the folder of the published networks, or
// skips the test with a message when it is absent.
func requireSharedData(t *testing.T) string {
	t.Helper()
	return shareddata.Dir(t, "lazega")
}

// TestOracleRealData compares Compute with the networkx oracle on every
// account of the real organisational networks, at two thresholds.
func TestOracleRealData(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode, because the real-data comparison runs the Python oracle on every account")
	}
	dataDir := requireSharedData(t)
	python := oraclePython(t, false)

	for _, name := range []string{"lazega", "enron"} {
		dir := filepath.Join(dataDir, name)
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("real data folder %s is missing: %v", dir, err)
			continue
		}
		ds := readDataset(t, dir)
		for _, threshold := range []float64{0.25, 0.5} {
			t.Run(fmt.Sprintf("%s at %v", name, threshold), func(t *testing.T) {
				want, _ := runOracle(t, python, dir, threshold)
				if len(want.Reports) == 0 {
					t.Fatalf("oracle returned no report for %s", dir)
				}
				for i := range want.Reports {
					compareWithOracle(t, ds, &want.Reports[i], threshold)
				}
			})
		}
	}
}

// compareWithOracle computes the report of want's account and compares it
// with want, the oracle's report.
func compareWithOracle(t *testing.T, ds *graph.Dataset, want *analytics.Report, threshold float64) {
	t.Helper()
	ag := accountGraphOf(ds, want.AccountID)
	opts := analytics.DefaultOptions()
	opts.Threshold = threshold
	got, err := analytics.Compute(context.Background(), ag, opts)
	if err != nil {
		t.Fatalf("Compute(%s): %v", want.AccountID, err)
	}
	compareReports(t, got, want)
	checkMinCuts(t, ag, threshold, got.KeyStakeholders)
	verdict := "all match networkx"
	if t.Failed() {
		verdict = "some differ from networkx, see the errors above"
	}
	t.Logf("%s: %d people, %d relationships, %d unreached, %d single points, %d bridges, "+
		"%d key stakeholders, bus factor %s: %s",
		got.AccountID, got.People, got.Relationships, len(got.Unreached), len(got.SinglePointsOfFailure),
		len(got.Bridges), len(got.KeyStakeholders), formatIntPointer(got.BusFactor), verdict)
}

// compareReports compares every field of got with want, the oracle's
// report. Floating-point values may differ by betweennessTolerance. MinCut
// is not compared, because a minimum cut is not unique: checkMinCuts
// checks it instead.
func compareReports(t *testing.T, got, want *analytics.Report) {
	t.Helper()
	prefix := got.AccountID + ": "

	if got.AccountID != want.AccountID {
		t.Errorf("%sAccountID = %q, want %q", prefix, got.AccountID, want.AccountID)
	}
	if got.Threshold != want.Threshold {
		t.Errorf("%sThreshold = %v, want %v", prefix, got.Threshold, want.Threshold)
	}
	if got.People != want.People || got.Relationships != want.Relationships {
		t.Errorf("%sPeople, Relationships = %d, %d, want %d, %d", prefix,
			got.People, got.Relationships, want.People, want.Relationships)
	}

	if !reflect.DeepEqual(got.Unreached, want.Unreached) {
		t.Errorf("%sUnreached = %v, want %v", prefix, got.Unreached, want.Unreached)
	}
	if !reflect.DeepEqual(got.SinglePointsOfFailure, want.SinglePointsOfFailure) {
		t.Errorf("%sSinglePointsOfFailure = %+v, want %+v", prefix, got.SinglePointsOfFailure, want.SinglePointsOfFailure)
	}
	if !reflect.DeepEqual(got.Bridges, want.Bridges) {
		t.Errorf("%sBridges = %+v, want %+v", prefix, got.Bridges, want.Bridges)
	}
	if !reflect.DeepEqual(got.Threads, want.Threads) {
		t.Errorf("%sThreads = %v, want %v", prefix, got.Threads, want.Threads)
	}

	compareStakeholders(t, prefix, got.KeyStakeholders, want.KeyStakeholders)
	if !reflect.DeepEqual(got.BusFactor, want.BusFactor) {
		t.Errorf("%sBusFactor = %s, want %s", prefix, formatIntPointer(got.BusFactor), formatIntPointer(want.BusFactor))
	}

	checkBetweenness(t, got.Betweenness, want.Betweenness)

	if !reflect.DeepEqual(got.Coverage, want.Coverage) {
		gotJSON, _ := json.MarshalIndent(got.Coverage, "", " ")
		wantJSON, _ := json.MarshalIndent(want.Coverage, "", " ")
		t.Errorf("%sCoverage =\n%s\nwant\n%s", prefix, gotJSON, wantJSON)
	}
	compareVendorBreadth(t, prefix, got.Vendor, want.Vendor)
}

func compareStakeholders(t *testing.T, prefix string, got, want []analytics.KeyStakeholder) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%sKeyStakeholders = %+v, want %+v", prefix, got, want)
		return
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.PersonID != w.PersonID || g.Role != w.Role || g.Seniority != w.Seniority || g.Threads != w.Threads {
			t.Errorf("%sKeyStakeholders[%d] = %s (%q, %q, %d threads), want %s (%q, %q, %d threads)", prefix, i,
				g.PersonID, g.Role, g.Seniority, g.Threads, w.PersonID, w.Role, w.Seniority, w.Threads)
		}
	}
}

func compareVendorBreadth(t *testing.T, prefix string, got, want analytics.VendorBreadth) {
	t.Helper()
	if got.People != want.People || got.FunctionCount != want.FunctionCount || got.TopPersonID != want.TopPersonID {
		t.Errorf("%sVendor People, FunctionCount, TopPersonID = %d, %d, %q, want %d, %d, %q", prefix,
			got.People, got.FunctionCount, got.TopPersonID, want.People, want.FunctionCount, want.TopPersonID)
	}
	if !reflect.DeepEqual(got.Functions, want.Functions) {
		t.Errorf("%sVendor Functions = %v, want %v", prefix, got.Functions, want.Functions)
	}
	checkClose(t, prefix+"Vendor TotalStrength", got.TotalStrength, want.TotalStrength)
	compareOptionalFloat(t, prefix+"Vendor Concentration", got.Concentration, want.Concentration)
	compareOptionalFloat(t, prefix+"Vendor Herfindahl", got.Herfindahl, want.Herfindahl)
	if len(got.Shares) != len(want.Shares) {
		t.Errorf("%sVendor Shares has %d entries, want %d", prefix, len(got.Shares), len(want.Shares))
		return
	}
	for i, w := range want.Shares {
		g := got.Shares[i]
		if g.PersonID != w.PersonID {
			t.Errorf("%sVendor Shares[%d] = %s, want %s", prefix, i, g.PersonID, w.PersonID)
		}
		checkClose(t, prefix+"Vendor strength of "+w.PersonID, g.Strength, w.Strength)
		checkClose(t, prefix+"Vendor share of "+w.PersonID, g.Share, w.Share)
	}
}

func compareOptionalFloat(t *testing.T, name string, got, want *float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s = %s, want %s", name, formatFloatPointer(got), formatFloatPointer(want))
	case math.Abs(*got-*want) > betweennessTolerance:
		t.Errorf("%s = %.12f, want %.12f", name, *got, *want)
	}
}

func formatFloatPointer(p *float64) string {
	if p == nil {
		return "nil"
	}
	return formatCSVFloat(*p)
}

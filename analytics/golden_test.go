package analytics_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// Golden files are the networkx oracle's reports on the import folders
// under testdata/graphs, stored as testdata/oracle/golden/<folder>.json.
// Regenerate them after changing the generator, the oracle or a folder:
//
//	go test ./analytics -run Golden -update
//
// The -update run rewrites the generated folders from goldenSpecs, then
// runs oracle.py (see oraclePython) on every folder. It fails when the
// oracle cannot run.
var update = flag.Bool("update", false,
	"rewrite testdata/graphs from goldenSpecs and testdata/oracle/golden with the networkx oracle")

const (
	graphsDir = "../testdata/graphs"
	goldenDir = "../testdata/oracle/golden"
)

// handMadeGraphs maps the hand-written folders under testdata/graphs to the
// threshold of their golden files.
var handMadeGraphs = map[string]float64{"hand-made": 0.25}

// goldenThresholds returns every golden folder with its threshold.
func goldenThresholds() map[string]float64 {
	thresholds := map[string]float64{}
	for _, spec := range goldenSpecs {
		thresholds[spec.name] = spec.threshold
	}
	for name, threshold := range handMadeGraphs {
		thresholds[name] = threshold
	}
	return thresholds
}

func TestGolden(t *testing.T) {
	if *update {
		regenerateGolden(t)
	}
	for name, threshold := range goldenThresholds() {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(goldenDir, name+".json"))
			if err != nil {
				t.Fatalf("read golden file: %v (regenerate with go test ./analytics -run Golden -update)", err)
			}
			var want oracleOutput
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatalf("decode golden file %s.json: %v", name, err)
			}
			if want.Threshold != threshold {
				t.Fatalf("golden file %s.json has threshold %v, want %v", name, want.Threshold, threshold)
			}
			if len(want.Reports) == 0 {
				t.Fatalf("golden file %s.json holds no report", name)
			}
			ds := readDataset(t, filepath.Join(graphsDir, name))
			if len(want.Reports) != len(ds.Accounts) {
				t.Errorf("golden file %s.json has %d reports for %d accounts", name, len(want.Reports), len(ds.Accounts))
			}
			for i := range want.Reports {
				compareWithOracle(t, ds, &want.Reports[i], threshold)
			}
		})
	}
}

func regenerateGolden(t *testing.T) {
	t.Helper()
	python := oraclePython(t, true)
	for _, spec := range goldenSpecs {
		dir := filepath.Join(graphsDir, spec.name)
		if err := os.RemoveAll(dir); err != nil {
			t.Fatalf("remove %s: %v", dir, err)
		}
		if err := writeDataset(dir, generateDataset(spec)); err != nil {
			t.Fatalf("write %s: %v", dir, err)
		}
	}
	if err := os.MkdirAll(goldenDir, 0o755); err != nil {
		t.Fatalf("create %s: %v", goldenDir, err)
	}
	for name, threshold := range goldenThresholds() {
		_, data := runOracle(t, python, filepath.Join(graphsDir, name), threshold)
		if err := os.WriteFile(filepath.Join(goldenDir, name+".json"), data, 0o644); err != nil {
			t.Fatalf("write golden file %s.json: %v", name, err)
		}
	}
}

package gen_test

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
	"github.com/kamgraph/kamgraph/graph/gen"
)

func generate(t *testing.T, cfg gen.Config) *graph.Dataset {
	t.Helper()
	ds, err := gen.Generate(cfg)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", cfg, err)
	}
	return ds
}

func preset(t *testing.T, size string) gen.Config {
	t.Helper()
	cfg, err := gen.Preset(size)
	if err != nil {
		t.Fatalf("Preset(%q): %v", size, err)
	}
	return cfg
}

// testConfigs returns the presets S and M, L unless in -short mode, and
// smaller accounts with other seeds and single point counts.
func testConfigs(t *testing.T) []gen.Config {
	configs := []gen.Config{preset(t, "S"), preset(t, "M")}
	if !testing.Short() {
		configs = append(configs, preset(t, "L"))
	}
	for seed := range uint64(4) {
		configs = append(configs,
			gen.Config{AccountID: "SMALL", People: 40, Relationships: 150, SinglePoints: int(seed % 4), Seed: seed},
			gen.Config{AccountID: "MID", People: 700, Relationships: 5000, SinglePoints: 3 + 20*int(seed), Seed: 10 + seed})
	}
	return configs
}

func TestGeneratePassesPlan(t *testing.T) {
	for _, cfg := range testConfigs(t) {
		if _, err := graph.Plan(generate(t, cfg), graph.Existing{}); err != nil {
			t.Errorf("Plan rejects the dataset of %+v: %v", cfg, err)
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	cfg := preset(t, "S")
	first, again := generate(t, cfg), generate(t, cfg)
	if !reflect.DeepEqual(first, again) {
		t.Error("two datasets from the same configuration differ")
	}
	cfg.Seed++
	if other := generate(t, cfg); reflect.DeepEqual(first.Relationships, other.Relationships) {
		t.Error("datasets from seeds 1 and 2 have the same relationships")
	}
}

func TestGenerateSizes(t *testing.T) {
	for _, size := range gen.Sizes {
		if size == "L" && testing.Short() {
			continue
		}
		cfg := preset(t, size)
		ds := generate(t, cfg)
		if len(ds.People) != cfg.People {
			t.Errorf("%s: %d people, want %d", size, len(ds.People), cfg.People)
		}
		if len(ds.Relationships) != cfg.Relationships {
			t.Errorf("%s: %d relationships, want %d", size, len(ds.Relationships), cfg.Relationships)
		}
		if len(ds.Accounts) != 1 || ds.Accounts[0].ID != cfg.AccountID {
			t.Errorf("%s: accounts %+v, want one account %s", size, ds.Accounts, cfg.AccountID)
		}
	}
}

// TestGenerateSinglePoints checks the promise of Generate: exactly
// Config.SinglePoints single points of failure at any threshold in
// (0.2, 0.3].
func TestGenerateSinglePoints(t *testing.T) {
	for _, cfg := range testConfigs(t) {
		ag := gen.AccountGraph(generate(t, cfg), cfg.AccountID)
		for _, threshold := range []float64{0.21, 0.25, 0.3} {
			g, err := analytics.NewNetwork(ag, threshold)
			if err != nil {
				t.Fatalf("NewNetwork: %v", err)
			}
			points, _ := g.CutPoints()
			if len(points) != cfg.SinglePoints {
				t.Errorf("%s with %d people, seed %d, threshold %v: %d single points of failure, want %d",
					cfg.AccountID, cfg.People, cfg.Seed, threshold, len(points), cfg.SinglePoints)
			}
		}
	}
}

// TestGenerateShape checks the structure that the benchmarks rely on:
// many one-contact customers, a few vendor hubs, weak ties, departed and
// unreached people, key stakeholders and reporting lines.
func TestGenerateShape(t *testing.T) {
	cfg := preset(t, "M")
	ds := generate(t, cfg)
	ag := gen.AccountGraph(ds, cfg.AccountID)
	report := computeReport(t, ag)

	side := map[string]graph.Side{}
	departed, managed := 0, 0
	for _, p := range ds.People {
		side[p.ID] = p.Side
		if !p.Active() {
			departed++
		}
		if p.ManagerID != "" {
			managed++
		}
	}
	degree := map[string]int{}
	weak := 0
	for _, r := range ds.Relationships {
		if r.Strength < analytics.DefaultThreshold {
			weak++
			continue
		}
		degree[r.PersonA]++
		degree[r.PersonB]++
	}
	oneContact, customers := 0, 0
	var vendorDegrees []int
	for id, s := range side {
		if s == graph.SideVendor {
			vendorDegrees = append(vendorDegrees, degree[id])
			continue
		}
		customers++
		if degree[id] == 1 {
			oneContact++
		}
	}
	slices.Sort(vendorDegrees)

	if share := float64(oneContact) / float64(customers); share < 0.15 {
		t.Errorf("%.0f%% of customers have one qualifying relationship, want at least 15%%", 100*share)
	}
	if top, median := vendorDegrees[len(vendorDegrees)-1], vendorDegrees[len(vendorDegrees)/2]; top < 20*median {
		t.Errorf("largest vendor degree %d is below 20 times the median %d, want a few hubs", top, median)
	}
	if share := float64(weak) / float64(len(ds.Relationships)); share < 0.05 || share > 0.2 {
		t.Errorf("%.0f%% of relationships are weak ties, want 5%% to 20%%", 100*share)
	}
	if departed == 0 || len(report.Unreached) == 0 {
		t.Errorf("%d departed and %d unreached people, want some of both", departed, len(report.Unreached))
	}
	if managed < cfg.People*9/10 {
		t.Errorf("%d of %d people have a manager, want at least 90%%", managed, cfg.People)
	}
	if len(report.KeyStakeholders) < 10 || report.BusFactor == nil || *report.BusFactor != 1 {
		t.Errorf("%d key stakeholders, bus factor %v, want at least 10 and 1", len(report.KeyStakeholders), report.BusFactor)
	}
}

func computeReport(t *testing.T, ag *graph.AccountGraph) *analytics.Report {
	t.Helper()
	g, err := analytics.NewNetwork(ag, analytics.DefaultThreshold)
	if err != nil {
		t.Fatalf("NewNetwork: %v", err)
	}
	report := &analytics.Report{Unreached: g.Unreached()}
	stakeholders, err := g.KeyStakeholders(t.Context())
	if err != nil {
		t.Fatalf("KeyStakeholders: %v", err)
	}
	report.KeyStakeholders = stakeholders
	report.BusFactor = analytics.BusFactor(stakeholders)
	return report
}

func TestWriteDirRoundTrip(t *testing.T) {
	cfg := preset(t, "S")
	ds := generate(t, cfg)
	dir := filepath.Join(t.TempDir(), "import")
	if err := gen.WriteDir(dir, ds); err != nil {
		t.Fatalf("WriteDir: %v", err)
	}
	read, err := csvimport.ReadDir(dir)
	if err != nil {
		t.Fatalf("ReadDir: %v", err)
	}
	if !reflect.DeepEqual(read.Accounts, ds.Accounts) {
		t.Errorf("accounts read back = %+v, want %+v", read.Accounts, ds.Accounts)
	}
	if !reflect.DeepEqual(read.People, ds.People) {
		t.Error("people read back differ from the generated people")
	}
	if !reflect.DeepEqual(read.Relationships, ds.Relationships) {
		t.Error("relationships read back differ from the generated relationships")
	}
}

func TestAccountGraphUnknownAccount(t *testing.T) {
	if ag := gen.AccountGraph(generate(t, preset(t, "S")), "NOPE"); ag != nil {
		t.Errorf("AccountGraph of an unknown account = %+v, want nil", ag)
	}
}

func TestConfigValidate(t *testing.T) {
	valid := preset(t, "S")
	tests := []struct {
		name   string
		change func(*gen.Config)
		field  string
	}{
		{"blank account", func(c *gen.Config) { c.AccountID = " " }, "account"},
		{"too few people", func(c *gen.Config) { c.People = 10 }, "people"},
		{"negative relationships", func(c *gen.Config) { c.Relationships = -1 }, "relationship"},
		{"negative single points", func(c *gen.Config) { c.SinglePoints = -1 }, "single point"},
		{"too many single points", func(c *gen.Config) { c.SinglePoints = 100 }, "single point"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := valid
			tc.change(&cfg)
			err := cfg.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.field) {
				t.Errorf("Validate = %v, want an error about the %s", err, tc.field)
			}
			if _, genErr := gen.Generate(cfg); genErr == nil {
				t.Error("Generate accepted the invalid configuration")
			}
		})
	}
	if _, err := gen.Preset("XL"); err == nil {
		t.Error(`Preset("XL") returned no error`)
	}
}

package portfolio

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// Report is the portfolio report: one row per account that the filter
// selects, sorted by ARR at risk (largest first), then by account id.
type Report struct {
	// AsOf is the time the report describes; null for the current data.
	AsOf        *time.Time `json:"as_of"`
	GeneratedAt time.Time  `json:"generated_at"`
	Threshold   float64    `json:"threshold"`
	Filter      Filter     `json:"filter"`
	Totals      Totals     `json:"totals"`
	Accounts    []Row      `json:"accounts"`
}

// Totals sums the rows of a Report.
type Totals struct {
	Accounts  int     `json:"accounts"`
	ARR       float64 `json:"arr"`
	ARRAtRisk float64 `json:"arr_at_risk"`
	High      int     `json:"high"`
	Medium    int     `json:"medium"`
	Low       int     `json:"low"`
}

// Row is one account of the portfolio report.
type Row struct {
	AccountID   string     `json:"account_id"`
	Name        string     `json:"name"`
	Tier        int        `json:"tier,omitempty"`
	ARR         float64    `json:"arr"`
	RenewalDate graph.Date `json:"renewal_date,omitempty"`
	OwnerID     string     `json:"owner_id,omitempty"`
	Region      string     `json:"region,omitempty"`

	BusFactor       *int `json:"bus_factor"`
	SPOFs           int  `json:"spofs"`
	KeyStakeholders int  `json:"key_stakeholders"`
	// SingleThreadedShare is the share of key stakeholders with exactly
	// one thread; null without key stakeholders.
	SingleThreadedShare      *float64 `json:"single_threaded_share"`
	UnreachedKeyStakeholders int      `json:"unreached_key_stakeholders"`
	Breadth                  *float64 `json:"breadth"` // function x seniority coverage breadth
	Concentration            *float64 `json:"concentration"`
	TopVendorID              string   `json:"top_vendor_id,omitempty"`

	Risk        Risk     `json:"risk"`
	RiskReasons []string `json:"risk_reasons"`
	ARRAtRisk   float64  `json:"arr_at_risk"`
}

// RowOf returns the report row of one result.
func RowOf(r *AccountResult) Row {
	m := r.Metrics
	return Row{
		AccountID:                m.AccountID,
		Name:                     r.Name,
		Tier:                     m.Tier,
		ARR:                      m.ARR,
		RenewalDate:              r.RenewalDate,
		OwnerID:                  m.OwnerID,
		Region:                   r.Region,
		BusFactor:                m.BusFactor,
		SPOFs:                    m.SPOFs,
		KeyStakeholders:          r.KeyStakeholderCount,
		SingleThreadedShare:      m.SingleThreadedShare,
		UnreachedKeyStakeholders: r.UnreachedKeyStakeholders,
		Breadth:                  m.Breadth,
		Concentration:            m.Concentration,
		TopVendorID:              r.TopVendorID,
		Risk:                     Risk(m.Risk),
		RiskReasons:              append([]string{}, r.RiskReasons...),
		ARRAtRisk:                m.ARRAtRisk,
	}
}

// Build returns the report of the results that f selects.
func Build(results []*AccountResult, f Filter) *Report {
	report := &Report{Filter: f, Accounts: []Row{}}
	for _, r := range results {
		row := RowOf(r)
		if !f.Match(row) {
			continue
		}
		report.Accounts = append(report.Accounts, row)
		report.Totals.add(row)
	}
	sort.Slice(report.Accounts, func(i, j int) bool {
		a, b := report.Accounts[i], report.Accounts[j]
		if a.ARRAtRisk != b.ARRAtRisk {
			return a.ARRAtRisk > b.ARRAtRisk
		}
		return a.AccountID < b.AccountID
	})
	return report
}

func (t *Totals) add(row Row) {
	t.Accounts++
	t.ARR += row.ARR
	t.ARRAtRisk += row.ARRAtRisk
	switch row.Risk {
	case RiskHigh:
		t.High++
	case RiskMedium:
		t.Medium++
	default:
		t.Low++
	}
}

// Filter selects portfolio rows. Each non-empty list must contain the
// row's value; an empty list selects every value. Owners compare exactly,
// regions case-insensitively.
type Filter struct {
	Tiers   []int    `json:"tiers,omitempty"`
	Owners  []string `json:"owners,omitempty"`
	Regions []string `json:"regions,omitempty"`
	Risks   []Risk   `json:"risks,omitempty"`
}

// Match reports whether f selects row.
func (f Filter) Match(row Row) bool {
	if len(f.Tiers) > 0 && !slices.Contains(f.Tiers, row.Tier) {
		return false
	}
	if len(f.Owners) > 0 && !slices.Contains(f.Owners, row.OwnerID) {
		return false
	}
	if len(f.Regions) > 0 && !slices.ContainsFunc(f.Regions, func(r string) bool {
		return strings.EqualFold(strings.TrimSpace(r), row.Region)
	}) {
		return false
	}
	if len(f.Risks) > 0 && !slices.Contains(f.Risks, row.Risk) {
		return false
	}
	return true
}

// ParseFilter builds a Filter from comma-separated lists of tiers (1, 2
// or 3), owner ids, regions and risk levels. Empty strings select
// everything. The error, of kind graph.KindInvalid, names the bad value.
func ParseFilter(tiers, owners, regions, risks string) (Filter, error) {
	var f Filter
	for _, item := range splitList(tiers) {
		tier, err := strconv.Atoi(item)
		if err != nil || tier < 1 || tier > 3 {
			return Filter{}, graph.Errorf(graph.KindInvalid, "invalid tier %q: use 1, 2 or 3, or a comma-separated list of them", item)
		}
		f.Tiers = append(f.Tiers, tier)
	}
	f.Owners = splitList(owners)
	f.Regions = splitList(regions)
	for _, item := range splitList(risks) {
		risk, err := ParseRisk(item)
		if err != nil {
			return Filter{}, graph.Errorf(graph.KindInvalid, "%v, or a comma-separated list of them", err)
		}
		f.Risks = append(f.Risks, risk)
	}
	return f, nil
}

// splitList splits a comma-separated list, trims each item and drops
// empty items.
func splitList(s string) []string {
	var items []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}

// String returns the filter as query text, such as "tier=1,2 risk=high",
// or "none" when it selects everything.
func (f Filter) String() string {
	var parts []string
	if len(f.Tiers) > 0 {
		tiers := make([]string, len(f.Tiers))
		for i, t := range f.Tiers {
			tiers[i] = strconv.Itoa(t)
		}
		parts = append(parts, "tier="+strings.Join(tiers, ","))
	}
	if len(f.Owners) > 0 {
		parts = append(parts, "owner="+strings.Join(f.Owners, ","))
	}
	if len(f.Regions) > 0 {
		parts = append(parts, "region="+strings.Join(f.Regions, ","))
	}
	if len(f.Risks) > 0 {
		risks := make([]string, len(f.Risks))
		for i, r := range f.Risks {
			risks[i] = string(r)
		}
		parts = append(parts, "risk="+strings.Join(risks, ","))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

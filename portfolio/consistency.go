package portfolio

import (
	"sort"
	"strconv"
	"time"
)

// Consistency shows how evenly bus factor and coverage breadth spread
// across the portfolio, grouped three ways.
type Consistency struct {
	AsOf     *time.Time `json:"as_of"` // null for the current data
	Filter   Filter     `json:"filter"`
	Accounts int        `json:"accounts"`
	ByTier   []Group    `json:"by_tier"`
	ByRegion []Group    `json:"by_region"`
	ByOwner  []Group    `json:"by_owner"`
}

// Group summarises the accounts that share one tier, region or owner.
type Group struct {
	// Key is the tier ("1", "2", "3"), region or owner id; empty for
	// accounts without one.
	Key       string `json:"key"`
	Accounts  int    `json:"accounts"`
	BusFactor Stats  `json:"bus_factor"`
	Breadth   Stats  `json:"breadth"`
	// ShareBusFactorAtMostOne is the share of the accounts with a bus
	// factor whose bus factor is 0 or 1; null when none has one.
	ShareBusFactorAtMostOne *float64 `json:"share_bus_factor_at_most_1"`
}

// Stats describes the defined values of one metric in a group. Count is
// the number of accounts where the metric is defined; the other fields are
// null when Count is 0. The median of an even count is the mean of the two
// middle values.
type Stats struct {
	Count  int      `json:"count"`
	Min    *float64 `json:"min"`
	Median *float64 `json:"median"`
	Mean   *float64 `json:"mean"`
	Max    *float64 `json:"max"`
}

// Summarize returns the consistency of the rows of report, with groups
// sorted by key.
func Summarize(report *Report) *Consistency {
	c := &Consistency{AsOf: report.AsOf, Filter: report.Filter, Accounts: len(report.Accounts)}
	tier := func(r Row) string {
		if r.Tier == 0 {
			return ""
		}
		return strconv.Itoa(r.Tier)
	}
	c.ByTier = groupBy(report.Accounts, tier)
	c.ByRegion = groupBy(report.Accounts, func(r Row) string { return r.Region })
	c.ByOwner = groupBy(report.Accounts, func(r Row) string { return r.OwnerID })
	return c
}

func groupBy(rows []Row, key func(Row) string) []Group {
	members := make(map[string][]Row)
	for _, r := range rows {
		members[key(r)] = append(members[key(r)], r)
	}
	keys := make([]string, 0, len(members))
	for k := range members {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	groups := make([]Group, 0, len(keys))
	for _, k := range keys {
		groups = append(groups, summarizeGroup(k, members[k]))
	}
	return groups
}

func summarizeGroup(key string, rows []Row) Group {
	var busFactors, breadths []float64
	atMostOne := 0
	for _, r := range rows {
		if r.BusFactor != nil {
			busFactors = append(busFactors, float64(*r.BusFactor))
			if *r.BusFactor <= 1 {
				atMostOne++
			}
		}
		if r.Breadth != nil {
			breadths = append(breadths, *r.Breadth)
		}
	}
	g := Group{Key: key, Accounts: len(rows), BusFactor: statsOf(busFactors), Breadth: statsOf(breadths)}
	if len(busFactors) > 0 {
		share := float64(atMostOne) / float64(len(busFactors))
		g.ShareBusFactorAtMostOne = &share
	}
	return g
}

func statsOf(values []float64) Stats {
	s := Stats{Count: len(values)}
	if len(values) == 0 {
		return s
	}
	sorted := append([]float64{}, values...)
	sort.Float64s(sorted)
	sum := 0.0
	for _, v := range sorted {
		sum += v
	}
	n := len(sorted)
	median := sorted[n/2]
	if n%2 == 0 {
		median = (sorted[n/2-1] + sorted[n/2]) / 2
	}
	lowest, highest, mean := sorted[0], sorted[n-1], sum/float64(n)
	s.Min, s.Median, s.Mean, s.Max = &lowest, &median, &mean, &highest
	return s
}

package analytics

import (
	"slices"
	"sort"
)

// Changes is the difference between an account's report before and after
// some people leave.
type Changes struct {
	// NewlyUnreached lists the customer people who were reached before and
	// are unreached after, sorted. Removed people are not listed.
	NewlyUnreached []string `json:"newly_unreached"`
	// SinglePointsGained are the single points of failure of the report
	// after that were none before, with their cut-off after.
	SinglePointsGained []SinglePoint `json:"single_points_gained"`
	// SinglePointsLost are the single points of failure of the report
	// before that are no longer single points after, removed people
	// included, with their cut-off before.
	SinglePointsLost []SinglePoint `json:"single_points_lost"`
	// Threads lists every key stakeholder of the report before or after,
	// sorted by id. Key stakeholders appear only after when the removal
	// takes out every role-marked one, so that vp and c_level people
	// become the key stakeholders.
	Threads   []ThreadChange  `json:"threads"`
	BusFactor BusFactorChange `json:"bus_factor"`
	Coverage  CoverageChanges `json:"coverage"`
	Vendor    VendorChange    `json:"vendor"`
}

// ThreadChange is how many threads one key stakeholder has before and
// after the removal.
type ThreadChange struct {
	PersonID string `json:"person_id"`
	Role     string `json:"role,omitempty"`
	Removed  bool   `json:"removed"` // the stakeholder is one of the removed people
	Before   int    `json:"before"`
	After    int    `json:"after"` // 0 for a removed stakeholder
	Lost     int    `json:"lost"`  // Before - After
}

// BusFactorChange is the bus factor before and after the removal. Each is
// nil when the account has no key stakeholders.
type BusFactorChange struct {
	Before *int `json:"before"`
	After  *int `json:"after"`
}

// CoverageChanges lists, for each coverage dimension, the cells that the
// removal uncovers or empties.
type CoverageChanges struct {
	FunctionSeniority DimensionChange[FunctionSeniorityCell] `json:"function_seniority"`
	BusinessUnit      DimensionChange[BusinessUnitCell]      `json:"business_unit"`
	Geography         DimensionChange[GeographyCell]         `json:"geography"`
	// UnchartedGained lists the expected functions uncharted after and
	// not before, sorted. Removed people count as departed and so stay
	// known people of their function, which leaves this list empty for
	// removals alone.
	UnchartedGained []string `json:"uncharted_gained"`
}

// DimensionChange is the change of one coverage dimension. Cells are as
// the report before describes them and sorted like its cells.
type DimensionChange[C any] struct {
	BreadthBefore *float64 `json:"breadth_before"`
	BreadthAfter  *float64 `json:"breadth_after"`
	// Uncovered lists the cells covered before and not after, whether or
	// not they are still occupied.
	Uncovered []C `json:"uncovered"`
	// Vacated lists the cells occupied before and not after, which only
	// removing customer people causes.
	Vacated []C `json:"vacated"`
}

// VendorChange is our side's concentration before and after the removal.
type VendorChange struct {
	Before VendorSummary `json:"before"`
	After  VendorSummary `json:"after"`
}

// VendorSummary is the headline of a VendorBreadth.
type VendorSummary struct {
	People        int      `json:"people"`
	TopPersonID   string   `json:"top_person_id,omitempty"`
	Concentration *float64 `json:"concentration"`
	Herfindahl    *float64 `json:"herfindahl"`
}

// Compare returns the changes from before to after, two reports of one
// account at one threshold, where after is computed without the people
// in removed (sorted ids). Simulate calls it. It takes time linear in the
// size of the reports, besides sorting.
func Compare(before, after *Report, removed []string) Changes {
	return Changes{
		NewlyUnreached:     newlyUnreached(before, after),
		SinglePointsGained: singlePointsMissing(after.SinglePointsOfFailure, before.SinglePointsOfFailure),
		SinglePointsLost:   singlePointsMissing(before.SinglePointsOfFailure, after.SinglePointsOfFailure),
		Threads:            threadChanges(before, after, removed),
		BusFactor:          BusFactorChange{Before: before.BusFactor, After: after.BusFactor},
		Coverage:           coverageChanges(before.Coverage, after.Coverage),
		Vendor:             VendorChange{Before: summarizeVendor(before.Vendor), After: summarizeVendor(after.Vendor)},
	}
}

func newlyUnreached(before, after *Report) []string {
	out := []string{}
	for _, id := range after.Unreached {
		if _, found := slices.BinarySearch(before.Unreached, id); !found {
			out = append(out, id)
		}
	}
	return out
}

// singlePointsMissing returns the entries of from whose person is not a
// single point in other. Both lists are sorted by person id.
func singlePointsMissing(from, other []SinglePoint) []SinglePoint {
	present := make(map[string]bool, len(other))
	for _, s := range other {
		present[s.PersonID] = true
	}
	out := []SinglePoint{}
	for _, s := range from {
		if !present[s.PersonID] {
			out = append(out, s)
		}
	}
	return out
}

func threadChanges(before, after *Report, removed []string) []ThreadChange {
	byID := make(map[string]*ThreadChange)
	add := func(k KeyStakeholder) {
		if byID[k.PersonID] != nil {
			return
		}
		_, isRemoved := slices.BinarySearch(removed, k.PersonID)
		byID[k.PersonID] = &ThreadChange{
			PersonID: k.PersonID,
			Role:     k.Role,
			Removed:  isRemoved,
			Before:   before.Threads[k.PersonID],
			After:    after.Threads[k.PersonID],
		}
	}
	for _, k := range before.KeyStakeholders {
		add(k)
	}
	for _, k := range after.KeyStakeholders {
		add(k)
	}

	out := make([]ThreadChange, 0, len(byID))
	for _, c := range byID {
		c.Lost = c.Before - c.After
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].PersonID < out[j].PersonID })
	return out
}

func coverageChanges(before, after Coverage) CoverageChanges {
	return CoverageChanges{
		FunctionSeniority: dimensionChange(before.FunctionSeniority, after.FunctionSeniority,
			func(c FunctionSeniorityCell) cellKey { return cellKey{c.Function, c.Seniority} },
			func(c FunctionSeniorityCell) CellStats { return c.CellStats }),
		BusinessUnit: dimensionChange(before.BusinessUnit, after.BusinessUnit,
			func(c BusinessUnitCell) cellKey { return cellKey{first: c.BusinessUnit} },
			func(c BusinessUnitCell) CellStats { return c.CellStats }),
		Geography: dimensionChange(before.Geography, after.Geography,
			func(c GeographyCell) cellKey { return cellKey{first: c.Geography} },
			func(c GeographyCell) CellStats { return c.CellStats }),
		UnchartedGained: unchartedGained(before.UnchartedFunctions, after.UnchartedFunctions),
	}
}

// dimensionChange matches the cells of before and after by key.
func dimensionChange[C any](before, after Dimension[C], key func(C) cellKey,
	stats func(C) CellStats) DimensionChange[C] {
	afterCells := make(map[cellKey]CellStats, len(after.Cells))
	for _, c := range after.Cells {
		afterCells[key(c)] = stats(c)
	}

	out := DimensionChange[C]{
		BreadthBefore: before.Breadth,
		BreadthAfter:  after.Breadth,
		Uncovered:     []C{},
		Vacated:       []C{},
	}
	for _, c := range before.Cells {
		now, occupied := afterCells[key(c)]
		if stats(c).Covered && !now.Covered {
			out.Uncovered = append(out.Uncovered, c)
		}
		if !occupied {
			out.Vacated = append(out.Vacated, c)
		}
	}
	return out
}

// unchartedGained returns the functions uncharted after and not before.
// Both lists are sorted.
func unchartedGained(before, after []string) []string {
	out := []string{}
	for _, f := range after {
		if _, found := slices.BinarySearch(before, f); !found {
			out = append(out, f)
		}
	}
	return out
}

func summarizeVendor(v VendorBreadth) VendorSummary {
	return VendorSummary{
		People:        v.People,
		TopPersonID:   v.TopPersonID,
		Concentration: v.Concentration,
		Herfindahl:    v.Herfindahl,
	}
}

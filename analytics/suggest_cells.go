package analytics

import (
	"slices"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
)

// coverageState records which occupied coverage cells are covered, keyed
// by the labels that Coverage reports.
type coverageState struct {
	functionSeniority map[FunctionSeniorityKey]bool
	businessUnit      map[string]bool
	geography         map[string]bool
	covered, occupied int
}

func newCoverageState(cov Coverage) *coverageState {
	s := &coverageState{
		functionSeniority: map[FunctionSeniorityKey]bool{},
		businessUnit:      map[string]bool{},
		geography:         map[string]bool{},
	}
	for _, c := range cov.FunctionSeniority.Cells {
		s.functionSeniority[FunctionSeniorityKey{c.Function, c.Seniority}] = c.Covered
	}
	for _, c := range cov.BusinessUnit.Cells {
		s.businessUnit[c.BusinessUnit] = c.Covered
	}
	for _, c := range cov.Geography.Cells {
		s.geography[c.Geography] = c.Covered
	}
	for _, d := range []struct{ covered, occupied int }{
		{cov.FunctionSeniority.Covered, cov.FunctionSeniority.Occupied},
		{cov.BusinessUnit.Covered, cov.BusinessUnit.Occupied},
		{cov.Geography.Covered, cov.Geography.Occupied},
	} {
		s.covered += d.covered
		s.occupied += d.occupied
	}
	return s
}

// uncoveredCells returns the cells of customer p that no vendor person
// covers yet, which a relationship with p would cover. The labels follow
// Coverage: the function normalised, business unit and geography trimmed.
func (s *coverageState) uncoveredCells(p *graph.Person) CoveredCells {
	cells := CoveredCells{FunctionSeniority: []FunctionSeniorityKey{}, BusinessUnit: []string{}, Geography: []string{}}
	fs := FunctionSeniorityKey{graph.NormalizeFunction(p.Function), string(p.Seniority)}
	if !s.functionSeniority[fs] {
		cells.FunctionSeniority = append(cells.FunctionSeniority, fs)
	}
	if unit := strings.TrimSpace(p.BusinessUnit); !s.businessUnit[unit] {
		cells.BusinessUnit = append(cells.BusinessUnit, unit)
	}
	if geography := strings.TrimSpace(p.Geography); !s.geography[geography] {
		cells.Geography = append(cells.Geography, geography)
	}
	return cells
}

// newlyCovered returns the cells covered in after but not in s.
func (s *coverageState) newlyCovered(after *coverageState) CoveredCells {
	cells := CoveredCells{FunctionSeniority: []FunctionSeniorityKey{}, BusinessUnit: []string{}, Geography: []string{}}
	for key, covered := range after.functionSeniority {
		if covered && !s.functionSeniority[key] {
			cells.FunctionSeniority = append(cells.FunctionSeniority, key)
		}
	}
	for key, covered := range after.businessUnit {
		if covered && !s.businessUnit[key] {
			cells.BusinessUnit = append(cells.BusinessUnit, key)
		}
	}
	for key, covered := range after.geography {
		if covered && !s.geography[key] {
			cells.Geography = append(cells.Geography, key)
		}
	}
	sortCells(&cells)
	return cells
}

func sortCells(c *CoveredCells) {
	slices.SortFunc(c.FunctionSeniority, func(a, b FunctionSeniorityKey) int {
		if a.Function != b.Function {
			return strings.Compare(a.Function, b.Function)
		}
		return strings.Compare(a.Seniority, b.Seniority)
	})
	slices.Sort(c.BusinessUnit)
	slices.Sort(c.Geography)
}

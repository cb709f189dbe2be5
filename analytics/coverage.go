package analytics

import (
	"slices"
	"sort"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
)

// Coverage returns how much of the account's active customer people our
// vendor people reach, in three separate dimensions, which are function x
// seniority, business unit, and geography.
//
// Functions are normalised with graph.NormalizeFunction, seniority is
// taken as stored, and business unit and geography are trimmed with case
// kept. An empty value forms its own cell. A cell is occupied when it
// holds at least one active customer person, and covered when one of them
// has a qualifying relationship with a vendor person. Its depth is the
// number of distinct vendor people with such relationships into the cell.
// Coverage counts direct relationships only, so a covered cell may hold
// no reached person when every path from R has broken elsewhere. Cells are
// sorted by their labels.
//
// The uncharted functions are those of expectedFunctions, normalised and
// without duplicates, that no known customer person of the account has,
// departed people included: a function with only departed people is
// known, though not covered.
// Blank entries are skipped.
//
// Coverage takes O(n + m + c log c) time for n nodes, m edges and c cells.
func (g *Network) Coverage(expectedFunctions []string) Coverage {
	cov := Coverage{
		FunctionSeniority: coverDimension(g,
			func(p *graph.Person) cellKey {
				return cellKey{graph.NormalizeFunction(p.Function), string(p.Seniority)}
			},
			func(k cellKey, stats CellStats) FunctionSeniorityCell {
				return FunctionSeniorityCell{Function: k.first, Seniority: k.second, CellStats: stats}
			}),
		BusinessUnit: coverDimension(g,
			func(p *graph.Person) cellKey { return cellKey{first: strings.TrimSpace(p.BusinessUnit)} },
			func(k cellKey, stats CellStats) BusinessUnitCell {
				return BusinessUnitCell{BusinessUnit: k.first, CellStats: stats}
			}),
		Geography: coverDimension(g,
			func(p *graph.Person) cellKey { return cellKey{first: strings.TrimSpace(p.Geography)} },
			func(k cellKey, stats CellStats) GeographyCell {
				return GeographyCell{Geography: k.first, CellStats: stats}
			}),
	}

	cov.ExpectedFunctions = normalizeFunctions(expectedFunctions)
	cov.UnchartedFunctions = []string{}
	for _, f := range cov.ExpectedFunctions {
		if !g.knownFunctions[f] {
			cov.UnchartedFunctions = append(cov.UnchartedFunctions, f)
		}
	}
	return cov
}

// cellKey is the label of a coverage cell. One-dimensional cells leave
// second empty.
type cellKey struct{ first, second string }

// cellPeople is the tally of one coverage cell, with its number of people
// and their vendor neighbours.
type cellPeople struct {
	people  int
	vendors []int32 // vendor neighbours of the cell's people, repeats included
}

// coverDimension groups the customer nodes by label and builds their cells
// with newCell.
func coverDimension[C any](g *Network, label func(*graph.Person) cellKey,
	newCell func(cellKey, CellStats) C) Dimension[C] {
	cells := make(map[cellKey]*cellPeople)
	for u := range g.people {
		k := int32(u)
		if !g.isCustomer(k) {
			continue
		}
		key := label(&g.people[k])
		cell := cells[key]
		if cell == nil {
			cell = &cellPeople{}
			cells[key] = cell
		}
		cell.people++
		for s := g.start[k]; s < g.start[k+1]; s++ {
			if v := g.nbr[s]; g.vendor[v] {
				cell.vendors = append(cell.vendors, v)
			}
		}
	}

	keys := make([]cellKey, 0, len(cells))
	for key := range cells {
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].first != keys[j].first {
			return keys[i].first < keys[j].first
		}
		return keys[i].second < keys[j].second
	})

	dim := Dimension[C]{Occupied: len(keys), Cells: make([]C, 0, len(keys))}
	for _, key := range keys {
		cell := cells[key]
		slices.Sort(cell.vendors)
		vendors := slices.Compact(cell.vendors)
		stats := CellStats{
			People:  cell.people,
			Covered: len(vendors) > 0,
			Depth:   len(vendors),
			Vendors: g.ids(vendors),
		}
		if stats.Covered {
			dim.Covered++
		}
		dim.Cells = append(dim.Cells, newCell(key, stats))
	}
	if dim.Occupied > 0 {
		breadth := float64(dim.Covered) / float64(dim.Occupied)
		dim.Breadth = &breadth
	}
	return dim
}

// normalizeFunctions returns the distinct non-blank functions of fs,
// normalised and sorted.
func normalizeFunctions(fs []string) []string {
	out := []string{}
	for _, f := range fs {
		if n := graph.NormalizeFunction(f); n != "" {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

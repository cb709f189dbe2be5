package analytics

import "github.com/kamgraph/kamgraph/graph"

// matchingFunctions lists pairs of functions, normalised with
// graph.NormalizeFunction, whose people work on the same questions from
// the two sides of a deal. PeerFitOf looks pairs up in either order, and
// equal functions always fit. The table is short on purpose: a pair that
// is missing only costs a tie-break, never a suggestion.
var matchingFunctions = map[[2]string]bool{
	{"finance", "procurement"}:          true, // budgets and purchase orders
	{"sales", "procurement"}:            true, // the two ends of a negotiation
	{"legal", "procurement"}:            true, // contract terms
	{"engineering", "it"}:               true,
	{"engineering", "security"}:         true,
	{"presales", "it"}:                  true, // solution design
	{"presales", "security"}:            true,
	{"product", "it"}:                   true,
	{"support", "it"}:                   true,
	{"customer success", "it"}:          true, // adoption of the product
	{"customer success", "operations"}:  true,
	{"support", "operations"}:           true,
	{"executive", "operations"}:         true,
	{"customer success", "procurement"}: true, // renewals
}

// Peer-fit function levels.
const (
	FunctionSame      = "same"
	FunctionMatching  = "matching"
	FunctionDifferent = "different"
	FunctionUnknown   = "unknown"
)

// PeerFitOf returns how well vendor person v fits customer person c as a
// peer. Functions fit when they are equal after normalisation or form a
// pair of the matching table. Seniorities fit when they are at most one
// level apart, so a c_level customer needs a vp or c_level executive
// sponsor. PeerFit.Score adds 2 for the same function or 1 for a matching
// one, and 1 for fitting seniorities.
func PeerFitOf(v, c graph.Person) PeerFit {
	return fitOf(&v).peerFit(fitOf(&c))
}

// fitProfile is the part of a person that peer fit compares.
type fitProfile struct {
	function string // normalised
	rank     int    // seniority rank, 0 when unknown
}

func fitOf(p *graph.Person) fitProfile {
	return fitProfile{graph.NormalizeFunction(p.Function), p.Seniority.Rank()}
}

// peerFit returns the fit of vendor profile v to customer profile c.
func (v fitProfile) peerFit(c fitProfile) PeerFit {
	function, points := v.functionFit(c)
	fit := PeerFit{Function: function, Score: points}
	if gap, ok := v.seniorityGap(c); ok {
		fit.SeniorityGap = &gap
		if gap <= 1 {
			fit.Score++
		}
	}
	return fit
}

// score returns peerFit(c).Score without allocating.
func (v fitProfile) score(c fitProfile) int {
	_, points := v.functionFit(c)
	if gap, ok := v.seniorityGap(c); ok && gap <= 1 {
		points++
	}
	return points
}

// functionFit returns the function level of PeerFit and its points.
func (v fitProfile) functionFit(c fitProfile) (string, int) {
	switch {
	case v.function == "" || c.function == "":
		return FunctionUnknown, 0
	case v.function == c.function:
		return FunctionSame, 2
	case matchingFunctions[[2]string{v.function, c.function}] || matchingFunctions[[2]string{c.function, v.function}]:
		return FunctionMatching, 1
	}
	return FunctionDifferent, 0
}

// seniorityGap returns the distance of the seniority levels, and false
// when either is unknown.
func (v fitProfile) seniorityGap(c fitProfile) (int, bool) {
	if v.rank == 0 || c.rank == 0 {
		return 0, false
	}
	return max(v.rank-c.rank, c.rank-v.rank), true
}

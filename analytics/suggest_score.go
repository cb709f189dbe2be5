package analytics

import "cmp"

// Score ranks suggestions. Compare orders scores field by field, in the
// order below, and the first field that differs decides (true ranks above
// false). The first six fields measure resilience, and a suggestion is
// made only when they are not all zero and the first non-zero one is
// positive. The last three only break ties between equally useful
// connections. Suggest breaks the remaining ties by the smaller vendor id,
// then the smaller customer id.
//
// Suggest computes the first six fields from the exact values before and
// after the relationship is added, which Suggestion.Before, After and
// Gain report.
type Score struct {
	// BusFactor is the rise of the bus factor, 0 or 1. It is 0 when the
	// account has no key stakeholders.
	BusFactor int `json:"bus_factor"`
	// WeakestStakeholders counts the key stakeholders at the bus factor
	// whose threads rise, so that a later suggestion can finish raising the
	// bus factor.
	WeakestStakeholders int `json:"weakest_stakeholders"`
	// StakeholderThreads is the rise of the summed threads of the key
	// stakeholders. One relationship raises each stakeholder's threads by at
	// most one.
	StakeholderThreads int `json:"stakeholder_threads"`
	// Reached counts the customer people reached for the first time.
	Reached int `json:"reached"`
	// CutOffReduction is the fall of the cut-off total, the summed size of
	// the cut_off sets of all single points of failure. It is negative when
	// newly reached people depend on the new relationship alone.
	CutOffReduction int `json:"cut_off_reduction"`
	// CoveredCells counts the occupied coverage cells covered for the first
	// time, over the three dimensions.
	CoveredCells int `json:"covered_cells"`
	// PeerFit is PeerFit.Score, from 0 to 3.
	PeerFit int `json:"peer_fit"`
	// IntroductionStrength is Introduction.Strength, 0 without an
	// introduction path. It is the same for every vendor person paired
	// with one customer person, so it ranks customers.
	IntroductionStrength float64 `json:"introduction_strength"`
	// OwnIntroduction is true when the introduction starts at the vendor
	// person, so it ranks vendor people with a warm path of their own
	// first.
	OwnIntroduction bool `json:"own_introduction"`
}

// Compare returns -1, 0 or +1 as s ranks below, equal to or above t.
func (s Score) Compare(t Score) int {
	if c := compareGain(s.gain(), t.gain()); c != 0 {
		return c
	}
	if c := cmp.Compare(s.PeerFit, t.PeerFit); c != 0 {
		return c
	}
	if c := cmp.Compare(s.IntroductionStrength, t.IntroductionStrength); c != 0 {
		return c
	}
	return cmp.Compare(boolRank(s.OwnIntroduction), boolRank(t.OwnIntroduction))
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Improves reports whether the connection raises the account's
// resilience: the first non-zero field among the first six is positive.
func (s Score) Improves() bool {
	return compareGain(s.gain(), resilienceGain{}) > 0
}

// resilienceGain holds the first six fields of Score in order.
type resilienceGain [6]int

func (s Score) gain() resilienceGain {
	return resilienceGain{s.BusFactor, s.WeakestStakeholders, s.StakeholderThreads,
		s.Reached, s.CutOffReduction, s.CoveredCells}
}

func (g resilienceGain) score(peerFit int) Score {
	return Score{BusFactor: g[0], WeakestStakeholders: g[1], StakeholderThreads: g[2],
		Reached: g[3], CutOffReduction: g[4], CoveredCells: g[5], PeerFit: peerFit}
}

func compareGain(a, b resilienceGain) int {
	for i := range a {
		if c := cmp.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

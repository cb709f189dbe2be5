package portfolio

import (
	"fmt"
	"strings"
)

// Risk is an account's risk level.
type Risk string

// Risk levels, from the worst.
const (
	RiskHigh   Risk = "high"
	RiskMedium Risk = "medium"
	RiskLow    Risk = "low"
)

// Risks lists the levels from the worst.
var Risks = []Risk{RiskHigh, RiskMedium, RiskLow}

// ParseRisk returns the Risk named by s, compared case-insensitively.
func ParseRisk(s string) (Risk, error) {
	for _, r := range Risks {
		if strings.EqualFold(strings.TrimSpace(s), string(r)) {
			return r, nil
		}
	}
	return "", fmt.Errorf("invalid risk %q: use high, medium or low", s)
}

// Weight returns the share of an account's ARR that counts as at risk:
// 1 for high, 0.5 for medium and 0 for low.
func (r Risk) Weight() float64 {
	switch r {
	case RiskHigh:
		return 1
	case RiskMedium:
		return 0.5
	}
	return 0
}

// Thresholds of the risk rule.
const (
	// HighBusFactor is the largest bus factor of a high-risk account.
	HighBusFactor = 1
	// MediumBusFactor is the largest bus factor of a medium-risk account.
	MediumBusFactor = 2
	// MediumConcentration is the smallest vendor concentration that makes
	// an account medium-risk.
	MediumConcentration = 0.5
	// MediumBreadth is the function x seniority breadth below which an
	// account is medium-risk.
	MediumBreadth = 0.5
)

// Reasons for a risk level, as listed in a portfolio row.
const (
	ReasonBusFactorAtMostOne = "bus_factor_at_most_1"
	ReasonKeyUnreached       = "key_stakeholder_unreached"
	ReasonBusFactorTwo       = "bus_factor_2"
	ReasonNoKeyStakeholders  = "no_key_stakeholders"
	ReasonConcentration      = "concentration_at_least_0.5"
	ReasonNarrowBreadth      = "breadth_below_0.5"
)

// AssessRisk returns the risk level of an account and every reason that
// applies, the reasons of a higher level first. busFactor, breadth and
// concentration are nil when undefined; unreachedKeys counts the key
// stakeholders without a thread. The rule is documented in the package
// documentation.
func AssessRisk(busFactor *int, unreachedKeys int, breadth, concentration *float64) (Risk, []string) {
	var high, medium []string
	if busFactor != nil && *busFactor <= HighBusFactor {
		high = append(high, ReasonBusFactorAtMostOne)
	}
	if unreachedKeys > 0 {
		high = append(high, ReasonKeyUnreached)
	}
	switch {
	case busFactor == nil:
		medium = append(medium, ReasonNoKeyStakeholders)
	case *busFactor == MediumBusFactor:
		medium = append(medium, ReasonBusFactorTwo)
	}
	if concentration != nil && *concentration >= MediumConcentration {
		medium = append(medium, ReasonConcentration)
	}
	if breadth == nil || *breadth < MediumBreadth {
		medium = append(medium, ReasonNarrowBreadth)
	}

	reasons := append(append([]string{}, high...), medium...)
	switch {
	case len(high) > 0:
		return RiskHigh, reasons
	case len(medium) > 0:
		return RiskMedium, reasons
	}
	return RiskLow, reasons
}

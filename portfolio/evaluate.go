package portfolio

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// AccountResult is what the portfolio knows about one account after one
// evaluation: the headline metrics it records, and the details that the
// report, exposure and alerts need.
type AccountResult struct {
	Metrics     graph.AccountMetrics
	Name        string
	RenewalDate graph.Date
	Region      string
	RiskReasons []string

	KeyStakeholderCount      int
	UnreachedKeyStakeholders int
	TopVendorID              string
	TopVendorShare           *float64

	SPOFs []SPOF
	// SPOFRelationships are the qualifying relationships of the single
	// points of failure, which alerts check for staleness.
	SPOFRelationships []SPOFRelationship
	// Names maps the id of every vendor person in the account graph to
	// their name.
	Names map[string]string
}

// SPOF is one single point of failure of an account.
type SPOF struct {
	PersonID string `json:"person_id"`
	Side     string `json:"side"`
	CutOff   int    `json:"cut_off"` // customer people who become unreached
	// KeyStakeholders are the key stakeholders among the cut-off people,
	// sorted.
	KeyStakeholders []string `json:"key_stakeholders"`
}

// SPOFRelationship is a qualifying relationship of a single point of
// failure.
type SPOFRelationship struct {
	SPOF            string
	Other           string
	LastInteraction graph.Date
}

// Evaluate computes the portfolio view of one account. graphVersion is the
// account version ag was read at, and computedAt the time stamped on the
// metrics. Evaluate returns the errors of analytics.NewNetwork and an error
// wrapping ctx.Err() when ctx is cancelled.
func Evaluate(ctx context.Context, ag *graph.AccountGraph, opts analytics.Options, graphVersion uint64,
	computedAt time.Time) (*AccountResult, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	net, err := analytics.NewNetwork(ag, opts.Threshold)
	if err != nil {
		return nil, err
	}
	stakeholders, err := net.KeyStakeholders(ctx)
	if err != nil {
		return nil, err
	}
	spofs, _ := net.CutPoints()
	coverage := net.Coverage(opts.ExpectedFunctions)
	vendor := net.VendorBreadth()

	r := &AccountResult{
		Name:                ag.Account.Name,
		RenewalDate:         ag.Account.RenewalDate,
		Region:              Region(ag),
		KeyStakeholderCount: len(stakeholders),
		TopVendorID:         vendor.TopPersonID,
		TopVendorShare:      vendor.Concentration,
		Names:               vendorNames(ag),
	}
	keys := make(map[string]bool, len(stakeholders))
	threads := make([]graph.StakeholderThreads, 0, len(stakeholders))
	single := 0
	for _, k := range stakeholders {
		keys[k.PersonID] = true
		threads = append(threads, graph.StakeholderThreads{PersonID: k.PersonID, Threads: k.Threads})
		switch k.Threads {
		case 0:
			r.UnreachedKeyStakeholders++
		case 1:
			single++
		}
	}
	r.SPOFs = spofsOf(spofs, keys)
	r.SPOFRelationships = spofRelationships(ag, net, r.SPOFs, opts.Threshold)

	busFactor := analytics.BusFactor(stakeholders)
	breadth := coverage.FunctionSeniority.Breadth
	risk, reasons := AssessRisk(busFactor, r.UnreachedKeyStakeholders, breadth, vendor.Concentration)
	r.RiskReasons = reasons
	r.Metrics = graph.AccountMetrics{
		AccountID:       ag.Account.ID,
		ComputedAt:      computedAt,
		GraphVersion:    graphVersion,
		Threshold:       opts.Threshold,
		Tier:            ag.Account.Tier,
		ARR:             ag.Account.ARR,
		OwnerID:         ag.Account.OwnerID,
		BusFactor:       busFactor,
		SPOFs:           len(spofs),
		KeyStakeholders: threads,
		Unreached:       len(net.Unreached()),
		Breadth:         breadth,
		Concentration:   vendor.Concentration,
		Risk:            string(risk),
		ARRAtRisk:       ag.Account.ARR * risk.Weight(),
	}
	if len(stakeholders) > 0 {
		share := float64(single) / float64(len(stakeholders))
		r.Metrics.SingleThreadedShare = &share
	}
	return r, nil
}

func spofsOf(points []analytics.SinglePoint, keys map[string]bool) []SPOF {
	out := make([]SPOF, 0, len(points))
	for _, p := range points {
		s := SPOF{PersonID: p.PersonID, Side: p.Side, CutOff: len(p.CutOff), KeyStakeholders: []string{}}
		for _, id := range p.CutOff {
			if keys[id] {
				s.KeyStakeholders = append(s.KeyStakeholders, id)
			}
		}
		out = append(out, s)
	}
	return out
}

// spofRelationships returns the qualifying relationships of G(A) that touch
// a single point of failure, in relationship order.
func spofRelationships(ag *graph.AccountGraph, net *analytics.Network, spofs []SPOF, threshold float64) []SPOFRelationship {
	isSPOF := make(map[string]bool, len(spofs))
	for _, s := range spofs {
		isSPOF[s.PersonID] = true
	}
	var out []SPOFRelationship
	for _, r := range ag.Relationships {
		if r.Strength < threshold {
			continue
		}
		if _, ok := net.Index(r.PersonA); !ok {
			continue
		}
		if _, ok := net.Index(r.PersonB); !ok {
			continue
		}
		if isSPOF[r.PersonA] {
			out = append(out, SPOFRelationship{SPOF: r.PersonA, Other: r.PersonB, LastInteraction: r.LastInteraction})
		}
		if isSPOF[r.PersonB] {
			out = append(out, SPOFRelationship{SPOF: r.PersonB, Other: r.PersonA, LastInteraction: r.LastInteraction})
		}
	}
	return out
}

// Region returns the most common trimmed geography among the active
// customer people of ag, the alphabetically first on ties, or "" when none
// has a geography.
func Region(ag *graph.AccountGraph) string {
	counts := make(map[string]int)
	for _, p := range ag.People {
		if p.Side != graph.SideCustomer || !p.Active() {
			continue
		}
		if g := strings.TrimSpace(p.Geography); g != "" {
			counts[g]++
		}
	}
	geographies := make([]string, 0, len(counts))
	for g := range counts {
		geographies = append(geographies, g)
	}
	sort.Strings(geographies)
	best := ""
	for _, g := range geographies {
		if best == "" || counts[g] > counts[best] {
			best = g
		}
	}
	return best
}

func vendorNames(ag *graph.AccountGraph) map[string]string {
	names := make(map[string]string)
	for _, p := range ag.People {
		if p.Side == graph.SideVendor {
			names[p.ID] = p.Name
		}
	}
	return names
}

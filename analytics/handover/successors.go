package handover

import (
	"slices"
	"sort"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// Successor is a vendor person who could take over an orphaned
// relationship, with the reasons behind the ranking.
type Successor struct {
	PersonID  string `json:"person_id"`
	Name      string `json:"name"`
	Title     string `json:"title,omitempty"`
	Function  string `json:"function,omitempty"`
	Seniority string `json:"seniority,omitempty"`
	// Score ranks the candidates, from the weights below.
	Score float64 `json:"score"`
	// Relationship is the strength of the candidate's own relationship
	// with the contact, at any strength, or null when they have none.
	Relationship *float64 `json:"relationship"`
	// WarmPath is the strongest introduction path from the candidate to
	// the contact, or null when there is none.
	WarmPath *WarmPath `json:"warm_path"`
	// SameFunction reports whether the candidate works in the departing
	// person's function, compared after normalising.
	SameFunction bool `json:"same_function"`
	// SeniorityFit reports whether the candidate's seniority is at most
	// one level from the contact's. It is false when either is unknown.
	SeniorityFit bool `json:"seniority_fit"`
	// Load is the number of active customer people, across the
	// portfolio, with whom the candidate already has a qualifying
	// relationship: the threads the candidate carries.
	Load int `json:"load"`
}

// WarmPath is an introduction path of two or three relationships, of any
// strength, from a candidate to a contact.
type WarmPath struct {
	// Via lists the people between the candidate and the contact, in
	// order from the candidate.
	Via []string `json:"via"`
	// Strength is the product of the strengths along the path.
	Strength float64 `json:"strength"`
}

// Weights of the successor score. A candidate scores
//
//	0.40·relationship + 0.25·warm path + 0.15·same function
//	+ 0.10·seniority fit + 0.10·(1 − load / max load)
//
// where relationship and warm path are strengths in [0, 1], or 0 when
// absent, and the two flags count 1 when true. Max load is the largest
// load of any active vendor person but the departing one, and the last
// term is 0.10 when every load is 0. Scores lie in [0, 1]. An existing
// relationship weighs most because it needs no introduction, and the load
// term keeps the busiest people from collecting every handover.
const (
	weightRelationship = 0.40
	weightWarmPath     = 0.25
	weightFunction     = 0.15
	weightSeniority    = 0.10
	weightAvailability = 0.10
)

// orphans returns the account's orphaned relationships: the customers the
// person's loss cuts off and those with whom only the person has a
// qualifying relationship, each with ranked successors.
func (b *builder) orphans(ag *graph.AccountGraph, report *analytics.Report) []Orphan {
	people := indexPeople(ag)
	threshold := b.opts.Report.Threshold
	direct := map[string]bool{} // customers with a qualifying relationship with the person
	others := map[string]int{}  // customers to active vendors other than the person
	for _, r := range ag.Relationships {
		if r.Strength < threshold {
			continue
		}
		for _, pair := range [][2]string{{r.PersonA, r.PersonB}, {r.PersonB, r.PersonA}} {
			vendor, customer := people[pair[0]], people[pair[1]]
			if vendor.Side != graph.SideVendor || !isActiveCustomer(customer, ag.Account.ID) {
				continue
			}
			switch {
			case vendor.ID == b.person.ID:
				direct[customer.ID] = true
			case vendor.Active():
				others[customer.ID]++
			}
		}
	}

	cutOff := b.cutOffBy(report)
	orphaned := map[string]*Orphan{}
	for _, id := range cutOff {
		orphaned[id] = &Orphan{PersonID: id, CutOff: true}
	}
	for id := range direct {
		if others[id] > 0 {
			continue
		}
		if orphaned[id] == nil {
			orphaned[id] = &Orphan{PersonID: id}
		}
		orphaned[id].OnlyDirect = true
	}

	out := []Orphan{}
	for _, id := range sortedKeys(orphaned) {
		o := orphaned[id]
		o.Successors = b.successors(people[id], ag.Account.ID)
		out = append(out, *o)
	}
	return out
}

func isActiveCustomer(p *graph.Person, accountID string) bool {
	return p.Side == graph.SideCustomer && p.AccountID == accountID && p.Active()
}

// successors ranks the active vendor people, other than the departing
// person, who could take over the relationship with contact. A candidate
// needs an existing relationship, a warm path or the departing person's
// function, while seniority and load only order the candidates.
func (b *builder) successors(contact *graph.Person, accountID string) []Successor {
	warm := b.warmPaths(contact.ID, accountID)
	direct := b.portfolio.vendorTies[contact.ID]
	function := graph.NormalizeFunction(b.person.Function)
	maxLoad := b.portfolio.maxLoad(b.person.ID)

	var out []Successor
	for _, id := range b.portfolio.vendors {
		if id == b.person.ID {
			continue
		}
		v := b.portfolio.people[id]
		s := Successor{
			PersonID:     id,
			Name:         v.Name,
			Title:        v.Title,
			Function:     v.Function,
			Seniority:    string(v.Seniority),
			WarmPath:     warm[id],
			SameFunction: function != "" && graph.NormalizeFunction(v.Function) == function,
			SeniorityFit: seniorityFit(v.Seniority, contact.Seniority),
			Load:         b.portfolio.load[id],
		}
		if strength, ok := direct[id]; ok {
			s.Relationship = &strength
		}
		if s.Relationship == nil && s.WarmPath == nil && !s.SameFunction {
			continue
		}
		s.Score = score(s, maxLoad)
		out = append(out, s)
	}

	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].PersonID < out[j].PersonID
	})
	if len(out) > b.opts.Successors {
		out = out[:b.opts.Successors]
	}
	if out == nil {
		out = []Successor{}
	}
	return out
}

func seniorityFit(a, b graph.Seniority) bool {
	ra, rb := a.Rank(), b.Rank()
	if ra == 0 || rb == 0 {
		return false
	}
	return ra-rb <= 1 && rb-ra <= 1
}

func score(s Successor, maxLoad int) float64 {
	total := 0.0
	if s.Relationship != nil {
		total += weightRelationship * *s.Relationship
	}
	if s.WarmPath != nil {
		total += weightWarmPath * s.WarmPath.Strength
	}
	if s.SameFunction {
		total += weightFunction
	}
	if s.SeniorityFit {
		total += weightSeniority
	}
	availability := 1.0
	if maxLoad > 0 {
		availability = 1 - float64(s.Load)/float64(maxLoad)
	}
	return total + weightAvailability*availability
}

// warmPaths returns, for each active vendor person, the strongest path of
// two or three relationships to the contact, by product of strengths. The
// people on a path are active, are vendor people or customer people of
// the account, and exclude the departing person. Ties go to the shorter
// path, then to the smaller sequence of ids from the candidate.
//
// Relationships of any strength count, because the product already
// discounts weak ones. Counting only qualifying relationships would find
// no path at all to a contact that the departing person's loss cuts off:
// such a path would be a thread that does not pass through that person.
//
// It enumerates the paths from the contact, so it takes O(d³) time where
// d is the largest number of qualifying relationships of one person.
func (b *builder) warmPaths(contactID, accountID string) map[string]*WarmPath {
	allowed := func(id string) bool {
		p, ok := b.portfolio.people[id]
		if !ok || id == b.person.ID {
			return false
		}
		return p.Side == graph.SideVendor || p.AccountID == accountID
	}
	isVendor := func(id string) bool { return b.portfolio.people[id].Side == graph.SideVendor }

	best := map[string]*WarmPath{}
	offer := func(candidate string, strength float64, via []string) {
		if better(strength, via, best[candidate]) {
			best[candidate] = &WarmPath{Via: slices.Clone(via), Strength: strength}
		}
	}
	for _, x := range b.portfolio.neighbors[contactID] {
		if !allowed(x.id) {
			continue
		}
		for _, y := range b.portfolio.neighbors[x.id] {
			if y.id == contactID || !allowed(y.id) {
				continue
			}
			if isVendor(y.id) {
				offer(y.id, x.strength*y.strength, []string{x.id})
			}
			for _, z := range b.portfolio.neighbors[y.id] {
				if z.id == contactID || z.id == x.id || !allowed(z.id) || !isVendor(z.id) {
					continue
				}
				offer(z.id, x.strength*y.strength*z.strength, []string{y.id, x.id})
			}
		}
	}
	return best
}

// better reports whether a path of the given strength through via beats
// current.
func better(strength float64, via []string, current *WarmPath) bool {
	switch {
	case current == nil:
		return true
	case strength != current.Strength:
		return strength > current.Strength
	case len(via) != len(current.Via):
		return len(via) < len(current.Via)
	}
	return slices.Compare(via, current.Via) < 0
}

package analytics

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
)

// Simulation is the outcome of a what-if: the report of one account after
// some people leave, and what changed compared with the report before.
type Simulation struct {
	AccountID string  `json:"account_id"`
	Threshold float64 `json:"threshold"`
	// Removed lists the people taken out, sorted and without repeats.
	Removed []string `json:"removed"`
	// AlreadyDeparted lists the people of Removed who had departed
	// before, so that removing them changed nothing.
	AlreadyDeparted []string `json:"already_departed"`
	// Report is the report after the removal. It equals Compute on the
	// account graph in which the removed people have status departed.
	Report  *Report `json:"report"`
	Changes Changes `json:"changes"`
	// Before is the report before the removal. It is not part of the JSON
	// form, which carries the differences in Changes instead.
	Before *Report `json:"-"`
}

// Simulate computes what happens to the account of ag when the people
// with the given ids leave: vendor or customer people, several at once.
// It treats them as departed, which takes them out of G(A) as Compute
// defines it, and compares the reports before and after. Removing every
// vendor person is allowed: then every customer person is unreached and
// the bus factor is 0, or null when the account has no key stakeholders.
//
// Repeated ids count once. Simulate returns an error of kind
// graph.KindInvalid when removed is empty, holds a blank id or an id that
// is not a person of ag (the error names every such id), and for the
// reasons Compute gives. It runs Compute twice, so it costs twice as much.
func Simulate(ctx context.Context, ag *graph.AccountGraph, removed []string, opts Options) (*Simulation, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if ag == nil {
		return nil, graph.Errorf(graph.KindInvalid, "invalid account graph: got a nil *graph.AccountGraph, pass the graph of one account")
	}
	ids, err := removalSet(ag, removed)
	if err != nil {
		return nil, err
	}

	before, err := Compute(ctx, ag, opts)
	if err != nil {
		return nil, err
	}
	changed, already := withDeparted(ag, ids)
	after, err := Compute(ctx, changed, opts)
	if err != nil {
		return nil, err
	}
	return &Simulation{
		AccountID:       ag.Account.ID,
		Threshold:       opts.Threshold,
		Removed:         ids,
		AlreadyDeparted: already,
		Report:          after,
		Changes:         Compare(before, after, ids),
		Before:          before,
	}, nil
}

// removalSet returns the distinct ids of removed, sorted, after checking
// that each one names a person of ag.
func removalSet(ag *graph.AccountGraph, removed []string) ([]string, error) {
	if len(removed) == 0 {
		return nil, graph.Errorf(graph.KindInvalid,
			"no people to remove: give at least one person id of account %q", ag.Account.ID)
	}
	known := make(map[string]bool, len(ag.People))
	for _, p := range ag.People {
		known[p.ID] = true
	}

	ids := slices.Clone(removed)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var unknown []string
	for _, id := range ids {
		if strings.TrimSpace(id) == "" {
			return nil, graph.Errorf(graph.KindInvalid, "invalid person id %q in the people to remove: ids must not be blank", id)
		}
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		return nil, graph.Errorf(graph.KindInvalid,
			"%s not in the graph of account %q: remove only the account's customer people and the vendor people related to them",
			quotedList("person", "people", unknown), ag.Account.ID)
	}
	return ids, nil
}

// withDeparted returns a copy of ag in which the people with the given
// sorted ids have status departed, and the ids of those who had departed
// already. The copy shares ag's relationships, which neither changes.
func withDeparted(ag *graph.AccountGraph, ids []string) (*graph.AccountGraph, []string) {
	out := &graph.AccountGraph{
		Account:       ag.Account,
		People:        slices.Clone(ag.People),
		Relationships: ag.Relationships,
	}
	already := []string{}
	for i := range out.People {
		p := &out.People[i]
		if _, found := slices.BinarySearch(ids, p.ID); !found {
			continue
		}
		if !p.Active() {
			already = append(already, p.ID)
		}
		p.Status = graph.StatusDeparted
	}
	slices.Sort(already)
	return out, already
}

// quotedList returns `person "a"` or `people "a", "b"` with the matching
// verb, for messages that name ids.
func quotedList(singular, plural string, ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	if len(ids) == 1 {
		return singular + " " + quoted[0] + " is"
	}
	return plural + " " + strings.Join(quoted, ", ") + " are"
}

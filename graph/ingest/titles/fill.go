package titles

import (
	"sort"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
)

// Report lists what Fill did and the titles it could not read.
type Report struct {
	// Filled counts the people who got a function or a seniority from
	// their title.
	Filled int `json:"filled"`

	// UnknownFunction and UnknownSeniority list, sorted and without
	// repeats, the titles from which Fill could not tell a function or
	// seniority that the person lacked. Map these in the source or in
	// the mapping file; Fill does not guess.
	UnknownFunction  []string `json:"unknown_function,omitempty"`
	UnknownSeniority []string `json:"unknown_seniority,omitempty"`

	// NoTitle counts the people who lacked a function or seniority and
	// had no title to infer it from.
	NoTitle int `json:"no_title"`
}

// Fill sets the Function and Seniority of each person from their title
// where the source left them empty. Values the source gave are never
// changed.
func Fill(people []graph.Person) Report {
	var r Report
	unknownFunction := map[string]bool{}
	unknownSeniority := map[string]bool{}
	for i := range people {
		p := &people[i]
		if p.Function != "" && p.Seniority != "" {
			continue
		}
		title := strings.TrimSpace(p.Title)
		if title == "" {
			r.NoTitle++
			continue
		}
		inf := Infer(title)
		filled := false
		if p.Function == "" {
			p.Function = inf.Function
			filled = inf.Function != ""
			unknownFunction[title] = unknownFunction[title] || inf.Function == ""
		}
		if p.Seniority == "" {
			p.Seniority = inf.Seniority
			filled = filled || inf.Seniority != ""
			unknownSeniority[title] = unknownSeniority[title] || inf.Seniority == ""
		}
		if filled {
			r.Filled++
		}
	}
	r.UnknownFunction = trueKeys(unknownFunction)
	r.UnknownSeniority = trueKeys(unknownSeniority)
	return r
}

func trueKeys(set map[string]bool) []string {
	var out []string
	for k, v := range set {
		if v {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

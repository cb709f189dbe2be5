package analytics

import (
	"context"
	"sort"

	"github.com/kamgraph/kamgraph/graph"
)

// PortfolioVendors returns every vendor person of ds, the candidates that
// Suggest and SuggestForPerson expect.
func PortfolioVendors(ds *graph.Dataset) []graph.Person {
	vendors := []graph.Person{}
	for _, p := range ds.People {
		if p.Side == graph.SideVendor {
			vendors = append(vendors, p)
		}
	}
	return vendors
}

// AccountsTouchedBy returns, sorted, the ids of the accounts of ds that
// person id owns or where id has a relationship of any strength with a
// customer person of the account.
func AccountsTouchedBy(ds *graph.Dataset, id string) []string {
	touched := map[string]bool{}
	for _, a := range ds.Accounts {
		if a.OwnerID == id {
			touched[a.ID] = true
		}
	}
	accountOf := map[string]string{}
	for _, p := range ds.People {
		if p.Side == graph.SideCustomer {
			accountOf[p.ID] = p.AccountID
		}
	}
	for _, r := range ds.Relationships {
		if other := otherEnd(r, id); other != "" && accountOf[other] != "" {
			touched[accountOf[other]] = true
		}
	}
	ids := make([]string, 0, len(touched))
	for a := range touched {
		ids = append(ids, a)
	}
	sort.Strings(ids)
	return ids
}

// SuggestForPerson returns the suggestions of one vendor person across the
// accounts that person touches, whose graphs accounts holds (see
// AccountsTouchedBy). For each account it returns two lists.
// Suggestions are the person's own next connections: Suggest with the
// person as the only permitted vendor, so opts.Vendors does not apply to
// them. Introductions are the account's suggestions for the vendor people
// that opts permits, kept when the person is their introducer.
//
// SuggestForPerson returns an error of kind graph.KindInvalid when the
// person is not an active vendor person or is excluded, and in the cases
// of Suggest. Ids in opts.Exclude and opts.Vendors must be known in at
// least one of the accounts or among vendors. It returns an error wrapping
// ctx.Err() when ctx is cancelled.
func SuggestForPerson(ctx context.Context, person graph.Person, accounts []*graph.AccountGraph,
	vendors []graph.Person, opts SuggestOptions) (*PersonSuggestions, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := checkSuggestionPerson(person, opts); err != nil {
		return nil, err
	}
	known := map[string]graph.Person{person.ID: person}
	for _, p := range vendors {
		known[p.ID] = p
	}
	for _, ag := range accounts {
		if ag == nil {
			return nil, graph.Errorf(graph.KindInvalid, "invalid account graph: got a nil *graph.AccountGraph, pass the graph of one account")
		}
		for _, p := range ag.People {
			known[p.ID] = p
		}
	}
	if err := checkListedIDs(opts, known, "the person's accounts"); err != nil {
		return nil, err
	}

	out := &PersonSuggestions{
		PersonID:  person.ID,
		Name:      person.Name,
		Threshold: opts.Threshold,
		Strength:  opts.strength(),
		MaxHops:   opts.MaxHops,
		Accounts:  []PersonAccountEntry{},
	}
	sorted := append([]*graph.AccountGraph(nil), accounts...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Account.ID < sorted[j].Account.ID })
	for _, ag := range sorted {
		entry, err := suggestInAccount(ctx, person, ag, vendors, opts)
		if err != nil {
			return nil, err
		}
		out.Accounts = append(out.Accounts, entry)
	}
	return out, nil
}

func checkSuggestionPerson(person graph.Person, opts SuggestOptions) error {
	switch {
	case person.Side != graph.SideVendor:
		return graph.Errorf(graph.KindInvalid,
			"person %q is a %s person: suggestions by person are for vendor people", person.ID, person.Side)
	case !person.Active():
		return graph.Errorf(graph.KindInvalid, "vendor person %q has departed: suggestions are for active people", person.ID)
	}
	for _, id := range opts.Exclude {
		if id == person.ID {
			return graph.Errorf(graph.KindInvalid,
				"person %q is in exclude: remove the person from the list to get their suggestions", person.ID)
		}
	}
	return nil
}

// suggestInAccount returns the person's entry for one account.
func suggestInAccount(ctx context.Context, person graph.Person, ag *graph.AccountGraph,
	vendors []graph.Person, opts SuggestOptions) (PersonAccountEntry, error) {
	entry := PersonAccountEntry{
		AccountID:     ag.Account.ID,
		AccountName:   ag.Account.Name,
		Owner:         ag.Account.OwnerID == person.ID,
		Suggestions:   []Suggestion{},
		Introductions: []Suggestion{},
	}
	own := opts
	own.Vendors = []string{person.ID}
	withPerson := append([]graph.Person{person}, vendors...)
	mine, err := runSuggester(ctx, ag, withPerson, own)
	if err != nil {
		return entry, err
	}
	entry.Suggestions = mine.Suggestions

	all, err := runSuggester(ctx, ag, withPerson, opts)
	if err != nil {
		return entry, err
	}
	for _, s := range all.Suggestions {
		if s.Introduction != nil && s.Introduction.IntroducerID == person.ID {
			entry.Introductions = append(entry.Introductions, s)
		}
	}
	return entry, nil
}

// runSuggester runs Suggest without checking the listed ids, which the
// caller checked across several accounts.
func runSuggester(ctx context.Context, ag *graph.AccountGraph, vendors []graph.Person, opts SuggestOptions) (*AccountSuggestions, error) {
	s, err := newSuggester(ag, vendors, opts)
	if err != nil {
		return nil, err
	}
	return s.run(ctx)
}

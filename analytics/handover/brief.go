package handover

import (
	"context"
	"slices"
	"strings"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// DefaultSuccessors is how many successors a brief ranks for each
// orphaned relationship when Options.Successors is 0.
const DefaultSuccessors = 3

// Options are the parameters of Build.
type Options struct {
	// Report holds the threshold and expected functions of the reports
	// and what-ifs behind the brief.
	Report analytics.Options
	// Successors is the maximum number of successors listed per orphaned
	// relationship. 0 means DefaultSuccessors.
	Successors int
}

// Brief is the handover brief of one vendor person: what a successor
// needs to know if the person leaves.
type Brief struct {
	Person    graph.Person `json:"person"`
	Threshold float64      `json:"threshold"`
	// NotesAvailable reports whether the store keeps notes. When it is
	// false, every Notes list is empty because notes could not be read.
	NotesAvailable bool           `json:"notes_available"`
	Summary        Summary        `json:"summary"`
	Accounts       []AccountBrief `json:"accounts"` // sorted by account id
	// Names maps the id of every person the brief mentions to their name.
	Names map[string]string `json:"names"`
}

// Summary sums a brief up across its accounts.
type Summary struct {
	Accounts      int `json:"accounts"`
	OwnedAccounts int `json:"owned_accounts"`
	Contacts      int `json:"contacts"`     // active customer contacts, counted once per account
	OnlyThreads   int `json:"only_threads"` // contacts for whom the person is the only thread
	Orphaned      int `json:"orphaned"`     // orphaned relationships
	// NewlyUnreached counts the customer people, across accounts, who
	// become unreached if the person leaves.
	NewlyUnreached int `json:"newly_unreached"`
	// BusFactorDrops lists the accounts whose bus factor falls if the
	// person leaves, sorted.
	BusFactorDrops []string `json:"bus_factor_drops"`
	// ARRAtRisk sums the ARR of the accounts where the person's departure
	// leaves someone unreached or lowers the bus factor.
	ARRAtRisk float64 `json:"arr_at_risk"`
}

// AccountBrief is the part of a brief about one account.
type AccountBrief struct {
	Account graph.Account `json:"account"`
	Owner   bool          `json:"owner"` // the person owns the account
	// Contacts are the account's active customer people with whom the
	// person has a relationship of any strength, sorted by id.
	Contacts []Contact `json:"contacts"`
	// WhatIf is the change to the account's report if the person leaves.
	// It is null when the account graph does not contain the person, as
	// for an account the person only owns.
	WhatIf *analytics.Changes `json:"what_if"`
	// Orphaned lists the relationships that would be orphaned, sorted by
	// contact id, each with ranked successors.
	Orphaned []Orphan     `json:"orphaned"`
	Notes    []graph.Note `json:"notes"` // notes on the account
}

// Contact is a customer person with whom the departing person has a
// relationship.
type Contact struct {
	PersonID        string     `json:"person_id"`
	Name            string     `json:"name"`
	Title           string     `json:"title,omitempty"`
	Function        string     `json:"function,omitempty"`
	Seniority       string     `json:"seniority,omitempty"`
	Role            string     `json:"role,omitempty"`
	Strength        float64    `json:"strength"`
	Qualifying      bool       `json:"qualifying"` // strength at least the threshold
	Type            string     `json:"type,omitempty"`
	LastInteraction graph.Date `json:"last_interaction,omitempty"`
	// Threads is the contact's threads in the account report now.
	Threads int `json:"threads"`
	// OnlyThread reports whether the person is the contact's only thread:
	// the person is a single point of failure with the contact in its
	// cut-off, so the contact has one thread and the person is its cut.
	OnlyThread bool `json:"only_thread"`
	// Notes are the notes on the contact and on the relationship.
	Notes []graph.Note `json:"notes"`
}

// Orphan is a customer person whose relationship with us hangs on the
// departing person, with the ranked candidates to take it over.
type Orphan struct {
	PersonID string `json:"person_id"`
	// CutOff reports whether the person's departure leaves the contact
	// unreached.
	CutOff bool `json:"cut_off"`
	// OnlyDirect reports whether the person is the only active vendor
	// person with a qualifying relationship with the contact.
	OnlyDirect bool        `json:"only_direct"`
	Successors []Successor `json:"successors"` // best first
}

// Build writes the handover brief of the vendor person with the given id.
// It reads the person, their accounts (PersonAccounts), each account's
// graph and the vendor side of the portfolio from store, and notes when
// store also implements graph.NoteStore. The vendor side comes from
// graph.VendorStore.VendorNetwork when store implements it, and from
// Export otherwise.
//
// The reports leave out a person who has already departed. Then no
// contact counts the person as a thread and each WhatIf is empty, and the
// orphaned relationships are those that no active vendor person has.
//
// Build returns an error of kind graph.KindNotFound for an unknown person,
// of kind graph.KindInvalid for a customer person or invalid options, and
// store errors as they are.
func Build(ctx context.Context, store Store, personID string, opts Options) (*Brief, error) {
	if err := opts.Report.Validate(); err != nil {
		return nil, err
	}
	if opts.Successors < 0 {
		return nil, graph.Errorf(graph.KindInvalid, "invalid successor count %d: use a positive number, or 0 for %d", opts.Successors, DefaultSuccessors)
	}
	if opts.Successors == 0 {
		opts.Successors = DefaultSuccessors
	}
	person, err := store.Person(ctx, personID)
	if err != nil {
		return nil, err
	}
	if person.Side != graph.SideVendor {
		return nil, graph.Errorf(graph.KindInvalid,
			"person %q is a customer person of account %q: handover briefs are for vendor people", personID, person.AccountID)
	}

	b, err := newBuilder(ctx, store, person, opts)
	if err != nil {
		return nil, err
	}
	accounts, err := store.PersonAccounts(ctx, personID)
	if err != nil {
		return nil, err
	}
	for _, accountID := range accounts {
		if err := b.addAccount(ctx, accountID); err != nil {
			return nil, err
		}
	}
	return b.brief, nil
}

// builder carries the state of one Build call.
type builder struct {
	store     Store
	notes     graph.NoteStore // nil when the store keeps no notes
	opts      Options
	person    graph.Person
	portfolio *portfolio
	brief     *Brief
}

func newBuilder(ctx context.Context, store Store, person graph.Person, opts Options) (*builder, error) {
	portfolio, err := readPortfolio(ctx, store, opts.Report.Threshold)
	if err != nil {
		return nil, err
	}
	notes, _ := store.(graph.NoteStore)
	b := &builder{
		store:     store,
		notes:     notes,
		opts:      opts,
		person:    person,
		portfolio: portfolio,
		brief: &Brief{
			Person:         person,
			Threshold:      opts.Report.Threshold,
			NotesAvailable: notes != nil,
			Summary:        Summary{BusFactorDrops: []string{}},
			Accounts:       []AccountBrief{},
			Names:          map[string]string{},
		},
	}
	b.mention(person.ID)
	return b, nil
}

// mention records the names of the given people for Brief.Names.
func (b *builder) mention(ids ...string) {
	for _, id := range ids {
		if p, ok := b.portfolio.people[id]; ok {
			b.brief.Names[id] = p.Name
		}
	}
}

// addAccount adds the account's part of the brief and its share of the
// summary.
func (b *builder) addAccount(ctx context.Context, accountID string) error {
	ag, err := b.store.AccountGraph(ctx, accountID)
	if err != nil {
		return err
	}
	b.portfolio.addAccount(ag)
	current, whatIf, err := b.reports(ctx, ag)
	if err != nil {
		return err
	}

	a := AccountBrief{
		Account:  ag.Account,
		Owner:    ag.Account.OwnerID == b.person.ID,
		Contacts: b.contacts(ag, current),
		WhatIf:   whatIf,
		Orphaned: b.orphans(ag, current),
		Notes:    []graph.Note{},
	}
	if err := b.addNotes(ctx, &a); err != nil {
		return err
	}
	b.mentionAccount(&a)
	b.summarize(&a)
	b.brief.Accounts = append(b.brief.Accounts, a)
	return nil
}

// reports returns the account's report now and, when its graph holds the
// person, the changes if the person leaves.
func (b *builder) reports(ctx context.Context, ag *graph.AccountGraph) (*analytics.Report, *analytics.Changes, error) {
	if !hasPerson(ag, b.person.ID) {
		report, err := analytics.Compute(ctx, ag, b.opts.Report)
		return report, nil, err
	}
	sim, err := analytics.Simulate(ctx, ag, []string{b.person.ID}, b.opts.Report)
	if err != nil {
		return nil, nil, err
	}
	return sim.Before, &sim.Changes, nil
}

// cutOffBy returns the customers that the person's loss cuts off in
// report, sorted.
func (b *builder) cutOffBy(report *analytics.Report) []string {
	for _, s := range report.SinglePointsOfFailure {
		if s.PersonID == b.person.ID {
			return s.CutOff
		}
	}
	return nil
}

// contacts lists the account's active customers related to the person.
func (b *builder) contacts(ag *graph.AccountGraph, report *analytics.Report) []Contact {
	people := indexPeople(ag)
	cutOff := b.cutOffBy(report)
	out := []Contact{}
	for _, r := range ag.Relationships {
		other, ok := otherEnd(r, b.person.ID)
		if !ok {
			continue
		}
		c := people[other]
		if c == nil || c.Side != graph.SideCustomer || c.AccountID != ag.Account.ID || !c.Active() {
			continue
		}
		_, only := slices.BinarySearch(cutOff, c.ID)
		out = append(out, Contact{
			PersonID:        c.ID,
			Name:            c.Name,
			Title:           c.Title,
			Function:        c.Function,
			Seniority:       string(c.Seniority),
			Role:            string(c.Role),
			Strength:        r.Strength,
			Qualifying:      r.Strength >= b.opts.Report.Threshold,
			Type:            r.Type,
			LastInteraction: r.LastInteraction,
			Threads:         report.Threads[c.ID],
			OnlyThread:      only,
			Notes:           []graph.Note{},
		})
	}
	slices.SortFunc(out, func(x, y Contact) int { return strings.Compare(x.PersonID, y.PersonID) })
	return out
}

// otherEnd returns the endpoint of r that is not id, and whether id is an
// endpoint at all.
func otherEnd(r graph.Relationship, id string) (string, bool) {
	switch id {
	case r.PersonA:
		return r.PersonB, true
	case r.PersonB:
		return r.PersonA, true
	}
	return "", false
}

func indexPeople(ag *graph.AccountGraph) map[string]*graph.Person {
	people := make(map[string]*graph.Person, len(ag.People))
	for i := range ag.People {
		people[ag.People[i].ID] = &ag.People[i]
	}
	return people
}

// summarize adds the account to the brief's summary.
func (b *builder) summarize(a *AccountBrief) {
	s := &b.brief.Summary
	s.Accounts++
	if a.Owner {
		s.OwnedAccounts++
	}
	s.Contacts += len(a.Contacts)
	for _, c := range a.Contacts {
		if c.OnlyThread {
			s.OnlyThreads++
		}
	}
	s.Orphaned += len(a.Orphaned)
	if a.WhatIf == nil {
		return
	}
	s.NewlyUnreached += len(a.WhatIf.NewlyUnreached)
	before, after := a.WhatIf.BusFactor.Before, a.WhatIf.BusFactor.After
	drops := before != nil && (after == nil || *after < *before)
	if drops {
		s.BusFactorDrops = append(s.BusFactorDrops, a.Account.ID)
	}
	if drops || len(a.WhatIf.NewlyUnreached) > 0 {
		s.ARRAtRisk += a.Account.ARR
	}
}

// mentionAccount records the names of everyone the account part names.
func (b *builder) mentionAccount(a *AccountBrief) {
	b.mention(a.Account.OwnerID)
	for _, o := range a.Orphaned {
		b.mention(o.PersonID)
		for _, s := range o.Successors {
			b.mention(s.PersonID)
			if s.WarmPath != nil {
				b.mention(s.WarmPath.Via...)
			}
		}
	}
	if w := a.WhatIf; w != nil {
		b.mention(w.NewlyUnreached...)
		for _, s := range append(slices.Clone(w.SinglePointsGained), w.SinglePointsLost...) {
			b.mention(s.PersonID)
		}
		for _, t := range w.Threads {
			b.mention(t.PersonID)
		}
		b.mention(w.Vendor.Before.TopPersonID, w.Vendor.After.TopPersonID)
	}
}

package graph

import "context"

// PeopleStore reads and changes single people.
type PeopleStore interface {
	// Person returns the person with the given id, or KindNotFound.
	Person(ctx context.Context, id string) (Person, error)

	// PersonAccounts returns the sorted ids of the accounts a person
	// touches: for a vendor person, the accounts they own and those with a
	// customer person they have a relationship with, at any strength; for
	// a customer person, their own account.
	PersonAccounts(ctx context.Context, id string) ([]string, error)

	// MarkDeparted sets a person's status to departed with the given date
	// and keeps their relationships and history. Marking a departed person
	// again changes only the date.
	MarkDeparted(ctx context.Context, id string, on Date) (Person, error)
}

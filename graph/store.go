package graph

import (
	"context"
	"time"
)

// Store keeps accounts, people and relationships. Both implementations
// (Neo4j and in-memory) pass the same contract test suite.
//
// Methods return *Error values of kind KindNotFound for unknown ids and
// KindUnavailable when the backing database cannot be reached, and an
// *ImportError when import input is invalid.
type Store interface {
	// Import validates ds against itself and against what is stored, then
	// applies it whole: records are upserted by id (relationships by their
	// unordered pair) and nothing is deleted. When validation fails it
	// returns an *ImportError and writes nothing. With opts.DryRun it
	// validates and counts but writes nothing.
	Import(ctx context.Context, ds *Dataset, opts ImportOptions) (ImportSummary, error)

	// Accounts returns every account sorted by id.
	Accounts(ctx context.Context) ([]Account, error)

	// Account returns the account with the given id.
	Account(ctx context.Context, id string) (Account, error)

	// AccountGraph returns the people and relationships of one account as
	// AccountGraph documents.
	AccountGraph(ctx context.Context, accountID string) (*AccountGraph, error)

	// Export returns everything stored as a Dataset with records sorted by
	// id and relationships canonical and sorted by pair.
	Export(ctx context.Context) (*Dataset, error)

	// Ping reports whether the store can serve requests.
	Ping(ctx context.Context) error

	// Close releases the store's resources.
	Close(ctx context.Context) error
}

// ImportOptions changes how Import behaves.
type ImportOptions struct {
	DryRun bool // validate and count, write nothing
	// Effective is the time the import's changes took effect, which the
	// history of a HistoryStore records. Zero means the time of the
	// import. A time before the current version of a record the import
	// changes is rejected with KindInvalid, because history is only
	// appended to.
	Effective time.Time
}

// Counts tells how many records of one kind an import created, updated or
// left unchanged.
type Counts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// ImportSummary reports what an import did, or would do in a dry run.
type ImportSummary struct {
	DryRun        bool   `json:"dry_run"`
	Accounts      Counts `json:"accounts"`
	People        Counts `json:"people"`
	Relationships Counts `json:"relationships"`
}

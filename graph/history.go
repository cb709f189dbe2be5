package graph

import (
	"context"
	"time"
)

// HistoryStore is a Store that keeps every version of its records and
// counts its writes. Both stores implement it.
//
// # History
//
// Every change to an account, a person or a relationship adds a version
// that is valid from the time the change took effect until the next change
// of the same record, so no write loses an old value. An import stamps its
// changes with ImportOptions.Effective, or with the time of the import
// when that is zero. A version is valid at t when ValidFrom <= t < ValidTo,
// with an open end for the current version. Records are never deleted, so
// the graph as of t is built from the versions valid at t.
//
// # Versions
//
// Version is a counter that every write which changes something bumps by
// one. Each account also carries the value of the counter at the last write
// that changed its AccountGraph: its own record, the record of one of its
// members, or a relationship between two members, where the members are
// taken before and after the write. An unchanged account version therefore
// means an unchanged AccountGraph, so a cache of per-account results keyed
// by it stays valid. Writes that bypass the store, such as Cypher run by
// hand, bump nothing.
type HistoryStore interface {
	Store

	// Version returns the write counter, 0 for a store never written.
	Version(ctx context.Context) (uint64, error)

	// AccountVersions returns the version of every account, keyed by
	// account id.
	AccountVersions(ctx context.Context) (map[string]uint64, error)

	// AccountsAsOf returns the accounts that existed at t, as they were
	// then, sorted by id.
	AccountsAsOf(ctx context.Context, t time.Time) ([]Account, error)

	// AccountGraphAsOf returns the AccountGraph of an account as it was
	// at t, with the same membership rules as AccountGraph applied to the
	// records valid at t. It returns KindNotFound when the account did not
	// exist at t.
	AccountGraphAsOf(ctx context.Context, accountID string, t time.Time) (*AccountGraph, error)
}

// MetricsStore records the headline metrics of accounts each time they
// are computed after a change, so that trends and alerts can compare
// them over time.
type MetricsStore interface {
	// RecordMetrics stores the points. A point for the same account and
	// ComputedAt as a stored one replaces it.
	RecordMetrics(ctx context.Context, points []AccountMetrics) error

	// MetricsHistory returns the points of one account computed in the
	// closed interval [from, to], oldest first. A zero from or to leaves
	// that side open. An account without points returns an empty list.
	MetricsHistory(ctx context.Context, accountID string, from, to time.Time) ([]AccountMetrics, error)

	// LatestMetrics returns the last point of every account that has one,
	// keyed by account id.
	LatestMetrics(ctx context.Context) (map[string]AccountMetrics, error)
}

// AccountMetrics is one computation of an account's headline metrics: the
// point that trends plot and that alerts compare with the next one.
// Pointer fields are nil when the metric is undefined.
type AccountMetrics struct {
	AccountID    string    `json:"account_id"`
	ComputedAt   time.Time `json:"computed_at"`
	GraphVersion uint64    `json:"graph_version"` // HistoryStore account version the point was computed from
	Threshold    float64   `json:"threshold"`

	Tier    int     `json:"tier,omitempty"`
	ARR     float64 `json:"arr"`
	OwnerID string  `json:"owner_id,omitempty"`

	BusFactor *int `json:"bus_factor"`
	SPOFs     int  `json:"spofs"` // single points of failure
	// KeyStakeholders lists the threads of every key stakeholder, sorted
	// by person id.
	KeyStakeholders []StakeholderThreads `json:"key_stakeholders"`
	// SingleThreadedShare is the share of key stakeholders with exactly
	// one thread.
	SingleThreadedShare *float64 `json:"single_threaded_share"`
	Unreached           int      `json:"unreached"` // active customer people without a path from us
	Breadth             *float64 `json:"breadth"`   // function x seniority coverage breadth
	Concentration       *float64 `json:"concentration"`
	Risk                string   `json:"risk"`
	ARRAtRisk           float64  `json:"arr_at_risk"`
}

// StakeholderThreads is the number of threads of one key stakeholder.
type StakeholderThreads struct {
	PersonID string `json:"person_id"`
	Threads  int    `json:"threads"`
}

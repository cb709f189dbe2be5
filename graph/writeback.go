package graph

import (
	"context"
	"time"
)

// AnalyticsWriter stores computed analytics beside the graph, so that
// analysts can query them with the store's own language. The Neo4j store
// implements it; the in-memory store does not.
type AnalyticsWriter interface {
	// WriteAnalytics replaces the stored analytics of the given accounts
	// with accounts. Analytics of other accounts stay as they are.
	WriteAnalytics(ctx context.Context, accounts []AccountAnalytics) (WritebackSummary, error)
}

// AccountAnalytics is the analytics of one account in the form a store
// writes back.
type AccountAnalytics struct {
	AccountID     string
	ComputedAt    time.Time
	Threshold     float64
	BusFactor     *int
	SPOFs         int
	Breadth       *float64
	Concentration *float64
	Risk          string
	ARRAtRisk     float64
	// People holds one entry for every person of the account graph G(A).
	People  []PersonAnalytics
	Bridges []PairKey // bridge relationships, canonical
}

// PersonAnalytics is what one account's analytics say about one person.
// A person in several accounts has one PersonAnalytics in each.
type PersonAnalytics struct {
	PersonID       string
	Betweenness    float64
	Threads        *int     // customer people only
	SPOF           bool     // the person is a single point of failure of the account
	CutOff         []string // customer people cut off when the person leaves, sorted
	KeyStakeholder bool
}

// WritebackSummary counts what WriteAnalytics wrote.
type WritebackSummary struct {
	Accounts int `json:"accounts"`
	People   int `json:"people"`  // person-account metric links
	SPOFs    int `json:"spofs"`   // distinct people labelled SPOF after the write
	Bridges  int `json:"bridges"` // relationships marked as bridges
}

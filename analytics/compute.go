package analytics

import (
	"context"

	"github.com/kamgraph/kamgraph/graph"
)

// Compute returns the resilience report of ag.Account at opts.Threshold.
// It builds the account graph G(A) with NewNetwork and fills the report
// from Unreached, CutPoints, Threads, KeyStakeholders, BusFactor,
// Betweenness, Coverage, VendorBreadth and Departures. Every list in the
// report except Departures is non-nil, so its JSON form shows [] rather
// than null. Only BusFactor, Breadth, Concentration and Herfindahl are
// null when they are undefined.
//
// Compute returns an error of kind graph.KindInvalid when opts fails
// Validate or when ag is nil or inconsistent (see NewNetwork). It returns
// an error wrapping ctx.Err() when ctx is cancelled during a long step.
//
// The running time is dominated by Betweenness, which runs one shortest
// path search per node of each block (see Betweenness), or one per
// sampled source when opts.BetweennessSamples is positive.
func Compute(ctx context.Context, ag *graph.AccountGraph, opts Options) (*Report, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g, err := NewNetwork(ag, opts.Threshold)
	if err != nil {
		return nil, err
	}

	report := &Report{
		AccountID:     g.AccountID(),
		Threshold:     opts.Threshold,
		People:        g.Len(),
		Relationships: g.EdgeCount(),
		Unreached:     g.Unreached(),
	}
	report.SinglePointsOfFailure, report.Bridges = g.CutPoints()
	if report.Threads, err = g.Threads(ctx); err != nil {
		return nil, err
	}
	if report.KeyStakeholders, err = g.KeyStakeholders(ctx); err != nil {
		return nil, err
	}
	report.BusFactor = BusFactor(report.KeyStakeholders)
	if report.Betweenness, err = g.betweennessFor(ctx, opts); err != nil {
		return nil, err
	}
	report.describeBetweenness(g.Len(), opts)
	report.Coverage = g.Coverage(opts.ExpectedFunctions)
	report.Vendor = g.VendorBreadth()
	report.Departures = Departures(ag, opts)
	return report, nil
}

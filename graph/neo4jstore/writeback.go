package neo4jstore

import (
	"context"
	"log/slog"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/cypher"
	"github.com/kamgraph/kamgraph/graph"
)

// The write-back model. Analytics sit beside the graph so that analysts
// can query them with Cypher:
//
//	(:Person)-[:METRICS {computed_at, threshold, betweenness, threads,
//	                     spof, cut_off, cut_off_count, key_stakeholder}]->(:Account)
//	(:Account {..., metrics_computed_at, metrics_threshold, bus_factor,
//	           spofs, breadth, concentration, risk, arr_at_risk})
//	(:Person:SPOF)            a single point of failure of some account
//	[:RELATES_TO {..., bridge_accounts}]  accounts where the relationship is a bridge
//
// A person in several account graphs gets one METRICS relationship per
// account, so per-account values never overwrite each other. threads is
// set for customer people only. Writing an account's analytics again
// replaces its METRICS relationships and its entries in bridge_accounts.

var (
	queryWritebackClearMetrics  = cypher.MustGet("writeback_clear_metrics")
	queryWritebackClearBridges  = cypher.MustGet("writeback_clear_bridges")
	queryWritebackAccounts      = cypher.MustGet("writeback_accounts")
	queryWritebackPersonMetrics = cypher.MustGet("writeback_person_metrics")
	queryWritebackBridges       = cypher.MustGet("writeback_bridges")
	queryWritebackUnlabelSPOFs  = cypher.MustGet("writeback_unlabel_spofs")
	queryWritebackLabelSPOFs    = cypher.MustGet("writeback_label_spofs")
)

var _ graph.AnalyticsWriter = (*Store)(nil)

// writebackAccountsPerTransaction is the number of accounts whose
// analytics one write transaction replaces.
const writebackAccountsPerTransaction = 50

// WriteAnalytics replaces the stored analytics of the given accounts, a
// few accounts per write transaction, then relabels the SPOF people. An
// account written in an earlier transaction stays written when a later
// one fails.
func (s *Store) WriteAnalytics(ctx context.Context, accounts []graph.AccountAnalytics) (graph.WritebackSummary, error) {
	start := time.Now()
	var summary graph.WritebackSummary
	for first := 0; first < len(accounts); first += writebackAccountsPerTransaction {
		chunk := accounts[first:min(first+writebackAccountsPerTransaction, len(accounts))]
		counts, err := writeTransaction(ctx, s, "write back analytics", func(tx neo4j.ManagedTransaction) (writebackCounts, error) {
			return writeAccountAnalytics(ctx, tx, chunk)
		})
		if err != nil {
			return graph.WritebackSummary{}, err
		}
		summary.Accounts += len(chunk)
		summary.People += counts.people
		summary.Bridges += counts.bridges
	}

	spofs, err := writeTransaction(ctx, s, "label single points of failure", func(tx neo4j.ManagedTransaction) (int64, error) {
		if err := run(ctx, tx, queryWritebackUnlabelSPOFs, nil); err != nil {
			return 0, err
		}
		return singleInt(ctx, tx, queryWritebackLabelSPOFs, nil, "spofs")
	})
	if err != nil {
		return graph.WritebackSummary{}, err
	}
	summary.SPOFs = int(spofs)
	s.logger.Info("neo4j analytics written back",
		slog.Int("accounts", summary.Accounts), slog.Int("people", summary.People),
		slog.Int("spofs", summary.SPOFs), slog.Duration("duration", time.Since(start)))
	return summary, nil
}

// writebackCounts counts the METRICS relationships and bridge marks that
// one transaction wrote.
type writebackCounts struct{ people, bridges int }

// writeAccountAnalytics replaces the analytics of accounts in tx.
func writeAccountAnalytics(ctx context.Context, tx neo4j.ManagedTransaction, accounts []graph.AccountAnalytics) (writebackCounts, error) {
	ids := make([]string, len(accounts))
	accountRows := make([]map[string]any, len(accounts))
	var personRows, bridgeRows []map[string]any
	for i, a := range accounts {
		ids[i] = a.AccountID
		computedAt := a.ComputedAt.UTC()
		accountRows[i] = map[string]any{
			"account_id":    a.AccountID,
			"computed_at":   computedAt,
			"threshold":     a.Threshold,
			"bus_factor":    intPointerParam(a.BusFactor),
			"spofs":         int64(a.SPOFs),
			"breadth":       floatPointerParam(a.Breadth),
			"concentration": floatPointerParam(a.Concentration),
			"risk":          a.Risk,
			"arr_at_risk":   a.ARRAtRisk,
		}
		for _, p := range a.People {
			cutOff := p.CutOff
			if cutOff == nil {
				cutOff = []string{}
			}
			personRows = append(personRows, map[string]any{
				"account_id":      a.AccountID,
				"person_id":       p.PersonID,
				"computed_at":     computedAt,
				"threshold":       a.Threshold,
				"betweenness":     p.Betweenness,
				"threads":         intPointerParam(p.Threads),
				"spof":            p.SPOF,
				"cut_off":         cutOff,
				"key_stakeholder": p.KeyStakeholder,
			})
		}
		for _, b := range a.Bridges {
			bridgeRows = append(bridgeRows, map[string]any{"account_id": a.AccountID, "a": b.A, "b": b.B})
		}
	}

	if err := run(ctx, tx, queryWritebackClearMetrics, map[string]any{"account_ids": ids}); err != nil {
		return writebackCounts{}, err
	}
	if err := run(ctx, tx, queryWritebackClearBridges, map[string]any{"account_ids": ids}); err != nil {
		return writebackCounts{}, err
	}
	steps := []struct {
		query string
		rows  []map[string]any
	}{
		{queryWritebackAccounts, accountRows},
		{queryWritebackPersonMetrics, personRows},
		{queryWritebackBridges, bridgeRows},
	}
	for _, step := range steps {
		for first := 0; first < len(step.rows); first += batchSize {
			rows := step.rows[first:min(first+batchSize, len(step.rows))]
			if err := run(ctx, tx, step.query, map[string]any{"rows": rows}); err != nil {
				return writebackCounts{}, err
			}
		}
	}
	return writebackCounts{people: len(personRows), bridges: len(bridgeRows)}, nil
}

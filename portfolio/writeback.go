package portfolio

import (
	"context"
	"log/slog"
	"sort"
	"time"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// Writeback computes the full report of every account, with threads and
// betweenness, and writes the analytics back into the store. It returns
// an error of kind graph.KindInvalid when the store is not a
// graph.AnalyticsWriter.
func (s *Service) Writeback(ctx context.Context) (graph.WritebackSummary, error) {
	writer, ok := s.store.(graph.AnalyticsWriter)
	if !ok {
		return graph.WritebackSummary{}, graph.Errorf(graph.KindInvalid,
			"write-back needs the Neo4j store: this server runs on a store that cannot hold analytics")
	}
	results, err := s.Results(ctx)
	if err != nil {
		return graph.WritebackSummary{}, err
	}

	start := s.now()
	accounts := make([]graph.AccountAnalytics, len(results))
	err = forEach(ctx, len(results), s.workers, func(ctx context.Context, i int) error {
		ag, err := s.store.AccountGraph(ctx, results[i].Metrics.AccountID)
		if err != nil {
			return err
		}
		report, err := analytics.Compute(ctx, ag, s.opts)
		if err != nil {
			return err
		}
		accounts[i] = AnalyticsOf(report, results[i], start.UTC())
		return nil
	})
	if err != nil {
		return graph.WritebackSummary{}, err
	}

	summary, err := writer.WriteAnalytics(ctx, accounts)
	if err != nil {
		return graph.WritebackSummary{}, err
	}
	s.logger.Info("portfolio analytics written back",
		slog.Int("accounts", summary.Accounts), slog.Int("people", summary.People),
		slog.Int("spofs", summary.SPOFs), slog.Duration("duration", time.Since(start)))
	return summary, nil
}

// AnalyticsOf returns the write-back form of one account's report and
// portfolio result.
func AnalyticsOf(report *analytics.Report, r *AccountResult, computedAt time.Time) graph.AccountAnalytics {
	out := graph.AccountAnalytics{
		AccountID:     report.AccountID,
		ComputedAt:    computedAt,
		Threshold:     report.Threshold,
		BusFactor:     report.BusFactor,
		SPOFs:         len(report.SinglePointsOfFailure),
		Breadth:       r.Metrics.Breadth,
		Concentration: r.Metrics.Concentration,
		Risk:          r.Metrics.Risk,
		ARRAtRisk:     r.Metrics.ARRAtRisk,
		People:        make([]graph.PersonAnalytics, 0, len(report.Betweenness)),
		Bridges:       make([]graph.PairKey, 0, len(report.Bridges)),
	}
	cutOff := make(map[string][]string, len(report.SinglePointsOfFailure))
	for _, p := range report.SinglePointsOfFailure {
		cutOff[p.PersonID] = p.CutOff
	}
	keys := make(map[string]bool, len(report.KeyStakeholders))
	for _, k := range report.KeyStakeholders {
		keys[k.PersonID] = true
	}
	for id, betweenness := range report.Betweenness {
		p := graph.PersonAnalytics{PersonID: id, Betweenness: betweenness, KeyStakeholder: keys[id], CutOff: []string{}}
		if threads, ok := report.Threads[id]; ok {
			p.Threads = &threads
		}
		if cut, ok := cutOff[id]; ok {
			p.SPOF = true
			p.CutOff = cut
		}
		out.People = append(out.People, p)
	}
	sortPeopleAnalytics(out.People)
	for _, b := range report.Bridges {
		out.Bridges = append(out.Bridges, graph.Pair(b.PersonA, b.PersonB))
	}
	return out
}

func sortPeopleAnalytics(people []graph.PersonAnalytics) {
	sort.Slice(people, func(i, j int) bool { return people[i].PersonID < people[j].PersonID })
}

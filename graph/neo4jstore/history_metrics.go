package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/cypher"
	"github.com/kamgraph/kamgraph/graph"
)

var (
	queryRecordMetrics = cypher.MustGet("history_record_metrics")
	queryMetrics       = cypher.MustGet("history_metrics")
	queryLatestMetrics = cypher.MustGet("history_latest_metrics")
)

var _ graph.MetricsStore = (*Store)(nil)

// RecordMetrics stores the points as MetricsSnapshot nodes, replacing a
// stored point of the same account and ComputedAt.
func (s *Store) RecordMetrics(ctx context.Context, points []graph.AccountMetrics) error {
	rows := make([]map[string]any, 0, len(points))
	for _, p := range points {
		rows = append(rows, metricsRow(p))
	}
	_, err := writeTransaction(ctx, s, "record metrics", func(tx neo4j.ManagedTransaction) (struct{}, error) {
		for start := 0; start < len(rows); start += batchSize {
			batch := rows[start:min(start+batchSize, len(rows))]
			if err := run(ctx, tx, queryRecordMetrics, map[string]any{"rows": batch}); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	})
	return err
}

// MetricsHistory returns the points of one account computed in [from, to],
// oldest first.
func (s *Store) MetricsHistory(ctx context.Context, accountID string, from, to time.Time) ([]graph.AccountMetrics, error) {
	params := map[string]any{"account_id": accountID, "from": timeParam(from), "to": timeParam(to)}
	return readTransaction(ctx, s, "read metrics history", func(tx neo4j.ManagedTransaction) ([]graph.AccountMetrics, error) {
		points, err := readMetrics(ctx, tx, queryMetrics, params)
		if err != nil {
			return nil, err
		}
		sort.Slice(points, func(i, j int) bool { return points[i].ComputedAt.Before(points[j].ComputedAt) })
		return points, nil
	})
}

// LatestMetrics returns the last point of every account that has one.
func (s *Store) LatestMetrics(ctx context.Context) (map[string]graph.AccountMetrics, error) {
	return readTransaction(ctx, s, "read latest metrics", func(tx neo4j.ManagedTransaction) (map[string]graph.AccountMetrics, error) {
		points, err := readMetrics(ctx, tx, queryLatestMetrics, nil)
		if err != nil {
			return nil, err
		}
		out := make(map[string]graph.AccountMetrics, len(points))
		for _, p := range points {
			out[p.AccountID] = p
		}
		return out, nil
	})
}

func readMetrics(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) ([]graph.AccountMetrics, error) {
	points := []graph.AccountMetrics{}
	err := eachListItem(ctx, tx, query, params, "points", func(values map[string]any) error {
		p, err := decodeMetrics(values)
		points = append(points, p)
		return err
	})
	return points, err
}

// metricsRow returns the parameters of one MetricsSnapshot. Key
// stakeholders become two parallel lists, because Neo4j properties cannot
// hold maps.
func metricsRow(p graph.AccountMetrics) map[string]any {
	ids := make([]string, len(p.KeyStakeholders))
	threads := make([]int64, len(p.KeyStakeholders))
	for i, k := range p.KeyStakeholders {
		ids[i] = k.PersonID
		threads[i] = int64(k.Threads)
	}
	var tier any
	if p.Tier != 0 {
		tier = int64(p.Tier)
	}
	return map[string]any{
		"account_id":              p.AccountID,
		"computed_at":             p.ComputedAt.UTC(),
		"graph_version":           int64(p.GraphVersion),
		"threshold":               p.Threshold,
		"tier":                    tier,
		"arr":                     p.ARR,
		"owner_id":                nullable(p.OwnerID),
		"bus_factor":              intPointerParam(p.BusFactor),
		"spofs":                   int64(p.SPOFs),
		"key_stakeholder_ids":     ids,
		"key_stakeholder_threads": threads,
		"single_threaded_share":   floatPointerParam(p.SingleThreadedShare),
		"unreached":               int64(p.Unreached),
		"breadth":                 floatPointerParam(p.Breadth),
		"concentration":           floatPointerParam(p.Concentration),
		"risk":                    p.Risk,
		"arr_at_risk":             p.ARRAtRisk,
	}
}

func decodeMetrics(values map[string]any) (graph.AccountMetrics, error) {
	p := properties{kind: "metrics snapshot", values: values}
	m := graph.AccountMetrics{
		AccountID:           p.text("account_id"),
		GraphVersion:        uint64(p.integer("graph_version")),
		Threshold:           p.number("threshold"),
		Tier:                p.integer("tier"),
		ARR:                 p.number("arr"),
		OwnerID:             p.text("owner_id"),
		BusFactor:           optionalInt(&p, "bus_factor"),
		SPOFs:               p.integer("spofs"),
		SingleThreadedShare: optionalFloat(&p, "single_threaded_share"),
		Unreached:           p.integer("unreached"),
		Breadth:             optionalFloat(&p, "breadth"),
		Concentration:       optionalFloat(&p, "concentration"),
		Risk:                p.text("risk"),
		ARRAtRisk:           p.number("arr_at_risk"),
	}
	if at, ok := values["computed_at"].(time.Time); ok {
		m.ComputedAt = at.UTC()
	} else if p.err == nil {
		p.err = fmt.Errorf("stored metrics snapshot of account %q: unexpected %T in property computed_at: expected a datetime",
			m.AccountID, values["computed_at"])
	}
	ids, _ := values["key_stakeholder_ids"].([]any)
	threads, _ := values["key_stakeholder_threads"].([]any)
	m.KeyStakeholders = make([]graph.StakeholderThreads, 0, len(ids))
	for i, id := range ids {
		k := graph.StakeholderThreads{}
		k.PersonID, _ = id.(string)
		if i < len(threads) {
			n, _ := threads[i].(int64)
			k.Threads = int(n)
		}
		m.KeyStakeholders = append(m.KeyStakeholders, k)
	}
	return m, p.err
}

func optionalInt(p *properties, key string) *int {
	if p.values[key] == nil {
		return nil
	}
	v := p.integer(key)
	return &v
}

func optionalFloat(p *properties, key string) *float64 {
	if p.values[key] == nil {
		return nil
	}
	v := p.number(key)
	return &v
}

func intPointerParam(v *int) any {
	if v == nil {
		return nil
	}
	return int64(*v)
}

func floatPointerParam(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// timeParam returns t in UTC, or nil for the zero time.
func timeParam(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

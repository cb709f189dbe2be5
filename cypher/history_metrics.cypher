// Returns one row with the metric points of one account computed in
// [$from, $to]; a null bound leaves that side open.
MATCH (m:MetricsSnapshot {account_id: $account_id})
WHERE ($from IS NULL OR m.computed_at >= $from)
  AND ($to IS NULL OR m.computed_at <= $to)
RETURN collect(m {.*}) AS points

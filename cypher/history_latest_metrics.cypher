// Returns one row with the last metric point of every account.
MATCH (m:MetricsSnapshot)
WITH m.account_id AS id, max(m.computed_at) AS latest
MATCH (m:MetricsSnapshot {account_id: id, computed_at: latest})
RETURN collect(m {.*}) AS points

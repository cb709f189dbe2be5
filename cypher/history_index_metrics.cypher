// Serves the lookups of the recorded metrics of one account.
CREATE INDEX metrics_snapshot_account_id IF NOT EXISTS
FOR (m:MetricsSnapshot) ON (m.account_id)

// Stores metric points, one MetricsSnapshot node per account and
// computed_at, linked to the account when it exists.
UNWIND $rows AS row
MERGE (m:MetricsSnapshot {account_id: row.account_id, computed_at: row.computed_at})
SET m.graph_version = row.graph_version,
    m.threshold = row.threshold,
    m.tier = row.tier,
    m.arr = row.arr,
    m.owner_id = row.owner_id,
    m.bus_factor = row.bus_factor,
    m.spofs = row.spofs,
    m.key_stakeholder_ids = row.key_stakeholder_ids,
    m.key_stakeholder_threads = row.key_stakeholder_threads,
    m.single_threaded_share = row.single_threaded_share,
    m.unreached = row.unreached,
    m.breadth = row.breadth,
    m.concentration = row.concentration,
    m.risk = row.risk,
    m.arr_at_risk = row.arr_at_risk
WITH m, row
MATCH (a:Account {id: row.account_id})
MERGE (m)-[:SNAPSHOT_OF]->(a)

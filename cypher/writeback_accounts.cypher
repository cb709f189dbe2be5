// Sets the headline metrics of each account in $rows.
UNWIND $rows AS row
MATCH (a:Account {id: row.account_id})
SET a.metrics_computed_at = row.computed_at,
    a.metrics_threshold = row.threshold,
    a.bus_factor = row.bus_factor,
    a.spofs = row.spofs,
    a.breadth = row.breadth,
    a.concentration = row.concentration,
    a.risk = row.risk,
    a.arr_at_risk = row.arr_at_risk

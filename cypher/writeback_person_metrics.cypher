// Creates one METRICS relationship from each person in $rows to the
// account whose analytics it carries.
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (a:Account {id: row.account_id})
CREATE (p)-[:METRICS {
  computed_at: row.computed_at, threshold: row.threshold,
  betweenness: row.betweenness, threads: row.threads, spof: row.spof,
  cut_off: row.cut_off, cut_off_count: size(row.cut_off),
  key_stakeholder: row.key_stakeholder
}]->(a)

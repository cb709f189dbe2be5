// Links each new person of the staged import $staging_id to their
// Function, BusinessUnit, Account and manager. The account and the
// manager may be stored or staged by the same import.
UNWIND $rows AS row
MATCH (p:StagedPerson {id: row.id, staged_import: $staging_id})
CALL {
  WITH p, row
  WITH p, row WHERE row.function_key IS NOT NULL
  MERGE (f:Function {key: row.function_key})
  CREATE (p)-[:IN_FUNCTION]->(f)
}
CALL {
  WITH p, row
  WITH p, row WHERE row.unit_key IS NOT NULL
  MERGE (u:BusinessUnit {side: row.unit_side, org: row.unit_org, key: row.unit_key})
    ON CREATE SET u.name = row.unit_name
  CREATE (p)-[:IN_UNIT]->(u)
}
CALL {
  WITH p, row
  OPTIONAL MATCH (stored:Account {id: row.account_id})
  OPTIONAL MATCH (staged:StagedAccount {id: row.account_id, staged_import: $staging_id})
  WITH p, coalesce(stored, staged) AS a
  WHERE a IS NOT NULL
  CREATE (p)-[:WORKS_AT]->(a)
}
CALL {
  WITH p, row
  OPTIONAL MATCH (stored:Person {id: row.manager_id})
  OPTIONAL MATCH (staged:StagedPerson {id: row.manager_id, staged_import: $staging_id})
  WITH p, coalesce(stored, staged) AS m
  WHERE m IS NOT NULL
  CREATE (p)-[:REPORTS_TO]->(m)
}

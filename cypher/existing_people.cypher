// Returns one row with the stored people among $ids.
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN collect(p {
  .id, .name, .side, .title, .function, .business_unit, .geography,
  .seniority, .role, .status, .departed_on, .email,
  account_id: head([(p)-[:WORKS_AT]->(a:Account) | a.id]),
  manager_id: head([(p)-[:REPORTS_TO]->(m:Person) | m.id])
}) AS people

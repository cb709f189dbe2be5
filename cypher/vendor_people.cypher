MATCH (p:Vendor)
RETURN p {
  .id, .name, .side, .title, .function, .business_unit, .geography,
  .seniority, .role, .status, .departed_on, .email,
  account_id: head([(p)-[:WORKS_AT]->(a:Account) | a.id]),
  manager_id: head([(p)-[:REPORTS_TO]->(m:Person) | m.id])
} AS person

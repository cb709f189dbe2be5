MATCH (p:Vendor)
RETURN p {
  .id, .name, .side, .title, .function, .business_unit, .geography,
  .seniority, .role, .status, .departed_on, .email,
  account_id: head([(p)-[:WORKS_AT]->(a:Account) | a.id]),
  manager_id: head([(p)-[:REPORTS_TO]->(m:Person) | m.id])
} AS person,
[(p)-[r:RELATES_TO]-(o:Vendor) WHERE p.id < o.id | r {
  .strength, .type, .last_interaction, .source,
  person_a: startNode(r).id, person_b: endNode(r).id
}] AS relationships
UNION ALL
MATCH (p:Customer)
WHERE EXISTS { (p)-[:RELATES_TO]-(:Vendor) }
RETURN p {
  .id, .name, .side, .title, .function, .business_unit, .geography,
  .seniority, .role, .status, .departed_on, .email,
  account_id: head([(p)-[:WORKS_AT]->(a:Account) | a.id]),
  manager_id: head([(p)-[:REPORTS_TO]->(m:Person) | m.id])
} AS person,
[(p)-[r:RELATES_TO]-(o:Vendor) | r {
  .strength, .type, .last_interaction, .source,
  person_a: startNode(r).id, person_b: endNode(r).id
}] AS relationships

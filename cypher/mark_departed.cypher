// Sets the status of the person $id to departed with the date
// $departed_on, or without a date when it is null. Links and relationships
// stay. Returns the person as stored, or no row for an unknown id.
MATCH (p:Person {id: $id})
SET p.status = 'departed',
    p.departed_on = $departed_on
RETURN p {
  .id, .name, .side, .title, .function, .business_unit, .geography,
  .seniority, .role, .status, .departed_on, .email,
  account_id: head([(p)-[:WORKS_AT]->(a:Account) | a.id]),
  manager_id: head([(p)-[:REPORTS_TO]->(m:Person) | m.id])
} AS person

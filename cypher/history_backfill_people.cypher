// Gives up to $limit people stored without any version a version without
// valid_from, which means valid since before history began. Returns how
// many it created.
MATCH (p:Person)
WHERE NOT EXISTS { MATCH (:PersonVersion {person_id: p.id}) }
WITH p LIMIT $limit
CREATE (v:PersonVersion {
  person_id: p.id, name: p.name, side: p.side, title: p.title,
  function: p.function, business_unit: p.business_unit,
  geography: p.geography, seniority: p.seniority, role: p.role,
  status: p.status, departed_on: p.departed_on, email: p.email,
  account_id: head([(p)-[:WORKS_AT]->(x:Account) | x.id]),
  manager_id: head([(p)-[:REPORTS_TO]->(m:Person) | m.id])
})
RETURN count(v) AS created

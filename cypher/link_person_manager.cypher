// Moves each person's REPORTS_TO link to the Person row.manager_id, or
// removes it when the id is null.
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
OPTIONAL MATCH (p)-[old:REPORTS_TO]->(m:Person)
WHERE row.manager_id IS NULL OR m.id <> row.manager_id
DELETE old
WITH DISTINCT p, row
WHERE row.manager_id IS NOT NULL
MATCH (m:Person {id: row.manager_id})
MERGE (p)-[:REPORTS_TO]->(m)

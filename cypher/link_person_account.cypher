// Moves each person's WORKS_AT link to the Account row.account_id, or
// removes it when the id is null.
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
OPTIONAL MATCH (p)-[old:WORKS_AT]->(a:Account)
WHERE row.account_id IS NULL OR a.id <> row.account_id
DELETE old
WITH DISTINCT p, row
WHERE row.account_id IS NOT NULL
MATCH (a:Account {id: row.account_id})
MERGE (p)-[:WORKS_AT]->(a)

// Moves each account's OWNED_BY link to the Person row.owner_id, or removes
// it when the id is null.
UNWIND $rows AS row
MATCH (a:Account {id: row.id})
OPTIONAL MATCH (a)-[old:OWNED_BY]->(o:Person)
WHERE row.owner_id IS NULL OR o.id <> row.owner_id
DELETE old
WITH DISTINCT a, row
WHERE row.owner_id IS NOT NULL
MATCH (o:Person {id: row.owner_id})
MERGE (a)-[:OWNED_BY]->(o)

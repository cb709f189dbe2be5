// Moves each person's IN_FUNCTION link to the Function of row.function_key,
// or removes it when the key is null.
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
OPTIONAL MATCH (p)-[old:IN_FUNCTION]->(f:Function)
WHERE row.function_key IS NULL OR f.key <> row.function_key
DELETE old
WITH DISTINCT p, row
WHERE row.function_key IS NOT NULL
MERGE (f:Function {key: row.function_key})
MERGE (p)-[:IN_FUNCTION]->(f)

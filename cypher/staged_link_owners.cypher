// Links each new account of the staged import $staging_id to its owner,
// a stored person or one staged by the same import.
UNWIND $rows AS row
MATCH (a:StagedAccount {id: row.id, staged_import: $staging_id})
OPTIONAL MATCH (stored:Person {id: row.owner_id})
OPTIONAL MATCH (staged:StagedPerson {id: row.owner_id, staged_import: $staging_id})
WITH a, coalesce(stored, staged) AS o
WHERE o IS NOT NULL
CREATE (a)-[:OWNED_BY]->(o)

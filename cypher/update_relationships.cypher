// Replaces the properties of stored RELATES_TO relationships. Rows are
// canonical (row.a < row.b), like the stored relationships.
UNWIND $rows AS row
MATCH (:Person {id: row.a})-[r:RELATES_TO]->(:Person {id: row.b})
SET r.strength = row.strength,
    r.type = row.type,
    r.last_interaction = row.last_interaction,
    r.source = row.source

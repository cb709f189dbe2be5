// Returns every INTERACTIONS relationship with its ends and properties, so
// that tests can check the stored model.
MATCH (a:Person)-[r:INTERACTIONS]->(b:Person)
RETURN a.id AS a, b.id AS b, keys(r) AS keys, r.added_at AS added_at, r.ids AS ids, r.at AS at,
       r.types AS types, r.from_a AS from_a, r.message_ids AS message_ids
ORDER BY a, b, added_at

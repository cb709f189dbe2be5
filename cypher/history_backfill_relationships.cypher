// Gives up to $limit RELATES_TO relationships stored without any version
// a RELATES_TO_VERSION without valid_from, which means valid since before
// history began. Returns how many it created.
MATCH (a:Person)-[r:RELATES_TO]->(b:Person)
WHERE NOT EXISTS { MATCH (a)-[:RELATES_TO_VERSION]->(b) }
WITH a, r, b LIMIT $limit
CREATE (a)-[v:RELATES_TO_VERSION {
  strength: r.strength, type: r.type,
  last_interaction: r.last_interaction, source: r.source
}]->(b)
RETURN count(v) AS created

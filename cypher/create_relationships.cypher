// Creates RELATES_TO relationships that the import found missing. Rows are
// canonical (row.a < row.b), so each unordered pair is stored once, from
// the lower id to the higher.
UNWIND $rows AS row
MATCH (a:Person {id: row.a})
MATCH (b:Person {id: row.b})
CREATE (a)-[:RELATES_TO {
  strength: row.strength,
  type: row.type,
  last_interaction: row.last_interaction,
  source: row.source
}]->(b)

// Closes the current RELATES_TO_VERSION of each canonical pair in $rows at
// $at and adds the row as its new current version, valid from $at.
UNWIND $rows AS row
MATCH (a:Person {id: row.a})
MATCH (b:Person {id: row.b})
CALL {
  WITH a, b
  MATCH (a)-[old:RELATES_TO_VERSION]->(b)
  WHERE old.valid_to IS NULL
  SET old.valid_to = $at
}
CREATE (a)-[:RELATES_TO_VERSION {
  valid_from: $at, strength: row.strength, type: row.type,
  last_interaction: row.last_interaction, source: row.source
}]->(b)

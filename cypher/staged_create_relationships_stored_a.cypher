// Creates the RELATES_TO relationship of each canonical row (row.a <
// row.b) from the stored person row.a to row.b, staged by the import
// $staging_id, and its first RELATES_TO_VERSION valid from $at. Readers
// do not see them until row.b is published.
UNWIND $rows AS row
MATCH (a:Person {id: row.a})
MATCH (b:StagedPerson {id: row.b, staged_import: $staging_id})
CREATE (a)-[:RELATES_TO {
  strength: row.strength, type: row.type,
  last_interaction: row.last_interaction, source: row.source
}]->(b)
CREATE (a)-[:RELATES_TO_VERSION {
  valid_from: $at, strength: row.strength, type: row.type,
  last_interaction: row.last_interaction, source: row.source
}]->(b)

// Creates the RELATES_TO relationship of each canonical row (row.a <
// row.b) from row.a, staged by the import $staging_id, to the stored
// person row.b, and its first RELATES_TO_VERSION valid from $at. Readers
// do not see them until row.a is published.
UNWIND $rows AS row
MATCH (a:StagedPerson {id: row.a, staged_import: $staging_id})
MATCH (b:Person {id: row.b})
CREATE (a)-[:RELATES_TO {
  strength: row.strength, type: row.type,
  last_interaction: row.last_interaction, source: row.source
}]->(b)
CREATE (a)-[:RELATES_TO_VERSION {
  valid_from: $at, strength: row.strength, type: row.type,
  last_interaction: row.last_interaction, source: row.source
}]->(b)

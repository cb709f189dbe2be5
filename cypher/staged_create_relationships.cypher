// Creates the RELATES_TO relationship of each canonical row (row.a <
// row.b), and its first RELATES_TO_VERSION valid from $at, where at least
// one end is a person staged by the import $staging_id. Readers do not see
// them until that person is published. A missing end fails the statement.
UNWIND $rows AS row
OPTIONAL MATCH (storedA:Person {id: row.a})
OPTIONAL MATCH (stagedA:StagedPerson {id: row.a, staged_import: $staging_id})
OPTIONAL MATCH (storedB:Person {id: row.b})
OPTIONAL MATCH (stagedB:StagedPerson {id: row.b, staged_import: $staging_id})
WITH row, coalesce(storedA, stagedA) AS a, coalesce(storedB, stagedB) AS b
CREATE (a)-[:RELATES_TO {
  strength: row.strength, type: row.type,
  last_interaction: row.last_interaction, source: row.source
}]->(b)
CREATE (a)-[:RELATES_TO_VERSION {
  valid_from: $at, strength: row.strength, type: row.type,
  last_interaction: row.last_interaction, source: row.source
}]->(b)

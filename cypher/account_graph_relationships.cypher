// Returns one row with every RELATES_TO relationship whose two ends are
// both in $person_ids. One row of a list transfers much faster than one
// row per relationship.
UNWIND $person_ids AS id
MATCH (a:Person {id: id})-[r:RELATES_TO]->(b:Person)
WHERE b.id IN $person_ids
RETURN collect(r {
  .strength, .type, .last_interaction, .source,
  person_a: a.id, person_b: b.id
}) AS relationships

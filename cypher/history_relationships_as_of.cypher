// Returns one row with the relationship versions valid at $at whose two
// ends are both in $person_ids.
UNWIND $person_ids AS id
MATCH (a:Person {id: id})-[r:RELATES_TO_VERSION]->(b:Person)
WHERE b.id IN $person_ids
  AND (r.valid_from IS NULL OR r.valid_from <= $at)
  AND (r.valid_to IS NULL OR r.valid_to > $at)
RETURN collect(r {
  .strength, .type, .last_interaction, .source,
  person_a: a.id, person_b: b.id
}) AS relationships

// Returns one row with the stored relationships among $pairs, each pair a
// map {a, b} with a < b.
UNWIND $pairs AS pair
MATCH (a:Person {id: pair.a})-[r:RELATES_TO]->(b:Person {id: pair.b})
RETURN collect(r {
  .strength, .type, .last_interaction, .source,
  person_a: a.id, person_b: b.id
}) AS relationships

MATCH (a:Person)-[r:RELATES_TO]->(b:Person)
RETURN r {
  .strength, .type, .last_interaction, .source,
  person_a: a.id, person_b: b.id
} AS relationship

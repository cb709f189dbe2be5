// Returns one row with the notes among $ids, with their versions when
// $with_history is true. The account of a note is read through its ABOUT
// links as they are now: the account itself, the account of a customer
// person, or for a relationship the account of its first customer person
// in id order.
UNWIND $ids AS id
MATCH (n:Note {id: id})
RETURN collect(n {
  .id, .kind, .text, .author, .version, .created_at, .updated_at,
  .deleted_at, .deleted_by, .target_kind, .person_a, .person_b,
  target_id: head([(n)-[:ABOUT]->(t) WHERE n.target_kind <> 'relationship' | t.id]),
  account_id: CASE n.target_kind
    WHEN 'account' THEN head([(n)-[:ABOUT]->(a:Account) | a.id])
    WHEN 'person' THEN head([(n)-[:ABOUT]->(:Customer)-[:WORKS_AT]->(a:Account) | a.id])
    ELSE head(
      [(n)-[:ABOUT]->(p:Customer)-[:WORKS_AT]->(a:Account) WHERE p.id = n.person_a | a.id] +
      [(n)-[:ABOUT]->(p:Customer)-[:WORKS_AT]->(a:Account) WHERE p.id = n.person_b | a.id])
  END,
  history: CASE WHEN $with_history
    THEN [(n)-[:HAS_VERSION]->(v:NoteVersion) | v {.version, .author, .kind, .text, .at, id: n.id}]
    ELSE []
  END
}) AS notes

// Creates a note on the relationship between $person_a and $person_b
// ($person_a < $person_b, the direction RELATES_TO is stored in) with its
// first version. The note keeps the pair and links ABOUT to both people.
// Returns no row, and creates nothing, when the relationship does not
// exist.
MATCH (a:Person {id: $person_a})-[:RELATES_TO]->(b:Person {id: $person_b})
WITH a, b
LIMIT 1
CREATE (n:Note {
  id: $id, target_kind: 'relationship', person_a: $person_a, person_b: $person_b,
  kind: $kind, text: $text, author: $author, version: 1, created_at: $at, updated_at: $at
})
CREATE (n)-[:ABOUT]->(a), (n)-[:ABOUT]->(b)
CREATE (n)-[:HAS_VERSION]->(:NoteVersion {version: 1, author: $author, kind: $kind, text: $text, at: $at})
RETURN n.id AS id

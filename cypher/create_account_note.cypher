// Creates a note on the account $target_id with its first version. Returns
// no row, and creates nothing, when the account does not exist.
MATCH (t:Account {id: $target_id})
CREATE (n:Note {
  id: $id, target_kind: 'account', kind: $kind, text: $text, author: $author,
  version: 1, created_at: $at, updated_at: $at
})-[:ABOUT]->(t)
CREATE (n)-[:HAS_VERSION]->(:NoteVersion {version: 1, author: $author, kind: $kind, text: $text, at: $at})
RETURN n.id AS id

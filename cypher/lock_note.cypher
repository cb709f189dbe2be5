// Takes the write lock of the note $id, which Neo4j holds until the
// transaction ends: writing a property locks the node, and removing the
// property again leaves the note as it was. Statements that run after this
// one in the same transaction read the note as last committed, so of two
// concurrent edits from the same version only the first passes the
// version check. Returns the number of notes locked, 0 or 1.
MATCH (n:Note {id: $id})
SET n.lock = true
REMOVE n.lock
RETURN count(n) AS locked

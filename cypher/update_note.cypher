// Makes $version the current version of the note $id, which lock_note
// has locked, and keeps it as a NoteVersion beside the earlier ones.
MATCH (n:Note {id: $id})
SET n.version = $version,
    n.author = $author,
    n.kind = $kind,
    n.text = $text,
    n.updated_at = $at
CREATE (n)-[:HAS_VERSION]->(:NoteVersion {version: $version, author: $author, kind: $kind, text: $text, at: $at})

// Marks the note $id deleted unless it already is. Its text and versions
// stay stored.
MATCH (n:Note {id: $id})
WHERE n.deleted_at IS NULL
SET n.deleted_at = $at,
    n.deleted_by = $author

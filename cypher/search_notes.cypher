// Returns the ids of up to $limit live notes whose current text matches
// $query, a Lucene query whose syntax characters the caller has escaped,
// best match first: by relevance score, then by the time of the last
// version, newest first, then by id. Deleted notes stay in the index and
// are left out here.
CALL db.index.fulltext.queryNodes('note_text', $query) YIELD node, score
WHERE node:Note AND node.deleted_at IS NULL
RETURN node.id AS id
ORDER BY score DESC, node.updated_at DESC, id
LIMIT $limit

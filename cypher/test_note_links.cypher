// Returns how a note is stored: its property keys, the ids of the nodes it
// is ABOUT, its versions and the type of its creation time, so that tests
// can check the model.
MATCH (n:Note {id: $id})
RETURN labels(n) AS labels,
       keys(n) AS keys,
       n.created_at AS created_at,
       [(n)-[:ABOUT]->(t) | t.id] AS about,
       [(n)-[:HAS_VERSION]->(v:NoteVersion) | v.version] AS versions

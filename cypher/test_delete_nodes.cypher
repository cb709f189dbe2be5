// Deletes up to $limit nodes with their relationships. Tests call it until
// it deletes nothing, to start from an empty database.
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted

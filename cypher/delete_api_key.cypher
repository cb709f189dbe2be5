// Deletes the API key $id and returns how many keys it deleted, 0 or 1.
OPTIONAL MATCH (k:ApiKey {id: $id})
DETACH DELETE k
RETURN count(k) AS deleted

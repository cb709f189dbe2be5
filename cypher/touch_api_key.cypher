// Sets the last-used time of the API key $id to $at and returns how many
// keys it changed, 0 or 1.
OPTIONAL MATCH (k:ApiKey {id: $id})
SET k.last_used_at = $at
RETURN count(k) AS touched

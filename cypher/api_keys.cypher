// Returns every API key as a map in the column key, sorted by id.
MATCH (k:ApiKey)
RETURN k {.*} AS key
ORDER BY k.id

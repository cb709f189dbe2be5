// Returns the API key $id as a map in the column key, or no row.
MATCH (k:ApiKey {id: $id})
RETURN k {.*} AS key

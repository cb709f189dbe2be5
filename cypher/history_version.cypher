// Returns the graph's write counter, or no row before the first write.
MATCH (v:GraphVersion {id: $graph_id})
RETURN v.version AS version

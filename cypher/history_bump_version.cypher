// Increments the graph's write counter and gives its new value to the
// accounts in $account_ids. Returns the new value.
MERGE (v:GraphVersion {id: $graph_id})
SET v.version = coalesce(v.version, 0) + 1
WITH v
CALL {
  WITH v
  UNWIND $account_ids AS id
  MATCH (a:Account {id: id})
  SET a.version = v.version
}
RETURN v.version AS version

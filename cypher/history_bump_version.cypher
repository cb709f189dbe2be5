// Increments the graph's write counter and gives its new value to the
// accounts in $account_ids. Returns the new value. A new counter starts
// at $base, a random number, so that a database created again under a
// running server does not repeat the versions that its caches have seen.
MERGE (v:GraphVersion {id: $graph_id})
  ON CREATE SET v.version = $base
SET v.version = coalesce(v.version, 0) + 1
WITH v
CALL {
  WITH v
  UNWIND $account_ids AS id
  MATCH (a:Account {id: id})
  SET a.version = v.version
}
RETURN v.version AS version

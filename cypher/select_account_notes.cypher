// Returns one row with the ids of the notes of the account $account_id: on
// the account, on its customer people and on the relationships of those
// people, which link ABOUT to both of their people. Null filters select
// everything.
MATCH (a:Account {id: $account_id})
CALL (a) {
  MATCH (n:Note)-[:ABOUT]->(a)
  RETURN n
  UNION
  MATCH (n:Note)-[:ABOUT]->(:Customer)-[:WORKS_AT]->(a)
  RETURN n
}
WITH n
WHERE ($include_deleted OR n.deleted_at IS NULL)
  AND ($only_kind IS NULL OR n.kind = $only_kind)
  AND ($only_target_kind IS NULL OR n.target_kind = $only_target_kind)
RETURN collect(n.id) AS ids

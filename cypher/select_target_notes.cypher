// Returns one row with the ids of the notes on one target: the account or
// person $target_id, or the relationship between $target_id and $other_id
// ($target_id < $other_id). Null filters select everything.
CALL () {
  MATCH (n:Note {target_kind: 'account'})-[:ABOUT]->(:Account {id: $target_id})
  WHERE $target_kind = 'account'
  RETURN n
  UNION
  MATCH (n:Note {target_kind: 'person'})-[:ABOUT]->(:Person {id: $target_id})
  WHERE $target_kind = 'person'
  RETURN n
  UNION
  MATCH (n:Note {target_kind: 'relationship'})-[:ABOUT]->(:Person {id: $target_id})
  WHERE $target_kind = 'relationship' AND n.person_a = $target_id AND n.person_b = $other_id
  RETURN n
}
WITH n
WHERE ($include_deleted OR n.deleted_at IS NULL)
  AND ($only_kind IS NULL OR n.kind = $only_kind)
  AND ($only_target_kind IS NULL OR n.target_kind = $only_target_kind)
RETURN collect(n.id) AS ids

// Returns whether the target of a note exists: the account or person
// $target_id, or the relationship between $target_id and $other_id, which
// RELATES_TO stores from the lower id to the higher.
RETURN CASE $target_kind
  WHEN 'account' THEN EXISTS { MATCH (:Account {id: $target_id}) }
  WHEN 'person' THEN EXISTS { MATCH (:Person {id: $target_id}) }
  WHEN 'relationship' THEN EXISTS { MATCH (:Person {id: $target_id})-[:RELATES_TO]->(:Person {id: $other_id}) }
  ELSE false
END AS found

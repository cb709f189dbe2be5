// Returns the records among $account_ids, $person_ids and the canonical
// $pairs whose current version started after $at, so that an import
// effective at $at would insert history before them. Each id is a list:
// one id, or the two ids of a pair.
CALL {
  UNWIND $account_ids AS id
  MATCH (v:AccountVersion {account_id: id})
  WHERE v.valid_to IS NULL AND v.valid_from > $at
  RETURN 'account' AS kind, [id] AS id, v.valid_from AS valid_from
  UNION ALL
  UNWIND $person_ids AS id
  MATCH (v:PersonVersion {person_id: id})
  WHERE v.valid_to IS NULL AND v.valid_from > $at
  RETURN 'person' AS kind, [id] AS id, v.valid_from AS valid_from
  UNION ALL
  UNWIND $pairs AS pair
  MATCH (:Person {id: pair.a})-[v:RELATES_TO_VERSION]->(:Person {id: pair.b})
  WHERE v.valid_to IS NULL AND v.valid_from > $at
  RETURN 'relationship' AS kind, [pair.a, pair.b] AS id, v.valid_from AS valid_from
}
RETURN collect({kind: kind, id: id, valid_from: valid_from}) AS later

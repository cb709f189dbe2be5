// Makes the first versions of the people and accounts staged by the import
// $staging_id visible to history queries.
CALL {
  MATCH (v:StagedPersonVersion {staged_import: $staging_id})
  REMOVE v:StagedPersonVersion, v.staged_import
  SET v:PersonVersion
  RETURN count(v) AS people
}
CALL {
  MATCH (v:StagedAccountVersion {staged_import: $staging_id})
  REMOVE v:StagedAccountVersion, v.staged_import
  SET v:AccountVersion
  RETURN count(v) AS accounts
}
RETURN people + accounts AS published

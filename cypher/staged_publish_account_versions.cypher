// Makes up to $limit first versions of accounts staged by the import
// $staging_id visible to history queries. Returns how many.
MATCH (v:StagedAccountVersion {staged_import: $staging_id})
WITH v LIMIT $limit
REMOVE v:StagedAccountVersion
SET v:AccountVersion
RETURN count(v) AS published

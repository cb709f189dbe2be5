// Makes up to $limit first versions of people staged by the import
// $staging_id visible to history queries. Returns how many.
MATCH (v:StagedPersonVersion {staged_import: $staging_id})
WITH v LIMIT $limit
REMOVE v:StagedPersonVersion
SET v:PersonVersion
RETURN count(v) AS published

// Makes up to $limit accounts staged by the import $staging_id visible.
// Returns how many.
MATCH (a:StagedAccount {staged_import: $staging_id})
WITH a LIMIT $limit
REMOVE a:StagedAccount
SET a:Account
RETURN count(a) AS published

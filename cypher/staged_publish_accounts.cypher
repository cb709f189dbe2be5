// Makes the accounts staged by the import $staging_id visible.
MATCH (a:StagedAccount {staged_import: $staging_id})
REMOVE a:StagedAccount, a.staged_import
SET a:Account
RETURN count(a) AS published

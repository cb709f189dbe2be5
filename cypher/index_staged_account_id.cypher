// Serves the lookups of staged accounts by id while an import is staged.
CREATE INDEX staged_account_id IF NOT EXISTS FOR (a:StagedAccount) ON (a.id)

// Serves the lookups of the versions of one account.
CREATE INDEX account_version_account_id IF NOT EXISTS
FOR (v:AccountVersion) ON (v.account_id)

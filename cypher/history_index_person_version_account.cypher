// Serves the lookups of the customer people an account had at some time.
CREATE INDEX person_version_account_id IF NOT EXISTS
FOR (v:PersonVersion) ON (v.account_id)

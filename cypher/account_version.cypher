// Returns the version of one account, 0 when no write has touched it since
// the store kept versions, or no row when the account does not exist.
MATCH (a:Account {id: $account_id})
RETURN coalesce(a.version, 0) AS version

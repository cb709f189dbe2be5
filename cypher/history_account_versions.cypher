// Returns one row with the version of every account, 0 for accounts no
// write has touched since the store kept versions.
MATCH (a:Account)
RETURN collect({id: a.id, version: coalesce(a.version, 0)}) AS accounts

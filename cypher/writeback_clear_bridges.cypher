// Removes the accounts $account_ids from the bridge_accounts of every
// RELATES_TO relationship, and the property itself when no account is
// left.
MATCH (:Person)-[r:RELATES_TO]->(:Person)
WHERE r.bridge_accounts IS NOT NULL
  AND any(id IN r.bridge_accounts WHERE id IN $account_ids)
WITH r, [id IN r.bridge_accounts WHERE NOT id IN $account_ids] AS rest
SET r.bridge_accounts = CASE WHEN size(rest) = 0 THEN null ELSE rest END

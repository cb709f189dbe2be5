// Adds the account of each row to the bridge_accounts of the RELATES_TO
// relationship between row.a and row.b (row.a < row.b).
UNWIND $rows AS row
MATCH (:Person {id: row.a})-[r:RELATES_TO]->(:Person {id: row.b})
SET r.bridge_accounts = [id IN coalesce(r.bridge_accounts, []) WHERE id <> row.account_id] + [row.account_id]

// Deletes the METRICS relationships of the accounts $account_ids, before
// the write-back writes them anew.
UNWIND $account_ids AS id
MATCH (:Person)-[m:METRICS]->(:Account {id: id})
DELETE m

// Takes the write lock of the single import lock node, which Neo4j holds
// until the transaction ends, so that imports run one at a time. Returns
// the id of the staged import that holds the staging lease, if any, and
// whether its lease has not yet expired.
MERGE (l:ImportLock {id: $lock_id})
SET l.acquired_at = datetime()
RETURN l.staging_id AS staging_id,
       coalesce(l.staging_expires > datetime(), false) AS staging_live

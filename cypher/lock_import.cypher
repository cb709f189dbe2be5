// Takes the write lock of the single import lock node, which Neo4j holds
// until the transaction ends, so that imports run one at a time.
MERGE (l:ImportLock {id: $lock_id})
SET l.acquired_at = datetime()

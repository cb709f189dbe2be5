// Ends the staging lease of $staging_id. The caller holds the import lock.
MATCH (l:ImportLock {id: $lock_id})
WHERE l.staging_id = $staging_id
REMOVE l.staging_id, l.staging_expires

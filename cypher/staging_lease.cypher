// Gives the staging lease to the staged import $staging_id, or extends it,
// until $lease_seconds from now. The caller holds the import lock.
MATCH (l:ImportLock {id: $lock_id})
SET l.staging_id = $staging_id,
    l.staging_expires = datetime() + duration({seconds: $lease_seconds})

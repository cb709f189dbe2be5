package neo4jstore

import "time"

// SetBatchSize sets the number of rows per UNWIND statement and returns a
// function that restores the previous value. Tests only.
func SetBatchSize(n int) (restore func()) {
	previous := batchSize
	batchSize = n
	return func() { batchSize = previous }
}

// SetStaging sets the lease, the rows per staging transaction and the hook
// of staged imports, and returns a function that restores them. Tests
// only.
func SetStaging(lease time.Duration, txRows int, hook func(step string) error) (restore func()) {
	previousLease, previousRows, previousHook := stagingLease, stagingTxRows, stagingHook
	stagingLease, stagingTxRows, stagingHook = lease, txRows, hook
	return func() { stagingLease, stagingTxRows, stagingHook = previousLease, previousRows, previousHook }
}

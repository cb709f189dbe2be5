package neo4jstore

// SetBatchSize sets the number of rows per UNWIND statement and returns a
// function that restores the previous value. Tests only.
func SetBatchSize(n int) (restore func()) {
	previous := batchSize
	batchSize = n
	return func() { batchSize = previous }
}

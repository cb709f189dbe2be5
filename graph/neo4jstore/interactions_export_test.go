package neo4jstore

// SetInteractionBatchSize sets the number of interactions per UNWIND
// statement and returns a function that restores the previous value.
// Tests only.
func SetInteractionBatchSize(n int) (restore func()) {
	previous := interactionBatchSize
	interactionBatchSize = n
	return func() { interactionBatchSize = previous }
}

//go:build !unix

package analytics_test

// processCPUTime reports that the CPU time is unknown on this system.
func processCPUTime() (int64, bool) { return 0, false }

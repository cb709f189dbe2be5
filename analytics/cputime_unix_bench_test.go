//go:build unix

package analytics_test

import "syscall"

// processCPUTime returns the user and system CPU time that the process
// has used so far, in nanoseconds, and whether it could read it.
func processCPUTime() (int64, bool) {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0, false
	}
	return usage.Utime.Nano() + usage.Stime.Nano(), true
}

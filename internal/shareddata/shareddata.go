// Package shareddata locates the published data sets that some tests read:
// real organisational networks, CRM export headers and an e-mail
// interaction log. The data is not part of the repository, because its
// licences allow research use only.
package shareddata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the folder that contains the data sets: $KAMGRAPH_SHARED_DATA,
// or else the shared/data folder beside the repository. It skips the test
// when the folder or the named entry inside it does not exist.
func Dir(t testing.TB, entry string) string {
	t.Helper()
	dir := os.Getenv("KAMGRAPH_SHARED_DATA")
	if dir == "" {
		_, file, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(file), "..", "..")
		dir = filepath.Join(root, "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, entry)); err != nil {
		t.Skipf("data set %s not found in %s (%v): set KAMGRAPH_SHARED_DATA to the folder that contains lazega, enron and crm", entry, dir, err)
	}
	return dir
}

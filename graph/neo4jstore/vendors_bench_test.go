package neo4jstore_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/graph/storetest"
)

// BenchmarkVendorReads runs storetest.BenchVendorReads on Neo4j. Run it
// with
//
//	KAMGRAPH_TEST_NEO4J_URI=bolt://127.0.0.1:PORT go test ./graph/neo4jstore \
//	  -run '^$' -bench VendorReads -benchmem
func BenchmarkVendorReads(b *testing.B) {
	store, _ := openStore(b)
	storetest.BenchVendorReads(b, store)
}

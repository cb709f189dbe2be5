package memstore_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/graph/storetest"
)

// BenchmarkVendorReads runs storetest.BenchVendorReads. Run it with
//
//	go test ./graph/memstore -run '^$' -bench VendorReads -benchmem
func BenchmarkVendorReads(b *testing.B) {
	storetest.BenchVendorReads(b, memstore.New())
}

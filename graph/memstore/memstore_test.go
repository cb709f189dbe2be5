package memstore_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/graph/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return memstore.New() })
}

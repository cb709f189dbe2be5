package memstore_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/graph/storetest"
)

func TestNoteContract(t *testing.T) {
	storetest.RunNotes(t, func(t *testing.T, clock *storetest.Clock) graph.Store {
		return memstore.New(memstore.WithClock(clock.Now))
	})
}

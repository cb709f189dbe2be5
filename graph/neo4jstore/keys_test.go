package neo4jstore_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/storetest"
)

func TestKeyStoreContract(t *testing.T) {
	storetest.RunKeys(t, func(t *testing.T) graph.KeyStore {
		store, _ := openStore(t)
		return store
	})
}

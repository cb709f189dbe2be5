package neo4jstore_test

import (
	"os"
	"testing"

	"github.com/kamgraph/kamgraph/graph/neo4jstore/internal/neo4jtest"
)

func TestMain(m *testing.M) {
	os.Exit(neo4jtest.Main(m))
}

package neo4jstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
)

// TestDeadlineIsNotUnreachable checks that a request whose deadline has
// passed fails as a timeout, not as a Neo4j that cannot be reached, which
// is how the driver reports a deadline that passes while it waits for a
// connection.
func TestDeadlineIsNotUnreachable(t *testing.T) {
	store, _ := openStore(t)
	mustImport(t, store, demo.Generate(1))

	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err := store.AccountGraph(ctx, demo.ChampionOnlyAccountID)
	if err == nil {
		t.Fatal("AccountGraph with a passed deadline succeeded")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
	}
	if kind := graph.KindOf(err); kind == graph.KindUnavailable {
		t.Errorf("error %v has kind %v, want a timeout rather than an unreachable store", err, kind)
	}
}

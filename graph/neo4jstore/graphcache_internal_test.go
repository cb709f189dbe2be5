package neo4jstore

import (
	"fmt"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
)

// testGraph returns an account graph of the given number of people and
// no relationships, so that it counts people+1 records.
func testGraph(id string, people int) *graph.AccountGraph {
	g := &graph.AccountGraph{Account: graph.Account{ID: id}}
	for i := range people {
		g.People = append(g.People, graph.Person{ID: fmt.Sprintf("%s-p%d", id, i)})
	}
	return g
}

func TestGraphCacheVersionMismatchMisses(t *testing.T) {
	c := newGraphCache(100)
	c.put("a", 3, testGraph("a", 2))
	if _, ok := c.get("a", 3); !ok {
		t.Fatal("get at the stored version missed")
	}
	if _, ok := c.get("a", 4); ok {
		t.Error("get at a newer version hit")
	}
	if n := c.len(); n != 0 {
		t.Errorf("len after a version miss = %d, want 0: the stale graph should be dropped", n)
	}
}

func TestGraphCacheEvictsLeastRecentlyUsed(t *testing.T) {
	// Each graph counts 4 records, so a budget of 10 keeps two of them.
	c := newGraphCache(10)
	c.put("a", 1, testGraph("a", 3))
	c.put("b", 1, testGraph("b", 3))
	if _, ok := c.get("a", 1); !ok {
		t.Fatal("get a missed")
	}
	c.put("c", 1, testGraph("c", 3))
	if _, ok := c.get("b", 1); ok {
		t.Error("b, the least recently used graph, was kept")
	}
	for _, id := range []string{"a", "c"} {
		if _, ok := c.get(id, 1); !ok {
			t.Errorf("%s was evicted", id)
		}
	}
	if c.records != 8 {
		t.Errorf("records = %d, want 8", c.records)
	}
}

func TestGraphCacheSkipsGraphOverBudget(t *testing.T) {
	c := newGraphCache(10)
	c.put("small", 1, testGraph("small", 1))
	c.put("large", 1, testGraph("large", 10))
	if _, ok := c.get("large", 1); ok {
		t.Error("a graph of 11 records was kept under a budget of 10")
	}
	if _, ok := c.get("small", 1); !ok {
		t.Error("the small graph was evicted to make room for one that cannot fit")
	}
}

func TestGraphCacheReturnsCopies(t *testing.T) {
	c := newGraphCache(100)
	stored := testGraph("a", 2)
	c.put("a", 1, stored)
	stored.People[0].ID = "changed after put"
	got, _ := c.get("a", 1)
	got.People[1].ID = "changed after get"
	again, _ := c.get("a", 1)
	if again.People[0].ID != "a-p0" || again.People[1].ID != "a-p1" {
		t.Errorf("cached people %+v, want a-p0 and a-p1 unchanged", again.People)
	}
}

func TestGraphCacheOffWhenBudgetNotPositive(t *testing.T) {
	for _, budget := range []int{0, -1} {
		c := newGraphCache(budget)
		c.put("a", 1, testGraph("a", 1))
		if _, ok := c.get("a", 1); ok {
			t.Errorf("budget %d: get hit", budget)
		}
	}
}

package neo4jstore

import (
	"container/list"
	"sync"

	"github.com/kamgraph/kamgraph/cypher"
	"github.com/kamgraph/kamgraph/graph"
)

// DefaultAccountGraphCacheRecords is the AccountGraphCacheRecords of a
// Config that sets none: room for the people and relationships of about
// 45 accounts of 2,000 people and 20,000 relationships.
const DefaultAccountGraphCacheRecords = 1_000_000

var queryAccountVersion = cypher.MustGet("account_version")

// graphCache keeps the most recently loaded account graphs with the
// account version they were read at. Every write through a Store, from
// any process, raises the version of each account it changes, so a
// cached graph is current exactly while its account's version is
// unchanged. It is safe for concurrent use.
type graphCache struct {
	mu      sync.Mutex
	budget  int // people plus relationships that the cache may keep
	records int // people plus relationships kept now
	order   *list.List
	byID    map[string]*list.Element
}

// cachedGraph is an entry of graphCache.
type cachedGraph struct {
	accountID string
	version   int64
	graph     *graph.AccountGraph
}

// newGraphCache returns a cache for the given budget of records, or nil,
// which caches nothing, when budget is not positive.
func newGraphCache(budget int) *graphCache {
	if budget <= 0 {
		return nil
	}
	return &graphCache{budget: budget, order: list.New(), byID: map[string]*list.Element{}}
}

// get returns a copy of the graph of the account at the given version.
func (c *graphCache) get(accountID string, version int64) (*graph.AccountGraph, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	element, ok := c.byID[accountID]
	if !ok {
		return nil, false
	}
	entry := element.Value.(*cachedGraph)
	if entry.version != version {
		c.remove(element)
		return nil, false
	}
	c.order.MoveToFront(element)
	return copyAccountGraph(entry.graph), true
}

// put keeps a copy of g as the graph of the account at the given version,
// unless g alone exceeds the budget, and evicts the least recently used
// graphs until the cache fits its budget.
func (c *graphCache) put(accountID string, version int64, g *graph.AccountGraph) {
	if c == nil {
		return
	}
	size := graphRecords(g)
	c.mu.Lock()
	defer c.mu.Unlock()
	if element, ok := c.byID[accountID]; ok {
		c.remove(element)
	}
	if size > c.budget {
		return
	}
	entry := &cachedGraph{accountID: accountID, version: version, graph: copyAccountGraph(g)}
	c.byID[accountID] = c.order.PushFront(entry)
	c.records += size
	for c.records > c.budget {
		c.remove(c.order.Back())
	}
}

// remove drops element from the cache. The caller holds mu.
func (c *graphCache) remove(element *list.Element) {
	entry := c.order.Remove(element).(*cachedGraph)
	delete(c.byID, entry.accountID)
	c.records -= graphRecords(entry.graph)
}

// len returns the number of cached graphs.
func (c *graphCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.byID)
}

func graphRecords(g *graph.AccountGraph) int {
	return 1 + len(g.People) + len(g.Relationships)
}

// copyAccountGraph returns a copy of g that shares no slice with it, so
// that callers may change what they get. People and relationships hold
// only values, so copying the slices copies everything.
func copyAccountGraph(g *graph.AccountGraph) *graph.AccountGraph {
	return &graph.AccountGraph{
		Account:       g.Account,
		People:        append([]graph.Person(nil), g.People...),
		Relationships: append([]graph.Relationship(nil), g.Relationships...),
	}
}

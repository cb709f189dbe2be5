package memstore

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

var _ graph.KeyStore = (*Store)(nil)

// keyTable holds API keys by id. Its zero value is empty and ready.
type keyTable struct {
	mu   sync.Mutex
	keys map[string]graph.APIKey
}

// CreateKey stores k, or returns KindConflict when its id is taken.
func (s *Store) CreateKey(ctx context.Context, k graph.APIKey) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t := &s.keys
	t.mu.Lock()
	defer t.mu.Unlock()

	if _, ok := t.keys[k.ID]; ok {
		return graph.Errorf(graph.KindConflict, "API key %q exists", k.ID)
	}
	if t.keys == nil {
		t.keys = make(map[string]graph.APIKey)
	}
	t.keys[k.ID] = cloneKey(k)
	return nil
}

// Key returns the key with the given id, or KindNotFound.
func (s *Store) Key(ctx context.Context, id string) (graph.APIKey, error) {
	t := &s.keys
	t.mu.Lock()
	defer t.mu.Unlock()

	k, ok := t.keys[id]
	if !ok {
		return graph.APIKey{}, keyNotFound(id)
	}
	return cloneKey(k), nil
}

// Keys returns every key sorted by id.
func (s *Store) Keys(ctx context.Context) ([]graph.APIKey, error) {
	t := &s.keys
	t.mu.Lock()
	defer t.mu.Unlock()

	keys := make([]graph.APIKey, 0, len(t.keys))
	for _, k := range t.keys {
		keys = append(keys, cloneKey(k))
	}
	slices.SortFunc(keys, func(a, b graph.APIKey) int { return strings.Compare(a.ID, b.ID) })
	return keys, nil
}

// DeleteKey removes the key with the given id, or returns KindNotFound.
func (s *Store) DeleteKey(ctx context.Context, id string) error {
	t := &s.keys
	t.mu.Lock()
	defer t.mu.Unlock()

	if _, ok := t.keys[id]; !ok {
		return keyNotFound(id)
	}
	delete(t.keys, id)
	return nil
}

// TouchKey sets the last-used time of a key, or returns KindNotFound.
func (s *Store) TouchKey(ctx context.Context, id string, at time.Time) error {
	t := &s.keys
	t.mu.Lock()
	defer t.mu.Unlock()

	k, ok := t.keys[id]
	if !ok {
		return keyNotFound(id)
	}
	k.LastUsedAt = at.UTC().Truncate(time.Millisecond)
	t.keys[id] = k
	return nil
}

func keyNotFound(id string) error {
	return graph.Errorf(graph.KindNotFound, "API key %q not found", id)
}

// cloneKey copies the byte slices of k, so that callers cannot change a
// stored key.
func cloneKey(k graph.APIKey) graph.APIKey {
	k.Salt = slices.Clone(k.Salt)
	k.Hash = slices.Clone(k.Hash)
	return k
}

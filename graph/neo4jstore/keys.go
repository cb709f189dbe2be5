package neo4jstore

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/cypher"
	"github.com/kamgraph/kamgraph/graph"
)

var _ graph.KeyStore = (*Store)(nil)

// Statements of package cypher for API keys.
var (
	queryConstraintAPIKeyID = cypher.MustGet("constraint_api_key_id")
	queryCreateAPIKey       = cypher.MustGet("create_api_key")
	queryAPIKey             = cypher.MustGet("api_key")
	queryAPIKeys            = cypher.MustGet("api_keys")
	queryDeleteAPIKey       = cypher.MustGet("delete_api_key")
	queryTouchAPIKey        = cypher.MustGet("touch_api_key")
)

// ensureKeySchema creates the uniqueness constraint on API key ids.
func (s *Store) ensureKeySchema(ctx context.Context) error {
	return s.wrapError("create API key schema", s.runSchemaStatement(ctx, queryConstraintAPIKeyID, nil))
}

// CreateKey stores k, or returns KindConflict when its id is taken.
func (s *Store) CreateKey(ctx context.Context, k graph.APIKey) error {
	params := map[string]any{"key": keyProperties(k)}
	_, err := writeTransaction(ctx, s, "create API key", func(tx neo4j.ManagedTransaction) (struct{}, error) {
		return struct{}{}, run(ctx, tx, queryCreateAPIKey, params)
	})
	if graph.KindOf(err) == graph.KindConflict {
		return &graph.Error{Kind: graph.KindConflict, Message: fmt.Sprintf("API key %q exists", k.ID), Err: err}
	}
	return err
}

// Key returns the key with the given id, or KindNotFound.
func (s *Store) Key(ctx context.Context, id string) (graph.APIKey, error) {
	return readTransaction(ctx, s, "load API key", func(tx neo4j.ManagedTransaction) (graph.APIKey, error) {
		var key graph.APIKey
		found := false
		err := eachMap(ctx, tx, queryAPIKey, map[string]any{"id": id}, "key", func(values map[string]any) error {
			var err error
			key, err = decodeKey(values)
			found = true
			return err
		})
		if err == nil && !found {
			err = keyNotFound(id)
		}
		return key, err
	})
}

// Keys returns every key sorted by id.
func (s *Store) Keys(ctx context.Context) ([]graph.APIKey, error) {
	return readTransaction(ctx, s, "list API keys", func(tx neo4j.ManagedTransaction) ([]graph.APIKey, error) {
		keys := []graph.APIKey{}
		err := eachMap(ctx, tx, queryAPIKeys, nil, "key", func(values map[string]any) error {
			key, err := decodeKey(values)
			keys = append(keys, key)
			return err
		})
		return keys, err
	})
}

// DeleteKey removes the key with the given id, or returns KindNotFound.
func (s *Store) DeleteKey(ctx context.Context, id string) error {
	return s.changeKey(ctx, "delete API key", queryDeleteAPIKey, map[string]any{"id": id}, id)
}

// TouchKey sets the last-used time of a key, or returns KindNotFound.
func (s *Store) TouchKey(ctx context.Context, id string, at time.Time) error {
	params := map[string]any{"id": id, "at": at.UTC().Truncate(time.Millisecond)}
	return s.changeKey(ctx, "touch API key", queryTouchAPIKey, params, id)
}

// changeKey runs a statement that returns, in its only column, how many
// keys it changed, and returns KindNotFound when that is 0.
func (s *Store) changeKey(ctx context.Context, op, query string, params map[string]any, id string) error {
	_, err := writeTransaction(ctx, s, op, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		changed := int64(0)
		err := eachRecord(ctx, tx, query, params, func(record *neo4j.Record) error {
			if len(record.Values) > 0 {
				changed, _ = record.Values[0].(int64)
			}
			return nil
		})
		if err == nil && changed == 0 {
			err = keyNotFound(id)
		}
		return struct{}{}, err
	})
	return err
}

func keyNotFound(id string) error {
	return graph.Errorf(graph.KindNotFound, "API key %q not found", id)
}

// keyProperties returns the node properties of k: salt and hash as hex
// strings, times as Neo4j datetimes, and no property for an empty person
// id or a zero expiry.
func keyProperties(k graph.APIKey) map[string]any {
	props := map[string]any{
		"id":         k.ID,
		"name":       k.Name,
		"role":       string(k.Role),
		"created_at": k.CreatedAt.UTC(),
		"salt":       hex.EncodeToString(k.Salt),
		"hash":       hex.EncodeToString(k.Hash),
	}
	if k.PersonID != "" {
		props["person_id"] = k.PersonID
	}
	if !k.ExpiresAt.IsZero() {
		props["expires_at"] = k.ExpiresAt.UTC()
	}
	if !k.LastUsedAt.IsZero() {
		props["last_used_at"] = k.LastUsedAt.UTC()
	}
	return props
}

// decodeKey is the inverse of keyProperties.
func decodeKey(values map[string]any) (graph.APIKey, error) {
	text := func(name string) string {
		v, _ := values[name].(string)
		return v
	}
	instant := func(name string) time.Time {
		v, _ := values[name].(time.Time)
		if v.IsZero() {
			return time.Time{}
		}
		return v.UTC()
	}
	k := graph.APIKey{
		ID:         text("id"),
		Name:       text("name"),
		Role:       graph.KeyRole(text("role")),
		PersonID:   text("person_id"),
		CreatedAt:  instant("created_at"),
		ExpiresAt:  instant("expires_at"),
		LastUsedAt: instant("last_used_at"),
	}
	var err error
	if k.Salt, err = hex.DecodeString(text("salt")); err != nil {
		return graph.APIKey{}, fmt.Errorf("decode salt of API key %q: %w", k.ID, err)
	}
	if k.Hash, err = hex.DecodeString(text("hash")); err != nil {
		return graph.APIKey{}, fmt.Errorf("decode hash of API key %q: %w", k.ID, err)
	}
	return k, nil
}

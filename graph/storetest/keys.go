package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// RunKeys runs the contract suite of graph.KeyStore. open must return a
// store without keys and arrange its cleanup; it is called once per
// subtest.
func RunKeys(t *testing.T, open func(t *testing.T) graph.KeyStore) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s graph.KeyStore)
	}{
		{"CreateThenGet", testKeyCreateThenGet},
		{"CreateConflict", testKeyCreateConflict},
		{"ListSorted", testKeysListSorted},
		{"Delete", testKeyDelete},
		{"Touch", testKeyTouch},
		{"NotFound", testKeyNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

var keyClock = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

func newTestKey(t *testing.T, name string, role graph.KeyRole, personID string, expires time.Time) (graph.APIKey, string) {
	t.Helper()
	k, token, err := graph.GenerateAPIKey(graph.NewAPIKey{Name: name, Role: role, PersonID: personID, ExpiresAt: expires}, keyClock)
	if err != nil {
		t.Fatalf("GenerateAPIKey: %v", err)
	}
	return k, token
}

func mustCreateKey(t *testing.T, s graph.KeyStore, k graph.APIKey) {
	t.Helper()
	if err := s.CreateKey(context.Background(), k); err != nil {
		t.Fatalf("CreateKey(%s): %v", k.ID, err)
	}
}

func checkSameKey(t *testing.T, got, want graph.APIKey) {
	t.Helper()
	if got.ID != want.ID || got.Name != want.Name || got.Role != want.Role || got.PersonID != want.PersonID {
		t.Errorf("key = {%s %q %s %q}, want {%s %q %s %q}",
			got.ID, got.Name, got.Role, got.PersonID, want.ID, want.Name, want.Role, want.PersonID)
	}
	if !got.CreatedAt.Equal(want.CreatedAt) {
		t.Errorf("CreatedAt = %s, want %s", got.CreatedAt, want.CreatedAt)
	}
	if !got.ExpiresAt.Equal(want.ExpiresAt) {
		t.Errorf("ExpiresAt = %s, want %s", got.ExpiresAt, want.ExpiresAt)
	}
	if string(got.Salt) != string(want.Salt) {
		t.Errorf("Salt = %x, want %x", got.Salt, want.Salt)
	}
	if string(got.Hash) != string(want.Hash) {
		t.Errorf("Hash = %x, want %x", got.Hash, want.Hash)
	}
}

func testKeyCreateThenGet(t *testing.T, s graph.KeyStore) {
	expires := keyClock.Add(30 * 24 * time.Hour)
	k, token := newTestKey(t, "Vera's laptop", graph.KeyRoleAccountManager, "V1", expires)
	mustCreateKey(t, s, k)

	got, err := s.Key(context.Background(), k.ID)
	if err != nil {
		t.Fatalf("Key: %v", err)
	}
	checkSameKey(t, got, k)
	if !got.LastUsedAt.IsZero() {
		t.Errorf("LastUsedAt = %s, want zero", got.LastUsedAt)
	}
	id, secret, ok := graph.ParseToken(token)
	if !ok || id != k.ID {
		t.Fatalf("ParseToken(token) = %q, %v, want %q, true", id, ok, k.ID)
	}
	if !got.Verify(secret) {
		t.Error("stored key does not verify its own secret")
	}
	secret[0] ^= 1
	if got.Verify(secret) {
		t.Error("stored key verifies a changed secret")
	}
}

func testKeyCreateConflict(t *testing.T, s graph.KeyStore) {
	k, _ := newTestKey(t, "first", graph.KeyRoleAdmin, "", time.Time{})
	mustCreateKey(t, s, k)
	other, _ := newTestKey(t, "second", graph.KeyRoleLeader, "", time.Time{})
	other.ID = k.ID

	err := s.CreateKey(context.Background(), other)
	if graph.KindOf(err) != graph.KindConflict {
		t.Fatalf("CreateKey with a taken id: %v, want kind conflict", err)
	}
	got, err := s.Key(context.Background(), k.ID)
	if err != nil {
		t.Fatalf("Key: %v", err)
	}
	checkSameKey(t, got, k)
}

func testKeysListSorted(t *testing.T, s graph.KeyStore) {
	keys, err := s.Keys(context.Background())
	if err != nil {
		t.Fatalf("Keys of an empty store: %v", err)
	}
	if len(keys) != 0 {
		t.Fatalf("Keys of an empty store = %d keys, want 0", len(keys))
	}
	for _, role := range graph.KeyRoles {
		person := ""
		if role == graph.KeyRoleAccountManager {
			person = "V1"
		}
		k, _ := newTestKey(t, string(role)+" key", role, person, time.Time{})
		mustCreateKey(t, s, k)
	}

	keys, err = s.Keys(context.Background())
	if err != nil {
		t.Fatalf("Keys: %v", err)
	}
	if len(keys) != len(graph.KeyRoles) {
		t.Fatalf("Keys = %d keys, want %d", len(keys), len(graph.KeyRoles))
	}
	for i := 1; i < len(keys); i++ {
		if keys[i-1].ID >= keys[i].ID {
			t.Errorf("Keys not sorted by id: %s before %s", keys[i-1].ID, keys[i].ID)
		}
	}
}

func testKeyDelete(t *testing.T, s graph.KeyStore) {
	k, _ := newTestKey(t, "to revoke", graph.KeyRoleAnalyst, "", time.Time{})
	kept, _ := newTestKey(t, "to keep", graph.KeyRoleAnalyst, "", time.Time{})
	mustCreateKey(t, s, k)
	mustCreateKey(t, s, kept)

	if err := s.DeleteKey(context.Background(), k.ID); err != nil {
		t.Fatalf("DeleteKey: %v", err)
	}
	if _, err := s.Key(context.Background(), k.ID); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("Key after DeleteKey: %v, want kind not_found", err)
	}
	if _, err := s.Key(context.Background(), kept.ID); err != nil {
		t.Errorf("Key of the other key after DeleteKey: %v", err)
	}
	if err := s.DeleteKey(context.Background(), k.ID); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("second DeleteKey: %v, want kind not_found", err)
	}
}

func testKeyTouch(t *testing.T, s graph.KeyStore) {
	k, _ := newTestKey(t, "used", graph.KeyRoleLeader, "", time.Time{})
	mustCreateKey(t, s, k)
	at := keyClock.Add(90 * time.Second)

	if err := s.TouchKey(context.Background(), k.ID, at); err != nil {
		t.Fatalf("TouchKey: %v", err)
	}
	got, err := s.Key(context.Background(), k.ID)
	if err != nil {
		t.Fatalf("Key: %v", err)
	}
	if !got.LastUsedAt.Equal(at) {
		t.Errorf("LastUsedAt = %s, want %s", got.LastUsedAt, at)
	}
	checkSameKey(t, got, k)
}

func testKeyNotFound(t *testing.T, s graph.KeyStore) {
	ctx := context.Background()
	if _, err := s.Key(ctx, "0000000000000000"); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("Key of an unknown id: %v, want kind not_found", err)
	}
	if err := s.TouchKey(ctx, "0000000000000000", keyClock); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("TouchKey of an unknown id: %v, want kind not_found", err)
	}
	if err := s.DeleteKey(ctx, "0000000000000000"); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("DeleteKey of an unknown id: %v, want kind not_found", err)
	}
}

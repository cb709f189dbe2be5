package graph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

func TestGenerateAPIKeyRoundTrip(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	key, token, err := graph.GenerateAPIKey(graph.NewAPIKey{Name: " ci ", Role: graph.KeyRoleAnalyst}, now)
	if err != nil {
		t.Fatal(err)
	}
	if key.Name != "ci" {
		t.Errorf("Name = %q, want the trimmed name ci", key.Name)
	}

	id, secret, ok := graph.ParseToken(token)
	if !ok || id != key.ID {
		t.Fatalf("ParseToken = %q, %v; want %q, true", id, ok, key.ID)
	}
	if len(secret) != graph.KeySecretBytes {
		t.Errorf("secret of %d bytes, want %d", len(secret), graph.KeySecretBytes)
	}
	if !key.Verify(secret) {
		t.Error("Verify rejects the key's own secret")
	}

	other, otherToken, err := graph.GenerateAPIKey(graph.NewAPIKey{Name: "ci", Role: graph.KeyRoleAnalyst}, now)
	if err != nil {
		t.Fatal(err)
	}
	if other.ID == key.ID || otherToken == token || string(other.Salt) == string(key.Salt) {
		t.Error("two keys share an id, a token or a salt")
	}
	_, otherSecret, _ := graph.ParseToken(otherToken)
	if key.Verify(otherSecret) {
		t.Error("Verify accepts another key's secret")
	}
	if strings.Contains(string(key.Hash), string(secret)) {
		t.Error("the hash holds the secret")
	}
}

func TestAPIKeyExpired(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	key, _, err := graph.GenerateAPIKey(graph.NewAPIKey{Name: "x", Role: graph.KeyRoleLeader, ExpiresAt: now.Add(time.Hour)}, now)
	if err != nil {
		t.Fatal(err)
	}
	if key.Expired(now) {
		t.Error("Expired an hour before the expiry")
	}
	if !key.Expired(now.Add(time.Hour)) {
		t.Error("not Expired at the expiry")
	}
	never := graph.APIKey{}
	if never.Expired(now.AddDate(100, 0, 0)) {
		t.Error("a key without expiry is Expired")
	}
}

func FuzzParseToken(f *testing.F) {
	_, token, err := graph.GenerateAPIKey(graph.NewAPIKey{Name: "seed", Role: graph.KeyRoleAdmin}, time.Now())
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{token, "", "kg_", "kg_0123456789abcdef_", "kg_0123456789ABCDEF_" + strings.Repeat("A", 43),
		"kg_zzzzzzzzzzzzzzzz_" + strings.Repeat("A", 43), "Bearer " + token} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		id, secret, ok := graph.ParseToken(token)
		if !ok {
			return
		}
		if len(id) != 2*graph.KeyIDBytes || len(secret) != graph.KeySecretBytes {
			t.Fatalf("ParseToken(%q) = id %q and a %d-byte secret", token, id, len(secret))
		}
		if !strings.HasPrefix(token, graph.TokenPrefix+id+"_") {
			t.Fatalf("ParseToken(%q) = id %q, which is not the token's id part", token, id)
		}
	})
}

package graph

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// KeyRole is the set of permissions of an API key.
type KeyRole string

// KeyRoles of API keys. KeyRoleAccountManager keys are bound to a vendor person
// and reach only the accounts that person owns or has relationships in.
const (
	KeyRoleAdmin          KeyRole = "admin"           // everything, API keys included
	KeyRoleAnalyst        KeyRole = "analyst"         // reads everything and runs imports
	KeyRoleLeader         KeyRole = "leader"          // reads the portfolio and every account, writes nothing
	KeyRoleAccountManager KeyRole = "account_manager" // reads and writes the accounts of one vendor person
)

// KeyRoles lists every API key role, in order of decreasing reach.
var KeyRoles = []KeyRole{KeyRoleAdmin, KeyRoleAnalyst, KeyRoleLeader, KeyRoleAccountManager}

// Valid reports whether r is one of KeyRoles.
func (r KeyRole) Valid() bool {
	for _, known := range KeyRoles {
		if r == known {
			return true
		}
	}
	return false
}

// Sizes of the parts of an API key.
const (
	KeyIDBytes     = 8  // the public id, 16 hex digits
	KeySecretBytes = 32 // the secret part of the token
	KeySaltBytes   = 16 // the per-key salt of the stored hash
)

// TokenPrefix starts every API token, so that secret scanners and people
// recognise one.
const TokenPrefix = "kg_"

// APIKey is a stored API key. The store keeps only Salt and Hash of the
// secret, never the token itself.
type APIKey struct {
	ID         string    `json:"key_id"` // public, the lookup part of the token
	Name       string    `json:"name"`
	Role       KeyRole   `json:"role"`
	PersonID   string    `json:"person_id,omitempty"` // the vendor person of an account_manager key
	CreatedAt  time.Time `json:"created_at"`
	ExpiresAt  time.Time `json:"expires_at,omitzero"`   // zero means the key never expires
	LastUsedAt time.Time `json:"last_used_at,omitzero"` // zero means never used
	Salt       []byte    `json:"-"`
	Hash       []byte    `json:"-"` // SHA-256 of Salt followed by the secret
}

// NewAPIKey is the content of a key to create.
type NewAPIKey struct {
	Name      string    `json:"name"`
	Role      KeyRole   `json:"role"`
	PersonID  string    `json:"person_id,omitempty"`
	ExpiresAt time.Time `json:"expires_at,omitzero"`
}

// Validate returns a KindInvalid error naming the first invalid field.
func (n NewAPIKey) Validate(now time.Time) error {
	switch {
	case strings.TrimSpace(n.Name) == "":
		return Errorf(KindInvalid, "missing key name: give the key a name that says who uses it")
	case len(n.Name) > 200:
		return Errorf(KindInvalid, "key name of %d bytes is too long: use at most 200", len(n.Name))
	case !n.Role.Valid():
		return Errorf(KindInvalid, "invalid role %q: use admin, analyst, leader or account_manager", n.Role)
	case n.Role == KeyRoleAccountManager && n.PersonID == "":
		return Errorf(KindInvalid, "missing person id: an account_manager key needs the vendor person it acts for")
	case n.Role != KeyRoleAccountManager && n.PersonID != "":
		return Errorf(KindInvalid, "person id %q is set on a %s key: only account_manager keys take one", n.PersonID, n.Role)
	case !n.ExpiresAt.IsZero() && !n.ExpiresAt.After(now):
		return Errorf(KindInvalid, "expiry %s is not in the future", n.ExpiresAt.Format(time.RFC3339))
	}
	return nil
}

// GenerateAPIKey validates n and returns a new key with random id, salt
// and secret, and the token that carries the secret. The token is
// TokenPrefix, the id, "_" and the base64url secret. It is shown once:
// only its salted hash is stored.
func GenerateAPIKey(n NewAPIKey, now time.Time) (APIKey, string, error) {
	if err := n.Validate(now); err != nil {
		return APIKey{}, "", err
	}
	id := make([]byte, KeyIDBytes)
	secret := make([]byte, KeySecretBytes)
	salt := make([]byte, KeySaltBytes)
	for _, b := range [][]byte{id, secret, salt} {
		// crypto/rand.Read never returns an error since Go 1.24.
		_, _ = rand.Read(b)
	}
	key := APIKey{
		ID:        hex.EncodeToString(id),
		Name:      strings.TrimSpace(n.Name),
		Role:      n.Role,
		PersonID:  n.PersonID,
		CreatedAt: now.UTC().Truncate(time.Millisecond),
		Salt:      salt,
		Hash:      hashSecret(salt, secret),
	}
	if !n.ExpiresAt.IsZero() {
		key.ExpiresAt = n.ExpiresAt.UTC().Truncate(time.Millisecond)
	}
	token := TokenPrefix + key.ID + "_" + base64.RawURLEncoding.EncodeToString(secret)
	return key, token, nil
}

// ParseToken splits a token into its key id and secret. It returns false
// when the token does not have the form GenerateAPIKey produces.
func ParseToken(token string) (id string, secret []byte, ok bool) {
	rest, found := strings.CutPrefix(token, TokenPrefix)
	if !found {
		return "", nil, false
	}
	id, encoded, found := strings.Cut(rest, "_")
	if !found || len(id) != 2*KeyIDBytes {
		return "", nil, false
	}
	if _, err := hex.DecodeString(id); err != nil {
		return "", nil, false
	}
	secret, err := base64.RawURLEncoding.DecodeString(encoded)
	if err != nil || len(secret) != KeySecretBytes {
		return "", nil, false
	}
	return id, secret, true
}

// Verify reports whether secret is the secret of k, in time that does not
// depend on where the hashes differ.
func (k APIKey) Verify(secret []byte) bool {
	if len(k.Hash) != sha256.Size {
		return false
	}
	return subtle.ConstantTimeCompare(hashSecret(k.Salt, secret), k.Hash) == 1
}

// Expired reports whether k has an expiry at or before now.
func (k APIKey) Expired(now time.Time) bool {
	return !k.ExpiresAt.IsZero() && !now.Before(k.ExpiresAt)
}

// hashSecret returns SHA-256 of salt followed by secret. A fast hash is
// enough because the secret is 256 random bits, which no dictionary or
// brute-force search can guess.
func hashSecret(salt, secret []byte) []byte {
	h := sha256.New()
	h.Write(salt)
	h.Write(secret)
	return h.Sum(nil)
}

// KeyStore keeps API keys.
type KeyStore interface {
	// CreateKey stores k. It returns KindConflict when a key with the same
	// id exists.
	CreateKey(ctx context.Context, k APIKey) error

	// Key returns the key with the given id, or KindNotFound.
	Key(ctx context.Context, id string) (APIKey, error)

	// Keys returns every key sorted by id.
	Keys(ctx context.Context) ([]APIKey, error)

	// DeleteKey removes the key with the given id, which revokes it, or
	// returns KindNotFound.
	DeleteKey(ctx context.Context, id string) error

	// TouchKey sets the last-used time of a key, or returns KindNotFound.
	TouchKey(ctx context.Context, id string, at time.Time) error
}

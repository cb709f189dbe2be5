package httpapi

import (
	"log/slog"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
)

// KeyList is the body of GET /api/v1/keys.
type KeyList struct {
	Keys []graph.APIKey `json:"keys"` // sorted by id, without secrets
}

// CreatedKey is the body of the response to POST /api/v1/keys. Token is
// shown only in this response: the server keeps only its salted hash.
type CreatedKey struct {
	Key   graph.APIKey `json:"key"`
	Token string       `json:"token"`
}

// keyStore returns the store of API keys, or a 501 error without one.
func (s *Server) keyStore() (graph.KeyStore, error) {
	if s.access.keys == nil {
		return nil, echo.NewHTTPError(http.StatusNotImplemented,
			"this server's store does not keep API keys: run kamgraph with Neo4j or the in-memory store")
	}
	return s.access.keys, nil
}

func (s *Server) listKeys(c echo.Context) error {
	store, err := s.keyStore()
	if err != nil {
		return err
	}
	keys, err := store.Keys(c.Request().Context())
	if err != nil {
		return err
	}
	if keys == nil {
		keys = []graph.APIKey{}
	}
	return c.JSON(http.StatusOK, KeyList{Keys: keys})
}

func (s *Server) createKey(c echo.Context) error {
	store, err := s.keyStore()
	if err != nil {
		return err
	}
	var n graph.NewAPIKey
	if err := decodeJSONRequest(c, &n); err != nil {
		return err
	}

	key, token, err := graph.GenerateAPIKey(n, s.access.now())
	if err != nil {
		return err
	}
	if err := s.checkKeyPerson(c, key); err != nil {
		return err
	}
	if err := store.CreateKey(c.Request().Context(), key); err != nil {
		return err
	}
	s.logger.Info("API key created", slog.String("key_id", key.ID), slog.String("role", string(key.Role)),
		slog.String("by", principalName(c)), slog.String("request_id", requestID(c)))
	c.Response().Header().Set(echo.HeaderLocation, APIPrefix+"/keys/"+url.PathEscape(key.ID))
	return c.JSON(http.StatusCreated, CreatedKey{Key: key, Token: token})
}

// checkKeyPerson rejects an account_manager key whose person is not a
// vendor person of the store.
func (s *Server) checkKeyPerson(c echo.Context, key graph.APIKey) error {
	if key.Role != graph.KeyRoleAccountManager {
		return nil
	}
	people, ok := s.store.(graph.PeopleStore)
	if !ok {
		return errNoPeopleStore()
	}
	person, err := people.Person(c.Request().Context(), key.PersonID)
	if graph.KindOf(err) == graph.KindNotFound {
		return invalidf("person %q not found: an account_manager key needs the id of a stored vendor person", key.PersonID)
	}
	if err != nil {
		return err
	}
	if person.Side != graph.SideVendor {
		return invalidf("person %q is a customer: an account_manager key needs a vendor person", key.PersonID)
	}
	return nil
}

func (s *Server) deleteKey(c echo.Context) error {
	store, err := s.keyStore()
	if err != nil {
		return err
	}
	id := c.Param("id")
	err = store.DeleteKey(c.Request().Context(), id)
	// A failed delete may still have committed, so the cached key goes
	// either way.
	s.access.forgetKey(id)
	if err != nil {
		return err
	}
	s.logger.Info("API key revoked", slog.String("key_id", id),
		slog.String("by", principalName(c)), slog.String("request_id", requestID(c)))
	return c.NoContent(http.StatusNoContent)
}

// principalName returns the name of the request's key, or "anonymous"
// when authentication is off.
func principalName(c echo.Context) string {
	if p := principalFrom(c); p != nil {
		return p.name
	}
	return "anonymous"
}

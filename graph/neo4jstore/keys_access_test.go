package neo4jstore_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/httpapi"
	"github.com/kamgraph/kamgraph/httpapi/authtest"
)

// TestAccessTableNeo4j runs the API's access checks, account_manager
// scoping included, on Neo4j, whose PersonAccounts and note queries decide
// what an account manager reaches.
func TestAccessTableNeo4j(t *testing.T) {
	store, _ := openStore(t)
	f := authtest.Setup(t, store)
	tokens := authtest.CreateKeys(t, store, f)
	server, err := httpapi.New(httpapi.Config{Store: store, Auth: httpapi.AuthConfig{Enabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	authtest.Run(t, server.Handler(), f, tokens)
}

package httpapi_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
	"github.com/kamgraph/kamgraph/httpapi/authtest"
)

func TestAccessTableMemstore(t *testing.T) {
	store := memstore.New()
	f := authtest.Setup(t, store)
	tokens := authtest.CreateKeys(t, store, f)
	server, err := httpapi.New(httpapi.Config{Store: store, Auth: httpapi.AuthConfig{Enabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	authtest.Run(t, server.Handler(), f, tokens)
}

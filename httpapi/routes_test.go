package httpapi

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph/memstore"
)

// echoParam matches an echo path parameter such as :id.
var echoParam = regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*)`)

func TestRoutesMatchOpenAPI(t *testing.T) {
	s, err := New(Config{Store: memstore.New()})
	if err != nil {
		t.Fatal(err)
	}
	registered := map[string]bool{}
	for _, r := range s.echo.Routes() {
		path := echoParam.ReplaceAllString(r.Path, "{$1}")
		registered[strings.ToUpper(r.Method)+" "+path] = true
	}

	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPISpec, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "put", "post", "delete", "options", "head", "patch", "trace":
				documented[strings.ToUpper(method)+" "+path] = true
			}
		}
	}

	// openapi.json states once that every GET operation also serves HEAD,
	// so a HEAD route is documented by the GET operation of its path.
	for _, route := range sortedKeys(registered) {
		if path, ok := strings.CutPrefix(route, "HEAD "); ok && !documented[route] {
			if !documented["GET "+path] {
				t.Errorf("route %s is registered but openapi.json has no GET %s whose rule covers it", route, path)
			}
			continue
		}
		if !documented[route] {
			t.Errorf("route %s is registered but not in openapi.json", route)
		}
	}
	for _, route := range sortedKeys(registered) {
		if path, ok := strings.CutPrefix(route, "GET "); ok && !registered["HEAD "+path] {
			t.Errorf("route %s is registered without HEAD %s: register it with handleGet", route, path)
		}
	}
	for _, route := range sortedKeys(documented) {
		if !registered[route] {
			t.Errorf("route %s is in openapi.json but not registered", route)
		}
	}
	if len(registered) == 0 {
		t.Error("no routes registered")
	}
}

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

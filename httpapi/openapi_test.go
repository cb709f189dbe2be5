package httpapi_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/memstore"
	"github.com/kamgraph/kamgraph/httpapi"
)

func TestOpenAPIDocumentServed(t *testing.T) {
	ts := newTestServer(t)
	rec := ts.get("/api/v1/openapi.json")
	var doc map[string]any
	decode(t, rec, http.StatusOK, &doc)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1") {
		t.Errorf("openapi version %q, want 3.1.x", v)
	}
	if got := rec.Header().Get("Content-Type"); !strings.HasPrefix(got, "application/json") {
		t.Errorf("Content-Type %q, want application/json", got)
	}
}

// documentedCase is one request whose response must match the schema that
// openapi.json documents for its path, method and status.
type documentedCase struct {
	path   string // path template as in openapi.json
	req    *http.Request
	status int
}

func TestResponsesMatchOpenAPI(t *testing.T) {
	spec := loadSpec(t)
	ts := newTestServer(t)

	get := func(template, target string, status int) documentedCase {
		return documentedCase{template, httptest.NewRequest(http.MethodGet, target, nil), status}
	}
	cases := []documentedCase{
		get("/healthz", "/healthz", http.StatusOK),
		get("/readyz", "/readyz", http.StatusOK),
		get("/api/v1/openapi.json", "/api/v1/openapi.json", http.StatusOK),
		get("/api/v1/accounts", "/api/v1/accounts", http.StatusOK),
		get("/api/v1/accounts/{id}", "/api/v1/accounts/nobody", http.StatusNotFound),
		get("/api/v1/accounts/{id}/report", "/api/v1/accounts/acct-01/report?threshold=2", http.StatusBadRequest),
		get("/api/v1/accounts/{id}/report", "/api/v1/accounts/nobody/report", http.StatusNotFound),
	}
	for _, a := range demo.Generate(demoSeed).Accounts {
		cases = append(cases,
			get("/api/v1/accounts/{id}", "/api/v1/accounts/"+a.ID, http.StatusOK),
			get("/api/v1/accounts/{id}/report", "/api/v1/accounts/"+a.ID+"/report", http.StatusOK),
			get("/api/v1/accounts/{id}/report", "/api/v1/accounts/"+a.ID+"/report?threshold=0.9&expected_functions=", http.StatusOK),
		)
	}
	for _, c := range cases {
		checkDocumented(t, spec, ts, c)
	}

	empty := newTestServerWith(t, httpapi.Config{Store: memstore.New()})
	badPeople := strings.Replace(peopleCSV, "0.8", "1.8", 1) + "x,X,martian,,,,,,,,,,\n"
	for _, c := range []documentedCase{
		{"/api/v1/imports", uploadRequest(t, "?dry_run=true", validUploads()...), http.StatusOK},
		{"/api/v1/imports", uploadRequest(t, "", upload{"people.csv", "people.csv", badPeople}), http.StatusUnprocessableEntity},
		{"/api/v1/imports", uploadRequest(t, ""), http.StatusBadRequest},
		{"/api/v1/imports", httptest.NewRequest(http.MethodPost, "/api/v1/imports", nil), http.StatusUnsupportedMediaType},
	} {
		checkDocumented(t, spec, empty, c)
	}

	down := newTestServerWith(t, httpapi.Config{Store: &failingStore{
		Store: memstore.New(),
		err:   graph.Errorf(graph.KindUnavailable, "neo4j is unreachable"),
	}})
	checkDocumented(t, spec, down, get("/readyz", "/readyz", http.StatusServiceUnavailable))
	checkDocumented(t, spec, down, get("/api/v1/accounts", "/api/v1/accounts", http.StatusServiceUnavailable))
}

// checkDocumented sends the case's request and validates the response
// body against the documented schema.
func checkDocumented(t *testing.T, spec map[string]any, ts *testServer, c documentedCase) {
	t.Helper()
	name := c.req.Method + " " + c.req.URL.String()
	rec := ts.do(c.req)
	if rec.Code != c.status {
		t.Errorf("%s: status %d, want %d; body %s", name, rec.Code, c.status, rec.Body.String())
		return
	}
	contentType := strings.TrimSpace(strings.Split(rec.Header().Get("Content-Type"), ";")[0])
	schema, err := responseSchema(spec, c.path, c.req.Method, c.status, contentType)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	var body any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Errorf("%s: body is not JSON: %v", name, err)
		return
	}
	for _, violation := range validateSchema(spec, schema, body, "$") {
		t.Errorf("%s: %s", name, violation)
	}
}

func loadSpec(t *testing.T) map[string]any {
	t.Helper()
	var spec map[string]any
	if err := json.Unmarshal(httpapi.OpenAPISpec(), &spec); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return spec
}

// responseSchema returns the schema documented for one response.
func responseSchema(spec map[string]any, path, method string, status int, contentType string) (map[string]any, error) {
	operation, ok := lookup(spec, "paths", path, strings.ToLower(method)).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("openapi.json documents no %s %s", method, path)
	}
	response, ok := lookup(operation, "responses", strconv.Itoa(status)).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("openapi.json documents no status %d for %s %s", status, method, path)
	}
	response = resolve(spec, response)
	schema, ok := lookup(response, "content", contentType, "schema").(map[string]any)
	if !ok {
		return nil, fmt.Errorf("openapi.json documents no %s body for status %d of %s %s", contentType, status, method, path)
	}
	return schema, nil
}

// lookup follows keys through nested JSON objects and returns nil when
// one is missing.
func lookup(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// resolve follows a local $ref such as #/components/schemas/Report.
func resolve(spec map[string]any, node map[string]any) map[string]any {
	for {
		ref, ok := node["$ref"].(string)
		if !ok {
			return node
		}
		target, _ := lookup(spec, strings.Split(strings.TrimPrefix(ref, "#/"), "/")...).(map[string]any)
		if target == nil {
			panic("openapi.json: unresolved $ref " + ref)
		}
		node = target
	}
}

// validateSchema checks value against the subset of JSON Schema that
// openapi.json uses: $ref, anyOf, type (one or a list), enum, required,
// properties, additionalProperties, items, minimum, maximum and
// exclusiveMinimum. It also reports object fields the schema does not
// declare, so that a new response field cannot go undocumented.
func validateSchema(spec, schema map[string]any, value any, at string) []string {
	schema = resolve(spec, schema)
	if alternatives, ok := schema["anyOf"].([]any); ok {
		return validateAnyOf(spec, alternatives, value, at)
	}
	if err := checkType(schema["type"], value); err != nil {
		return []string{at + ": " + err.Error()}
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, value) {
		return []string{fmt.Sprintf("%s: %v is not one of %v", at, value, enum)}
	}

	var violations []string
	switch v := value.(type) {
	case map[string]any:
		violations = validateObject(spec, schema, v, at)
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, item := range v {
				violations = append(violations, validateSchema(spec, items, item, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case float64:
		violations = checkBounds(schema, v, at)
	}
	return violations
}

// validateAnyOf accepts value when one of the alternatives accepts it,
// and otherwise reports the violations of each alternative.
func validateAnyOf(spec map[string]any, alternatives []any, value any, at string) []string {
	var violations []string
	for i, alternative := range alternatives {
		found := validateSchema(spec, alternative.(map[string]any), value, at)
		if len(found) == 0 {
			return nil
		}
		violations = append(violations, fmt.Sprintf("%s: anyOf alternative %d: %s", at, i, strings.Join(found, "; ")))
	}
	return violations
}

func validateObject(spec, schema map[string]any, object map[string]any, at string) []string {
	var violations []string
	required, _ := schema["required"].([]any)
	for _, name := range required {
		if _, ok := object[name.(string)]; !ok {
			violations = append(violations, fmt.Sprintf("%s: required field %q missing", at, name))
		}
	}
	properties, _ := schema["properties"].(map[string]any)
	additional, _ := schema["additionalProperties"].(map[string]any)
	for name, field := range object {
		if fieldSchema, ok := properties[name].(map[string]any); ok {
			violations = append(violations, validateSchema(spec, fieldSchema, field, at+"."+name)...)
			continue
		}
		if additional != nil {
			violations = append(violations, validateSchema(spec, additional, field, at+"."+name)...)
			continue
		}
		if properties != nil {
			violations = append(violations, fmt.Sprintf("%s: field %q is not documented", at, name))
		}
	}
	return violations
}

func checkType(declared, value any) error {
	var types []string
	switch d := declared.(type) {
	case nil:
		return nil
	case string:
		types = []string{d}
	case []any:
		for _, t := range d {
			types = append(types, t.(string))
		}
	}
	for _, t := range types {
		if hasType(t, value) {
			return nil
		}
	}
	return fmt.Errorf("%s value %v, want type %v", jsonType(value), value, types)
}

func hasType(t string, value any) bool {
	switch v := value.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case float64:
		return t == "number" || t == "integer" && v == math.Trunc(v)
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	}
	return false
}

func jsonType(value any) string {
	switch value.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", value)
}

func checkBounds(schema map[string]any, v float64, at string) []string {
	var errs []error
	if bound, ok := schema["minimum"].(float64); ok && v < bound {
		errs = append(errs, fmt.Errorf("%v is below the minimum %v", v, bound))
	}
	if bound, ok := schema["maximum"].(float64); ok && v > bound {
		errs = append(errs, fmt.Errorf("%v is above the maximum %v", v, bound))
	}
	if bound, ok := schema["exclusiveMinimum"].(float64); ok && v <= bound {
		errs = append(errs, fmt.Errorf("%v is not above the exclusive minimum %v", v, bound))
	}
	if err := errors.Join(errs...); err != nil {
		return []string{at + ": " + err.Error()}
	}
	return nil
}

package cypher

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// allowedNames lists every node label and relationship type that
// kamgraph's statements may use. A statement with any other name fails
// TestStatementsUseAllowedLabels, so a new label is a reviewed change of
// this list, and no statement can build a label or type from input.
var allowedNames = []string{
	// Node labels.
	"Account", "AccountVersion", "ApiKey", "BusinessUnit", "Customer", "Function", "GraphVersion",
	"ImportLock", "Interaction", "MetricsSnapshot", "Note", "NoteVersion", "Person", "PersonVersion",
	"SPOF", "StagedAccount", "StagedAccountVersion", "StagedPerson", "StagedPersonVersion", "Vendor",
	// Relationship types.
	"ABOUT", "HAS_VERSION", "INTERACTIONS", "IN_FUNCTION", "IN_UNIT", "METRICS", "OWNED_BY",
	"RELATES_TO", "RELATES_TO_VERSION", "REPORTS_TO", "SNAPSHOT_OF", "WORKS_AT",
}

var (
	// A label or relationship type: a colon directly followed by a name,
	// with further types after |, as in (p:Person) or [:A|B]. Map keys
	// are followed by a space in these files ({id: $id}), so they do not
	// match.
	labelUse = regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*(?:\|[A-Za-z_][A-Za-z0-9_]*)*)`)
	// A dynamic label or type, as in n:$(expr), n:$any(expr) or
	// n:$all(expr).
	dynamicLabel = regexp.MustCompile(`:\s*\$(?:any|all)?\(`)
)

// labelsOf returns the labels and relationship types that statement uses
// outside comments and string literals.
func labelsOf(t *testing.T, statement string) []string {
	t.Helper()
	var names []string
	for _, match := range labelUse.FindAllStringSubmatch(scan(t, statement), -1) {
		names = append(names, strings.Split(match[1], "|")...)
	}
	return names
}

func TestStatementsUseAllowedLabels(t *testing.T) {
	for _, name := range Names() {
		statement := MustGet(name)
		code := scan(t, statement)
		if strings.Contains(code, "`") {
			t.Errorf("%s.cypher quotes a name with backticks: use a name from allowedNames", name)
		}
		if dynamicLabel.MatchString(code) {
			t.Errorf("%s.cypher uses a dynamic label or type: use a name from allowedNames", name)
		}
		for _, label := range labelsOf(t, statement) {
			if !slices.Contains(allowedNames, label) {
				t.Errorf("%s.cypher uses the label or type %q, which is not in allowedNames", name, label)
			}
		}
	}
}

func TestLabelsOfFindsLabels(t *testing.T) {
	statement := "// (x:Comment)\nMATCH (a:Account {id: $id})<-[:WORKS_AT|OWNED_BY]-(p:Person:Customer)\n" +
		"WHERE p.name = ':Fake' SET p:Evil RETURN a {.*, kind: 'x'} AS account"
	got := labelsOf(t, statement)
	want := []string{"Account", "WORKS_AT", "OWNED_BY", "Person", "Customer", "Evil"}
	if !slices.Equal(got, want) {
		t.Errorf("labelsOf = %q, want %q", got, want)
	}
}

func TestDynamicLabelFound(t *testing.T) {
	for _, code := range []string{"SET n:$($label)", "MATCH (n:$any($labels))", "MATCH ()-[r:$all($types)]-()"} {
		if !dynamicLabel.MatchString(code) {
			t.Errorf("dynamicLabel does not match %q", code)
		}
	}
	if dynamicLabel.MatchString("MATCH (n {id: $id})") {
		t.Error("dynamicLabel matches a map value parameter")
	}
}

package cypher

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// scan returns statement with its comments removed and the contents of its
// string literals and quoted names replaced by x, so that checks see only
// the code.
func scan(t *testing.T, statement string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(statement); {
		c := statement[i]
		switch {
		case strings.HasPrefix(statement[i:], "//"):
			end := strings.IndexByte(statement[i:], '\n')
			if end < 0 {
				return b.String()
			}
			i += end
		case strings.HasPrefix(statement[i:], "/*"):
			end := strings.Index(statement[i+2:], "*/")
			if end < 0 {
				t.Fatalf("unterminated block comment at byte %d", i)
			}
			b.WriteByte(' ')
			i += 2 + end + 2
		case c == '\'' || c == '"' || c == '`':
			end := closingQuote(statement, i)
			if end < 0 {
				t.Fatalf("unterminated %c quote at byte %d", c, i)
			}
			b.WriteByte(c)
			b.WriteByte('x')
			b.WriteByte(c)
			i = end + 1
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// closingQuote returns the index of the quote that closes the one at
// start, or -1. A backslash escapes the next character inside strings.
func closingQuote(s string, start int) int {
	quote := s[start]
	for i := start + 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && quote != '`':
			i++
		case s[i] == quote:
			return i
		}
	}
	return -1
}

func TestScanRemovesCommentsAndStrings(t *testing.T) {
	got := scan(t, "MATCH (n) // a; b\nWHERE n.x = 'a;b' /* c; */ RETURN `we;ird`")
	want := "MATCH (n) \nWHERE n.x = 'x'   RETURN `x`"
	if got != want {
		t.Errorf("scan = %q, want %q", got, want)
	}
}

var (
	// A string literal joined to another value with +.
	concatenation = regexp.MustCompile(`['"]\s*\+|\+\s*['"]`)
	// Placeholders of Go's fmt and text/template packages.
	placeholder = regexp.MustCompile(`%[-+#0-9.]*[svdqfgxXtT]|\{\{`)
	parameter   = regexp.MustCompile(`\$[A-Za-z_][A-Za-z0-9_]*`)
	snakeCase   = regexp.MustCompile(`^\$[a-z][a-z0-9_]*$`)
)

// problems lists what is wrong with one statement file.
func problems(t *testing.T, statement string) []string {
	t.Helper()
	var found []string
	code := strings.TrimSpace(scan(t, statement))
	if code == "" {
		return []string{"holds no statement"}
	}
	if strings.Contains(strings.TrimSuffix(code, ";"), ";") {
		found = append(found, "holds more than one statement: Bolt runs one statement per query")
	}
	if m := concatenation.FindString(code); m != "" {
		found = append(found, fmt.Sprintf("joins a string literal with + (%q): pass the value as a parameter", m))
	}
	if m := placeholder.FindString(statement); m != "" {
		found = append(found, fmt.Sprintf("contains the placeholder %q: pass the value as a parameter", m))
	}
	for _, p := range parameter.FindAllString(code, -1) {
		if !snakeCase.MatchString(p) {
			found = append(found, fmt.Sprintf("uses parameter %s: name parameters in lower snake case", p))
		}
	}
	return found
}

func TestStatementFiles(t *testing.T) {
	for _, name := range Names() {
		for _, problem := range problems(t, MustGet(name)) {
			t.Errorf("%s.cypher %s", name, problem)
		}
	}
}

func TestProblemsFindsDefects(t *testing.T) {
	tests := []struct {
		name      string
		statement string
		want      string
	}{
		{"empty", "// only a comment\n", "no statement"},
		{"two statements", "MATCH (n) RETURN n; MATCH (m) RETURN m", "more than one statement"},
		{"concatenated literal", "MATCH (n) WHERE n.id = 'p' + $suffix RETURN n", "joins a string literal"},
		{"concatenated value", "MATCH (n) WHERE n.id = $prefix + \"p\" RETURN n", "joins a string literal"},
		{"fmt verb", "MATCH (n {id: '%s'}) RETURN n", "placeholder"},
		{"template action", "MATCH (n {id: {{.ID}}}) RETURN n", "placeholder"},
		{"camel case parameter", "MATCH (n {id: $personId}) RETURN n", "lower snake case"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := problems(t, tt.statement)
			if len(found) != 1 {
				t.Fatalf("problems = %q, want one problem containing %q", found, tt.want)
			}
			if !strings.Contains(found[0], tt.want) {
				t.Errorf("problem = %q, want it to contain %q", found[0], tt.want)
			}
		})
	}
}

func TestProblemsAcceptsParameterisedStatement(t *testing.T) {
	statement := "// ; in a comment\nMATCH (n:Person {id: $id}) WHERE n.name <> 'a;b' RETURN n.x % 2;\n"
	if found := problems(t, statement); len(found) != 0 {
		t.Errorf("problems = %q, want none", found)
	}
}

func TestNamesListsEveryFile(t *testing.T) {
	names := Names()
	if len(names) == 0 {
		t.Fatal("Names returned no statements")
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("Names is not sorted: %q before %q", names[i-1], names[i])
		}
	}
	for _, name := range names {
		if _, err := Get(name); err != nil {
			t.Errorf("Get(%q): %v", name, err)
		}
	}
}

func TestGetUnknownName(t *testing.T) {
	_, err := Get("no_such_statement")
	if err == nil {
		t.Fatal("Get of an unknown name returned no error")
	}
	if !strings.Contains(err.Error(), "no_such_statement") {
		t.Errorf("error %q does not name the statement", err)
	}
}

func TestMustGetPanicsOnUnknownName(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustGet of an unknown name did not panic")
		}
	}()
	MustGet("no_such_statement")
}

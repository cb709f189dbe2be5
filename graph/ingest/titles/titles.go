package titles

import (
	"sort"
	"strings"
	"unicode"

	"github.com/kamgraph/kamgraph/graph"
)

// Inference holds the function and seniority that a job title names. An
// empty field means the title does not name it.
type Inference struct {
	Function  string
	Seniority graph.Seniority
}

type phraseRule struct {
	phrase   string
	function string
}

type levelRule struct {
	phrase string
	kind   levelKind
	level  graph.Seniority
}

// phrase is a rule compiled to words.
type phrase[T any] struct {
	words []string
	rule  T
}

var (
	functionPhrases  = compile(functionRules, func(r phraseRule) string { return r.phrase })
	seniorityPhrases = compile(seniorityRules, func(r levelRule) string { return r.phrase })
)

// compile splits each rule's phrase into words and sorts the rules by
// descending word count, so that matching tries longer phrases first.
func compile[T any](rules []T, text func(T) string) []phrase[T] {
	out := make([]phrase[T], len(rules))
	for i, r := range rules {
		out[i] = phrase[T]{words: strings.Fields(text(r)), rule: r}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].words) > len(out[j].words) })
	return out
}

// Infer returns the function and seniority that title names, following the
// rules in rules.go. It never guesses: a title that names no known phrase,
// names two functions, or carries an ambiguous rank leaves the field empty.
func Infer(title string) Inference {
	words := tokenize(title)
	level, assistant := inferSeniority(words)
	if assistant {
		// The function of an assistant is not that of the person they
		// assist: "Executive Assistant to the CFO" does not work in finance.
		return Inference{Seniority: level}
	}
	return Inference{Function: inferFunction(words), Seniority: level}
}

// tokenize lower-cases title, removes periods, splits at spaces and
// punctuation other than '&', and expands abbreviations.
func tokenize(title string) []string {
	title = strings.ToLower(strings.ReplaceAll(title, ".", ""))
	fields := strings.FieldsFunc(title, func(r rune) bool {
		return r != '&' && !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, f := range fields {
		if long, ok := abbreviations[f]; ok {
			fields[i] = long
		}
	}
	return strings.Fields(strings.Join(fields, " "))
}

// match scans words from the left and calls found with each rule whose
// phrase matches there, trying longer phrases first and skipping the
// words that a match consumed.
func match[T any](words []string, phrases []phrase[T], found func(T)) {
	for i := 0; i < len(words); {
		n := 0
		for _, p := range phrases {
			if hasPrefix(words[i:], p.words) {
				found(p.rule)
				n = len(p.words)
				break
			}
		}
		if n == 0 {
			n = 1
		}
		i += n
	}
}

func hasPrefix(words, prefix []string) bool {
	if len(prefix) > len(words) {
		return false
	}
	for i, w := range prefix {
		if words[i] != w {
			return false
		}
	}
	return true
}

func inferFunction(words []string) string {
	found := map[string]bool{}
	match(words, functionPhrases, func(r phraseRule) {
		if r.function != "" {
			found[r.function] = true
		}
	})
	if len(found) != 1 {
		return ""
	}
	for f := range found {
		return f
	}
	return ""
}

// inferSeniority returns the level that words name and whether they name
// an assistant to someone.
func inferSeniority(words []string) (graph.Seniority, bool) {
	var best graph.Seniority
	ambiguous, assistant := false, false
	match(words, seniorityPhrases, func(r levelRule) {
		switch r.kind {
		case levelAmbiguous:
			ambiguous = true
		case levelAssistant:
			assistant = true
		default:
			if r.level.Rank() > best.Rank() {
				best = r.level
			}
		}
	})
	switch {
	case assistant:
		return graph.SeniorityIC, true
	case ambiguous:
		return "", false
	case isChiefOfficer(words):
		return graph.SeniorityCLevel, false
	}
	return best, false
}

// isChiefOfficer reports whether words read "chief ... officer", as in
// "Chief Customer Officer".
func isChiefOfficer(words []string) bool {
	for i, w := range words {
		if w != "chief" {
			continue
		}
		for _, later := range words[i+1:] {
			if later == "officer" {
				return true
			}
		}
	}
	return false
}

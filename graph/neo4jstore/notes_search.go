package neo4jstore

import "strings"

// luceneSyntax holds the characters that the classic query parser of
// Lucene, which db.index.fulltext.queryNodes uses, reads as syntax unless
// a backslash escapes them: those that QueryParserBase.escape escapes in
// Lucene 9.11, the version that Neo4j 5.26 ships. "&&" and "||" are
// operators made of these characters.
const luceneSyntax = `\+-&|!(){}[]^"~*?:/`

// luceneOperators are the words that the parser reads as operators. It
// does so only when they are written in capitals, and the index lower-cases
// every word, so writing them in lower case makes them plain words.
var luceneOperators = map[string]bool{"AND": true, "OR": true, "NOT": true, "TO": true}

// luceneQuery returns a Lucene query that matches the words of query as
// text: every syntax character escaped and operator words lower-cased.
// The parser joins the words with OR, so a note matches when it contains
// any of them, and the relevance score ranks notes with more of them
// higher.
func luceneQuery(query string) string {
	words := strings.Fields(query)
	for i, word := range words {
		if luceneOperators[word] {
			words[i] = strings.ToLower(word)
			continue
		}
		var b strings.Builder
		for _, r := range word {
			if strings.ContainsRune(luceneSyntax, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		words[i] = b.String()
	}
	return strings.Join(words, " ")
}

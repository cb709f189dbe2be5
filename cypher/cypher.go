// Package cypher holds kamgraph's Cypher statements, embedded in the binary.
//
// Each file NAME.cypher holds exactly one statement, because Bolt runs one
// statement per query. Statements take every value as a parameter ($name),
// never as text spliced into the query, so that input cannot change a
// query and Neo4j can cache its plan. Files whose names start with test_
// serve only the tests of the Neo4j store.
package cypher

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.cypher
var files embed.FS

const extension = ".cypher"

// Get returns the statement stored in the file name + ".cypher".
func Get(name string) (string, error) {
	data, err := files.ReadFile(name + extension)
	if err != nil {
		return "", fmt.Errorf("cypher: statement %q not found: add %s%s to the cypher folder", name, name, extension)
	}
	return string(data), nil
}

// MustGet is like Get but panics when the statement does not exist. Call it
// when initialising package variables, so that a misspelt name fails at
// start-up and in every test.
func MustGet(name string) string {
	statement, err := Get(name)
	if err != nil {
		panic(err)
	}
	return statement
}

// Names returns the names of all statements, sorted, without the .cypher
// extension.
func Names() []string {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		// The embedded file system always has a root folder.
		panic(fmt.Sprintf("cypher: read embedded files: %v", err))
	}
	names := make([]string, 0, len(entries))
	for _, entry := range entries {
		if name, ok := strings.CutSuffix(entry.Name(), extension); ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// Package csvimport reads kamgraph's import folder format: accounts.csv,
// people.csv and relationships.csv, UTF-8 and comma-separated, with a
// header row and columns in any order.
//
// The reader checks the form of every value (required columns and values,
// numbers, dates, enumerations) and reports each defect with its file,
// line, column and value. Checks that need the whole dataset or the stored
// graph, such as duplicate ids and dangling references, belong to
// graph.Plan, which every store runs before it writes.
package csvimport

package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest/load"
	"github.com/kamgraph/kamgraph/httpapi"
)

// registerMaxImportRows adds --max-import-rows, read from
// KAMGRAPH_MAX_IMPORT_ROWS when the flag is not given, to fs. effect describes
// what happens to an import with more rows.
func registerMaxImportRows(fs *flag.FlagSet, env envFallbacks, rows *int, effect string) {
	fs.IntVar(rows, "max-import-rows", httpapi.DefaultMaxImportRows,
		"maximum data `rows` of one import over all its files, header rows not counted; "+effect+". "+
			"the largest import measured on a Neo4j heap of 1 GB had 1,100,005 rows (100,000 people and "+
			"1,000,000 relationships), and more new people or changed records need more heap; 0 turns the limit off")
	env["max-import-rows"] = "KAMGRAPH_MAX_IMPORT_ROWS"
}

func validateMaxImportRows(rows int) error {
	if rows < 0 {
		return usagef("invalid --max-import-rows %d: use a whole number of rows, or 0 for no limit", rows)
	}
	return nil
}

// checkImportRows counts the data rows of the files that format reads at
// path, the folder or single file of kamgraph import, and returns a
// graph.KindTooLarge error at the first row past maxRows. It reads each file
// without parsing it and stops there, so a file far over the limit is not
// read to its end. A maxRows of 0 means no limit. The error advises on
// Neo4j, because kamgraph import writes only to Neo4j and its dry runs
// check an import into Neo4j.
func checkImportRows(path, format string, maxRows int) error {
	if maxRows == 0 {
		return nil
	}
	files, err := importFiles(path, format)
	if err != nil {
		return err
	}
	limit := &load.RowLimit{Max: maxRows, Format: format, Neo4j: true}
	for _, file := range files {
		if err := countFileRows(limit, file); err != nil {
			return err
		}
	}
	return nil
}

// importFiles lists the files that format reads at path.
func importFiles(path, format string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "cannot read import folder %q: %v", path, err)
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "cannot read import folder %q: %v", path, err)
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && readsFile(format, e.Name()) {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	return files, nil
}

func countFileRows(limit *load.RowLimit, file string) error {
	f, err := os.Open(file)
	if err != nil {
		return graph.Errorf(graph.KindInvalid, "cannot open %s: %v", file, err)
	}
	defer f.Close()
	if _, err := io.Copy(io.Discard, limit.Reader(file, f)); err != nil {
		if _, ok := err.(*load.RowLimitError); ok {
			return err
		}
		return graph.Errorf(graph.KindInvalid, "cannot read %s: %v", file, err)
	}
	return nil
}

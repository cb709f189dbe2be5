package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/kamgraph/kamgraph/graph"
)

// errorReport writes every problem of an import to a file as it is found:
// JSON lines when the file name ends in .jsonl, .ndjson or .json, CSV
// with the columns file, line, column, value and message otherwise. It is
// safe for concurrent use.
type errorReport struct {
	mu    sync.Mutex
	path  string
	file  *os.File
	buf   *bufio.Writer
	csv   *csv.Writer // nil for JSON lines
	dir   string      // joined to the problems' file names
	count int
	err   error // the first write error
}

// errorReportColumns is the header of a CSV error report.
var errorReportColumns = []string{"file", "line", "column", "value", "message"}

// createErrorReport creates or truncates the file at path. dir, when not
// empty, is joined to each problem's file name.
func createErrorReport(path, dir string) (*errorReport, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create error report: %w", err)
	}
	r := &errorReport{path: path, file: f, buf: bufio.NewWriter(f), dir: dir}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
	default:
		r.csv = csv.NewWriter(r.buf)
		r.err = r.csv.Write(errorReportColumns)
	}
	return r, nil
}

// add writes one problem.
func (r *errorReport) add(p graph.Problem) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return
	}
	r.count++
	if p.File != "" && r.dir != "" {
		p.File = filepath.Join(r.dir, p.File)
	}
	if r.csv != nil {
		line := ""
		if p.Line > 0 {
			line = strconv.Itoa(p.Line)
		}
		r.err = r.csv.Write([]string{p.File, line, p.Column, p.Value, p.Message})
		return
	}
	data, err := json.Marshal(p)
	if err == nil {
		data = append(data, '\n')
		_, err = r.buf.Write(data)
	}
	r.err = err
}

// close flushes and closes the file and returns the first error of any
// write.
func (r *errorReport) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.csv != nil {
		r.csv.Flush()
		if r.err == nil {
			r.err = r.csv.Error()
		}
	}
	if err := r.buf.Flush(); r.err == nil {
		r.err = err
	}
	if err := r.file.Close(); r.err == nil {
		r.err = err
	}
	if r.err != nil {
		return fmt.Errorf("write error report %s: %w", r.path, r.err)
	}
	return nil
}

package load

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

// ReadKamgraph reads the files of kamgraph's own format (accounts.csv,
// people.csv and relationships.csv, as package csvimport describes them)
// row by row. It passes each row to csvimport.ReadFiles, so values are
// read and rejected exactly as csvimport reads them. Reading one row at a
// time lets ReadKamgraph report progress, count rows and, with
// opts.KeepGoing, leave out the rows with a problem instead of rejecting
// the import. Problems with a header or with the CSV quoting of a file
// still reject it. The dataset records the line of each row in its Origin.
func ReadKamgraph(files map[string]io.Reader, opts ingest.Options) (*ingest.Result, error) {
	if len(files) == 0 {
		return nil, graph.Errorf(graph.KindInvalid, "no import files given: send accounts.csv, people.csv or relationships.csv")
	}
	var unknown []string
	for name := range files {
		if !slices.Contains(csvimport.FileNames, name) {
			unknown = append(unknown, fmt.Sprintf("%q", name))
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, graph.Errorf(graph.KindInvalid, "unknown import file %s: use accounts.csv, people.csv or relationships.csv",
			strings.Join(unknown, ", "))
	}

	r := &kamgraphReader{
		opts:     opts,
		problems: ingest.NewProblems(opts),
		ds: &graph.Dataset{Origin: &graph.Origin{
			AccountsFile:      graph.AccountsFile,
			PeopleFile:        graph.PeopleFile,
			RelationshipsFile: graph.RelationshipsFile,
		}},
	}
	for _, name := range csvimport.FileNames {
		if f, ok := files[name]; ok {
			r.readFile(name, f)
		}
	}
	if err := r.problems.Err(); err != nil {
		return nil, err
	}
	res := &ingest.Result{Dataset: r.ds, Summary: r.summary}
	r.problems.Finish(res)
	return res, nil
}

type kamgraphReader struct {
	opts     ingest.Options
	problems *ingest.Problems
	ds       *graph.Dataset
	summary  ingest.Summary
}

// readFile reads one file, checking its header once and then each row
// with csvimport.
func (r *kamgraphReader) readFile(name string, src io.Reader) {
	count := &countingReader{r: src}
	cr := csv.NewReader(count)
	header, err := cr.Read()
	if err != nil && !errors.Is(err, io.EOF) {
		r.csvProblem(name, err)
		return
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	// A file with the header alone checks the header and, for an empty
	// file, reports it as csvimport does.
	if _, err := r.parse(name, encodeRecord(header)); err != nil {
		r.fileProblems(err)
		return
	}
	parser, err := csvimport.NewRowParser(name, header)
	if err != nil {
		r.fileProblems(err)
		return
	}

	rows := 0
	progress := func(done bool) {
		if r.opts.Progress != nil && (done || rows%ingest.ProgressEvery == 0) {
			r.opts.Progress(ingest.Progress{File: name, Rows: rows, Bytes: count.n, Done: done})
		}
	}
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		rows++
		r.summary.RowsRead++
		if err != nil {
			if !r.csvProblem(name, err) {
				break
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		r.readRow(name, line, parser, record)
		progress(false)
	}
	progress(true)
}

// readRow parses one data row with csvimport and appends its record, or
// records its problems at line.
func (r *kamgraphReader) readRow(name string, line int, parser *csvimport.RowParser, record []string) {
	row, err := parser.Parse(line, record)
	var importErr *graph.ImportError
	if errors.As(err, &importErr) {
		for _, p := range importErr.Problems {
			p.Line = line
			r.problems.AddRow(p)
		}
		return
	}
	if err != nil {
		r.problems.AddRow(graph.Problem{File: name, Line: line, Message: err.Error()})
		return
	}
	ds, o := r.ds, r.ds.Origin
	switch name {
	case graph.AccountsFile:
		ds.Accounts = append(ds.Accounts, row.Accounts...)
		o.AccountLines = append(o.AccountLines, line)
	case graph.PeopleFile:
		ds.People = append(ds.People, row.People...)
		o.PersonLines = append(o.PersonLines, line)
	case graph.RelationshipsFile:
		ds.Relationships = append(ds.Relationships, row.Relationships...)
		o.RelationshipLines = append(o.RelationshipLines, line)
	}
}

func (r *kamgraphReader) parse(name string, content []byte) (*graph.Dataset, error) {
	return csvimport.ReadFiles(map[string]io.Reader{name: bytes.NewReader(content)})
}

// fileProblems records the problems of a header, which reject the file.
func (r *kamgraphReader) fileProblems(err error) {
	var importErr *graph.ImportError
	if !errors.As(err, &importErr) {
		r.problems.AddFile(graph.Problem{Message: err.Error()})
		return
	}
	for _, p := range importErr.Problems {
		r.problems.AddFile(p)
	}
}

// csvProblem records a CSV syntax error as csvimport words it. A row with
// the wrong number of fields is a problem of that row, and csvProblem
// returns true so that reading goes on. After any other error the
// position in the file is uncertain, so the error rejects the file and
// csvProblem returns false.
func (r *kamgraphReader) csvProblem(name string, err error) bool {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		r.problems.AddFile(graph.Problem{File: name, Message: fmt.Sprintf("cannot read: %v", err)})
		return false
	}
	p := graph.Problem{File: name, Line: pe.StartLine, Message: fmt.Sprintf("malformed CSV: %v", pe.Err)}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		r.problems.AddRow(p)
		return true
	}
	r.problems.AddFile(p)
	return false
}

// encodeRecord returns record as one CSV line.
func encodeRecord(record []string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(record) // a bytes.Buffer does not fail
	w.Flush()
	return b.Bytes()
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

package csvimport

import (
	"fmt"

	"github.com/kamgraph/kamgraph/graph"
)

// RowParser parses the data rows of one import file one at a time, with
// the header checked once. It serves readers that keep going past bad
// rows, which must parse each row on its own.
type RowParser struct {
	p fileParser
}

// NewRowParser checks header, the first row of the file name, and returns
// a parser of the file's data rows. The problems of a header come back as
// a *graph.ImportError.
func NewRowParser(name string, header []string) (*RowParser, error) {
	if !isImportFile(name) {
		return nil, graph.Errorf(graph.KindInvalid, "unknown import file %q: use accounts.csv, people.csv or relationships.csv", name)
	}
	errs := &graph.ImportError{}
	rp := &RowParser{p: fileParser{name: name, errs: errs}}
	if len(header) == 0 {
		return nil, fmt.Errorf("csvimport: %s: no header row given", name)
	}
	if !rp.p.readHeader(header) {
		return nil, errs.ErrOrNil()
	}
	return rp, nil
}

// Parse parses record, the data row at line, and returns a dataset of its
// one record, or the row's problems as a *graph.ImportError. The record
// must have as many fields as the header.
func (rp *RowParser) Parse(line int, record []string) (*graph.Dataset, error) {
	rp.p.errs = &graph.ImportError{}
	rp.p.ds = &graph.Dataset{Origin: &graph.Origin{}}
	rp.p.line = line
	rp.p.parseRecord(record)
	if err := rp.p.errs.ErrOrNil(); err != nil {
		return nil, err
	}
	return rp.p.ds, nil
}

package hubspot

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/internal/crm"
	"github.com/kamgraph/kamgraph/graph/ingest/mapping"
)

// Source is the value of Relationship.Source for relationships that this
// package creates.
const Source = "hubspot"

// Id prefixes. HubSpot numbers companies, contacts and users in separate
// sequences, so the same number can name a contact and a user. The
// prefixes keep kamgraph's person ids apart.
const (
	CompanyPrefix = "hs-company-"
	ContactPrefix = "hs-contact-"
	UserPrefix    = "hs-user-"
)

// headerPeekSize is how many bytes of a file are examined to classify it
// by its header row. Exports with every property have headers of about
// 10 KB.
const headerPeekSize = 256 << 10

// ReadDir reads every .csv file in dir as a HubSpot export and classifies
// each as a companies, contacts or users export by its header. A nil
// mapping means mapping.Default().
func ReadDir(dir string, m *mapping.Mapping, opts ingest.Options) (*ingest.Result, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "cannot read HubSpot export folder: %v", err)
	}
	files := map[string]io.Reader{}
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, graph.Errorf(graph.KindInvalid, "cannot open %s: %v", e.Name(), err)
		}
		defer f.Close()
		files[e.Name()] = f
	}
	if len(files) == 0 {
		return nil, graph.Errorf(graph.KindInvalid, "folder %q contains no .csv file: export companies and contacts from HubSpot as CSV", dir)
	}
	return Read(files, m, opts)
}

// Read reads HubSpot export files given by file name. Each file is
// classified by its header: a users export has the users person_id column
// ("User ID"), a contacts export has a first name, last name or email
// column, and a companies export has a company name column. A nil
// mapping means mapping.Default().
func Read(files map[string]io.Reader, m *mapping.Mapping, opts ingest.Options) (*ingest.Result, error) {
	if len(files) == 0 {
		return nil, graph.Errorf(graph.KindInvalid, "no HubSpot export files given: send the companies and contacts exports")
	}
	if m == nil {
		m = mapping.Default()
	}
	r := newReader(m, opts)
	byKind := r.classify(files)
	for _, kind := range []string{mapping.HSUsers, mapping.HSCompanies, mapping.HSContacts} {
		for _, f := range byKind[kind] {
			r.readFile(kind, f.name, f.r)
		}
	}
	r.resolve()
	return crm.Finish(r.build(), r.problems, r.summary)
}

type namedReader struct {
	name string
	r    io.Reader
}

// classify sorts files by kind, in file-name order within a kind, and
// records a problem for each file whose kind it cannot tell.
func (r *reader) classify(files map[string]io.Reader) map[string][]namedReader {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)

	byKind := map[string][]namedReader{}
	for _, name := range names {
		br := bufio.NewReaderSize(files[name], headerPeekSize)
		kind, ok := r.kindOf(peekHeader(br))
		if !ok {
			r.problems.AddFile(graph.Problem{File: name, Line: 1, Message: fmt.Sprintf(
				"cannot tell which HubSpot export this is: a companies export needs %s, a contacts export %s, a users export %s",
				r.describe(mapping.HSCompanies, mapping.FieldName), r.describe(mapping.HSContacts, mapping.FieldFirstName),
				r.describe(mapping.HSUsers, mapping.FieldPersonID))})
			continue
		}
		byKind[kind] = append(byKind[kind], namedReader{name, br})
	}
	return byKind
}

func (r *reader) describe(kind, field string) string {
	cols := r.m.Fields(mapping.HubSpot, kind)[field]
	if len(cols) == 0 {
		return "a mapped " + field + " column"
	}
	return fmt.Sprintf("a %q column", cols[0])
}

// peekHeader returns the lower-cased header names of the file behind br
// without consuming any input. It returns nil when the header cannot be
// read; reading the file then reports why.
func peekHeader(br *bufio.Reader) map[string]bool {
	data, _ := br.Peek(headerPeekSize)
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	header, err := csv.NewReader(bytes.NewReader(data)).Read()
	if err != nil {
		return nil
	}
	set := make(map[string]bool, len(header))
	for _, h := range header {
		set[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return set
}

func (r *reader) kindOf(header map[string]bool) (string, bool) {
	has := func(kind, field string) bool {
		for _, col := range r.m.Fields(mapping.HubSpot, kind)[field] {
			if header[strings.ToLower(col)] {
				return true
			}
		}
		return false
	}
	switch {
	case has(mapping.HSUsers, mapping.FieldPersonID):
		return mapping.HSUsers, true
	case has(mapping.HSContacts, mapping.FieldFirstName) || has(mapping.HSContacts, mapping.FieldLastName) ||
		has(mapping.HSContacts, mapping.FieldEmail):
		return mapping.HSContacts, true
	case has(mapping.HSCompanies, mapping.FieldName):
		return mapping.HSCompanies, true
	}
	return "", false
}

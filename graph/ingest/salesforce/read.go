package salesforce

import (
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
const Source = "salesforce"

// Objects lists the Salesforce objects that Read accepts, in the order it
// reads them.
var Objects = []string{
	mapping.SFUser,
	mapping.SFAccount,
	mapping.SFContact,
	mapping.SFAccountContactRelation,
	mapping.SFAccountContactRole,
	mapping.SFOpportunityContactRole,
	mapping.SFAccountTeamMember,
}

// ReadDir reads the export files in dir: one CSV file per object, named
// after the object (Account.csv, Contact.csv, ...; the case of the name
// does not matter). Other files are ignored. A nil mapping means
// mapping.Default().
func ReadDir(dir string, m *mapping.Mapping, opts ingest.Options) (*ingest.Result, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "cannot read Salesforce export folder: %v", err)
	}
	files := map[string]io.Reader{}
	names := map[string]string{}
	for _, e := range entries {
		object, ok := objectOf(e.Name())
		if !ok || e.IsDir() {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, graph.Errorf(graph.KindInvalid, "cannot open %s: %v", e.Name(), err)
		}
		defer f.Close()
		files[object] = f
		names[object] = e.Name()
	}
	if len(files) == 0 {
		return nil, graph.Errorf(graph.KindInvalid, "folder %q contains no Salesforce export file: expected some of %s",
			dir, strings.Join(fileNames(), ", "))
	}
	return read(files, names, m, opts)
}

// Read reads export files given by object name (see Objects; case does
// not matter). Problems name each file as the object name plus ".csv".
// A nil mapping means mapping.Default().
func Read(files map[string]io.Reader, m *mapping.Mapping, opts ingest.Options) (*ingest.Result, error) {
	byObject := map[string]io.Reader{}
	names := map[string]string{}
	var unknown []string
	for name, r := range files {
		object, ok := objectOf(name + ".csv")
		if !ok {
			unknown = append(unknown, fmt.Sprintf("%q", name))
			continue
		}
		byObject[object] = r
		names[object] = object + ".csv"
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, graph.Errorf(graph.KindInvalid, "unknown Salesforce object %s: use %s",
			strings.Join(unknown, ", "), strings.Join(Objects, ", "))
	}
	if len(byObject) == 0 {
		return nil, graph.Errorf(graph.KindInvalid, "no Salesforce export files given: send some of %s", strings.Join(fileNames(), ", "))
	}
	return read(byObject, names, m, opts)
}

func objectOf(fileName string) (string, bool) {
	for _, o := range Objects {
		if strings.EqualFold(fileName, o+".csv") {
			return o, true
		}
	}
	return "", false
}

func fileNames() []string {
	out := make([]string, len(Objects))
	for i, o := range Objects {
		out[i] = o + ".csv"
	}
	return out
}

func read(files map[string]io.Reader, names map[string]string, m *mapping.Mapping, opts ingest.Options) (*ingest.Result, error) {
	if m == nil {
		m = mapping.Default()
	}
	r := newReader(names, m, opts)
	for _, object := range Objects {
		if f, ok := files[object]; ok {
			r.readObject(object, f)
		}
	}
	r.checkFileDependencies(files)
	r.resolve()
	return crm.Finish(r.build(), r.problems, r.summary)
}

// checkFileDependencies records a problem for role and team files whose
// target file is missing: roles are set on contacts, so they need
// Contact.csv.
func (r *reader) checkFileDependencies(files map[string]io.Reader) {
	if _, ok := files[mapping.SFContact]; ok {
		return
	}
	for _, object := range []string{mapping.SFAccountContactRelation, mapping.SFAccountContactRole, mapping.SFOpportunityContactRole} {
		if _, ok := files[object]; ok {
			r.problems.AddFile(graph.Problem{File: r.names[object],
				Message: fmt.Sprintf("%s sets roles on contacts: export Contact.csv with it", r.names[object])})
		}
	}
}

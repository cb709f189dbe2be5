package load_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/load"
)

// openFolder opens the import files of dir.
func openFolder(t *testing.T, dir string) map[string]io.Reader {
	t.Helper()
	files := map[string]io.Reader{}
	for _, name := range csvimport.FileNames {
		f, err := os.Open(filepath.Join(dir, name))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		files[name] = f
	}
	return files
}

func stringFiles(files map[string]string) map[string]io.Reader {
	out := map[string]io.Reader{}
	for name, content := range files {
		out[name] = strings.NewReader(content)
	}
	return out
}

func TestReadKamgraphMatchesCSVImport(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "graphs", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no test folders: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want, err := csvimport.ReadDir(dir)
			if err != nil {
				t.Fatalf("csvimport.ReadDir: %v", err)
			}
			res, err := load.ReadKamgraph(openFolder(t, dir), ingest.Options{})
			if err != nil {
				t.Fatalf("ReadKamgraph: %v", err)
			}
			if !reflect.DeepEqual(res.Dataset, want) {
				t.Errorf("dataset differs from csvimport's:\n got %+v\nwant %+v", res.Dataset, want)
			}
			if rows := len(want.Accounts) + len(want.People) + len(want.Relationships); res.Summary.RowsRead != rows {
				t.Errorf("rows read = %d, want %d", res.Summary.RowsRead, rows)
			}
		})
	}
}

func TestReadKamgraphProblemsMatchCSVImport(t *testing.T) {
	files := map[string]string{
		"accounts.csv": "\ufeffaccount_id,name,tier\nacme,Acme,4\n\"quoted,\nname\",\"Multi\nLine\",x\n",
		"people.csv":   "person_id,name,side\np1,P,martian\np2,,vendor\np3,Q\n",
	}
	_, want := csvimport.ReadFiles(stringFiles(files))
	_, got := load.ReadKamgraph(stringFiles(files), ingest.Options{})
	var wantErr, gotErr *graph.ImportError
	if !errors.As(want, &wantErr) || !errors.As(got, &gotErr) {
		t.Fatalf("errors %v and %v, want import errors from both", want, got)
	}
	if !reflect.DeepEqual(gotErr.Problems, wantErr.Problems) {
		t.Errorf("problems:\n got %+v\nwant %+v", gotErr.Problems, wantErr.Problems)
	}
}

func TestReadKamgraphHeaderProblemsRejectTheFile(t *testing.T) {
	files := stringFiles(map[string]string{"people.csv": "person_id,name,side,shoe_size\np1,P,vendor,42\n"})
	_, err := load.ReadKamgraph(files, ingest.Options{KeepGoing: true})
	var importErr *graph.ImportError
	if !errors.As(err, &importErr) || !strings.Contains(err.Error(), `unknown column "shoe_size"`) {
		t.Errorf("error %v, want the unknown column to reject the import even with KeepGoing", err)
	}
}

func TestReadKamgraphKeepGoing(t *testing.T) {
	files := stringFiles(map[string]string{
		"people.csv": "person_id,name,side,seniority\n" +
			"p1,Pat,vendor,\n" +
			"p2,Quinn,vendor,chief\n" +
			"p3,Ray,vendor,vp,extra\n" +
			"p4,Sam,vendor,ic\n",
	})

	var seen []graph.Problem
	var progress []ingest.Progress
	res, err := load.ReadKamgraph(files, ingest.Options{
		KeepGoing: true,
		OnProblem: func(p graph.Problem) { seen = append(seen, p) },
		Progress:  func(p ingest.Progress) { progress = append(progress, p) },
	})
	if err != nil {
		t.Fatalf("ReadKamgraph: %v", err)
	}

	var ids []string
	for _, p := range res.Dataset.People {
		ids = append(ids, p.ID)
	}
	if !reflect.DeepEqual(ids, []string{"p1", "p4"}) {
		t.Errorf("people = %v, want p1 and p4", ids)
	}
	if !reflect.DeepEqual(res.Dataset.Origin.PersonLines, []int{2, 5}) {
		t.Errorf("lines = %v, want 2 and 5", res.Dataset.Origin.PersonLines)
	}
	if res.Summary.RowsRead != 4 || res.Summary.RowsRejected != 2 {
		t.Errorf("summary = %+v, want 4 rows read and 2 rejected", res.Summary)
	}
	if len(seen) != 2 || seen[0].Line != 3 || seen[0].Column != "seniority" || seen[1].Line != 4 {
		t.Errorf("problems = %+v, want line 3 (seniority) and line 4 (field count)", seen)
	}
	if n := len(progress); n == 0 || !progress[n-1].Done || progress[n-1].Rows != 4 {
		t.Errorf("progress = %+v, want a last report of 4 rows, done", progress)
	}
}

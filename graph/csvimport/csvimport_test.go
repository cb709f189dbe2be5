package csvimport_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
)

const (
	accountsCSV = "account_id,name,tier,arr,renewal_date,owner_id\n" +
		"ACME,Acme Corp,1,1200000,2027-03-31,V1\n"
	peopleCSV = "person_id,name,side,account_id,title,function,business_unit,geography,seniority,role,status,email,manager_id\n" +
		"V1,Vera Vendor,vendor,,Account Manager,Sales,Enterprise,EMEA,manager,,active,vera@vendor.example,\n" +
		"C1,Carla Champion,customer,ACME,Head of IT,IT,Corporate,DE,director,champion,,,\n"
	relationshipsCSV = "person_a,person_b,strength,type,last_interaction,source\n" +
		"V1,C1,0.8,meeting,2026-10-01,crm\n"
)

func read(t *testing.T, files map[string]string) (*graph.Dataset, error) {
	t.Helper()
	readers := make(map[string]io.Reader, len(files))
	for name, content := range files {
		readers[name] = strings.NewReader(content)
	}
	return csvimport.ReadFiles(readers)
}

// problems returns the problems of err, failing the test when err is not
// an *graph.ImportError.
func problems(t *testing.T, err error) []graph.Problem {
	t.Helper()
	var ie *graph.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error = %v, want *graph.ImportError", err)
	}
	return ie.Problems
}

func TestReadFilesValid(t *testing.T) {
	ds, err := read(t, map[string]string{
		graph.AccountsFile:      accountsCSV,
		graph.PeopleFile:        peopleCSV,
		graph.RelationshipsFile: relationshipsCSV,
	})
	if err != nil {
		t.Fatalf("ReadFiles: %v", err)
	}
	wantAccount := graph.Account{ID: "ACME", Name: "Acme Corp", Tier: 1, ARR: 1_200_000, RenewalDate: "2027-03-31", OwnerID: "V1"}
	if len(ds.Accounts) != 1 || ds.Accounts[0] != wantAccount {
		t.Errorf("accounts = %+v, want [%+v]", ds.Accounts, wantAccount)
	}
	wantPerson := graph.Person{ID: "C1", Name: "Carla Champion", Side: graph.SideCustomer, AccountID: "ACME",
		Title: "Head of IT", Function: "IT", BusinessUnit: "Corporate", Geography: "DE",
		Seniority: graph.SeniorityDirector, Role: graph.RoleChampion, Status: graph.StatusActive}
	if len(ds.People) != 2 || ds.People[1] != wantPerson {
		t.Errorf("people = %+v, want second %+v", ds.People, wantPerson)
	}
	wantRel := graph.Relationship{PersonA: "V1", PersonB: "C1", Strength: 0.8, Type: "meeting", LastInteraction: "2026-10-01", Source: "crm"}
	if len(ds.Relationships) != 1 || ds.Relationships[0] != wantRel {
		t.Errorf("relationships = %+v, want [%+v]", ds.Relationships, wantRel)
	}
	if got := ds.Origin.PersonLines; len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Errorf("person lines = %v, want [2 3]", got)
	}
	if _, err := graph.Plan(ds, graph.Existing{}); err != nil {
		t.Errorf("Plan: %v", err)
	}
}

func TestReadFilesColumnsAnyOrder(t *testing.T) {
	ds, err := read(t, map[string]string{
		graph.RelationshipsFile: "strength , person_b,person_a\n0.5,B,A\n",
	})
	if err != nil {
		t.Fatalf("ReadFiles: %v", err)
	}
	want := graph.Relationship{PersonA: "A", PersonB: "B", Strength: 0.5}
	if ds.Relationships[0] != want {
		t.Errorf("relationship = %+v, want %+v", ds.Relationships[0], want)
	}
}

func TestReadFilesByteOrderMark(t *testing.T) {
	ds, err := read(t, map[string]string{graph.AccountsFile: "\ufeff" + accountsCSV})
	if err != nil {
		t.Fatalf("ReadFiles: %v", err)
	}
	if ds.Accounts[0].ID != "ACME" {
		t.Errorf("account id = %q, want ACME", ds.Accounts[0].ID)
	}
}

func TestReadFilesQuotedNewlineKeepsLines(t *testing.T) {
	content := "person_id,name,side,title\n" +
		"V1,Vera,vendor,\"Account\nManager\"\n" +
		"V2,Victor,vendr,VP\n"
	_, err := read(t, map[string]string{graph.PeopleFile: content})
	got := problems(t, err)
	if len(got) != 1 {
		t.Fatalf("problems = %v, want one", got)
	}
	if got[0].Line != 4 || got[0].Column != "side" || got[0].Value != "vendr" {
		t.Errorf("problem = %+v, want line 4, column side, value vendr", got[0])
	}
}

func TestReadFilesRejects(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		content  string
		wantLine int
		wantCol  string
		wantText string
	}{
		{"UnknownColumn", graph.AccountsFile, "account_id,name,region\nA,Acme,EU\n", 1, "", `unknown column "region"`},
		{"MissingRequiredColumn", graph.RelationshipsFile, "person_a,person_b\nA,B\n", 1, "strength", `missing required column "strength"`},
		{"DuplicateColumn", graph.AccountsFile, "account_id,name,name\nA,Acme,Acme\n", 1, "name", `duplicate column "name"`},
		{"MissingRequiredValue", graph.AccountsFile, "account_id,name\nA,\n", 2, "name", `missing value for required column "name"`},
		{"StrengthNotNumber", graph.RelationshipsFile, "person_a,person_b,strength\nA,B,high\n", 2, "strength", "invalid strength"},
		{"StrengthZero", graph.RelationshipsFile, "person_a,person_b,strength\nA,B,0\n", 2, "strength", "out of range"},
		{"StrengthAboveOne", graph.RelationshipsFile, "person_a,person_b,strength\nA,B,1.01\n", 2, "strength", "out of range"},
		{"StrengthNaN", graph.RelationshipsFile, "person_a,person_b,strength\nA,B,NaN\n", 2, "strength", "out of range"},
		{"BadDate", graph.RelationshipsFile, "person_a,person_b,strength,last_interaction\nA,B,0.5,03/01/2026\n", 2, "last_interaction", "use YYYY-MM-DD"},
		{"BadTier", graph.AccountsFile, "account_id,name,tier\nA,Acme,4\n", 2, "tier", "invalid tier"},
		{"NegativeARR", graph.AccountsFile, "account_id,name,arr\nA,Acme,-5\n", 2, "arr", "invalid arr"},
		{"UnknownSide", graph.PeopleFile, "person_id,name,side\nP,Pat,partner\n", 2, "side", `invalid side "partner"`},
		{"UnknownSeniority", graph.PeopleFile, "person_id,name,side,seniority\nP,Pat,vendor,svp\n", 2, "seniority", `invalid seniority "svp"`},
		{"UnknownRole", graph.PeopleFile, "person_id,name,side,role\nP,Pat,customer,sponsor\n", 2, "role", `invalid role "sponsor"`},
		{"UnknownStatus", graph.PeopleFile, "person_id,name,side,status\nP,Pat,vendor,gone\n", 2, "status", `invalid status "gone"`},
		{"WrongFieldCount", graph.AccountsFile, "account_id,name\nA,Acme,extra\n", 2, "", "wrong number of fields"},
		{"BadQuote", graph.AccountsFile, "account_id,name\nA,\"Acme\n", 2, "", "malformed CSV"},
		{"EmptyFile", graph.AccountsFile, "", 0, "", "file is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := read(t, map[string]string{tc.file: tc.content})
			got := problems(t, err)
			if len(got) == 0 {
				t.Fatal("no problems reported")
			}
			p := got[0]
			if p.File != tc.file {
				t.Errorf("file = %q, want %q", p.File, tc.file)
			}
			if p.Line != tc.wantLine {
				t.Errorf("line = %d, want %d", p.Line, tc.wantLine)
			}
			if p.Column != tc.wantCol {
				t.Errorf("column = %q, want %q", p.Column, tc.wantCol)
			}
			if !strings.Contains(p.Message, tc.wantText) {
				t.Errorf("message = %q, want it to contain %q", p.Message, tc.wantText)
			}
			if !strings.Contains(err.Error(), tc.file) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestReadFilesCollectsEveryProblem(t *testing.T) {
	content := "person_a,person_b,strength\nA,B,2\nA,C,0.5\nB,C,x\n"
	_, err := read(t, map[string]string{graph.RelationshipsFile: content})
	got := problems(t, err)
	if len(got) != 2 {
		t.Fatalf("problems = %v, want two", got)
	}
	if got[0].Line != 2 || got[1].Line != 4 {
		t.Errorf("lines = %d and %d, want 2 and 4", got[0].Line, got[1].Line)
	}
}

func TestReadFilesUnknownFileName(t *testing.T) {
	_, err := read(t, map[string]string{"contacts.csv": "x\n"})
	if err == nil || !strings.Contains(err.Error(), `"contacts.csv"`) {
		t.Fatalf("error = %v, want it to name contacts.csv", err)
	}
	if graph.KindOf(err) != graph.KindInvalid {
		t.Errorf("kind = %s, want invalid", graph.KindOf(err))
	}
}

func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(graph.AccountsFile, accountsCSV)
	write(graph.PeopleFile, peopleCSV)
	write("README.txt", "not an import file")

	ds, err := csvimport.ReadDir(dir)
	if err != nil {
		t.Fatalf("ReadDir: %v", err)
	}
	if len(ds.Accounts) != 1 || len(ds.People) != 2 || len(ds.Relationships) != 0 {
		t.Errorf("read %d accounts, %d people, %d relationships; want 1, 2, 0",
			len(ds.Accounts), len(ds.People), len(ds.Relationships))
	}
}

func TestReadDirErrors(t *testing.T) {
	empty := t.TempDir()
	file := filepath.Join(empty, "file.csv")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		dir      string
		wantText string
	}{
		{"Missing", filepath.Join(empty, "nope"), "cannot read import folder"},
		{"NotAFolder", file, "is not a folder"},
		{"NoImportFiles", empty, "contains none of"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := csvimport.ReadDir(tc.dir)
			if err == nil || !strings.Contains(err.Error(), tc.wantText) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.wantText)
			}
			if graph.KindOf(err) != graph.KindInvalid {
				t.Errorf("kind = %s, want invalid", graph.KindOf(err))
			}
		})
	}
}

func FuzzReadFiles(f *testing.F) {
	f.Add(accountsCSV, peopleCSV, relationshipsCSV)
	f.Add("account_id,name\n\"A", "person_id,name,side\nP,\"x\"\"y\",vendor\n", "\ufeffperson_a,person_b,strength\nA,B,1e-300\n")
	f.Fuzz(func(t *testing.T, accounts, people, relationships string) {
		ds, err := read(t, map[string]string{
			graph.AccountsFile:      accounts,
			graph.PeopleFile:        people,
			graph.RelationshipsFile: relationships,
		})
		if err != nil {
			if graph.KindOf(err) != graph.KindInvalid {
				t.Fatalf("error kind = %s, want invalid: %v", graph.KindOf(err), err)
			}
			return
		}
		// Whatever parses must pass through Plan without a panic.
		_, _ = graph.Plan(ds, graph.Existing{})
	})
}

func TestReadFilesRejectsBadBytes(t *testing.T) {
	tests := []struct {
		name     string
		value    string
		wantText string
	}{
		{"InvalidUTF8", "Bad \xff\xfe Name", "invalid UTF-8"},
		{"Latin1", "Jos\xe9 M\xfcller", "invalid UTF-8"},
		{"NulByte", "Nul\x00Name", "NUL byte"},
		{"TooLong", strings.Repeat("x", csvimport.MaxFieldLength+1), "over the limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			content := "person_id,name,side\nP1," + tc.value + ",vendor\n"
			_, err := read(t, map[string]string{graph.PeopleFile: content})
			got := problems(t, err)
			if len(got) != 1 {
				t.Fatalf("problems = %v, want one", got)
			}
			if got[0].Line != 2 || got[0].Column != "name" {
				t.Errorf("problem at line %d column %q, want line 2 column name", got[0].Line, got[0].Column)
			}
			if !strings.Contains(got[0].Message, tc.wantText) {
				t.Errorf("message = %q, want it to contain %q", got[0].Message, tc.wantText)
			}
		})
	}
}

func TestProblemStringShowsValue(t *testing.T) {
	_, err := read(t, map[string]string{graph.RelationshipsFile: "person_a,person_b,strength\nA,B,abc\n"})
	if err == nil || !strings.Contains(err.Error(), `(value "abc")`) {
		t.Fatalf("error = %v, want it to show the value abc", err)
	}
}

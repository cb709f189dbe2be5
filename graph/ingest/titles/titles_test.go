package titles_test

import (
	"reflect"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest/titles"
)

const (
	ic       = graph.SeniorityIC
	manager  = graph.SeniorityManager
	director = graph.SeniorityDirector
	vp       = graph.SeniorityVP
	cLevel   = graph.SeniorityCLevel
)

// inferTests pairs job titles as they appear in CRM exports with what
// Infer must return. An empty function or seniority means the title must
// be reported, not guessed.
var inferTests = []struct {
	title     string
	function  string
	seniority graph.Seniority
}{
	// C-suite.
	{"Chief Executive Officer", titles.Executive, cLevel},
	{"CEO", titles.Executive, cLevel},
	{"President & CEO", titles.Executive, cLevel},
	{"Co-Founder", titles.Executive, cLevel},
	{"Chief Financial Officer", titles.Finance, cLevel},
	{"CFO", titles.Finance, cLevel},
	{"Chief Information Officer", titles.IT, cLevel},
	{"CIO", titles.IT, cLevel},
	{"CTO", titles.Engineering, cLevel},
	{"Chief Technology Officer", titles.Engineering, cLevel},
	{"COO", titles.Operations, cLevel},
	{"Chief Operating Officer", titles.Operations, cLevel},
	{"Chief Marketing Officer", titles.Marketing, cLevel},
	{"Chief Revenue Officer", titles.Sales, cLevel},
	{"Chief People Officer", titles.HR, cLevel},
	{"Chief Information Security Officer", titles.IT, cLevel},
	{"Chief Procurement Officer", titles.Procurement, cLevel},
	{"Chief Legal Officer", titles.Legal, cLevel},
	{"Chief Customer Officer", "", cLevel},
	{"Chairman of the Board", titles.Executive, cLevel},

	// Vice presidents.
	{"VP Finance", titles.Finance, vp},
	{"V.P. of Sales", titles.Sales, vp},
	{"Vice President, Information Technology", titles.IT, vp},
	{"SVP Global Operations", titles.Operations, vp},
	{"EVP, Human Resources", titles.HR, vp},
	{"Senior Vice President of Engineering", titles.Engineering, vp},
	{"VP Marketing", titles.Marketing, vp},
	{"Vice President Procurement & Supply", titles.Procurement, vp},

	// Directors and heads.
	{"Director of Procurement", titles.Procurement, director},
	{"Dir. IT Infrastructure", titles.IT, director},
	{"Senior Director, Legal", titles.Legal, director},
	{"Head of IT", titles.IT, director},
	{"Head of Talent Acquisition", titles.HR, director},
	{"Finance Director", titles.Finance, director},
	{"Director, Product Management", titles.Product, director},
	{"Sales Director EMEA", titles.Sales, director},
	{"Director of Engineering", titles.Engineering, director},

	// Managers and team leads.
	{"Sr. Manager, FP&A", titles.Finance, manager},
	{"IT Manager", titles.IT, manager},
	{"Procurement Manager", titles.Procurement, manager},
	{"Operations Mgr", titles.Operations, manager},
	{"Engineering Manager", titles.Engineering, manager},
	{"HR Manager", titles.HR, manager},
	{"Marketing Manager", titles.Marketing, manager},
	{"Team Lead, Data Engineering", titles.Engineering, manager},
	{"Accounts Payable Supervisor", titles.Finance, manager},
	{"Sales Operations Manager", titles.Sales, manager},

	// Individual contributors.
	{"Software Engineer", titles.Engineering, ic},
	{"Senior Software Engineer", titles.Engineering, ic},
	{"Lead Engineer", titles.Engineering, ic},
	{"Network Engineer", titles.IT, ic},
	{"Sales Engineer", titles.Sales, ic},
	{"Financial Analyst", titles.Finance, ic},
	{"Staff Accountant", titles.Finance, ic},
	{"Procurement Specialist", titles.Procurement, ic},
	{"Buyer", titles.Procurement, ic},
	{"Account Executive", titles.Sales, ic},
	{"Key Account Manager", titles.Sales, ic},
	{"Product Manager", titles.Product, ic},
	{"Product Marketing Manager", titles.Marketing, manager},
	{"Paralegal", titles.Legal, ic},
	{"Corporate Counsel", titles.Legal, ic},
	{"HR Business Partner", titles.HR, ic},
	{"Recruiter", titles.HR, ic},
	{"Systems Administrator", titles.IT, ic},
	{"Marketing Coordinator", titles.Marketing, ic},
	{"Logistics Planner", titles.Operations, ic},
	{"Executive Assistant to the CFO", "", ic},

	// Titles that must be reported rather than guessed.
	{"Managing Director", titles.Executive, ""},
	{"Executive Director", "", ""},
	{"Deputy CFO", titles.Finance, ""},
	{"AVP Finance", titles.Finance, ""},
	{"General Counsel", titles.Legal, ""},
	{"VP Sales & Marketing", "", vp},
	{"Director, Finance & IT", "", director},
	{"Controller", titles.Finance, ""},
	{"Gerente de Finanzas", "", ""},
	{"Specialist Trading", "", ic},
	{"Consultant", "", ic},
	{"", "", ""},
}

func TestInfer(t *testing.T) {
	for _, tc := range inferTests {
		got := titles.Infer(tc.title)
		if got.Function != tc.function {
			t.Errorf("Infer(%q).Function = %q, want %q", tc.title, got.Function, tc.function)
		}
		if got.Seniority != tc.seniority {
			t.Errorf("Infer(%q).Seniority = %q, want %q", tc.title, got.Seniority, tc.seniority)
		}
	}
	if len(inferTests) < 60 {
		t.Errorf("table has %d titles, want at least 60", len(inferTests))
	}
}

func TestFillKeepsSourceValues(t *testing.T) {
	people := []graph.Person{
		{ID: "1", Title: "VP Finance", Function: "Treasury"},
		{ID: "2", Title: "VP Finance", Seniority: graph.SeniorityDirector},
		{ID: "3", Title: "Finance Director", Function: "Controlling", Seniority: graph.SeniorityManager},
	}
	report := titles.Fill(people)

	want := []graph.Person{
		{ID: "1", Title: "VP Finance", Function: "Treasury", Seniority: vp},
		{ID: "2", Title: "VP Finance", Function: titles.Finance, Seniority: graph.SeniorityDirector},
		{ID: "3", Title: "Finance Director", Function: "Controlling", Seniority: graph.SeniorityManager},
	}
	if !reflect.DeepEqual(people, want) {
		t.Errorf("people = %+v, want %+v", people, want)
	}
	if report.Filled != 2 {
		t.Errorf("Filled = %d, want 2", report.Filled)
	}
}

func TestFillReportsUnknownTitles(t *testing.T) {
	people := []graph.Person{
		{ID: "1", Title: "Gerente de Finanzas"},
		{ID: "2", Title: "Gerente de Finanzas"},
		{ID: "3", Title: "Controller"},
		{ID: "4", Title: "Managing Director", Seniority: vp},
		{ID: "5"},
	}
	report := titles.Fill(people)

	wantFunction := []string{"Gerente de Finanzas"}
	if !reflect.DeepEqual(report.UnknownFunction, wantFunction) {
		t.Errorf("UnknownFunction = %q, want %q", report.UnknownFunction, wantFunction)
	}
	wantSeniority := []string{"Controller", "Gerente de Finanzas"}
	if !reflect.DeepEqual(report.UnknownSeniority, wantSeniority) {
		t.Errorf("UnknownSeniority = %q, want %q", report.UnknownSeniority, wantSeniority)
	}
	if report.NoTitle != 1 {
		t.Errorf("NoTitle = %d, want 1", report.NoTitle)
	}
	if people[0].Function != "" || people[0].Seniority != "" {
		t.Errorf("unknown title filled %+v, want it left empty", people[0])
	}
}

func FuzzInfer(f *testing.F) {
	for _, tc := range inferTests {
		f.Add(tc.title)
	}
	known := map[string]bool{"": true, titles.Executive: true, titles.Finance: true, titles.Procurement: true,
		titles.IT: true, titles.Operations: true, titles.Legal: true, titles.Marketing: true, titles.Sales: true,
		titles.Engineering: true, titles.HR: true, titles.Product: true}
	f.Fuzz(func(t *testing.T, title string) {
		got := titles.Infer(title)
		if !known[got.Function] {
			t.Errorf("Infer(%q).Function = %q, not a known function", title, got.Function)
		}
		if _, err := graph.ParseSeniority(string(got.Seniority)); err != nil {
			t.Errorf("Infer(%q).Seniority = %q: %v", title, got.Seniority, err)
		}
	})
}

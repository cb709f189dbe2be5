package hubspot_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/hubspot"
)

const (
	companiesCSV = `"Record ID","Company name","Company owner","Create Date"
"9001","Northwind Logistics","Vera Vogel","2023-02-07 20:47"
"9002","Contoso Retail","","2024-11-02 09:15"
`
	usersCSV       = "User ID,First Name,Last Name,Email\n51,Vera,Vogel,vera@vendor.example\n52,Sam,Patel,sam@vendor.example\n"
	contactsHeader = `"Record ID","First Name","Last Name","Email","Job Title","Seniority","Buying Role","Contact owner","Associated Company IDs","Primary Associated Company ID"` + "\n"
)

func read(t *testing.T, files map[string]string, opts ingest.Options) (*ingest.Result, error) {
	t.Helper()
	readers := make(map[string]io.Reader, len(files))
	for name, content := range files {
		readers[name] = strings.NewReader(content)
	}
	return hubspot.Read(readers, nil, opts)
}

func firstProblem(t *testing.T, err error) graph.Problem {
	t.Helper()
	var ie *graph.ImportError
	if !errors.As(err, &ie) || len(ie.Problems) == 0 {
		t.Fatalf("error = %v, want *graph.ImportError", err)
	}
	return ie.Problems[0]
}

func TestReadContacts(t *testing.T) {
	contacts := contactsHeader +
		`"101","Maria","Lopez","maria@northwind.example","CFO","","Budget Holder","vera@vendor.example","9001",""` + "\n" +
		`"102","","","tom@northwind.example","Head of IT","Director","DECISION_MAKER;END_USER","Sam Patel","9001;9002","9002"` + "\n" +
		`"103","Aisha","Khan","","","","","","",""` + "\n"
	res, err := read(t, map[string]string{"companies.csv": companiesCSV, "users.csv": usersCSV, "contacts.csv": contacts}, ingest.Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}

	people := map[string]graph.Person{}
	for _, p := range res.Dataset.People {
		people[p.ID] = p
	}
	maria := people["hs-contact-101"]
	if maria.AccountID != "hs-company-9001" || maria.Role != graph.RoleEconomicBuyer || maria.Seniority != graph.SeniorityCLevel {
		t.Errorf("maria = %+v", maria)
	}
	tom := people["hs-contact-102"]
	if tom.Name != "tom@northwind.example" || tom.AccountID != "hs-company-9002" || tom.Role != graph.RoleDecisionMaker {
		t.Errorf("tom = %+v, want the email as name, the primary company and decision_maker", tom)
	}

	if _, ok := people["hs-contact-103"]; ok {
		t.Error("contact without a company was imported")
	}
	if len(res.Dataset.Relationships) != 2 {
		t.Errorf("relationships = %+v, want one per owned contact", res.Dataset.Relationships)
	}
	if res.Dataset.Accounts[0].OwnerID != "hs-user-51" {
		t.Errorf("account owner = %q, want hs-user-51", res.Dataset.Accounts[0].OwnerID)
	}
	if _, err := graph.Plan(res.Dataset, graph.Existing{}); err != nil {
		t.Errorf("Plan: %v", err)
	}
}

func TestReadWithoutUsersIgnoresOwners(t *testing.T) {
	contacts := contactsHeader + `"101","Maria","Lopez","","","","","Someone Else","9001",""` + "\n"
	res, err := read(t, map[string]string{"companies.csv": companiesCSV, "contacts.csv": contacts}, ingest.Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(res.Dataset.Relationships) != 0 || res.Dataset.Accounts[0].OwnerID != "" {
		t.Errorf("owners were linked without a users export: %+v", res.Dataset)
	}
}

func TestReadBadInput(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		wantFile string
		wantLine int
		wantCol  string
		wantText string
	}{
		{"SeveralCompanies", map[string]string{"c.csv": contactsHeader + `"101","Maria","Lopez","","","","","","9001;9002",""` + "\n"},
			"c.csv", 2, "Associated Company IDs", "associated with 2 companies"},
		{"UnknownOwner", map[string]string{"users.csv": usersCSV, "c.csv": contactsHeader + `"101","Maria","Lopez","","","","","Nobody","9001",""` + "\n"},
			"c.csv", 2, "Contact owner", `owner "Nobody" matches no user`},
		{"UnknownCompany", map[string]string{"companies.csv": companiesCSV, "c.csv": contactsHeader + `"101","Maria","Lopez","","","","","","9999",""` + "\n"},
			"c.csv", 2, "Associated Company IDs", `company "hs-company-9999" is not in the companies export`},
		{"UnknownSeniority", map[string]string{"c.csv": contactsHeader + `"101","Maria","Lopez","","","Boss","","","9001",""` + "\n"},
			"c.csv", 2, "Seniority", `unknown seniority value "Boss"`},
		{"UnknownBuyingRole", map[string]string{"c.csv": contactsHeader + `"101","Maria","Lopez","","","","Gatekeeper","","9001",""` + "\n"},
			"c.csv", 2, "Buying Role", `unknown role value "Gatekeeper"`},
		{"UnrecognizedFile", map[string]string{"deals.csv": "Record ID,Deal Name\n1,Big deal\n"},
			"deals.csv", 1, "", "cannot tell which HubSpot export this is"},
		{"SemicolonFile", map[string]string{"c.csv": "Record ID;First Name;Last Name\n1;Maria;Lopez\n"},
			"c.csv", 1, "", "cannot tell which HubSpot export this is"},
		{"EmptyFile", map[string]string{"c.csv": ""}, "c.csv", 1, "", "cannot tell which HubSpot export this is"},
		{"NoName", map[string]string{"c.csv": contactsHeader + `"101","","","","","","","","9001",""` + "\n"},
			"c.csv", 2, "First Name", "missing name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := read(t, tc.files, ingest.Options{})
			p := firstProblem(t, err)
			if p.File != tc.wantFile || p.Line != tc.wantLine || p.Column != tc.wantCol {
				t.Errorf("problem at %s:%d column %q, want %s:%d column %q", p.File, p.Line, p.Column, tc.wantFile, tc.wantLine, tc.wantCol)
			}
			if !strings.Contains(p.Message, tc.wantText) {
				t.Errorf("message = %q, want it to contain %q", p.Message, tc.wantText)
			}
		})
	}
}

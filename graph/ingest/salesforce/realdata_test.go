package salesforce_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/salesforce"
	"github.com/kamgraph/kamgraph/internal/shareddata"
)

// TestReadDirRealTestOrg reads a real Data Loader export of a throw-away
// Salesforce org: quoted values, "0"/"1" booleans, Salesforce datetimes,
// CRLF line ends with a trailing blank line, a person account and 71 to
// 126 columns per object.
func TestReadDirRealTestOrg(t *testing.T) {
	dir := filepath.Join(shareddata.Dir(t, "crm/salesforce_acid_testorg"), "crm", "salesforce_acid_testorg")

	res, err := salesforce.ReadDir(dir, nil, ingest.Options{})
	if err != nil {
		t.Fatalf("ReadDir: %v", err)
	}
	ds := res.Dataset
	if len(ds.Accounts) != 2 {
		t.Errorf("accounts = %d, want 2", len(ds.Accounts))
	}
	if len(ds.People) != 3 {
		t.Errorf("people = %d, want 3 contacts", len(ds.People))
	}
	for _, p := range ds.People {
		if p.Side != graph.SideCustomer || p.AccountID == "" || p.Name == "" {
			t.Errorf("person %+v: want a named customer with an account", p)
		}
	}
	// Every contact is owned by one user, whom the export leaves out, so
	// each gets an owner relationship that graph.Plan checks against the
	// store.
	if len(ds.Relationships) != 3 {
		t.Errorf("relationships = %d, want 3 owner relationships", len(ds.Relationships))
	}
	if res.Summary.RowsRead != 2+3+2 {
		t.Errorf("rows read = %d, want 7", res.Summary.RowsRead)
	}
}

// TestReadRealIndirectRelation reads an earlier export of the same org
// whose AccountContactRelation file has an indirect relation (IsDirect
// "0") to a contact missing from Contact.csv. The relation is skipped,
// because kamgraph places each person in one account, so the dangling id
// is no problem.
func TestReadRealIndirectRelation(t *testing.T) {
	dir := filepath.Join(shareddata.Dir(t, "crm/salesforce_acid_testorg"), "crm", "salesforce_acid_testorg")
	contacts, err := os.Open(filepath.Join(dir, "Contact.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer contacts.Close()
	relations, err := os.Open(filepath.Join(dir, "AccountContactRelation_v1_with_indirect.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer relations.Close()

	res, err := salesforce.Read(map[string]io.Reader{"Contact": contacts, "AccountContactRelation": relations}, nil, ingest.Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if got := res.Summary.Skipped["AccountContactRelation: IsDirect is 0"]; got != 1 {
		t.Errorf("skipped indirect relations = %d, want 1", got)
	}
	if len(res.Dataset.People) != 3 {
		t.Errorf("people = %d, want 3", len(res.Dataset.People))
	}
}

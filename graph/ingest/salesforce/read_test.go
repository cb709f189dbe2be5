package salesforce_test

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
	"github.com/kamgraph/kamgraph/graph/ingest/mapping"
	"github.com/kamgraph/kamgraph/graph/ingest/salesforce"
)

const (
	usersCSV = "Id,Name,Title,Department,Email,ManagerId,IsActive,UserType\n" +
		"U1,Vera Vogel,Account Director,Sales,vera@vendor.example,,1,Standard\n"
	accountsCSV = "Id,Name,OwnerId,IsDeleted\n" +
		"A1,Northwind,U1,0\n"
	contactsCSV = "Id,AccountId,FirstName,LastName,Title,Email,OwnerId,ReportsToId,IsDeleted\n" +
		"C1,A1,Maria,Lopez,CFO,maria@northwind.example,U1,,0\n" +
		"C2,A1,Tom,Becker,Head of IT,tom@northwind.example,U1,C1,0\n"
)

func read(t *testing.T, files map[string]string, m *mapping.Mapping, opts ingest.Options) (*ingest.Result, error) {
	t.Helper()
	readers := make(map[string]io.Reader, len(files))
	for name, content := range files {
		readers[name] = strings.NewReader(content)
	}
	return salesforce.Read(readers, m, opts)
}

func problems(t *testing.T, err error) []graph.Problem {
	t.Helper()
	var ie *graph.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error = %v, want *graph.ImportError", err)
	}
	return ie.Problems
}

func TestReadValid(t *testing.T) {
	res, err := read(t, map[string]string{"User": usersCSV, "Account": accountsCSV, "Contact": contactsCSV}, nil, ingest.Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	want := []graph.Person{
		{ID: "U1", Name: "Vera Vogel", Side: graph.SideVendor, Title: "Account Director", Function: "Sales",
			Seniority: graph.SeniorityDirector, Status: graph.StatusActive, Email: "vera@vendor.example"},
		{ID: "C1", Name: "Maria Lopez", Side: graph.SideCustomer, AccountID: "A1", Title: "CFO", Function: "finance",
			Seniority: graph.SeniorityCLevel, Status: graph.StatusActive, Email: "maria@northwind.example"},
		{ID: "C2", Name: "Tom Becker", Side: graph.SideCustomer, AccountID: "A1", Title: "Head of IT", Function: "it",
			Seniority: graph.SeniorityDirector, Status: graph.StatusActive, Email: "tom@northwind.example", ManagerID: "C1"},
	}
	if !reflect.DeepEqual(res.Dataset.People, want) {
		t.Errorf("people:\n got %+v\nwant %+v", res.Dataset.People, want)
	}
	if len(res.Dataset.Relationships) != 2 {
		t.Errorf("relationships = %+v, want two owner relationships", res.Dataset.Relationships)
	}
	if _, err := graph.Plan(res.Dataset, graph.Existing{}); err != nil {
		t.Errorf("Plan: %v", err)
	}
}

// TestReadBadInput checks that each defect is reported with file, line,
// column and value, and that nothing is returned.
func TestReadBadInput(t *testing.T) {
	long := strings.Repeat("x", ingest.MaxValueLength+1)
	tests := []struct {
		name     string
		files    map[string]string
		wantFile string
		wantLine int
		wantCol  string
		wantVal  string
		wantText string
	}{
		{"SemicolonDelimiter", map[string]string{"Account": "Id;Name;OwnerId\nA1;Northwind;U1\n"},
			"Account.csv", 1, "", "Id;Name;OwnerId", "looks semicolon-separated"},
		{"TabDelimiter", map[string]string{"Account": "Id\tName\nA1\tNorthwind\n"},
			"Account.csv", 1, "", "Id\tName", "looks tab-separated"},
		{"EmptyFile", map[string]string{"Account": ""}, "Account.csv", 0, "", "", "file is empty"},
		{"MissingHeader", map[string]string{"Account": "Id,OwnerId\nA1,U1\n"},
			"Account.csv", 1, "Name", "", `missing column for name: the header needs one of "Name"`},
		{"HeaderOnlyData", map[string]string{"Contact": "003A,001A,Maria\n003B,001A,Tom\n"},
			"Contact.csv", 1, "Id", "", "missing column for person_id"},
		{"DuplicateHeader", map[string]string{"Account": "Id,Name,name\nA1,Northwind,Other\n"},
			"Account.csv", 1, "Name", "Name", `duplicate column "Name"`},
		{"DuplicateHeaderOtherCase", map[string]string{"Account": "ID,Name,Id\nA1,Northwind,A2\n"},
			"Account.csv", 1, "Id", "Id", `duplicate column "Id"`},
		{"UnknownRole", map[string]string{"Contact": contactsCSV,
			"OpportunityContactRole": "Id,ContactId,Role\nR1,C1,Sponsor\n"},
			"OpportunityContactRole.csv", 2, "Role", "Sponsor", `unknown role value "Sponsor"`},
		{"BadBoolean", map[string]string{"Account": "Id,Name,IsDeleted\nA1,Northwind,maybe\n"},
			"Account.csv", 2, "IsDeleted", "maybe", "invalid boolean"},
		{"BadEmail", map[string]string{"User": "Id,Name,Email\nU1,Vera,vera.vendor.example\n"},
			"User.csv", 2, "Email", "vera.vendor.example", "invalid email"},
		{"InvalidUTF8", map[string]string{"Account": "Id,Name\nA1,North\xffwind\n"},
			"Account.csv", 2, "Name", "North\uFFFDwind", "invalid UTF-8"},
		{"VeryLongField", map[string]string{"Account": "Id,Name\nA1," + long + "\n"},
			"Account.csv", 2, "Name", strings.Repeat("x", 64) + "…", "more than the maximum"},
		{"WrongFieldCount", map[string]string{"Account": "Id,Name\nA1,Northwind,extra\n"},
			"Account.csv", 2, "", "", "wrong number of fields"},
		{"UnclosedQuote", map[string]string{"Account": "Id,Name\nA1,\"Northwind\n"},
			"Account.csv", 2, "", "", "malformed CSV"},
		{"MissingID", map[string]string{"Account": "Id,Name\n,Northwind\n"},
			"Account.csv", 2, "Id", "", "missing Id"},
		{"DuplicateID", map[string]string{"Account": "Id,Name\nA1,Northwind\nA1,Northwind Again\n"},
			"Account.csv", 3, "Id", "A1", `duplicate id "A1", first on line 2`},
		{"UnknownAccount", map[string]string{"Account": accountsCSV, "Contact": "Id,AccountId,LastName\nC1,A9,Lopez\n"},
			"Contact.csv", 2, "AccountId", "A9", `AccountId "A9" is not in Account.csv`},
		{"UnknownOwner", map[string]string{"User": usersCSV, "Account": "Id,Name,OwnerId\nA1,Northwind,U9\n"},
			"Account.csv", 2, "OwnerId", "U9", `OwnerId "U9" is not in User.csv`},
		{"ManagerOnOtherAccount", map[string]string{"Contact": "Id,AccountId,LastName,ReportsToId\nC1,A1,Lopez,\nC2,A2,Becker,C1\n"},
			"Contact.csv", 3, "ReportsToId", "C1", "works for account"},
		{"RolesWithoutContacts", map[string]string{"OpportunityContactRole": "Id,ContactId,Role\nR1,C1,Evaluator\n"},
			"OpportunityContactRole.csv", 0, "", "", "export Contact.csv with it"},
		{"DanglingRoleContact", map[string]string{"Contact": contactsCSV,
			"AccountContactRelation": "Id,AccountId,ContactId,Roles,IsDirect\nR1,A1,C9,Evaluator,1\n"},
			"AccountContactRelation.csv", 2, "ContactId", "C9", `ContactId "C9" is not in Contact.csv`},
		{"UnknownTierValue", map[string]string{"Account": "Id,Name,Tier__c\nA1,Northwind,Gold\n"},
			"Account.csv", 2, "Tier__c", "Gold", `unknown tier value "Gold"`},
		{"BadRenewalDate", map[string]string{"Account": "Id,Name,Renewal_Date__c\nA1,Northwind,31/12/2027\n"},
			"Account.csv", 2, "Renewal_Date__c", "31/12/2027", "ambiguous date"},
		{"NegativeARR", map[string]string{"Account": "Id,Name,ARR__c\nA1,Northwind,-5\n"},
			"Account.csv", 2, "ARR__c", "-5", "invalid arr"},
	}
	m, err := mapping.Parse(strings.NewReader(`{"salesforce": {"Account": {"tier": "Tier__c", "arr": "ARR__c", "renewal_date": "Renewal_Date__c"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := read(t, tc.files, m, ingest.Options{})
			if res != nil {
				t.Errorf("result = %+v, want none", res.Dataset)
			}
			got := problems(t, err)
			p := got[0]
			if p.File != tc.wantFile {
				t.Errorf("file = %q, want %q", p.File, tc.wantFile)
			}
			if p.Line != tc.wantLine {
				t.Errorf("line = %d, want %d", p.Line, tc.wantLine)
			}
			if p.Column != tc.wantCol {
				t.Errorf("column = %q, want %q", p.Column, tc.wantCol)
			}
			if p.Value != tc.wantVal {
				t.Errorf("value = %q, want %q", p.Value, tc.wantVal)
			}
			if !strings.Contains(p.Message, tc.wantText) {
				t.Errorf("message = %q, want it to contain %q", p.Message, tc.wantText)
			}
		})
	}
}

func TestReadAcceptsExportQuirks(t *testing.T) {
	contacts := "\ufeff\"ID\",\"ACCOUNTID\",\"LASTNAME\",\"TITLE\",\"CREATEDDATE\",\"BIRTHDATE\",\"DESCRIPTION\"\r\n" +
		"\"C1\",\"A1\",\"Lopez, Maria\",\"CFO\",\"2025-07-17T12:19:31.000+0000\",\"45291\",\"line one\r\nline \"\"two\"\"\"\r\n" +
		"\"C2\",\"A1\",\"Becker\",\"Head of IT\",\"2023-02-07 20:47:49\",\"2023-05-29 00:00:00\",\"" + strings.Repeat("y", 100_000) + "\"\r\n" +
		"\r\n"
	res, err := read(t, map[string]string{"Contact": contacts}, nil, ingest.Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	people := res.Dataset.People
	if len(people) != 2 {
		t.Fatalf("people = %+v, want 2", people)
	}
	if people[0].Name != "Lopez, Maria" || people[1].Name != "Becker" {
		t.Errorf("names = %q and %q", people[0].Name, people[1].Name)
	}
	if res.Summary.RowsRead != 2 {
		t.Errorf("rows read = %d, want 2", res.Summary.RowsRead)
	}
}

func TestReadLinesCountQuotedNewlines(t *testing.T) {
	contacts := "Id,AccountId,LastName,Title,Email\n" +
		"C1,A1,Lopez,\"Chief\nFinancial Officer\",maria@example.com\n" +
		"C2,A1,Becker,CTO,not-an-email\n"
	_, err := read(t, map[string]string{"Contact": contacts}, nil, ingest.Options{})
	got := problems(t, err)
	if len(got) != 1 || got[0].Line != 4 {
		t.Errorf("problems = %+v, want one on line 4", got)
	}
}

func TestReadKeepGoing(t *testing.T) {
	contacts := "Id,AccountId,LastName,Email,ReportsToId,OwnerId,Level__c\n" +
		"C1,A1,Lopez,maria@example.com,,U1,VP\n" +
		"C2,A1,Becker,not-an-email,,U1,\n" + // rejected: bad email
		"C3,A1,Khan,aisha@example.com,C2,U1,\n" + // rejected: reports to a rejected contact
		"C4,A1,Wong,lee@example.com,,U1,Wizard\n" // rejected: unknown level
	roles := "Id,ContactId,Role\nR1,C1,Decision Maker\nR2,C3,Evaluator\n"
	m, err := mapping.Parse(strings.NewReader(`{"salesforce": {"Contact": {"seniority": ["Level__c"]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"User": usersCSV, "Account": accountsCSV, "Contact": contacts, "OpportunityContactRole": roles}

	_, err = read(t, files, m, ingest.Options{})
	if got := problems(t, err); len(got) != 4 {
		t.Errorf("without KeepGoing: problems = %+v, want 4", got)
	}

	res, err := read(t, files, m, ingest.Options{KeepGoing: true})
	if err != nil {
		t.Fatalf("Read with KeepGoing: %v", err)
	}
	var ids []string
	for _, p := range res.Dataset.People {
		ids = append(ids, p.ID)
	}
	if want := []string{"U1", "C1"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("people = %v, want %v", ids, want)
	}
	if res.Dataset.People[1].Role != graph.RoleDecisionMaker || res.Dataset.People[1].Seniority != graph.SeniorityVP {
		t.Errorf("C1 = %+v, want a vp decision maker", res.Dataset.People[1])
	}
	if len(res.Dataset.Relationships) != 1 {
		t.Errorf("relationships = %+v, want only U1-C1", res.Dataset.Relationships)
	}
	wantLines := []int{3, 5, 4, 3}
	if len(res.Problems) != len(wantLines) {
		t.Fatalf("problems = %+v, want %d", res.Problems, len(wantLines))
	}
	for i, line := range wantLines {
		if res.Problems[i].Line != line {
			t.Errorf("problem %d = %+v, want line %d", i, res.Problems[i], line)
		}
	}
	if res.Summary.RowsRejected != 4 {
		t.Errorf("rows rejected = %d, want 4 (3 contacts and 1 role)", res.Summary.RowsRejected)
	}
	if _, err := graph.Plan(res.Dataset, graph.Existing{}); err != nil {
		t.Errorf("Plan on the kept rows: %v", err)
	}
}

func TestReadKeepGoingStillFailsOnBrokenFile(t *testing.T) {
	_, err := read(t, map[string]string{"Account": "Id;Name\nA1;Northwind\n"}, nil, ingest.Options{KeepGoing: true})
	if got := problems(t, err); len(got) != 1 {
		t.Errorf("problems = %+v, want the delimiter problem", got)
	}
}

func TestReadAccountTeamStrength(t *testing.T) {
	team := "Id,AccountId,UserId,TeamMemberRole\nT1,A1,U1,Sales Engineer\n"
	files := map[string]string{"User": usersCSV, "Account": accountsCSV, "Contact": contactsCSV, "AccountTeamMember": team}

	m := mapping.Default()
	m.OwnerStrength = 0
	res, err := read(t, files, m, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Dataset.Relationships); n != 0 {
		t.Errorf("default: relationships = %d, want none from the account team", n)
	}

	m.AccountTeamStrength = 0.3
	res, err = read(t, files, m, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []graph.Relationship{
		{PersonA: "U1", PersonB: "C1", Strength: 0.3, Type: "account_team", Source: "salesforce"},
		{PersonA: "U1", PersonB: "C2", Strength: 0.3, Type: "account_team", Source: "salesforce"},
	}
	if !reflect.DeepEqual(res.Dataset.Relationships, want) {
		t.Errorf("relationships = %+v, want %+v", res.Dataset.Relationships, want)
	}
}

func TestReadProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString("Id,Name\n")
	for i := range 2500 {
		fmt.Fprintf(&b, "A%05d,Name\n", i)
	}
	var calls []ingest.Progress
	_, err := read(t, map[string]string{"Account": b.String()}, nil, ingest.Options{Progress: func(p ingest.Progress) { calls = append(calls, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 3 {
		t.Fatalf("progress calls = %+v, want 3", calls)
	}
	last := calls[2]
	if !last.Done || last.Rows != 2500 || last.Bytes != int64(b.Len()) || last.File != "Account.csv" {
		t.Errorf("last progress = %+v, want done after 2500 rows and %d bytes", last, b.Len())
	}
}

func TestReadUnknownObject(t *testing.T) {
	_, err := read(t, map[string]string{"Lead": "Id\n"}, nil, ingest.Options{})
	if err == nil || !strings.Contains(err.Error(), `unknown Salesforce object "Lead"`) {
		t.Errorf("error = %v, want it to name Lead", err)
	}
}

func TestReadIndirectRelationIsSkipped(t *testing.T) {
	// The dangling contact of an indirect relation is not checked: the
	// row is skipped before its contact is looked up.
	acr := "Id,AccountId,ContactId,Roles,IsDirect,IsActive\nR1,A1,C9,Evaluator,0,1\nR2,A1,C1,Economic Buyer,1,1\n"
	res, err := read(t, map[string]string{"Contact": contactsCSV, "AccountContactRelation": acr}, nil, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Dataset.People[0].Role != graph.RoleEconomicBuyer {
		t.Errorf("C1 role = %q, want economic_buyer", res.Dataset.People[0].Role)
	}
	if res.Summary.Skipped["AccountContactRelation: IsDirect is 0"] != 1 {
		t.Errorf("skipped = %v", res.Summary.Skipped)
	}
}

func TestReadRejectsSelfManagerAndSharedIDs(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		wantFile string
		wantCol  string
		wantText string
	}{
		{"UserOwnManager", map[string]string{"User": "Id,Name,ManagerId\nU1,Vera,U1\n"},
			"User.csv", "ManagerId", "cannot be their own manager"},
		{"ContactOwnManager", map[string]string{"Contact": "Id,AccountId,LastName,ReportsToId\nC1,A1,Lopez,C1\n"},
			"Contact.csv", "ReportsToId", "cannot be their own manager"},
		{"ContactIDIsUserID", map[string]string{"User": usersCSV, "Contact": "Id,AccountId,LastName\nU1,A1,Lopez\n"},
			"Contact.csv", "Id", "is also the Id of a User"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := read(t, tc.files, nil, ingest.Options{})
			got := problems(t, err)
			if got[0].File != tc.wantFile || got[0].Column != tc.wantCol || got[0].Line != 2 {
				t.Errorf("problem = %+v, want %s:2 column %s", got[0], tc.wantFile, tc.wantCol)
			}
			if !strings.Contains(got[0].Message, tc.wantText) {
				t.Errorf("message = %q, want it to contain %q", got[0].Message, tc.wantText)
			}
		})
	}
}

package salesforce_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

// FuzzRead reads arbitrary User, Account, Contact and
// AccountContactRelation files. Because the export holds all the files
// that references point into, whatever it accepts must pass graph.Plan,
// with and without KeepGoing.
func FuzzRead(f *testing.F) {
	f.Add(usersCSV, accountsCSV, contactsCSV, "Id,AccountId,ContactId,Roles,IsDirect\nR1,A1,C1,Decision Maker;Evaluator,1\n")
	f.Add("Id;Name\nU1;Vera\n", "\ufeffID,NAME,OWNERID\r\nA1,\"North\r\nwind\",U1\r\n",
		"Id,AccountId,LastName,ReportsToId\nC1,A1,X,C1\nC2,A1,Y,C1\n", "Id,ContactId,Roles\nR1,C2,Other\n")
	f.Add("Id,Name,ManagerId\nU1,A,U2\nU2,B,U1\n", "Id,Name,OwnerId,IsDeleted\nA1,N,U1,1\n",
		"Id,AccountId,LastName,Email\nC1,A1,X,x@y\nC1,A1,Y,bad\n", "Id,ContactId,Roles,IsActive\nR1,C1,Influencer,0\n")
	f.Fuzz(func(t *testing.T, users, accounts, contacts, relations string) {
		files := map[string]string{"User": users, "Account": accounts, "Contact": contacts, "AccountContactRelation": relations}
		for _, keepGoing := range []bool{false, true} {
			res, err := read(t, files, nil, ingest.Options{KeepGoing: keepGoing})
			if err != nil {
				if graph.KindOf(err) != graph.KindInvalid {
					t.Fatalf("error kind = %s, want invalid: %v", graph.KindOf(err), err)
				}
				continue
			}
			if _, err := graph.Plan(res.Dataset, graph.Existing{}); err != nil {
				t.Fatalf("KeepGoing %v: accepted dataset fails Plan: %v\n%+v", keepGoing, err, res.Dataset)
			}
		}
	})
}

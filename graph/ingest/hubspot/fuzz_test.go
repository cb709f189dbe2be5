package hubspot_test

import (
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

// FuzzRead reads companies, contacts and users exports with fixed headers
// and arbitrary rows. With all three kinds present, whatever it accepts
// must pass graph.Plan, with and without KeepGoing.
func FuzzRead(f *testing.F) {
	f.Add(`"9001","Northwind","Vera Vogel",""`+"\n", `"101","Maria","Lopez","m@x.example","CFO","","Budget Holder","Vera Vogel","9001",""`+"\n", "51,Vera,Vogel,vera@vendor.example\n")
	f.Add("1,A,,\n1,B,,\n", `5,,,a@b,,,,,"1;2",`+"\n6,X,,,,,,,1,\n", "5,A,B,a@b\n5,C,D,\n")
	f.Fuzz(func(t *testing.T, companies, contacts, users string) {
		files := map[string]string{
			"companies.csv": "Record ID,Company name,Company owner,Create Date\n" + companies,
			"contacts.csv":  contactsHeader + contacts,
			"users.csv":     "User ID,First Name,Last Name,Email\n" + users,
		}
		for _, keepGoing := range []bool{false, true} {
			res, err := read(t, files, ingest.Options{KeepGoing: keepGoing})
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

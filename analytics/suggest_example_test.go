package analytics_test

import (
	"context"
	"fmt"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// Our account manager am is our only link to the account, and reaches
// the CFO through the buyer. Our own CFO, who works on no account yet, is
// the best next connection: a second thread to the CFO raises the bus
// factor, and the buyer can introduce.
func ExampleSuggest() {
	ag := &graph.AccountGraph{
		Account: graph.Account{ID: "globex", Name: "Globex"},
		People: []graph.Person{
			{ID: "am", Name: "Ann Manager", Side: graph.SideVendor, Function: "sales", Status: graph.StatusActive},
			{ID: "buyer", Name: "Bo Buyer", Side: graph.SideCustomer, AccountID: "globex", Title: "Buyer",
				Function: "procurement", Seniority: graph.SeniorityManager, Role: graph.RoleChampion,
				Status: graph.StatusActive},
			{ID: "cfo", Name: "Cy Finance", Side: graph.SideCustomer, AccountID: "globex", Title: "CFO",
				Function: "finance", Seniority: graph.SeniorityCLevel, Role: graph.RoleEconomicBuyer,
				Status: graph.StatusActive},
		},
		Relationships: []graph.Relationship{
			{PersonA: "am", PersonB: "buyer", Strength: 0.8},
			{PersonA: "buyer", PersonB: "cfo", Strength: 0.5},
		},
	}
	portfolio := []graph.Person{
		{ID: "fin", Name: "Fay Finance", Side: graph.SideVendor, Function: "finance",
			Seniority: graph.SeniorityCLevel, Status: graph.StatusActive},
	}

	opts := analytics.DefaultSuggestOptions()
	opts.K = 1
	out, err := analytics.Suggest(context.Background(), ag, portfolio, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := out.Suggestions[0]
	fmt.Printf("%s meets %s: bus factor %d to %d\n", s.Vendor.PersonID, s.Customer.PersonID,
		*s.Before.BusFactor, *s.After.BusFactor)
	fmt.Println(s.Reason)
	// Output:
	// fin meets cfo: bus factor 1 to 2
	// Fay Finance should meet Cy Finance (CFO, economic buyer). Today every path to Cy Finance runs through Ann Manager. A second thread raises the bus factor from 1 to 2. It also adds a thread to the key stakeholder Bo Buyer. Ann Manager and Bo Buyer stop being single points of failure. It is our first relationship in finance at C-level. Ask the colleague Ann Manager to arrange an introduction through Bo Buyer. Bo Buyer knows Cy Finance well.
}

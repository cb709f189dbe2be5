package analytics_test

import (
	"context"
	"fmt"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// Our account manager am has a relationship with the buyer, the only link
// to the CFO, so the buyer is a single point of failure for the CFO.
func ExampleCompute() {
	ag := &graph.AccountGraph{
		Account: graph.Account{ID: "globex", Name: "Globex"},
		People: []graph.Person{
			{ID: "am", Side: graph.SideVendor, Function: "sales", Status: graph.StatusActive},
			{ID: "buyer", Side: graph.SideCustomer, AccountID: "globex", Function: "procurement",
				Seniority: graph.SeniorityManager, Role: graph.RoleChampion, Status: graph.StatusActive},
			{ID: "cfo", Side: graph.SideCustomer, AccountID: "globex", Function: "finance",
				Seniority: graph.SeniorityCLevel, Role: graph.RoleEconomicBuyer, Status: graph.StatusActive},
			{ID: "se", Side: graph.SideVendor, Function: "engineering", Status: graph.StatusActive},
		},
		Relationships: []graph.Relationship{
			{PersonA: "am", PersonB: "buyer", Strength: 0.8},
			{PersonA: "buyer", PersonB: "cfo", Strength: 0.5},
			{PersonA: "buyer", PersonB: "se", Strength: 0.5},
		},
	}

	report, err := analytics.Compute(context.Background(), ag, analytics.DefaultOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, spof := range report.SinglePointsOfFailure {
		fmt.Printf("single point of failure: %s cuts off %v\n", spof.PersonID, spof.CutOff)
	}
	for _, s := range report.KeyStakeholders {
		fmt.Printf("key stakeholder %s: %d threads, min cut %v\n", s.PersonID, s.Threads, s.MinCut)
	}
	fmt.Println("bus factor:", *report.BusFactor)
	fmt.Printf("betweenness of buyer: %.2f\n", report.Betweenness["buyer"])
	fmt.Println("uncharted functions:", report.Coverage.UnchartedFunctions)
	fmt.Printf("vendor concentration: %.2f held by %s\n", *report.Vendor.Concentration, report.Vendor.TopPersonID)
	// Output:
	// single point of failure: buyer cuts off [cfo]
	// key stakeholder buyer: 2 threads, min cut [am se]
	// key stakeholder cfo: 1 threads, min cut [buyer]
	// bus factor: 1
	// betweenness of buyer: 1.00
	// uncharted functions: [executive it legal operations]
	// vendor concentration: 0.62 held by am
}

package demo

import "github.com/kamgraph/kamgraph/graph"

// Ids of our own people that the showcase accounts refer to.
const (
	vendorCEO          = "v-01"
	vendorCRO          = "v-02"
	vendorCTO          = "v-03"
	vendorSalesVPNA    = "v-04"
	vendorSalesVPEMEA  = "v-05"
	vendorSuccessVP    = "v-06"
	vendorAMNorthA     = "v-07"
	vendorAMNorthB     = "v-08"
	vendorAMNorthC     = "v-09"
	vendorAMEmeaA      = "v-10"
	vendorAMEmeaB      = "v-11"
	vendorAMDeparted   = "v-12"
	vendorSolutionsA   = "v-13"
	vendorSolutionsB   = "v-14"
	vendorSuccessA     = "v-15"
	vendorSuccessB     = "v-16"
	vendorSuccessC     = "v-17"
	vendorSupport      = "v-18"
	vendorDealDesk     = "v-19"
	vendorCFO          = "v-20"
	vendorCounsel      = "v-21"
	vendorProductOwner = "v-22"
)

// vendorRole describes one member of our team.
type vendorRole struct {
	id        string
	title     string
	function  string
	unit      string
	geography string
	seniority graph.Seniority
	manager   string
	departed  bool
}

// vendorTeam is our go-to-market organisation, managers before their
// reports.
var vendorTeam = []vendorRole{
	{vendorCEO, "Chief Executive Officer", "Executive", "Leadership", "North America", graph.SeniorityCLevel, "", false},
	{vendorCRO, "Chief Revenue Officer", "Sales", "Revenue", "North America", graph.SeniorityCLevel, vendorCEO, false},
	{vendorCTO, "Chief Technology Officer", "Engineering", "Product and Engineering", "EMEA", graph.SeniorityCLevel, vendorCEO, false},
	{vendorCFO, "Chief Financial Officer", "Finance", "Finance", "North America", graph.SeniorityCLevel, vendorCEO, false},
	{vendorSalesVPNA, "VP Sales, North America", "Sales", "Revenue", "North America", graph.SeniorityVP, vendorCRO, false},
	{vendorSalesVPEMEA, "VP Sales, EMEA", "Sales", "Revenue", "EMEA", graph.SeniorityVP, vendorCRO, false},
	{vendorSuccessVP, "VP Customer Success", "Customer Success", "Customer Success", "North America", graph.SeniorityVP, vendorCEO, false},
	{vendorAMNorthA, "Strategic Account Manager", "Sales", "Revenue", "North America", graph.SeniorityManager, vendorSalesVPNA, false},
	{vendorAMNorthB, "Enterprise Account Executive", "Sales", "Revenue", "North America", graph.SeniorityIC, vendorSalesVPNA, false},
	{vendorAMNorthC, "Strategic Account Manager", "Sales", "Revenue", "North America", graph.SeniorityManager, vendorSalesVPNA, false},
	{vendorAMEmeaA, "Strategic Account Manager", "Sales", "Revenue", "EMEA", graph.SeniorityManager, vendorSalesVPEMEA, false},
	{vendorAMEmeaB, "Enterprise Account Executive", "Sales", "Revenue", "EMEA", graph.SeniorityIC, vendorSalesVPEMEA, false},
	{vendorAMDeparted, "Strategic Account Manager", "Sales", "Revenue", "EMEA", graph.SeniorityManager, vendorSalesVPEMEA, true},
	{vendorSolutionsA, "Senior Solutions Engineer", "Presales", "Revenue", "North America", graph.SeniorityIC, vendorCRO, false},
	{vendorSolutionsB, "Solutions Architect", "Presales", "Revenue", "EMEA", graph.SeniorityIC, vendorCRO, false},
	{vendorSuccessA, "Customer Success Manager", "Customer Success", "Customer Success", "North America", graph.SeniorityIC, vendorSuccessVP, false},
	{vendorSuccessB, "Senior Customer Success Manager", "Customer Success", "Customer Success", "EMEA", graph.SeniorityManager, vendorSuccessVP, false},
	{vendorSuccessC, "Customer Success Manager", "Customer Success", "Customer Success", "EMEA", graph.SeniorityIC, vendorSuccessVP, false},
	{vendorSupport, "Technical Support Engineer", "Support", "Customer Success", "EMEA", graph.SeniorityIC, vendorSuccessVP, false},
	{vendorDealDesk, "Deal Desk Manager", "Finance", "Finance", "North America", graph.SeniorityManager, vendorCFO, false},
	{vendorCounsel, "Commercial Counsel", "Legal", "Legal", "North America", graph.SeniorityDirector, vendorCEO, false},
	{vendorProductOwner, "Group Product Manager", "Product", "Product and Engineering", "EMEA", graph.SeniorityManager, vendorCTO, false},
}

// activeAccountManagers own the accounts that the seed shapes.
var activeAccountManagers = []string{vendorAMNorthA, vendorAMNorthB, vendorAMNorthC, vendorAMEmeaA, vendorAMEmeaB}

// Specialists whom the seed may add to an account team, next to its owner.
var (
	solutionsEngineers = []string{vendorSolutionsA, vendorSolutionsB}
	successManagers    = []string{vendorSuccessA, vendorSuccessB, vendorSuccessC}
	executiveSponsors  = []string{vendorCEO, vendorCRO, vendorCTO, vendorSalesVPNA, vendorSalesVPEMEA, vendorSuccessVP}
	backOffice         = []string{vendorSupport, vendorDealDesk, vendorCounsel, vendorProductOwner}
)

// addVendorTeam adds our own people to the dataset.
func (g *generator) addVendorTeam() {
	for _, v := range vendorTeam {
		first, last := g.newName()
		status := graph.StatusActive
		if v.departed {
			status = graph.StatusDeparted
		}
		g.ds.People = append(g.ds.People, graph.Person{
			ID:           v.id,
			Name:         first + " " + last,
			Side:         graph.SideVendor,
			Title:        v.title,
			Function:     v.function,
			BusinessUnit: v.unit,
			Geography:    v.geography,
			Seniority:    v.seniority,
			Status:       status,
			Email:        emailAddress(first, last, vendorDomain),
			ManagerID:    v.manager,
		})
	}
}

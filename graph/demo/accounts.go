package demo

import "github.com/kamgraph/kamgraph/graph"

// recipe staffs one account and relates its people to ours.
type recipe func(g *generator, o *org)

// showcaseRecipes shape accounts acct-01 to acct-08, in order.
var showcaseRecipes = []recipe{
	singleThreaded,
	championOnly,
	multiThreaded,
	uncharted,
	departedChampion,
	orphaned,
	newLogo,
	unmarked,
}

// setTier replaces the seed's tier and revenue where a showcase fixes the
// tier.
func (g *generator) setTier(o *org, tier int) {
	o.account.Tier = tier
	o.account.ARR = g.arr(tier)
}

// singleThreaded shapes an account where the owner is the only vendor
// person with qualifying relationships, so every path from us runs
// through the owner.
func singleThreaded(g *generator, o *org) {
	g.setTier(o, 2)
	o.account.OwnerID = vendorAMNorthA
	g.staff(o, posCFO, posCIO, posProcureHead, posAppsDirector, posITManager, posEngineer, posOpsVP, posOpsManager)

	for _, key := range o.staffedKeys() {
		g.relate(o.account.OwnerID, o.id(key), g.qualifying(), "account_management")
	}
	g.knowColleagues(o, 0.7)

	// Colleagues met these people once; the ties are too weak to count.
	g.relate(vendorSuccessA, o.id(posITManager), g.weak(), "onboarding")
	g.relate(vendorSolutionsA, o.id(posAppsDirector), g.weak(), "technical")
}

// championOnly shapes an account where our three people relate only to
// the champion, and the champion relates to the rest of the organisation.
func championOnly(g *generator, o *org) {
	g.setTier(o, 1)
	o.account.OwnerID = vendorAMNorthB
	g.staff(o, posCEO, posCFO, posCIO, posITVP, posAppsDirector, posITManager, posEngineer,
		posProcureHead, posCategoryMgr, posSecurityDir)

	champion := o.id(posAppsDirector)
	g.relate(o.account.OwnerID, champion, g.strong(), "account_management")
	g.relate(vendorSolutionsA, champion, g.qualifying(), "technical")
	g.relate(vendorSuccessA, champion, g.qualifying(), "success_plan")

	// Every reporting line is also a working relationship, which keeps the
	// customer organisation connected behind the champion.
	g.knowColleagues(o, 1)
	g.relate(champion, o.id(posProcureHead), g.qualifying(), "colleague")
	g.relate(o.account.OwnerID, o.id(posCIO), g.weak(), "event")
}

// multiThreaded shapes an account where every customer person has
// qualifying relationships with at least two distinct vendor people.
func multiThreaded(g *generator, o *org) {
	g.setTier(o, 1)
	o.account.OwnerID = vendorAMNorthC
	owner := o.account.OwnerID
	g.staff(o, posCEO, posCFO, posCIO, posCOO, posCounselHead, posFinanceDir, posProcureHead,
		posCategoryMgr, posITVP, posAppsDirector, posITManager, posEngineer, posSecurityDir,
		posOpsVP, posOpsManager, posOpsAnalyst, posCounsel)
	g.person(o, posOpsVP).Role = graph.RoleChampion

	threads := map[string][]string{
		posCEO:          {vendorCEO, vendorCRO},
		posCFO:          {vendorCFO, owner, vendorCEO},
		posCIO:          {vendorCTO, owner, vendorCRO},
		posCOO:          {vendorCRO, owner},
		posCounselHead:  {vendorCounsel, owner},
		posFinanceDir:   {vendorDealDesk, vendorCFO},
		posProcureHead:  {vendorDealDesk, owner},
		posCategoryMgr:  {vendorDealDesk, vendorSuccessB},
		posITVP:         {vendorCTO, vendorSolutionsB},
		posAppsDirector: {vendorSolutionsB, vendorSuccessB, owner},
		posITManager:    {vendorSuccessB, vendorSupport},
		posEngineer:     {vendorSupport, vendorSolutionsB},
		posSecurityDir:  {vendorSolutionsB, vendorCTO},
		posOpsVP:        {owner, vendorSuccessB},
		posOpsManager:   {vendorSuccessB, vendorProductOwner},
		posOpsAnalyst:   {vendorSuccessB, vendorSupport},
		posCounsel:      {vendorCounsel, vendorDealDesk},
	}
	for _, key := range o.staffedKeys() {
		for _, vendor := range threads[key] {
			g.relate(vendor, o.id(key), g.qualifying(), relationshipType(vendor))
		}
	}
	g.knowColleagues(o, 0.8)
}

// uncharted shapes an account with strong IT relationships, no finance,
// procurement or legal people on record, and a logistics division that
// only customer colleagues reach.
func uncharted(g *generator, o *org) {
	g.setTier(o, 2)
	o.account.OwnerID = vendorAMEmeaA
	o.units = []string{"Group", "Logistics"}
	g.staff(o, posCOO, posCIO, posITVP, posAppsDirector, posITManager, posEngineer, posSecurityDir,
		posOpsVP, posOpsManager, posOpsAnalyst)
	for _, key := range []string{posITManager, posEngineer} {
		g.person(o, key).BusinessUnit = "Group"
	}

	owner := o.account.OwnerID
	g.relate(owner, o.id(posCIO), g.strong(), "account_management")
	g.relate(owner, o.id(posAppsDirector), g.strong(), "account_management")
	g.relate(vendorCTO, o.id(posCIO), g.qualifying(), "executive_sponsor")
	g.relate(vendorSolutionsB, o.id(posAppsDirector), g.qualifying(), "technical")
	g.relate(vendorSolutionsB, o.id(posITVP), g.qualifying(), "technical")
	g.relate(vendorSolutionsB, o.id(posSecurityDir), g.qualifying(), "technical")
	g.relate(vendorSuccessC, o.id(posITManager), g.qualifying(), "success_plan")
	g.relate(vendorSuccessC, o.id(posEngineer), g.qualifying(), "success_plan")
	g.relate(vendorSuccessC, o.id(posAppsDirector), g.qualifying(), "success_plan")

	// The logistics division reports to the COO, and only the CIO has a
	// relationship with the COO. The analyst has no relationship at all.
	g.relate(o.id(posCIO), o.id(posCOO), g.qualifying(), "colleague")
	g.relate(o.id(posCOO), o.id(posOpsVP), g.strong(), "colleague")
	g.relate(o.id(posOpsVP), o.id(posOpsManager), g.strong(), "colleague")
}

// departedChampion shapes an account whose champion left, and with them
// the only path to the executives.
func departedChampion(g *generator, o *org) {
	g.setTier(o, 1)
	o.account.OwnerID = vendorAMEmeaB
	g.staff(o, posCFO, posCIO, posITVP, posAppsDirector, posITManager, posEngineer, posProcureHead)
	g.person(o, posAppsDirector).Status = graph.StatusDeparted
	successor := positionByKey[posAppsDirector]
	successor.key = "apps_director_successor"
	successor.role = ""
	g.addCustomer(o, successor)

	champion := o.id(posAppsDirector)
	owner := o.account.OwnerID
	g.relate(owner, champion, g.strong(), "account_management")
	g.relate(vendorSolutionsB, champion, g.strong(), "technical")
	for _, key := range []string{posCIO, posCFO, posITVP, posProcureHead, posITManager} {
		g.relate(champion, o.id(key), g.qualifying(), "colleague")
	}
	g.relate(vendorSuccessC, o.id(posITManager), g.qualifying(), "success_plan")
	g.relate(o.id(posITManager), o.id(posEngineer), g.strong(), "colleague")
	g.relate(owner, o.id(posCIO), g.weak(), "event")
}

// orphaned shapes an account whose owner left. The owner's relationships
// stay on record but no longer count, and a customer success manager
// still reaches the operations team.
func orphaned(g *generator, o *org) {
	g.setTier(o, 2)
	o.account.OwnerID = vendorAMDeparted
	g.staff(o, posCFO, posCIO, posCOO, posProcureHead, posOpsVP, posOpsManager, posOpsAnalyst)

	for _, key := range []string{posCFO, posCIO, posCOO, posProcureHead} {
		g.relate(vendorAMDeparted, o.id(key), g.strong(), "account_management")
	}
	g.relate(vendorSuccessB, o.id(posOpsManager), g.qualifying(), "success_plan")
	g.relate(vendorSuccessB, o.id(posOpsAnalyst), g.qualifying(), "success_plan")
	g.relate(o.id(posOpsVP), o.id(posOpsManager), g.strong(), "colleague")
	g.relate(o.id(posOpsManager), o.id(posOpsAnalyst), g.strong(), "colleague")
}

// newLogo shapes a recently signed account: its people are on record
// from the contract, but our ties to them are still weak.
func newLogo(g *generator, o *org) {
	g.setTier(o, 3)
	g.staff(o, posProcureHead, posCategoryMgr, posAppsDirector, posITManager)
	g.knowColleagues(o, 1)
	g.relate(o.account.OwnerID, o.id(posProcureHead), g.weak(), "negotiation")
	g.relate(o.account.OwnerID, o.id(posCategoryMgr), g.weak(), "negotiation")
}

// unmarked shapes a small team-level account without roles or senior
// people.
func unmarked(g *generator, o *org) {
	g.setTier(o, 3)
	g.staff(o, posCategoryMgr, posITManager, posEngineer, posOpsManager, posOpsAnalyst)
	for _, key := range o.staffedKeys() {
		g.person(o, key).Role = ""
	}
	g.relate(o.account.OwnerID, o.id(posITManager), g.strong(), "account_management")
	g.relate(o.account.OwnerID, o.id(posOpsManager), g.qualifying(), "account_management")
	g.knowColleagues(o, 1)
}

// mixedAccount staffs and relates an account entirely by the seed: a
// random part of the org chart, a team of two to five vendor people, zero
// to three ties per customer person, some colleague ties and a few
// departures.
func mixedAccount(g *generator, o *org) {
	var keys []string
	for _, i := range g.rng.Perm(len(orgChart))[:5+g.rng.IntN(8)] {
		keys = append(keys, orgChart[i].key)
	}
	g.staff(o, keys...)

	team := g.accountTeam(o)
	for _, key := range o.staffedKeys() {
		p := g.person(o, key)
		if p.Role != "" && g.rng.IntN(5) == 0 {
			p.Role = ""
		}
		if g.rng.IntN(12) == 0 {
			p.Status = graph.StatusDeparted
		}
		g.relateToTeam(o.id(key), team)
	}
	g.knowColleagues(o, 0.6)
}

// accountTeam returns the owner followed by the specialists the seed adds.
func (g *generator) accountTeam(o *org) []string {
	team := []string{o.account.OwnerID}
	if g.rng.Float64() < 0.6 {
		team = append(team, g.pick(solutionsEngineers))
	}
	if g.rng.Float64() < 0.7 {
		team = append(team, g.pick(successManagers))
	}
	sponsorChance := 0.2
	if o.account.Tier == 1 {
		sponsorChance = 0.6
	}
	if g.rng.Float64() < sponsorChance {
		team = append(team, g.pick(executiveSponsors))
	}
	if g.rng.Float64() < 0.3 {
		team = append(team, g.pick(backOffice))
	}
	return team
}

// relateToTeam gives one customer person zero to three qualifying ties to
// the team, the owner first, and sometimes a weak tie.
func (g *generator) relateToTeam(customer string, team []string) {
	ties := []int{0, 0, 0, 1, 1, 1, 1, 2, 2, 3}[g.rng.IntN(10)]
	for _, i := range g.rng.Perm(len(team))[:min(ties, len(team))] {
		g.relate(team[i], customer, g.qualifying(), relationshipType(team[i]))
	}
	if g.rng.IntN(5) == 0 {
		vendor := team[g.rng.IntN(len(team))]
		g.relate(vendor, customer, g.weak(), "event")
	}
}

// relationshipType names the usual kind of tie for a vendor person's job.
func relationshipType(vendor string) string {
	switch vendor {
	case vendorSolutionsA, vendorSolutionsB, vendorCTO, vendorSupport, vendorProductOwner:
		return "technical"
	case vendorSuccessA, vendorSuccessB, vendorSuccessC, vendorSuccessVP:
		return "success_plan"
	case vendorCEO, vendorCRO, vendorCFO, vendorSalesVPNA, vendorSalesVPEMEA:
		return "executive_sponsor"
	case vendorDealDesk, vendorCounsel:
		return "commercial"
	}
	return "account_management"
}

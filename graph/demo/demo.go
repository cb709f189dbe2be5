package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// Showcase accounts. Their shape is the same for every seed.
const (
	// SingleThreadedAccountID is an account whose owner holds every
	// qualifying relationship: the owner is a single point of failure for
	// every reached customer person, and the bus factor is 1.
	SingleThreadedAccountID = "acct-01"

	// ChampionOnlyAccountID is an account where every qualifying
	// relationship of ours ends at one customer champion, who passes our
	// message on to colleagues: the champion is a customer-side single point
	// of failure, and the bus factor is 1.
	ChampionOnlyAccountID = "acct-02"

	// MultiThreadedAccountID is a well multi-threaded account: every
	// customer person has qualifying relationships with at least two
	// distinct vendor people, across finance, procurement, IT, operations,
	// legal and the executive team, so the bus factor is at least 2.
	MultiThreadedAccountID = "acct-03"

	// UnchartedAccountID is an account known only through IT: no finance,
	// procurement or legal people are on record, and no vendor person has a
	// relationship with anyone in its logistics division.
	UnchartedAccountID = "acct-04"

	// DepartedChampionAccountID is an account whose champion left. Our
	// relationships with the champion stay on record but no longer count,
	// so the decision maker is unreached and the bus factor is 0.
	DepartedChampionAccountID = "acct-05"

	// OrphanedAccountID is an account whose owner left the company. Only a
	// customer success manager still reaches the account's operations team.
	OrphanedAccountID = "acct-06"

	// NewLogoAccountID is a newly signed account with people on record but
	// no qualifying relationships yet: every customer person is unreached.
	NewLogoAccountID = "acct-07"

	// UnmarkedAccountID is a small account that records no customer roles
	// and nobody at vp or c_level, so it has no key stakeholders and no
	// bus factor.
	UnmarkedAccountID = "acct-08"
)

// AccountCount is the number of accounts that Generate returns.
const AccountCount = 20

// AsOf is the date the demo portfolio describes: interactions lie before
// it and renewals after it.
var AsOf = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)

// Strength ranges. Qualifying ties stay well above the default threshold
// of 0.25 and weak ties well below it, so the showcase shapes hold at that
// threshold whatever the seed.
const (
	minStrong = 0.6
	minMedium = 0.35
	minWeak   = 0.05
	maxWeak   = 0.2
)

const (
	vendorDomain = "vendor.example"
	pcgStream    = 0x6b616d6772617068 // "kamgraph" in ASCII, the PCG's second seed word
)

// Generate returns the demo portfolio for seed. The same seed always
// returns an identical Dataset. Every Dataset is built to pass graph.Plan
// against an empty store, which the tests check on several seeds.
func Generate(seed int64) *graph.Dataset {
	g := &generator{
		rng:   rand.New(rand.NewPCG(uint64(seed), pcgStream)),
		ds:    &graph.Dataset{},
		pairs: make(map[graph.PairKey]bool),
		names: make(map[string]bool),
	}
	g.addVendorTeam()

	names := g.rng.Perm(len(companyNames))
	for i := range AccountCount {
		o := g.newOrg(i+1, companyNames[names[i]])
		recipe := mixedAccount
		if i < len(showcaseRecipes) {
			recipe = showcaseRecipes[i]
		}
		recipe(g, o)
		g.ds.Accounts = append(g.ds.Accounts, o.account)
	}
	return g.ds
}

// generator carries the state of one Generate call.
type generator struct {
	rng   *rand.Rand
	ds    *graph.Dataset
	pairs map[graph.PairKey]bool // relationships added so far
	names map[string]bool        // person names used so far
}

// newOrg starts account number n (from 1) with its commercial data.
func (g *generator) newOrg(n int, name string) *org {
	id := fmt.Sprintf("acct-%02d", n)
	tier := 1 + g.rng.IntN(3)
	return &org{
		account: graph.Account{
			ID:          id,
			Name:        name,
			Tier:        tier,
			ARR:         g.arr(tier),
			RenewalDate: g.dateAfter(20, 540),
			OwnerID:     activeAccountManagers[g.rng.IntN(len(activeAccountManagers))],
		},
		domain:    domainOf(name),
		units:     g.businessUnits(),
		geography: geographies[g.rng.IntN(len(geographies))],
		ids:       make(map[string]string),
		index:     make(map[string]int),
	}
}

// arr returns an annual recurring revenue typical of the tier, rounded to
// a thousand.
func (g *generator) arr(tier int) float64 {
	low, high := 30_000.0, 200_000.0
	switch tier {
	case 1:
		low, high = 800_000, 3_000_000
	case 2:
		low, high = 200_000, 800_000
	}
	return math.Round((low+g.rng.Float64()*(high-low))/1000) * 1000
}

// businessUnits returns the group head office and one or two divisions.
func (g *generator) businessUnits() []string {
	order := g.rng.Perm(len(divisions))
	units := []string{"Group"}
	for _, i := range order[:1+g.rng.IntN(2)] {
		units = append(units, divisions[i])
	}
	return units
}

// relate adds a relationship unless the pair already has one, because an
// import rejects a second row for the same pair.
func (g *generator) relate(a, b string, strength float64, kind string) {
	key := graph.Pair(a, b)
	if a == b || g.pairs[key] {
		return
	}
	g.pairs[key] = true
	g.ds.Relationships = append(g.ds.Relationships, graph.Relationship{
		PersonA:         a,
		PersonB:         b,
		Strength:        strength,
		Type:            kind,
		LastInteraction: g.dateBefore(3, 200),
		Source:          sources[g.rng.IntN(len(sources))],
	})
}

// strong, medium and weak return a strength rounded to two decimals from
// their range.
func (g *generator) strong() float64 { return g.strength(minStrong, 1) }
func (g *generator) medium() float64 { return g.strength(minMedium, minStrong) }
func (g *generator) weak() float64   { return g.strength(minWeak, maxWeak) }

func (g *generator) strength(low, high float64) float64 {
	s := math.Round((low+g.rng.Float64()*(high-low))*100) / 100
	return math.Min(math.Max(s, low), high)
}

// qualifying returns a strong or medium strength, strong twice as often.
func (g *generator) qualifying() float64 {
	if g.rng.IntN(3) == 0 {
		return g.medium()
	}
	return g.strong()
}

func (g *generator) dateBefore(minDays, maxDays int) graph.Date {
	days := minDays + g.rng.IntN(maxDays-minDays+1)
	return graph.Date(AsOf.AddDate(0, 0, -days).Format(time.DateOnly))
}

func (g *generator) dateAfter(minDays, maxDays int) graph.Date {
	days := minDays + g.rng.IntN(maxDays-minDays+1)
	return graph.Date(AsOf.AddDate(0, 0, days).Format(time.DateOnly))
}

// newName returns a first and last name not used before in this dataset.
func (g *generator) newName() (first, last string) {
	for {
		first = firstNames[g.rng.IntN(len(firstNames))]
		last = lastNames[g.rng.IntN(len(lastNames))]
		if !g.names[first+" "+last] {
			g.names[first+" "+last] = true
			return first, last
		}
	}
}

// pick returns one element of ids chosen by the seed.
func (g *generator) pick(ids []string) string {
	return ids[g.rng.IntN(len(ids))]
}

func emailAddress(first, last, domain string) string {
	local := strings.ToLower(first + "." + last)
	local = strings.NewReplacer(" ", "", "'", "").Replace(local)
	return local + "@" + domain
}

// domainOf turns a company name into an email domain under .example.
func domainOf(company string) string {
	fields := strings.Fields(strings.ToLower(company))
	return strings.Join(fields, "-") + ".example"
}

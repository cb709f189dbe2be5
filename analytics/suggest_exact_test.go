package analytics_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
)

// withRelationships returns a copy of ds in which each pair of rels has
// its strength, replacing an existing relationship of the pair.
func withRelationships(ds *graph.Dataset, rels ...graph.Relationship) *graph.Dataset {
	out := &graph.Dataset{Accounts: ds.Accounts, People: ds.People}
	replaced := map[graph.PairKey]graph.Relationship{}
	for _, r := range rels {
		replaced[graph.Pair(r.PersonA, r.PersonB)] = r
	}
	for _, r := range ds.Relationships {
		key := graph.Pair(r.PersonA, r.PersonB)
		if n, ok := replaced[key]; ok {
			r.Strength = n.Strength
			delete(replaced, key)
		}
		out.Relationships = append(out.Relationships, r)
	}
	for _, r := range rels {
		if _, ok := replaced[graph.Pair(r.PersonA, r.PersonB)]; ok {
			out.Relationships = append(out.Relationships, r)
		}
	}
	return out
}

// suggestedRelationship returns the relationship that suggestion s
// proposes, at the given strength.
func suggestedRelationship(s analytics.Suggestion, strength float64) graph.Relationship {
	return graph.Relationship{PersonA: s.Vendor.PersonID, PersonB: s.Customer.PersonID, Strength: strength}
}

func mustCompute(t *testing.T, ds *graph.Dataset, accountID string, threshold float64) *analytics.Report {
	t.Helper()
	opts := analytics.DefaultOptions()
	opts.Threshold = threshold
	report, err := analytics.Compute(context.Background(), accountGraphOf(ds, accountID), opts)
	if err != nil {
		t.Fatalf("Compute %s: %v", accountID, err)
	}
	return report
}

// resilienceOf returns the Resilience that a report describes.
func resilienceOf(r *analytics.Report) analytics.Resilience {
	res := analytics.Resilience{BusFactor: r.BusFactor, Unreached: len(r.Unreached),
		SinglePoints: len(r.SinglePointsOfFailure)}
	for _, k := range r.KeyStakeholders {
		res.KeyStakeholderThreads += k.Threads
	}
	for _, sp := range r.SinglePointsOfFailure {
		res.CutOffTotal += len(sp.CutOff)
	}
	for _, d := range []struct{ covered, occupied int }{
		{r.Coverage.FunctionSeniority.Covered, r.Coverage.FunctionSeniority.Occupied},
		{r.Coverage.BusinessUnit.Covered, r.Coverage.BusinessUnit.Occupied},
		{r.Coverage.Geography.Covered, r.Coverage.Geography.Occupied},
	} {
		res.CoveredCells += d.covered
		res.OccupiedCells += d.occupied
	}
	return res
}

// oracleGain returns the first six fields of Score from two reports of
// Compute, before and after relationships are added.
func oracleGain(before, after *analytics.Report) analytics.Score {
	var s analytics.Score
	if before.BusFactor != nil && after.BusFactor != nil {
		s.BusFactor = *after.BusFactor - *before.BusFactor
	}
	threadsAfter := map[string]int{}
	for _, k := range after.KeyStakeholders {
		threadsAfter[k.PersonID] = k.Threads
	}
	for _, k := range before.KeyStakeholders {
		s.StakeholderThreads += threadsAfter[k.PersonID] - k.Threads
		if threadsAfter[k.PersonID] > k.Threads && k.Threads == *before.BusFactor {
			s.WeakestStakeholders++
		}
	}
	b, a := resilienceOf(before), resilienceOf(after)
	s.Reached = b.Unreached - a.Unreached
	s.CutOffReduction = b.CutOffTotal - a.CutOffTotal
	s.CoveredCells = a.CoveredCells - b.CoveredCells
	return s
}

func resilienceOnly(s analytics.Score) analytics.Score {
	s.PeerFit, s.IntroductionStrength, s.OwnIntroduction = 0, 0, false
	return s
}

// checkAgainstCompute adds the suggestions of out to ds one after another
// and checks every before and after value they claim against Compute.
func checkAgainstCompute(t *testing.T, ds *graph.Dataset, out *analytics.AccountSuggestions, predicted []analytics.Score) {
	t.Helper()
	before := mustCompute(t, ds, out.AccountID, out.Threshold)
	if got, want := out.Before, resilienceOf(before); !jsonEqual(got, want) {
		t.Errorf("%s: before %+v, Compute gives %+v", out.AccountID, got, want)
	}
	var added []graph.Relationship
	for i, s := range out.Suggestions {
		added = append(added, suggestedRelationship(s, out.Strength))
		after := mustCompute(t, withRelationships(ds, added...), out.AccountID, out.Threshold)
		where := fmt.Sprintf("%s suggestion %d (%s-%s)", out.AccountID, s.Rank, s.Vendor.PersonID, s.Customer.PersonID)
		if got, want := s.Before, resilienceOf(before); !jsonEqual(got, want) {
			t.Errorf("%s: before %+v, Compute gives %+v", where, got, want)
		}
		if got, want := s.After, resilienceOf(after); !jsonEqual(got, want) {
			t.Errorf("%s: after %+v, Compute gives %+v", where, got, want)
		}
		if got, want := resilienceOnly(s.Score), oracleGain(before, after); got != want {
			t.Errorf("%s: score %+v, Compute gives %+v", where, got, want)
		}
		if !s.Score.Improves() {
			t.Errorf("%s: score %+v does not improve resilience", where, s.Score)
		}
		if predicted != nil && predicted[i] != s.Score {
			t.Errorf("%s: predicted score %+v, exact %+v", where, predicted[i], s.Score)
		}
		checkClaims(t, where, s, before, after)
		before = after
	}
	if got, want := out.After, resilienceOf(before); !jsonEqual(got, want) {
		t.Errorf("%s: after all %+v, Compute gives %+v", out.AccountID, got, want)
	}
}

// checkClaims checks the detailed changes of s against two reports.
func checkClaims(t *testing.T, where string, s analytics.Suggestion, before, after *analytics.Report) {
	t.Helper()
	stakeholders := func(r *analytics.Report) map[string]analytics.KeyStakeholder {
		m := map[string]analytics.KeyStakeholder{}
		for _, k := range r.KeyStakeholders {
			m[k.PersonID] = k
		}
		return m
	}
	kb, ka := stakeholders(before), stakeholders(after)
	for _, c := range s.Gain.KeyStakeholders {
		if kb[c.PersonID].Threads != c.Before || ka[c.PersonID].Threads != c.After {
			t.Errorf("%s: %s threads %d to %d, Compute gives %d to %d", where, c.PersonID,
				c.Before, c.After, kb[c.PersonID].Threads, ka[c.PersonID].Threads)
		}
		if !slices.Equal(c.MinCutBefore, kb[c.PersonID].MinCut) {
			t.Errorf("%s: %s min cut %v, Compute gives %v", where, c.PersonID, c.MinCutBefore, kb[c.PersonID].MinCut)
		}
	}
	cutOff := func(r *analytics.Report) map[string]int {
		m := map[string]int{}
		for _, sp := range r.SinglePointsOfFailure {
			m[sp.PersonID] = len(sp.CutOff)
		}
		return m
	}
	cb, ca := cutOff(before), cutOff(after)
	for _, c := range s.Gain.SinglePoints {
		if cb[c.PersonID] != c.Before || ca[c.PersonID] != c.After {
			t.Errorf("%s: %s cut_off %d to %d, Compute gives %d to %d", where, c.PersonID,
				c.Before, c.After, cb[c.PersonID], ca[c.PersonID])
		}
	}
	for _, id := range s.Gain.Reached {
		if !slices.Contains(before.Unreached, id) || slices.Contains(after.Unreached, id) {
			t.Errorf("%s: claims to reach %s, Compute disagrees", where, id)
		}
	}
	for _, fs := range s.Gain.CoveredCells.FunctionSeniority {
		for _, c := range after.Coverage.FunctionSeniority.Cells {
			if c.Function == fs.Function && c.Seniority == fs.Seniority && !c.Covered {
				t.Errorf("%s: claims to cover %+v, Compute disagrees", where, fs)
			}
		}
	}
}

// suggestChecked runs Suggest on one account of ds with every vendor of
// ds as a candidate and checks the result against Compute.
func suggestChecked(t *testing.T, ds *graph.Dataset, accountID string, opts analytics.SuggestOptions) *analytics.AccountSuggestions {
	t.Helper()
	out, predicted, err := analytics.SuggestWithPredictions(context.Background(),
		accountGraphOf(ds, accountID), analytics.PortfolioVendors(ds), opts)
	if err != nil {
		t.Fatalf("Suggest %s: %v", accountID, err)
	}
	checkAgainstCompute(t, ds, out, predicted)
	return out
}

func TestSuggestMatchesComputeOnGeneratedGraphs(t *testing.T) {
	for _, spec := range goldenSpecs {
		ds := generateDataset(spec)
		for _, a := range ds.Accounts {
			for _, threshold := range []float64{spec.threshold, 0.5} {
				opts := suggestOptions(8)
				opts.Threshold = threshold
				out := suggestChecked(t, ds, a.ID, opts)
				if len(out.Suggestions) == 0 {
					t.Errorf("%s %s at %v: no suggestions", spec.name, a.ID, threshold)
				}
			}
		}
	}
}

func TestSuggestMatchesComputeOnRealData(t *testing.T) {
	dataDir := requireSharedData(t)
	for _, name := range []string{"lazega", "enron"} {
		dir := filepath.Join(dataDir, name)
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("real data folder %s not found (%v)", dir, err)
		}
		ds := readDataset(t, dir)
		for _, a := range ds.Accounts {
			opts := suggestOptions(5)
			out := suggestChecked(t, ds, a.ID, opts)
			t.Logf("%s %s: bus factor %v to %v with %d suggestions", name, a.ID,
				intOrNull(out.Before.BusFactor), intOrNull(out.After.BusFactor), len(out.Suggestions))
		}
	}
}

func intOrNull(p *int) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

func TestSuggestMatchesComputeOnDemo(t *testing.T) {
	ds := demo.Generate(1)
	for _, a := range ds.Accounts {
		suggestChecked(t, ds, a.ID, suggestOptions(5))
	}
}

// The single-threaded demo account depends on its owner alone. Its
// suggestions must lift the bus factor above 1, and each must name an
// introducer and give a reason that names whom to ask.
func TestSuggestDemoSingleThreaded(t *testing.T) {
	ds := demo.Generate(1)
	out := suggestChecked(t, ds, demo.SingleThreadedAccountID, suggestOptions(5))
	if out.Before.BusFactor == nil || *out.Before.BusFactor != 1 {
		t.Fatalf("bus factor before %s, want 1", intOrNull(out.Before.BusFactor))
	}
	if out.After.BusFactor == nil || *out.After.BusFactor < 2 {
		t.Errorf("bus factor after %s, want at least 2", intOrNull(out.After.BusFactor))
	}
	for _, s := range out.Suggestions {
		if s.Introduction == nil || s.Introduction.IntroducerID == "" {
			t.Errorf("suggestion %d (%s-%s) has no introducer", s.Rank, s.Vendor.PersonID, s.Customer.PersonID)
		}
		if !strings.Contains(s.Reason, "Ask ") {
			t.Errorf("suggestion %d reason %q names no one to ask", s.Rank, s.Reason)
		}
	}
}

// The same input in another order gives the same suggestions.
func TestSuggestDeterministic(t *testing.T) {
	ds := generateDataset(goldenSpecs[4])
	for _, a := range ds.Accounts {
		ag := accountGraphOf(ds, a.ID)
		cand := analytics.PortfolioVendors(ds)
		first := mustSuggest(t, ag, cand, suggestOptions(10))

		shuffled := &graph.AccountGraph{Account: ag.Account,
			People:        slices.Clone(ag.People),
			Relationships: slices.Clone(ag.Relationships)}
		slices.Reverse(shuffled.People)
		slices.Reverse(shuffled.Relationships)
		slices.Reverse(cand)
		second := mustSuggest(t, shuffled, cand, suggestOptions(10))
		if !jsonEqual(first, second) {
			t.Errorf("%s: suggestions differ when the input order changes", a.ID)
		}
	}
}

// smallDataset returns one account of 5 to 9 customers with 2 to 4
// vendors on the account and 1 or 2 more in the portfolio, random roles,
// functions and relationships, for exhaustive searches.
func smallDataset(seed uint64) *graph.Dataset {
	r := &splitMix{state: seed}
	ds := &graph.Dataset{Accounts: []graph.Account{{ID: testAccount, Name: "Acme"}}}
	vendors := 3 + r.intn(4)
	customers := 5 + r.intn(5)
	functions := []string{"finance", "it", "sales", "procurement", ""}
	for i := range vendors {
		p := vendorPerson(fmt.Sprintf("v%d", i+1), pick(r, functions))
		p.Seniority = pick(r, graph.Seniorities)
		if r.chance(0.1) {
			p.Status = graph.StatusDeparted
		}
		ds.People = append(ds.People, p)
	}
	for i := range customers {
		p := customerPerson(fmt.Sprintf("c%d", i+1), pick(r, graph.Seniorities), "")
		p.Function = pick(r, functions)
		p.BusinessUnit = pick(r, []string{"north", "south", ""})
		if r.chance(0.3) {
			p.Role = pick(r, keyRoleList)
		}
		if r.chance(0.1) {
			p.Status = graph.StatusDeparted
		}
		ds.People = append(ds.People, p)
	}
	seen := map[graph.PairKey]bool{}
	for range customers + vendors + r.intn(customers) {
		a, b := ds.People[r.intn(len(ds.People))].ID, ds.People[r.intn(len(ds.People))].ID
		if a == b || seen[graph.Pair(a, b)] {
			continue
		}
		seen[graph.Pair(a, b)] = true
		ds.Relationships = append(ds.Relationships, rel(a, b, pick(r, []float64{0.1, 0.25, 0.5, 0.75, 1})))
	}
	return ds
}

// candidatePair is one vendor-customer pair of an exhaustive search.
type candidatePair struct {
	vendor, customer string
}

// candidatePairs returns every pair of an active vendor and an active
// customer of ds without a qualifying relationship.
func candidatePairs(ds *graph.Dataset, threshold float64) []candidatePair {
	qualifying := map[graph.PairKey]bool{}
	for _, r := range ds.Relationships {
		if r.Strength >= threshold {
			qualifying[graph.Pair(r.PersonA, r.PersonB)] = true
		}
	}
	var pairs []candidatePair
	for _, v := range ds.People {
		for _, c := range ds.People {
			if v.Side == graph.SideVendor && c.Side == graph.SideCustomer && v.Active() && c.Active() &&
				!qualifying[graph.Pair(v.ID, c.ID)] {
				pairs = append(pairs, candidatePair{v.ID, c.ID})
			}
		}
	}
	return pairs
}

// bruteIntroduction returns the introduction rank of a pair, the
// strength of the strongest chain from any vendor person to the customer
// and whether the pair's vendor has a chain that strong. It enumerates
// every simple path of at most maxHops qualifying relationships from the
// customer with customer people only between the ends, multiplying
// strengths from the customer outward as Suggest does.
func bruteIntroduction(ds *graph.Dataset, p candidatePair, threshold float64, maxHops int) (float64, bool) {
	people := map[string]graph.Person{}
	for _, q := range ds.People {
		if q.Active() && (q.Side == graph.SideVendor || q.AccountID == testAccount) {
			people[q.ID] = q
		}
	}
	adjacent := map[string]map[string]float64{}
	for _, r := range ds.Relationships {
		_, okA := people[r.PersonA]
		_, okB := people[r.PersonB]
		if !okA || !okB || r.Strength < threshold {
			continue
		}
		for _, e := range [][2]string{{r.PersonA, r.PersonB}, {r.PersonB, r.PersonA}} {
			if adjacent[e[0]] == nil {
				adjacent[e[0]] = map[string]float64{}
			}
			adjacent[e[0]][e[1]] = r.Strength
		}
	}
	best := map[string]float64{} // strongest path to each vendor person
	var walk func(u string, product float64, hops int, visited map[string]bool)
	walk = func(u string, product float64, hops int, visited map[string]bool) {
		if people[u].Side == graph.SideVendor {
			best[u] = max(best[u], product)
			return
		}
		if hops == maxHops {
			return
		}
		for w, s := range adjacent[u] {
			if !visited[w] {
				visited[w] = true
				walk(w, product*s, hops+1, visited)
				delete(visited, w)
			}
		}
	}
	walk(p.customer, 1, 0, map[string]bool{p.customer: true})

	strongest := 0.0
	for _, s := range best {
		strongest = max(strongest, s)
	}
	return strongest, strongest > 0 && best[p.vendor] == strongest
}

// exhaustiveBest returns the best single pair of ds by Score, computed
// with Compute for every pair, or false when no pair improves resilience.
func exhaustiveBest(t *testing.T, ds *graph.Dataset, opts analytics.SuggestOptions) (candidatePair, analytics.Score, bool) {
	t.Helper()
	before := mustCompute(t, ds, testAccount, opts.Threshold)
	person := map[string]graph.Person{}
	for _, p := range ds.People {
		person[p.ID] = p
	}
	var bestPair candidatePair
	var bestScore analytics.Score
	found := false
	for _, p := range candidatePairs(ds, opts.Threshold) {
		after := mustCompute(t, withRelationships(ds, rel(p.vendor, p.customer, opts.Threshold)), testAccount, opts.Threshold)
		score := oracleGain(before, after)
		if !score.Improves() {
			continue
		}
		score.PeerFit = analytics.PeerFitOf(person[p.vendor], person[p.customer]).Score
		score.IntroductionStrength, score.OwnIntroduction = bruteIntroduction(ds, p, opts.Threshold, opts.MaxHops)
		c := score.Compare(bestScore)
		if !found || c > 0 || c == 0 && (p.vendor < bestPair.vendor || p.vendor == bestPair.vendor && p.customer < bestPair.customer) {
			bestPair, bestScore, found = p, score, true
		}
	}
	return bestPair, bestScore, found
}

// With one suggestion, the pruned greedy search returns the best pair of
// an exhaustive search that scores every pair with Compute.
func TestSuggestFirstPickIsExhaustiveBest(t *testing.T) {
	graphs := 300
	if testing.Short() {
		graphs = 60
	}
	for seed := range uint64(graphs) {
		ds := smallDataset(seed + 1)
		for _, maxHops := range []int{1, 3} {
			opts := suggestOptions(1)
			opts.MaxHops = maxHops
			out := mustSuggest(t, accountGraphOf(ds, testAccount), analytics.PortfolioVendors(ds), opts)
			pair, score, found := exhaustiveBest(t, ds, opts)
			if !found {
				if len(out.Suggestions) > 0 {
					t.Errorf("seed %d: Suggest returns %v, exhaustive search finds no improving pair", seed+1, pairsOf(out))
				}
				continue
			}
			if len(out.Suggestions) != 1 {
				t.Errorf("seed %d: Suggest returns %v, exhaustive search finds %v", seed+1, pairsOf(out), pair)
				continue
			}
			got := out.Suggestions[0]
			if got.Vendor.PersonID != pair.vendor || got.Customer.PersonID != pair.customer || got.Score != score {
				t.Errorf("seed %d max hops %d: Suggest picks %s-%s %+v, exhaustive best %s-%s %+v", seed+1, maxHops,
					got.Vendor.PersonID, got.Customer.PersonID, got.Score, pair.vendor, pair.customer, score)
			}
		}
	}
}

// gainSum adds the first six fields of two scores.
func gainSum(a, b analytics.Score) analytics.Score {
	return analytics.Score{BusFactor: a.BusFactor + b.BusFactor,
		WeakestStakeholders: a.WeakestStakeholders + b.WeakestStakeholders,
		StakeholderThreads:  a.StakeholderThreads + b.StakeholderThreads,
		Reached:             a.Reached + b.Reached, CutOffReduction: a.CutOffReduction + b.CutOffReduction,
		CoveredCells: a.CoveredCells + b.CoveredCells}
}

// Two greedy picks against the best pair of pairs found by exhaustive
// search, comparing the resilience fields of Score for both
// relationships together. The bound that Suggest documents, a bus factor
// gain of at least the best one minus 1, must hold on every graph. The
// test also logs how often greedy is optimal and the largest shortfall,
// field by field.
func TestSuggestTwoPicksAgainstExhaustive(t *testing.T) {
	graphs := 150
	if testing.Short() {
		graphs = 30
	}
	optimal, compared := 0, 0
	worst := map[string]int{}
	for seed := range uint64(graphs) {
		ds := smallDataset(1000 + seed)
		opts := suggestOptions(2)
		out := mustSuggest(t, accountGraphOf(ds, testAccount), analytics.PortfolioVendors(ds), opts)
		var greedy analytics.Score
		for _, s := range out.Suggestions {
			greedy = gainSum(greedy, resilienceOnly(s.Score))
		}

		before := mustCompute(t, ds, testAccount, opts.Threshold)
		pairs := candidatePairs(ds, opts.Threshold)
		var best analytics.Score
		for i := range pairs {
			for j := i + 1; j < len(pairs); j++ {
				after := mustCompute(t, withRelationships(ds,
					rel(pairs[i].vendor, pairs[i].customer, opts.Threshold),
					rel(pairs[j].vendor, pairs[j].customer, opts.Threshold)), testAccount, opts.Threshold)
				if g := oracleGain(before, after); g.Compare(best) > 0 {
					best = g
				}
			}
		}
		compared++
		if greedy.BusFactor < best.BusFactor-1 {
			t.Errorf("seed %d: greedy bus factor gain %d, exhaustive %d: more than 1 apart",
				1000+seed, greedy.BusFactor, best.BusFactor)
		}
		if greedy.Compare(best) >= 0 {
			optimal++
			continue
		}
		for field, gap := range map[string]int{
			"bus_factor":           best.BusFactor - greedy.BusFactor,
			"weakest_stakeholders": best.WeakestStakeholders - greedy.WeakestStakeholders,
			"stakeholder_threads":  best.StakeholderThreads - greedy.StakeholderThreads,
			"reached":              best.Reached - greedy.Reached,
		} {
			worst[field] = max(worst[field], gap)
		}
		t.Logf("seed %d: greedy %+v, exhaustive %+v", 1000+seed, greedy, best)
	}
	t.Logf("greedy matched the best pair of pairs on %d of %d graphs; largest shortfalls %v",
		optimal, compared, worst)
}

package analytics

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
)

// maxNamedPeople caps how many people one sentence of a reason names.
const maxNamedPeople = 3

// reason returns the plain-language reason of sug: whom to meet, why, and
// whom to ask for an introduction. before is the snapshot that sug
// changes.
func (s *suggester) reason(sug *Suggestion, before *snapshot) string {
	name := func(id string) string { return nameOf(before, s.known, id) }
	vendor, customer := sug.Vendor.Name, sug.Customer.Name
	if vendor == "" {
		vendor = sug.Vendor.PersonID
	}
	if customer == "" {
		customer = sug.Customer.PersonID
	}

	var sentences []string
	if sug.CurrentStrength > 0 {
		sentences = append(sentences, fmt.Sprintf(
			"%s should deepen the relationship with %s%s, now at strength %s, below the threshold %s.",
			vendor, customer, describeContact(sug.Customer), formatStrength(sug.CurrentStrength),
			formatStrength(s.opts.Threshold)))
	} else {
		sentences = append(sentences, fmt.Sprintf("%s should meet %s%s.", vendor, customer,
			describeContact(sug.Customer)))
	}
	sentences = append(sentences, gainSentences(sug, customer, name)...)
	sentences = append(sentences, introductionSentence(sug.Introduction, vendor, customer, s.opts.MaxHops))
	return strings.Join(sentences, " ")
}

// gainSentences explains the gain of sug, most important change first.
func gainSentences(sug *Suggestion, customer string, name func(string) string) []string {
	var out []string
	g := sug.Gain
	busRaised := sug.Score.BusFactor > 0
	busText := func() string {
		return fmt.Sprintf("the bus factor from %d to %d", *sug.Before.BusFactor, *sug.After.BusFactor)
	}

	var others []string
	customerRaised := false
	for _, k := range g.KeyStakeholders {
		if k.PersonID != sug.Customer.PersonID {
			others = append(others, name(k.PersonID))
			continue
		}
		customerRaised = true
		out = append(out, threadSituation(k, customer, name)+".")
		switch {
		case busRaised:
			out = append(out, fmt.Sprintf("A %s thread raises %s.", ordinal(k.After), busText()))
			busRaised = false
		case k.Before == 0:
			out = append(out, fmt.Sprintf("A first thread reaches %s.", customer))
		default:
			out = append(out, fmt.Sprintf("A %s thread keeps %s reachable after the loss of any %s %s.",
				ordinal(k.After), customer, countWord(k.Before), plural(k.Before, "person", "people")))
		}
	}
	if len(others) > 0 {
		also := ""
		if customerRaised {
			also = "also "
		}
		sentence := fmt.Sprintf("It %sadds a thread to the key %s %s", also,
			plural(len(others), "stakeholder", "stakeholders"), listNames(others))
		if busRaised {
			sentence += ", which raises " + busText()
		}
		out = append(out, sentence+".")
	}

	if n := len(g.Reached); n > 0 && !(customerRaised && n == 1 && g.Reached[0] == sug.Customer.PersonID) {
		var names []string
		for _, id := range g.Reached {
			names = append(names, name(id))
		}
		out = append(out, fmt.Sprintf("It reaches %d %s whom none of our people reach today: %s.",
			n, plural(n, "person", "people"), listNames(names)))
	}
	out = append(out, singlePointSentences(g.SinglePoints, name)...)
	if cells := describeCells(g.CoveredCells); cells != "" {
		out = append(out, fmt.Sprintf("It is our first relationship in %s.", cells))
	}
	return out
}

// singlePointSentences describes the single points of failure that the
// suggestion removes or relieves.
func singlePointSentences(changes []CutOffChange, name func(string) string) []string {
	var out, removed []string
	for _, c := range changes {
		switch {
		case c.After >= c.Before:
		case c.After == 0:
			removed = append(removed, name(c.PersonID))
		default:
			n := c.Before - c.After
			out = append(out, fmt.Sprintf("It gives %d %s a path that avoids %s.",
				n, plural(n, "person", "people"), name(c.PersonID)))
		}
	}
	switch len(removed) {
	case 0:
		return out
	case 1:
		return append([]string{removed[0] + " stops being a single point of failure."}, out...)
	}
	return append([]string{listNames(removed) + " stop being single points of failure."}, out...)
}

// threadSituation describes the threads of stakeholder k before the
// suggestion.
func threadSituation(k ThreadsChange, customer string, name func(string) string) string {
	switch {
	case k.Before == 0:
		return fmt.Sprintf("Today none of our people reaches %s", customer)
	case k.Before == 1 && len(k.MinCutBefore) == 1:
		return fmt.Sprintf("Today every path to %s runs through %s", customer, name(k.MinCutBefore[0]))
	}
	return fmt.Sprintf("Today %d independent threads reach %s", k.Before, customer)
}

// introductionSentence returns the sentence that names the person to ask
// for an introduction.
func introductionSentence(intro *Introduction, vendor, customer string, maxHops int) string {
	if intro == nil {
		return fmt.Sprintf("None of our people is within %d %s of %s, so reach out directly.",
			maxHops, plural(maxHops, "relationship", "relationships"), customer)
	}
	names := make([]string, len(intro.Path))
	for i, c := range intro.Path {
		names[i] = c.Name
		if names[i] == "" {
			names[i] = c.PersonID
		}
	}
	introducer := names[len(names)-2]
	closeness := closenessPhrase(intro.Strengths[len(intro.Strengths)-1], customer)

	switch {
	case intro.ViaColleague && len(names) == 2:
		return fmt.Sprintf("Ask the colleague %s, who %s, for an introduction.", introducer, closeness)
	case intro.ViaColleague:
		return fmt.Sprintf("Ask the colleague %s to arrange an introduction through %s. %s %s.",
			names[0], listAll(names[1:len(names)-1]), introducer, closeness)
	case len(names) == 3:
		return fmt.Sprintf("Ask %s, who %s, for an introduction.", introducer, closeness)
	}
	return fmt.Sprintf("Ask %s, who %s, for an introduction. %s reaches %s through %s.",
		introducer, closeness, vendor, introducer, listAll(names[1:len(names)-2]))
}

// closenessPhrase describes a relationship of the given strength with
// the customer.
func closenessPhrase(strength float64, customer string) string {
	switch {
	case strength >= 0.75:
		return "works closely with " + customer
	case strength >= 0.5:
		return "knows " + customer + " well"
	}
	return "knows " + customer
}

// describeContact returns " (title, role)" for a customer person, with the
// parts that are known.
func describeContact(c Contact) string {
	var parts []string
	switch {
	case c.Title != "":
		parts = append(parts, c.Title)
	case c.Function != "":
		parts = append(parts, c.Function)
	}
	if c.Role != "" {
		parts = append(parts, strings.ReplaceAll(c.Role, "_", " "))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// describeCells names coverage cells in words.
func describeCells(cells CoveredCells) string {
	var parts []string
	for _, fs := range cells.FunctionSeniority {
		function, seniority := fs.Function, seniorityWords[fs.Seniority]
		if function == "" {
			function = "an unrecorded function"
		}
		if seniority == "" {
			seniority = "an unrecorded level"
		}
		parts = append(parts, function+" at "+seniority)
	}
	for _, unit := range cells.BusinessUnit {
		if unit == "" {
			unit = "people without a recorded business unit"
		} else {
			unit = "the business unit " + unit
		}
		parts = append(parts, unit)
	}
	for _, geography := range cells.Geography {
		if geography == "" {
			geography = "people without a recorded geography"
		}
		parts = append(parts, geography)
	}
	return listNames(parts)
}

// seniorityWords names the seniority levels in text.
var seniorityWords = map[string]string{
	"ic":       "individual contributor level",
	"manager":  "manager level",
	"director": "director level",
	"vp":       "VP level",
	"c_level":  "C-level",
}

// nameOf returns the name of person id, or the id when the name is empty.
func nameOf(snap *snapshot, known map[string]graph.Person, id string) string {
	if i, ok := snap.g.Index(id); ok && snap.g.people[i].Name != "" {
		return snap.g.people[i].Name
	}
	if p, ok := known[id]; ok && p.Name != "" {
		return p.Name
	}
	return id
}

// listNames joins up to maxNamedPeople names as "A, B and C", adding "and
// N more" for the rest.
func listNames(names []string) string {
	if len(names) <= maxNamedPeople {
		return listAll(names)
	}
	return strings.Join(names[:maxNamedPeople], ", ") + fmt.Sprintf(" and %d more", len(names)-maxNamedPeople)
}

// listAll joins every name as "A, B and C".
func listAll(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func plural(n int, singular, pluralForm string) string {
	if n == 1 {
		return singular
	}
	return pluralForm
}

// ordinal returns "first", "second", … for small n, and "12th" style
// numbers beyond ten.
func ordinal(n int) string {
	words := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
	if n >= 1 && n < len(words) {
		return words[n]
	}
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// countWord spells out numbers up to ten.
func countWord(n int) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

func formatStrength(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

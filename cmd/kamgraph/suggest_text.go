package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// writeTextSuggestions writes the suggestions of one account for people.
func writeTextSuggestions(w io.Writer, account graph.Account, out *analytics.AccountSuggestions) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Suggested connections for %s (%s) at threshold %s\n", account.Name, account.ID,
		suggestNumber(out.Threshold))
	writeResilienceChange(&buf, "", out.Before, out.After, len(out.Suggestions))
	writeSuggestionList(&buf, "", out.Suggestions,
		"No new relationship raises this account's resilience.")
	_, err := w.Write(buf.Bytes())
	return err
}

// writeTextPersonSuggestions writes one vendor person's suggestions for
// people, one section per account.
func writeTextPersonSuggestions(w io.Writer, out *analytics.PersonSuggestions) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Suggested connections for %s (%s) at threshold %s\n", out.Name, out.PersonID,
		suggestNumber(out.Threshold))
	if len(out.Accounts) == 0 {
		buf.WriteString("\nThe person owns no account and has no relationship with any customer person.\n")
	}
	for _, a := range out.Accounts {
		role := ""
		if a.Owner {
			role = ", owner"
		}
		fmt.Fprintf(&buf, "\n%s (%s%s)\n", a.AccountName, a.AccountID, role)
		buf.WriteString("  Own next connections:\n")
		writeSuggestionList(&buf, "    ", a.Suggestions, "None: no new relationship of this person raises the account's resilience.")
		buf.WriteString("  Introductions this person can make:\n")
		writeSuggestionList(&buf, "    ", a.Introductions, "None among the account's suggestions.")
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// writeResilienceChange writes the values before and after all
// suggestions.
func writeResilienceChange(buf *bytes.Buffer, indent string, before, after analytics.Resilience, n int) {
	fmt.Fprintf(buf, "%sWith all %d suggestions: bus factor %s -> %s, unreached %d -> %d, "+
		"cut-off total %d -> %d, covered cells %d -> %d of %d\n",
		indent, n, busFactorText(before.BusFactor), busFactorText(after.BusFactor),
		before.Unreached, after.Unreached, before.CutOffTotal, after.CutOffTotal,
		before.CoveredCells, after.CoveredCells, after.OccupiedCells)
}

// writeSuggestionList writes each suggestion with its score, its
// introduction path and its reason, or none when the list is empty.
func writeSuggestionList(buf *bytes.Buffer, indent string, list []analytics.Suggestion, none string) {
	if len(list) == 0 {
		fmt.Fprintf(buf, "%s%s\n", indent, none)
		return
	}
	for _, s := range list {
		fmt.Fprintf(buf, "\n%s%d. %s -> %s\n", indent, s.Rank, suggestContactText(s.Vendor), suggestContactText(s.Customer))
		fmt.Fprintf(buf, "%s   gain: %s\n", indent, suggestScoreText(s.Score))
		if s.Introduction != nil {
			fmt.Fprintf(buf, "%s   introduction: %s\n", indent, introductionText(s.Introduction))
		}
		fmt.Fprintf(buf, "%s   %s\n", indent, s.Reason)
	}
}

// suggestContactText returns "Name (id, title)".
func suggestContactText(c analytics.Contact) string {
	details := []string{c.PersonID}
	if c.Title != "" {
		details = append(details, c.Title)
	}
	if c.Role != "" {
		details = append(details, strings.ReplaceAll(c.Role, "_", " "))
	}
	name := c.Name
	if name == "" {
		name = c.PersonID
		details = details[1:]
	}
	if len(details) == 0 {
		return name
	}
	return name + " (" + strings.Join(details, ", ") + ")"
}

// suggestScoreText lists the non-zero resilience fields of s, then peer fit and
// introduction strength.
func suggestScoreText(s analytics.Score) string {
	var parts []string
	for _, f := range []struct {
		name  string
		value int
	}{
		{"bus factor", s.BusFactor},
		{"stakeholders at the bus factor", s.WeakestStakeholders},
		{"stakeholder threads", s.StakeholderThreads},
		{"reached", s.Reached},
		{"cut-off total", -s.CutOffReduction},
		{"covered cells", s.CoveredCells},
	} {
		if f.value != 0 {
			parts = append(parts, fmt.Sprintf("%s %+d", f.name, f.value))
		}
	}
	parts = append(parts, fmt.Sprintf("peer fit %d of 3", s.PeerFit),
		"introduction strength "+suggestNumber(s.IntroductionStrength))
	return strings.Join(parts, ", ")
}

// introductionText returns the introduction path as "A -(0.8)- B -(0.5)- C".
func introductionText(intro *analytics.Introduction) string {
	var b strings.Builder
	if intro.ViaColleague {
		b.WriteString("colleague ")
	}
	for i, c := range intro.Path {
		if i > 0 {
			fmt.Fprintf(&b, " -(%s)- ", suggestNumber(intro.Strengths[i-1]))
		}
		if c.Name != "" {
			b.WriteString(c.Name)
		} else {
			b.WriteString(c.PersonID)
		}
	}
	fmt.Fprintf(&b, ", strength %s", suggestNumber(intro.Strength))
	return b.String()
}

func busFactorText(b *int) string {
	if b == nil {
		return "none"
	}
	return strconv.Itoa(*b)
}

// suggestNumber prints x rounded to at most three decimals.
func suggestNumber(x float64) string {
	return strconv.FormatFloat(math.Round(x*1000)/1000, 'f', -1, 64)
}

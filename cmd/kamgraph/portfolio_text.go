package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kamgraph/kamgraph/portfolio"
)

// writePortfolioText prints the portfolio report as a table.
func writePortfolioText(w io.Writer, r *portfolio.Report) error {
	fmt.Fprintf(w, "Portfolio%s: %d accounts, ARR %s, ARR at risk %s (%d high, %d medium, %d low risk)\n",
		asOfSuffix(r.AsOf), r.Totals.Accounts, formatMoney(r.Totals.ARR), formatMoney(r.Totals.ARRAtRisk),
		r.Totals.High, r.Totals.Medium, r.Totals.Low)
	if f := r.Filter.String(); f != "none" {
		fmt.Fprintf(w, "Filter: %s\n", f)
	}
	fmt.Fprintln(w)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT\tTIER\tARR\tRENEWAL\tOWNER\tREGION\tBUS\tSPOFS\t1-THREAD\tBREADTH\tCONC\tRISK\tARR AT RISK")
	for _, row := range r.Accounts {
		tier := "-"
		if row.Tier != 0 {
			tier = strconv.Itoa(row.Tier)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n",
			row.AccountID, tier, formatMoney(row.ARR), portfolioOrDash(string(row.RenewalDate)), portfolioOrDash(row.OwnerID), portfolioOrDash(row.Region),
			formatIntOrDash(row.BusFactor), row.SPOFs, formatShare(row.SingleThreadedShare), formatShare(row.Breadth), formatShare(row.Concentration),
			row.Risk, formatMoney(row.ARRAtRisk))
	}
	return tw.Flush()
}

// writeExposureText prints the exposure ranking.
func writeExposureText(w io.Writer, exposures []portfolio.Exposure, asOf *time.Time) error {
	fmt.Fprintf(w, "ARR exposed per vendor person%s: %d people\n\n", asOfSuffix(asOf), len(exposures))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PERSON\tNAME\tEXPOSED ARR\tACCOUNTS")
	for _, e := range exposures {
		accounts := make([]string, len(e.Accounts))
		for i, a := range e.Accounts {
			accounts[i] = fmt.Sprintf("%s (%s)", a.AccountID, strings.Join(a.Reasons, "+"))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.PersonID, portfolioOrDash(e.Name), formatMoney(e.ExposedARR), joinOrDash(accounts))
	}
	return tw.Flush()
}

// writeConsistencyText prints one table per grouping.
func writeConsistencyText(w io.Writer, c *portfolio.Consistency) error {
	fmt.Fprintf(w, "Consistency of bus factor and breadth%s: %d accounts\n", asOfSuffix(c.AsOf), c.Accounts)
	groupings := []struct {
		title  string
		groups []portfolio.Group
	}{{"tier", c.ByTier}, {"region", c.ByRegion}, {"owner", c.ByOwner}}
	for _, g := range groupings {
		fmt.Fprintf(w, "\nBy %s:\n", g.title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "KEY\tACCOUNTS\tBUS MIN\tBUS MEDIAN\tBUS MEAN\tBUS MAX\tBUS<=1\tBREADTH MIN\tBREADTH MEDIAN\tBREADTH MEAN\tBREADTH MAX")
		for _, group := range g.groups {
			b, r := group.BusFactor, group.Breadth
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
				portfolioOrDash(group.Key), group.Accounts, formatStat(b.Min), formatStat(b.Median), formatStat(b.Mean), formatStat(b.Max),
				formatShare(group.ShareBusFactorAtMostOne), formatShare(r.Min), formatShare(r.Median), formatShare(r.Mean), formatShare(r.Max))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// writeAlertsText prints one alert per line.
func writeAlertsText(w io.Writer, alerts []portfolio.Alert) error {
	if len(alerts) == 0 {
		_, err := fmt.Fprintln(w, "No alerts.")
		return err
	}
	fmt.Fprintf(w, "%d alerts\n\n", len(alerts))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT\tKIND\tMESSAGE")
	for _, a := range alerts {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", a.AccountID, a.Kind, a.Message)
	}
	return tw.Flush()
}

func asOfSuffix(t *time.Time) string {
	if t == nil {
		return ""
	}
	return " as of " + t.UTC().Format(time.RFC3339)
}

func formatMoney(v float64) string {
	return strconv.FormatFloat(v, 'f', 0, 64)
}

func formatShare(v *float64) string {
	if v == nil {
		return "-"
	}
	return strconv.FormatFloat(*v, 'f', 2, 64)
}

func formatStat(v *float64) string {
	if v == nil {
		return "-"
	}
	return strconv.FormatFloat(*v, 'g', 4, 64)
}

func formatIntOrDash(v *int) string {
	if v == nil {
		return "-"
	}
	return strconv.Itoa(*v)
}

func portfolioOrDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

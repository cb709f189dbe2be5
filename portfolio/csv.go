package portfolio

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSVHeader is the header row of WriteCSV.
var CSVHeader = []string{
	"account_id", "name", "tier", "arr", "renewal_date", "owner_id", "region",
	"bus_factor", "spofs", "key_stakeholders", "single_threaded_share", "unreached_key_stakeholders",
	"breadth", "concentration", "top_vendor_id", "risk", "risk_reasons", "arr_at_risk",
}

// WriteCSV writes the rows of report as CSV with CSVHeader first. An
// undefined number is an empty field, and risk reasons are separated by
// semicolons.
func WriteCSV(w io.Writer, report *Report) error {
	out := csv.NewWriter(w)
	if err := out.Write(CSVHeader); err != nil {
		return err
	}
	for _, row := range report.Accounts {
		tier := ""
		if row.Tier != 0 {
			tier = strconv.Itoa(row.Tier)
		}
		record := []string{
			row.AccountID, row.Name, tier, formatNumber(row.ARR), string(row.RenewalDate), row.OwnerID, row.Region,
			formatInt(row.BusFactor), strconv.Itoa(row.SPOFs), strconv.Itoa(row.KeyStakeholders),
			formatOptional(row.SingleThreadedShare), strconv.Itoa(row.UnreachedKeyStakeholders),
			formatOptional(row.Breadth), formatOptional(row.Concentration), row.TopVendorID,
			string(row.Risk), strings.Join(row.RiskReasons, ";"), formatNumber(row.ARRAtRisk),
		}
		if err := out.Write(record); err != nil {
			return err
		}
	}
	out.Flush()
	return out.Error()
}

func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func formatOptional(f *float64) string {
	if f == nil {
		return ""
	}
	return formatNumber(*f)
}

func formatInt(i *int) string {
	if i == nil {
		return ""
	}
	return strconv.Itoa(*i)
}

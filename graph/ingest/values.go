package ingest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// Excel stores a date as the number of days since 1899-12-30 (the 1900 date
// system, counting its fictitious 1900-02-29). Serials are accepted only
// between these bounds, 1970-01-01 and 2099-12-31, so that a stray number
// in a date column is rejected instead of becoming a date in year 1900.
const (
	minExcelSerial = 25569
	maxExcelSerial = 73050
)

var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// timeLayouts are the timestamp forms found in CRM exports, tried in
// order. Layouts without a zone are read as UTC.
var timeLayouts = []string{
	"2006-01-02T15:04:05.000-0700", // Salesforce API: 2025-07-17T12:19:31.000+0000
	"2006-01-02T15:04:05-0700",
	time.RFC3339Nano, // also accepts RFC 3339 without fractional seconds
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05", // backup tools and reports: 2023-02-07 20:47:49
	"2006-01-02 15:04",
	time.DateOnly,
}

// ParseTime parses a timestamp in any form found in CRM exports and
// interaction logs: RFC 3339 (2025-07-17T12:19:31Z), Salesforce's
// 2025-07-17T12:19:31.000+0000, 2023-02-07 20:47:49, 2023-05-29 and an
// Excel serial date such as 45291 or 45291.5. Times without a zone are
// taken as UTC. Day-first and month-first forms such as 03/04/2024 are
// rejected as ambiguous.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if t, ok := parseExcelSerial(s); ok {
		return t, nil
	}
	if strings.Count(s, "/") == 2 || strings.Count(s, ".") == 2 {
		return time.Time{}, fmt.Errorf("ambiguous date %q: day and month order is unknown, use YYYY-MM-DD", s)
	}
	return time.Time{}, fmt.Errorf("invalid date %q: use YYYY-MM-DD or an ISO 8601 timestamp", s)
}

// ParseDate parses s like ParseTime and returns the UTC calendar date. The
// empty string returns the empty Date.
func ParseDate(s string) (graph.Date, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	t, err := ParseTime(s)
	if err != nil {
		return "", err
	}
	return DateOf(t), nil
}

// DateOf returns the UTC calendar date of t.
func DateOf(t time.Time) graph.Date {
	return graph.Date(t.UTC().Format(time.DateOnly))
}

func parseExcelSerial(s string) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < minExcelSerial || f > maxExcelSerial+1 {
		return time.Time{}, false
	}
	days := math.Floor(f)
	seconds := math.Round((f - days) * 86400)
	t := excelEpoch.AddDate(0, 0, int(days)).Add(time.Duration(seconds) * time.Second)
	return t, true
}

// ParseBool parses the boolean forms of CRM exports: "1"/"0" (Salesforce
// Data Loader), "true"/"false" in any case, and "yes"/"no". The empty
// string returns def.
func ParseBool(s string, def bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return def, nil
	case "1", "true", "yes":
		return true, nil
	case "0", "false", "no":
		return false, nil
	}
	return false, fmt.Errorf("invalid boolean %q: use 1 or 0, true or false", s)
}

// SplitList splits a multi-valued cell such as a Salesforce multi-select
// picklist ("Decision Maker;Evaluator") or HubSpot's "Associated Company
// IDs" at semicolons, trims each value and drops empty ones.
func SplitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// JoinName returns "first last", leaving out an empty part.
func JoinName(first, last string) string {
	return strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
}

package portfolio

import (
	"strings"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// ParseTime parses a time parameter: an RFC 3339 time such as
// 2026-06-01T12:00:00Z, or a YYYY-MM-DD date. A date means the start of
// that day in UTC, or with endOfDay the last nanosecond of it, so that an
// as-of date includes every change on that day. The error, of kind
// graph.KindInvalid, names the parameter and the value.
func ParseTime(name, value string, endOfDay bool) (time.Time, error) {
	value = strings.TrimSpace(value)
	if t, err := time.Parse(time.RFC3339Nano, value); err == nil {
		return t.UTC(), nil
	}
	day, err := time.Parse(time.DateOnly, value)
	if err != nil {
		return time.Time{}, graph.Errorf(graph.KindInvalid,
			"invalid %s %q: use a date such as 2026-06-01 or an RFC 3339 time such as 2026-06-01T12:00:00Z", name, value)
	}
	if endOfDay {
		return day.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
	}
	return day, nil
}

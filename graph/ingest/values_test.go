package ingest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want graph.Date
	}{
		{"", ""},
		{"2023-05-29", "2023-05-29"},
		{"2023-05-29 00:00:00", "2023-05-29"},
		{"2023-02-07 20:47:49", "2023-02-07"},
		{"2025-07-17T12:19:31.000+0000", "2025-07-17"},
		{"2025-07-17T23:30:00.000-0500", "2025-07-18"}, // UTC date
		{"2025-07-17T12:19:31Z", "2025-07-17"},
		{"2025-07-17T12:19:31.123456+02:00", "2025-07-17"},
		{"45291", "2023-12-31"},    // Excel serial date
		{"45291.75", "2023-12-31"}, // Excel serial date and time
		{" 2023-05-29 ", "2023-05-29"},
	}
	for _, tc := range tests {
		got, err := ingest.ParseDate(tc.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	tests := []struct {
		in       string
		wantText string
	}{
		{"03/04/2024", "ambiguous date"},
		{"03.04.2024", "ambiguous date"},
		{"2024-13-01", "invalid date"},
		{"yesterday", "invalid date"},
		{"2023", "invalid date"},   // a year, not an Excel serial
		{"999999", "invalid date"}, // beyond the accepted serial range
		{"NaN", "invalid date"},
	}
	for _, tc := range tests {
		_, err := ingest.ParseDate(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.wantText) {
			t.Errorf("ParseDate(%q) error = %v, want it to contain %q", tc.in, err, tc.wantText)
		}
	}
}

func TestParseTimeExcelSerialTime(t *testing.T) {
	got, err := ingest.ParseTime("45291.5")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2023, 12, 31, 12, 0, 0, 0, time.UTC)
	if !got.Equal(want) {
		t.Errorf("ParseTime = %v, want %v", got, want)
	}
}

func TestParseBool(t *testing.T) {
	tests := []struct {
		in   string
		def  bool
		want bool
	}{
		{"1", false, true}, {"0", true, false}, {"TRUE", false, true}, {"false", true, false}, {"", true, true},
	}
	for _, tc := range tests {
		got, err := ingest.ParseBool(tc.in, tc.def)
		if err != nil || got != tc.want {
			t.Errorf("ParseBool(%q, %v) = %v, %v; want %v", tc.in, tc.def, got, err, tc.want)
		}
	}
	if _, err := ingest.ParseBool("maybe", false); err == nil {
		t.Error("ParseBool(maybe) accepted")
	}
}

func TestSplitList(t *testing.T) {
	got := ingest.SplitList(" Decision Maker; ;Evaluator;")
	if len(got) != 2 || got[0] != "Decision Maker" || got[1] != "Evaluator" {
		t.Errorf("SplitList = %q", got)
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2025-07-17T12:19:31.000+0000", "45291.5", "2023-02-07 20:47:49", "03/04/2024", "1e5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ingest.ParseTime(s)
		if err != nil {
			return
		}
		if tm.Location() != time.UTC {
			t.Errorf("ParseTime(%q) = %v, want UTC", s, tm)
		}
		if _, err := graph.ParseDate(string(ingest.DateOf(tm))); err != nil && tm.Year() >= 0 && tm.Year() <= 9999 {
			t.Errorf("DateOf(ParseTime(%q)) is not a valid date: %v", s, err)
		}
	})
}

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// writeTimeoutWarnings returns the start-up warnings about --write-timeout
// in the JSON log of serve.
func writeTimeoutWarnings(t *testing.T, logs string) []map[string]any {
	t.Helper()
	var found []map[string]any
	for line := range strings.SplitSeq(logs, "\n") {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) != nil {
			continue
		}
		if msg, _ := rec["msg"].(string); strings.HasPrefix(msg, "--write-timeout is not longer than --request-timeout") {
			found = append(found, rec)
		}
	}
	return found
}

func TestServeWarnsShortWriteTimeout(t *testing.T) {
	cases := []struct {
		name                 string
		args                 []string
		warn                 bool
		write, request, hint string
	}{
		{"defaults", nil, false, "", "", ""},
		{"shorter", []string{"--write-timeout", "5s", "--request-timeout", "30s"}, true, "5s", "30s", "1m0s"},
		{"equal", []string{"--write-timeout", "30s", "--request-timeout", "30s"}, true, "30s", "30s", "1m0s"},
		{"longer", []string{"--write-timeout", "31s", "--request-timeout", "30s"}, false, "", "", ""},
		{"import timeout longer", []string{"--write-timeout", "1m", "--import-timeout", "1h"}, false, "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startServe(t, nil, c.args...)
			warnings := writeTimeoutWarnings(t, s.stderr.String())
			if !c.warn {
				if len(warnings) != 0 {
					t.Errorf("warned %v, want no warning", warnings)
				}
				return
			}
			if len(warnings) != 1 {
				t.Fatalf("%d warnings, want 1; stderr:\n%s", len(warnings), s.stderr)
			}
			w := warnings[0]
			if w["level"] != "WARN" {
				t.Errorf("level %v, want WARN", w["level"])
			}
			if w["write_timeout"] != c.write {
				t.Errorf("write_timeout %v, want %s", w["write_timeout"], c.write)
			}
			if w["request_timeout"] != c.request {
				t.Errorf("request_timeout %v, want %s", w["request_timeout"], c.request)
			}
			if w["suggested_write_timeout"] != c.hint {
				t.Errorf("suggested_write_timeout %v, want %s", w["suggested_write_timeout"], c.hint)
			}
		})
	}
}

package main

import (
	"context"
	"flag"
	"slices"
	"strings"
	"testing"
	"time"
)

// serveDurationFlags lists the duration flags of serve and their
// environment variables, as the help text documents them.
var serveDurationFlags = map[string]string{
	"read-header-timeout": "KAMGRAPH_READ_HEADER_TIMEOUT",
	"read-timeout":        "KAMGRAPH_READ_TIMEOUT",
	"write-timeout":       "KAMGRAPH_WRITE_TIMEOUT",
	"idle-timeout":        "KAMGRAPH_IDLE_TIMEOUT",
	"shutdown-timeout":    "KAMGRAPH_SHUTDOWN_TIMEOUT",
	"request-timeout":     "KAMGRAPH_REQUEST_TIMEOUT",
	"import-timeout":      "KAMGRAPH_IMPORT_TIMEOUT",
	"key-cache-ttl":       "KAMGRAPH_KEY_CACHE_TTL",
	"refresh-interval":    "KAMGRAPH_REFRESH_INTERVAL",
}

const durationAdvice = "use a number with a unit (ns, us, ms, s, m or h), such as 30s, 5m or 1h30m"

func TestServeDurationFlagsListed(t *testing.T) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	env := envFallbacks{}
	cfg := &serveConfig{logFormat: newChoice("text", "text"), logLevel: newChoice("info", "info")}
	cfg.register(fs, env)
	var found []string
	fs.VisitAll(func(f *flag.Flag) {
		if getter, ok := f.Value.(flag.Getter); ok {
			if _, ok := getter.Get().(time.Duration); ok {
				found = append(found, f.Name)
			}
		}
	})
	for name, variable := range serveDurationFlags {
		if !slices.Contains(found, name) {
			t.Errorf("serve has no duration flag --%s", name)
		}
		if env[name] != variable {
			t.Errorf("--%s falls back to %q, want %s", name, env[name], variable)
		}
	}
	if len(found) != len(serveDurationFlags) {
		t.Errorf("serve has the duration flags %v; add the new ones to serveDurationFlags", found)
	}
}

func TestDurationFlagErrors(t *testing.T) {
	for name, variable := range serveDurationFlags {
		for _, value := range []string{"abc", "30", "1x"} {
			t.Run(name+" "+value, func(t *testing.T) {
				r := runKamgraph(t, "serve", "--"+name, value)
				r.wantCode(t, exitUsage)
				want := `invalid value "` + value + `" for flag -` + name + ": " + durationAdvice
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
				}
				if strings.Contains(r.stderr, "parse error") {
					t.Errorf("stderr holds the bare parse error:\n%s", r.stderr)
				}
			})
			t.Run(variable+" "+value, func(t *testing.T) {
				var stdout, stderr syncBuffer
				code := runWithEnv(t, context.Background(), map[string]string{variable: value}, &stdout, &stderr, "serve")
				if code != exitUsage {
					t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitUsage, stderr.String())
				}
				want := "invalid " + variable + ` "` + value + `" for --` + name + ": " + durationAdvice
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
				}
			})
		}
	}
}

func TestDurationFlagsStillParse(t *testing.T) {
	cl := &cli{stdout: &syncBuffer{}, stderr: &syncBuffer{}, lookupEnv: func(name string) (string, bool) {
		if name == "KAMGRAPH_IDLE_TIMEOUT" {
			return "1h30m", true
		}
		return "", false
	}}
	cfg, err := cl.parseServe([]string{"--key-cache-ttl", "250ms", "--write-timeout", "2m"})
	if err != nil {
		t.Fatalf("parseServe: %v", err)
	}
	if cfg.auth.keyCacheTTL != 250*time.Millisecond {
		t.Errorf("--key-cache-ttl 250ms gave %s", cfg.auth.keyCacheTTL)
	}
	if cfg.writeTimeout != 2*time.Minute {
		t.Errorf("--write-timeout 2m gave %s", cfg.writeTimeout)
	}
	if cfg.idleTimeout != 90*time.Minute {
		t.Errorf("KAMGRAPH_IDLE_TIMEOUT=1h30m gave %s", cfg.idleTimeout)
	}
}

func TestDurationFlagsHelp(t *testing.T) {
	r := runKamgraph(t, "serve", "-h")
	r.wantCode(t, exitOK)
	if strings.Contains(r.stdout, "panic") {
		t.Errorf("help text reports a panic:\n%s", r.stdout)
	}
	for _, want := range []string{"-key-cache-ttl duration", "-write-timeout duration", "(default 2m0s)", "(default 1s)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("help text lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestDurationFlagErrorsOtherCommands(t *testing.T) {
	r := runKamgraph(t, "keys", "create", "--neo4j-uri", "bolt://127.0.0.1:1", "--name", "x", "--role", "admin",
		"--expires-in", "90d")
	r.wantCode(t, exitUsage)
	want := `invalid value "90d" for flag -expires-in: ` + durationAdvice
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
}

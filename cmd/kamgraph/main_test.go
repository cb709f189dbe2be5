package main

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// environment lists the variables that kamgraph reads. TestMain clears
// them so that a Neo4j configured for other packages' tests, such as
// NEO4J_URI in CI, cannot redirect these in-process runs.
var environment = []string{
	"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_PASSWORD_FILE", "NEO4J_DATABASE",
	"KAMGRAPH_ADDR", "KAMGRAPH_DATA", "KAMGRAPH_DEMO", "KAMGRAPH_DEMO_SEED", "KAMGRAPH_LOG_FORMAT",
	"KAMGRAPH_LOG_LEVEL", "KAMGRAPH_MAX_UPLOAD_SIZE", "KAMGRAPH_READ_HEADER_TIMEOUT",
	"KAMGRAPH_READ_TIMEOUT", "KAMGRAPH_WRITE_TIMEOUT", "KAMGRAPH_IDLE_TIMEOUT", "KAMGRAPH_SHUTDOWN_TIMEOUT",
	"KAMGRAPH_ALERT_WEBHOOK", "KAMGRAPH_REFRESH_INTERVAL",
}

func TestMain(m *testing.M) {
	for _, name := range environment {
		os.Unsetenv(name)
	}
	os.Exit(m.Run())
}

// syncBuffer is a bytes.Buffer safe for a server goroutine writing while
// the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// result is the outcome of one in-process run.
type result struct {
	code           int
	stdout, stderr string
}

// runKamgraph runs the command line in-process through run, as main does.
func runKamgraph(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// runWithEnv runs the command line with env as the whole environment.
func runWithEnv(t *testing.T, ctx context.Context, env map[string]string, stdout, stderr *syncBuffer, args ...string) int {
	t.Helper()
	c := &cli{
		stdin:  strings.NewReader(""),
		stdout: stdout,
		stderr: stderr,
		lookupEnv: func(name string) (string, bool) {
			v, ok := env[name]
			return v, ok
		},
	}
	return c.run(ctx, args)
}

func (r result) wantCode(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

func TestHelpListsCommands(t *testing.T) {
	r := runKamgraph(t, "help")
	r.wantCode(t, exitOK)
	for _, cmd := range []string{"serve", "import", "report", "version", "help"} {
		if !strings.Contains(r.stdout, "  "+cmd+" ") {
			t.Errorf("help does not list %s:\n%s", cmd, r.stdout)
		}
	}
}

func TestNoArgumentsIsUsageError(t *testing.T) {
	r := runKamgraph(t)
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, "Usage: kamgraph COMMAND") {
		t.Errorf("stderr lacks the usage:\n%s", r.stderr)
	}
}

func TestUnknownCommand(t *testing.T) {
	r := runKamgraph(t, "frobnicate")
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, `unknown command "frobnicate"`) {
		t.Errorf("stderr does not name the command:\n%s", r.stderr)
	}
	runKamgraph(t, "help", "frobnicate").wantCode(t, exitUsage)
}

func TestCommandHelp(t *testing.T) {
	cases := map[string][]string{
		"serve": {"-addr", "127.0.0.1:8080", "-neo4j-uri", "NEO4J_URI", "-neo4j-user", "NEO4J_USERNAME",
			"-neo4j-password", "NEO4J_PASSWORD", "-neo4j-password-file", "NEO4J_PASSWORD_FILE", "-data",
			"-demo", "-demo-seed", "-log-format", "-log-level", "-max-upload-size", "64MiB",
			"-read-timeout", "-write-timeout", "-idle-timeout", "-shutdown-timeout", "15s"},
		"import":  {"-neo4j-uri", "-dry-run", "-format", "DIR"},
		"report":  {"-data", "-demo", "-account", "-threshold", "0.25", "-format", "-expected-functions", "executive,finance"},
		"version": {"kamgraph version"},
	}
	for cmd, want := range cases {
		for _, args := range [][]string{{cmd, "-h"}, {cmd, "--help"}, {"help", cmd}} {
			r := runKamgraph(t, args...)
			r.wantCode(t, exitOK)
			for _, s := range want {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("%v: help lacks %q:\n%s", args, s, r.stdout)
				}
			}
		}
	}
}

func TestVersion(t *testing.T) {
	r := runKamgraph(t, "version")
	r.wantCode(t, exitOK)
	if !strings.HasPrefix(r.stdout, "kamgraph ") {
		t.Errorf("version output %q, want it to start with kamgraph", r.stdout)
	}
	if !strings.Contains(r.stdout, runtime.Version()) {
		t.Errorf("version output %q lacks the Go version %s", r.stdout, runtime.Version())
	}
	runKamgraph(t, "version", "extra").wantCode(t, exitUsage)
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--addr", "8080"}, `invalid listen address "8080"`},
		{[]string{"serve", "--log-format", "xml"}, `invalid value "xml" for flag -log-format`},
		{[]string{"serve", "--log-level", "loud"}, `invalid value "loud" for flag -log-level`},
		{[]string{"serve", "--max-upload-size", "-5"}, `invalid value "-5" for flag -max-upload-size`},
		{[]string{"serve", "--shutdown-timeout", "0s"}, "invalid --shutdown-timeout 0s"},
		{[]string{"serve", "--data", "testdata/missing"}, `invalid --data "testdata/missing"`},
		{[]string{"serve", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"serve", "--neo4j-uri", "bolt://127.0.0.1:1", "--neo4j-password", "x"}, "without a user"},
		{[]string{"serve", "--neo4j-uri", "bolt://127.0.0.1:1", "--neo4j-password", "x", "--neo4j-password-file", "f"}, "use one"},
		{[]string{"import"}, "expected one folder argument, got 0"},
		{[]string{"import", "a", "b"}, "expected one folder argument, got 2"},
		{[]string{"import", "--format", "yaml", "testdata/valid"}, `invalid value "yaml" for flag -format`},
		{[]string{"report", "--data", "testdata/valid"}, "missing --account"},
		{[]string{"report", "--account", "globex"}, "exactly one of --data DIR and --demo"},
		{[]string{"report", "--data", "testdata/valid", "--demo", "--account", "globex"}, "exactly one of"},
		{[]string{"report", "--demo", "--account", "acct-01", "--threshold", "0"}, `invalid value "0" for flag -threshold`},
		{[]string{"report", "--demo", "--account", "acct-01", "--threshold", "1.5"}, `invalid value "1.5" for flag -threshold`},
		{[]string{"report", "--demo", "--account", "acct-01", "--threshold", "abc"}, `invalid value "abc" for flag -threshold`},
		{[]string{"report", "--demo", "--account", "acct-01", "--format", "html"}, `invalid value "html" for flag -format`},
		{[]string{"report", "--demo", "--account", "acct-01", "testdata/valid"}, `unexpected argument "testdata/valid"`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := runKamgraph(t, c.args...)
			r.wantCode(t, exitUsage)
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, r.stderr)
			}
			if !strings.Contains(r.stderr, "-h' for usage") {
				t.Errorf("stderr does not point to -h:\n%s", r.stderr)
			}
		})
	}
}

func TestEnvironmentFallbacks(t *testing.T) {
	var stdout, stderr syncBuffer
	env := map[string]string{"KAMGRAPH_LOG_LEVEL": "loud"}
	code := runWithEnv(t, context.Background(), env, &stdout, &stderr, "serve")
	if code != exitUsage {
		t.Fatalf("exit status %d, want %d; stderr:\n%s", code, exitUsage, stderr.String())
	}
	if !strings.Contains(stderr.String(), `invalid KAMGRAPH_LOG_LEVEL "loud"`) {
		t.Errorf("stderr does not name the variable and value:\n%s", stderr.String())
	}

	// A flag on the command line wins over its variable.
	stderr = syncBuffer{}
	code = runWithEnv(t, context.Background(), map[string]string{"KAMGRAPH_ADDR": "nonsense"}, &stdout, &stderr,
		"serve", "--addr", "127.0.0.1:0", "--shutdown-timeout", "0s")
	if code != exitUsage {
		t.Errorf("exit status %d, want %d", code, exitUsage)
	}
	if strings.Contains(stderr.String(), "nonsense") {
		t.Errorf("KAMGRAPH_ADDR overrode --addr; stderr:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "invalid --shutdown-timeout") {
		t.Errorf("stderr lacks the timeout error:\n%s", stderr.String())
	}
}

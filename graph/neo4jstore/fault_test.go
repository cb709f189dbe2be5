package neo4jstore_test

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/graph/gen"
	"github.com/kamgraph/kamgraph/graph/neo4jstore"
)

// Environment of TestImportSurvivesNeo4jKill, which starts and kills its
// own Neo4j, so it runs only on request.
const (
	envFaultTest = "KAMGRAPH_FAULT_TEST"       // 1 runs the test
	envFaultPort = "KAMGRAPH_FAULT_NEO4J_PORT" // Bolt port of the test's own Neo4j, default 7705
)

// TestImportSurvivesNeo4jKill kills Neo4j with SIGKILL while a large
// import runs, restarts it on the same data folder and checks that the
// graph is exactly what it was before the import started.
func TestImportSurvivesNeo4jKill(t *testing.T) {
	n := startOwnNeo4j(t, "fault test, which starts and kills its own Neo4j", envFaultPort, "7705")
	root, port, dataDir, uri := n.root, n.port, n.dataDir, n.uri

	store := openFaultStore(t, uri)
	if _, err := store.Import(context.Background(), demo.Generate(1), graph.ImportOptions{}); err != nil {
		t.Fatalf("import demo: %v", err)
	}
	before := mustExport(t, store)

	cfg, err := gen.Preset("L")
	if err != nil {
		t.Fatal(err)
	}
	cfg.AccountID = "fault-account"
	large, err := gen.Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	imported := make(chan error, 1)
	go func() {
		_, err := store.Import(context.Background(), large, graph.ImportOptions{})
		imported <- err
	}()
	time.Sleep(1500 * time.Millisecond)
	killLocalNeo4j(t, root, port)
	if err := <-imported; err == nil {
		t.Fatal("the import succeeded although Neo4j was killed 1.5 s after it started: use a larger dataset")
	} else {
		t.Logf("import failed as expected: %v", err)
	}
	store.Close(context.Background())

	uri = startLocalNeo4j(t, root, port, dataDir)
	store = openFaultStore(t, uri)
	after := mustExport(t, store)
	if !reflect.DeepEqual(after, before) {
		t.Errorf("after the restart the graph has %d accounts, %d people and %d relationships; before the import it had %d, %d and %d",
			len(after.Accounts), len(after.People), len(after.Relationships),
			len(before.Accounts), len(before.People), len(before.Relationships))
	}
	if _, err := store.Account(context.Background(), cfg.AccountID); graph.KindOf(err) != graph.KindNotFound {
		t.Errorf("Account(%s) after the restart: %v, want kind not_found", cfg.AccountID, err)
	}
}

func openFaultStore(t *testing.T, uri string) *neo4jstore.Store {
	t.Helper()
	store, err := neo4jstore.Open(context.Background(), neo4jstore.Config{URI: uri,
		Logger: slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatalf("Open %s: %v", uri, err)
	}
	t.Cleanup(func() { store.Close(context.Background()) })
	return store
}

// startLocalNeo4j starts scripts/neo4j-local on port with its data in
// dataDir and returns the Bolt URI that the script prints.
func startLocalNeo4j(t *testing.T, root, port, dataDir string) string {
	t.Helper()
	out := runNeo4jLocal(t, root, port, dataDir, "start")
	for line := range strings.SplitSeq(out, "\n") {
		if strings.HasPrefix(line, "bolt://127.0.0.1:") {
			return strings.TrimSpace(line)
		}
	}
	t.Fatalf("scripts/neo4j-local start printed no Bolt URI:\n%s", out)
	return ""
}

func runNeo4jLocal(t *testing.T, root, port, dataDir, command string) string {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join(root, "scripts", "neo4j-local"), command)
	cmd.Env = append(os.Environ(), "KAMGRAPH_NEO4J_PORT="+port, "KAMGRAPH_NEO4J_DATA="+dataDir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/neo4j-local %s on port %s: %v\n%s", command, port, err, out)
	}
	return string(out)
}

// killLocalNeo4j sends SIGKILL to the launcher that scripts/neo4j-local
// started on port, so that Neo4j gets no chance to shut down cleanly.
func killLocalNeo4j(t *testing.T, root, port string) {
	t.Helper()
	content, err := os.ReadFile(filepath.Join(root, ".cache", "neo4j", "neo4j-"+port+".pid"))
	if err != nil {
		t.Fatalf("read the pid file of the Neo4j on port %s: %v", port, err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(content)))
	if err != nil {
		t.Fatalf("pid file of the Neo4j on port %s: %v", port, err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill Neo4j (pid %d): %v", pid, err)
	}
	for range 100 {
		if syscall.Kill(pid, 0) != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("Neo4j (pid %d) still runs 10 s after SIGKILL", pid)
}

// ownNeo4j is a Neo4j that a fault test started for itself.
type ownNeo4j struct {
	root, port, dataDir, uri string
}

// startOwnNeo4j skips the test unless KAMGRAPH_FAULT_TEST=1, then starts
// a Neo4j on the port named by portEnv (defaultPort when unset) with a
// data folder of the test's own, and stops it when the test ends.
func startOwnNeo4j(t *testing.T, purpose, portEnv, defaultPort string) ownNeo4j {
	t.Helper()
	if os.Getenv(envFaultTest) != "1" {
		t.Skipf("set %s=1 to run the %s", envFaultTest, purpose)
	}
	n := ownNeo4j{port: os.Getenv(portEnv), dataDir: t.TempDir()}
	if n.port == "" {
		n.port = defaultPort
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	n.root = root
	n.uri = startLocalNeo4j(t, n.root, n.port, n.dataDir)
	t.Cleanup(func() { runNeo4jLocal(t, n.root, n.port, n.dataDir, "stop") })
	return n
}

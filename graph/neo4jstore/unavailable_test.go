package neo4jstore

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// closedPortURI returns a Bolt URI on 127.0.0.1 where nothing listens: the
// port of a listener that was just closed.
func closedPortURI(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on a free port: %v", err)
	}
	addr := listener.Addr().String()
	if err := listener.Close(); err != nil {
		t.Fatalf("close listener: %v", err)
	}
	return "bolt://" + addr
}

func checkUnavailable(t *testing.T, err error, uri string) {
	t.Helper()
	if kind := graph.KindOf(err); kind != graph.KindUnavailable {
		t.Fatalf("error = %v (kind %s), want kind %s", err, kind, graph.KindUnavailable)
	}
	if msg := graph.MessageOf(err); !strings.Contains(msg, uri) {
		t.Errorf("message %q does not name %s", msg, uri)
	}
}

func TestOpenUnavailable(t *testing.T) {
	uri := closedPortURI(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	store, err := Open(ctx, Config{URI: uri})

	if store != nil {
		t.Error("Open returned a store for an unreachable server")
	}
	checkUnavailable(t, err, uri)
}

func TestPingUnavailable(t *testing.T) {
	uri := closedPortURI(t)
	store, err := newStore(Config{URI: uri})
	if err != nil {
		t.Fatalf("newStore: %v", err)
	}
	defer store.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	checkUnavailable(t, store.Ping(ctx), uri)
}

func TestOpenInvalidConfig(t *testing.T) {
	tests := []struct {
		name string
		uri  string
		want string
	}{
		{"missing URI", "", "missing URI"},
		{"unknown scheme", "http://127.0.0.1:7474", "invalid URI http://127.0.0.1:7474"},
		{"password redacted", "ftp://user:secret@127.0.0.1", "invalid URI ftp://user:xxxxx@127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(context.Background(), Config{URI: tt.uri})
			if kind := graph.KindOf(err); kind != graph.KindInvalid {
				t.Fatalf("error = %v (kind %s), want kind %s", err, kind, graph.KindInvalid)
			}
			if msg := graph.MessageOf(err); !strings.Contains(msg, tt.want) {
				t.Errorf("message %q does not contain %q", msg, tt.want)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q shows the password", err)
			}
		})
	}
}

// The driver retries managed transactions on connection failures until the
// context ends, and then reports the connection failure.
func TestMethodsUnavailable(t *testing.T) {
	uri := closedPortURI(t)
	store, err := newStore(Config{URI: uri})
	if err != nil {
		t.Fatalf("newStore: %v", err)
	}
	defer store.Close(context.Background())

	methods := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Accounts", func(ctx context.Context) error { _, err := store.Accounts(ctx); return err }},
		{"AccountGraph", func(ctx context.Context) error { _, err := store.AccountGraph(ctx, "acme"); return err }},
		{"Export", func(ctx context.Context) error { _, err := store.Export(ctx); return err }},
		{"Import", func(ctx context.Context) error {
			_, err := store.Import(ctx, &graph.Dataset{}, graph.ImportOptions{})
			return err
		}},
	}
	for _, m := range methods {
		t.Run(m.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			checkUnavailable(t, m.call(ctx), uri)
		})
	}
}

// silentServerURI returns a Bolt URI on 127.0.0.1 of a listener that
// accepts connections and never answers, as a hung server does.
func silentServerURI(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on a free port: %v", err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			conn, err := listener.Accept()
			if err != nil {
				return
			}
			conns = append(conns, conn)
		}
	}()
	t.Cleanup(func() {
		listener.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return "bolt://" + listener.Addr().String()
}

func TestOpenSilentServerTimesOut(t *testing.T) {
	uri := silentServerURI(t)
	start := time.Now()
	_, err := Open(context.Background(), Config{URI: uri, ConnectTimeout: 500 * time.Millisecond})
	elapsed := time.Since(start)

	checkUnavailable(t, err, strings.TrimPrefix(uri, "bolt://"))
	if !strings.Contains(graph.MessageOf(err), "did not respond within 500ms") {
		t.Errorf("message %q does not give the timeout", graph.MessageOf(err))
	}
	if elapsed > 10*time.Second {
		t.Errorf("Open took %s against a silent server, want about the 500ms connect timeout", elapsed)
	}
}

package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
)

func TestWrapErrorKinds(t *testing.T) {
	s := &Store{uri: "bolt://db.example:7687", database: "sales"}
	connectionRefused := &neo4j.ConnectivityError{Inner: errors.New("connection refused")}
	tests := []struct {
		name        string
		err         error
		wantKind    graph.ErrorKind
		wantMessage string
	}{
		{"connectivity", connectionRefused, graph.KindUnavailable, "bolt://db.example:7687 is unreachable"},
		{"wrapped connectivity", fmt.Errorf("run: %w", connectionRefused), graph.KindUnavailable, "is unreachable"},
		{"retries exhausted", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{connectionRefused}},
			graph.KindUnavailable, "is unreachable"},
		{"constraint", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed"},
			graph.KindConflict, "neo4j: import: the change conflicts"},
		{"credentials", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized"},
			graph.KindUnavailable, "rejected the credentials"},
		{"permissions", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Forbidden"},
			graph.KindUnavailable, "denied access"},
		{"database missing", &neo4j.Neo4jError{Code: "Neo.ClientError.Database.DatabaseNotFound"},
			graph.KindUnavailable, `no database "sales"`},
		{"transient", &neo4j.TransactionExecutionLimit{Errors: []error{
			&neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected"}}},
			graph.KindUnavailable, "failed temporarily"},
		{"memory pool", &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError"},
			graph.KindTooLarge, "too large for Neo4j's transaction memory"},
		{"memory pool after retries", &neo4j.TransactionExecutionLimit{Errors: []error{
			&neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError"}}},
			graph.KindTooLarge, "KAMGRAPH_NEO4J_HEAP"},
		{"transaction memory limit", &neo4j.Neo4jError{Code: "Neo.ClientError.General.TransactionOutOfMemoryError"},
			graph.KindTooLarge, "split the import"},
		{"memory error of a statement", stopMemoryRetries(fmt.Errorf("write people: %w",
			&neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError"})),
			graph.KindTooLarge, "(Neo.TransientError.General.MemoryPoolOutOfMemoryError)"},
		{"syntax", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"},
			graph.KindInternal, "internal error"},
		{"canceled", context.Canceled, graph.KindInternal, "internal error"},
		{"store error", graph.Errorf(graph.KindNotFound, "account %q not found", "x"),
			graph.KindNotFound, `account "x" not found`},
		{"import error", &graph.ImportError{Problems: []graph.Problem{{Message: "bad"}}},
			graph.KindInvalid, "bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.wrapError("import", tt.err)
			if kind := graph.KindOf(err); kind != tt.wantKind {
				t.Errorf("kind = %s, want %s (error: %v)", kind, tt.wantKind, err)
			}
			if msg := graph.MessageOf(err); !strings.Contains(msg, tt.wantMessage) {
				t.Errorf("message %q does not contain %q", msg, tt.wantMessage)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("error %v does not wrap %v", err, tt.err)
			}
		})
	}
}

func TestWrapErrorNil(t *testing.T) {
	s := &Store{}
	if err := s.wrapError("ping", nil); err != nil {
		t.Errorf("wrapError(nil) = %v, want nil", err)
	}
}

func TestWrapErrorPrefix(t *testing.T) {
	s := &Store{}
	err := s.wrapError("export", errors.New("boom"))
	if got := err.Error(); got != "neo4j: export: boom" {
		t.Errorf("error = %q, want %q", got, "neo4j: export: boom")
	}
}

func TestStopMemoryRetries(t *testing.T) {
	memory := fmt.Errorf("write people: %w",
		&neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError"})
	if !neo4j.IsRetryable(memory) {
		t.Fatal("the driver does not retry MemoryPoolOutOfMemoryError: the test no longer shows what stopMemoryRetries prevents")
	}
	if neo4j.IsRetryable(stopMemoryRetries(memory)) {
		t.Error("the driver retries a memory error after stopMemoryRetries")
	}

	deadlock := &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected"}
	if got := stopMemoryRetries(deadlock); got != error(deadlock) {
		t.Errorf("stopMemoryRetries changed a deadlock error to %v", got)
	}
	if stopMemoryRetries(nil) != nil {
		t.Error("stopMemoryRetries(nil) is not nil")
	}
}

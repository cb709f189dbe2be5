package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
)

// Neo4j status codes that wrapError maps to an error kind.
const (
	codeConstraintViolation = "Neo.ClientError.Schema.ConstraintValidationFailed"
	codeDatabaseNotFound    = "Neo.ClientError.Database.DatabaseNotFound"
	codeSecurityPrefix      = "Neo.ClientError.Security."
	codeTransientPrefix     = "Neo.TransientError."

	// Neo4j 5 reports a transaction that needs more memory than
	// db.memory.transaction.total.max (70% of the heap by default) allows
	// with the first code, and one above db.memory.transaction.max with
	// the second. Retrying either fails the same way.
	codeMemoryPoolOutOfMemory  = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
	codeTransactionOutOfMemory = "Neo.ClientError.General.TransactionOutOfMemoryError"
)

// credentialCodes are the security errors about the credentials, as opposed
// to missing permissions.
var credentialCodes = map[string]bool{
	"Neo.ClientError.Security.Unauthorized":            true,
	"Neo.ClientError.Security.AuthenticationRateLimit": true,
	"Neo.ClientError.Security.CredentialsExpired":      true,
	"Neo.ClientError.Security.TokenExpired":            true,
}

// wrapError turns an error of the driver into one that callers of
// graph.Store can classify with graph.KindOf:
//
//   - *graph.Error and *graph.ImportError values pass through unchanged;
//   - connection failures become KindUnavailable, with a message naming
//     the server;
//   - rejected credentials, missing permissions, a missing database and
//     transient server errors that outlasted the driver's retries also
//     become KindUnavailable;
//   - uniqueness constraint violations become KindConflict;
//   - a transaction that ran out of Neo4j's transaction memory becomes
//     KindTooLarge, with a message that recommends splitting the import
//     or raising the heap;
//   - anything else is wrapped as "neo4j: OP: ERR" and counts as internal.
//
// It returns nil for a nil err.
func (s *Store) wrapError(op string, err error) error {
	if err == nil {
		return nil
	}
	var storeErr *graph.Error
	var importErr *graph.ImportError
	if errors.As(err, &storeErr) || errors.As(err, &importErr) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("neo4j: %s: %w", op, err)
	}

	var memoryErr *transactionMemoryError
	if errors.As(err, &memoryErr) {
		return s.tooLarge(op, memoryErr.code, err)
	}

	cause := lastAttempt(err)
	var connErr *neo4j.ConnectivityError
	if errors.As(cause, &connErr) {
		return s.unavailable(err, "neo4j at %s is unreachable: check that it is running and that the URI is right", s.uri)
	}
	var dbErr *neo4j.Neo4jError
	if errors.As(cause, &dbErr) {
		switch {
		case dbErr.Code == codeConstraintViolation:
			return &graph.Error{
				Kind:    graph.KindConflict,
				Message: fmt.Sprintf("neo4j: %s: the change conflicts with data written at the same time: retry", op),
				Err:     err,
			}
		case isMemoryCode(dbErr.Code):
			return s.tooLarge(op, dbErr.Code, err)
		case dbErr.Code == codeDatabaseNotFound:
			return s.unavailable(err, "neo4j at %s has no database %q: create it or change the database name", s.uri, s.database)
		case credentialCodes[dbErr.Code]:
			return s.unavailable(err, "neo4j at %s rejected the credentials: check the username and password", s.uri)
		case strings.HasPrefix(dbErr.Code, codeSecurityPrefix):
			return s.unavailable(err, "neo4j at %s denied access (%s): grant the user read and write access to the database", s.uri, dbErr.Code)
		case strings.HasPrefix(dbErr.Code, codeTransientPrefix):
			return s.unavailable(err, "neo4j at %s failed temporarily (%s): retry later", s.uri, dbErr.Code)
		}
	}
	return fmt.Errorf("neo4j: %s: %w", op, err)
}

func (s *Store) tooLarge(op, code string, err error) error {
	return &graph.Error{
		Kind: graph.KindTooLarge,
		Message: fmt.Sprintf("neo4j: %s: the transaction is too large for Neo4j's transaction memory (%s): "+
			"split the import into smaller ones, such as one per account, or raise Neo4j's heap "+
			"(KAMGRAPH_NEO4J_HEAP for scripts/neo4j-local, server.memory.heap.max_size in neo4j.conf)", op, code),
		Err: err,
	}
}

func isMemoryCode(code string) bool {
	return code == codeMemoryPoolOutOfMemory || code == codeTransactionOutOfMemory
}

// transactionMemoryError carries a transaction memory error that a
// statement reported out of a managed transaction's function. It has no
// Unwrap method, so the driver, which retries every Neo.TransientError,
// does not see the code and does not retry: the same transaction would run
// out of memory again.
type transactionMemoryError struct {
	code string
	err  error
}

func (e *transactionMemoryError) Error() string { return e.err.Error() }

// stopMemoryRetries returns err as a *transactionMemoryError when it
// reports a transaction memory error, and err otherwise.
func stopMemoryRetries(err error) error {
	var dbErr *neo4j.Neo4jError
	if errors.As(err, &dbErr) && isMemoryCode(dbErr.Code) {
		return &transactionMemoryError{code: dbErr.Code, err: err}
	}
	return err
}

func (s *Store) unavailable(err error, format string, args ...any) error {
	return &graph.Error{Kind: graph.KindUnavailable, Message: fmt.Sprintf(format, args...), Err: err}
}

// lastAttempt returns the error of the last attempt when err reports that
// the driver gave up retrying a managed transaction, and err otherwise.
// TransactionExecutionLimit does not unwrap to its attempts' errors.
func lastAttempt(err error) error {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return limit.Errors[len(limit.Errors)-1]
	}
	return err
}

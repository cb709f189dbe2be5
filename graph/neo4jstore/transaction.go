package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// readTransaction runs fn in a managed read transaction and maps its error
// with wrapError. op names the operation in logs and messages.
//
// The driver runs fn again when an attempt fails with a transient error, so
// fn must keep its state in local variables and read every result before
// it returns. The same holds for writeTransaction.
func readTransaction[T any](ctx context.Context, s *Store, op string, fn neo4j.ManagedTransactionWorkT[T]) (T, error) {
	session := s.readSession(ctx)
	defer s.closeSession(ctx, session)

	result, err := neo4j.ExecuteRead(ctx, session, logRetries(s, op, fn))
	return result, s.wrapError(op, withContextError(ctx, err))
}

// writeTransaction runs fn in a managed write transaction, which commits
// only when fn succeeds, and maps its error with wrapError.
func writeTransaction[T any](ctx context.Context, s *Store, op string, fn neo4j.ManagedTransactionWorkT[T]) (T, error) {
	session := s.writeSession(ctx)
	defer s.closeSession(ctx, session)

	result, err := neo4j.ExecuteWrite(ctx, session, logRetries(s, op, fn))
	return result, s.wrapError(op, withContextError(ctx, err))
}

// withContextError returns err marked with the error of ctx when the
// driver reports, as a connectivity error, that ctx ended while it waited
// for a connection. Unmarked, that would read as an unreachable server
// rather than a request that ran out of time. A refused or failed dial
// stays a connectivity error.
func withContextError(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil || errors.Is(err, ctx.Err()) {
		return err
	}
	var connErr *neo4j.ConnectivityError
	if !errors.As(lastAttempt(err), &connErr) || connErr.Inner == nil {
		return err
	}
	if !errors.Is(connErr.Inner, context.DeadlineExceeded) && !errors.Is(connErr.Inner, context.Canceled) {
		return err
	}
	return fmt.Errorf("%w: %w", ctx.Err(), err)
}

// logRetries returns fn with a warning logged before each attempt after
// the first. It also hides a transaction memory error of fn from the
// driver's retries (see stopMemoryRetries).
//
// NOTE: Neo4j 5.26 reported the memory error of a large import at commit,
// after fn returned, where the driver retries it like any transient error
// until MaxRetryTime has passed since the first attempt. An import that
// needs that much memory ran for longer than the default of 5 s, so it was
// not retried, but a store with a long MaxRetryTime runs it again.
func logRetries[T any](s *Store, op string, fn neo4j.ManagedTransactionWorkT[T]) neo4j.ManagedTransactionWorkT[T] {
	attempt := 0
	return func(tx neo4j.ManagedTransaction) (T, error) {
		attempt++
		if attempt > 1 {
			s.logger.Warn("neo4j: retrying transaction after a transient failure",
				slog.String("op", op), slog.Int("attempt", attempt), slog.String("uri", s.uri))
		}
		result, err := fn(tx)
		return result, stopMemoryRetries(err)
	}
}

// run runs a statement that returns no rows and waits for it to finish.
func run(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) error {
	result, err := tx.Run(ctx, query, params)
	if err != nil {
		return err
	}
	_, err = result.Consume(ctx)
	return err
}

// eachRecord runs query and calls fn with every record, in order.
func eachRecord(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any,
	fn func(*neo4j.Record) error) error {
	result, err := tx.Run(ctx, query, params)
	if err != nil {
		return err
	}
	for result.Next(ctx) {
		if err := fn(result.Record()); err != nil {
			return err
		}
	}
	return result.Err()
}

// eachMap runs query and calls fn with the map in column of every record.
func eachMap(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any,
	column string, fn func(map[string]any) error) error {
	return eachRecord(ctx, tx, query, params, func(record *neo4j.Record) error {
		values, err := mapColumn(record, column)
		if err != nil {
			return err
		}
		return fn(values)
	})
}

// mapColumn returns the map in column of record.
func mapColumn(record *neo4j.Record, column string) (map[string]any, error) {
	value, ok := record.Get(column)
	if !ok {
		return nil, fmt.Errorf("result has no column %q", column)
	}
	values, ok := value.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("unexpected %T in column %q: expected a map", value, column)
	}
	return values, nil
}

// eachListItem runs a query that returns one record with a list of maps in
// column, and calls fn with every map of the list. Returning one list
// transfers much faster than one record per item.
func eachListItem(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any,
	column string, fn func(map[string]any) error) error {
	return eachRecord(ctx, tx, query, params, func(record *neo4j.Record) error {
		items, err := listColumn(record, column)
		if err != nil {
			return err
		}
		for _, item := range items {
			values, ok := item.(map[string]any)
			if !ok {
				return fmt.Errorf("unexpected %T in the list of column %q: expected a map", item, column)
			}
			if err := fn(values); err != nil {
				return err
			}
		}
		return nil
	})
}

// listColumn returns the list in column of record.
func listColumn(record *neo4j.Record, column string) ([]any, error) {
	value, ok := record.Get(column)
	if !ok {
		return nil, fmt.Errorf("result has no column %q", column)
	}
	items, ok := value.([]any)
	if !ok {
		return nil, fmt.Errorf("unexpected %T in column %q: expected a list", value, column)
	}
	return items, nil
}

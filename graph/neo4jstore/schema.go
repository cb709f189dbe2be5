package neo4jstore

import (
	"context"
	"log/slog"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ensureSchema creates the uniqueness constraints of the model when they
// are missing, each in its own transaction because Neo4j does not mix
// schema changes with other statements. Each constraint also creates the
// index that serves lookups by its properties.
func (s *Store) ensureSchema(ctx context.Context) error {
	for _, statement := range schemaStatements {
		_, err := neo4j.ExecuteQuery(ctx, s.driver, statement, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.database),
			neo4j.ExecuteQueryWithWritersRouting())
		if err != nil {
			return s.wrapError("create schema", err)
		}
	}
	s.logger.Debug("neo4j schema ready", slog.Int("statements", len(schemaStatements)))
	return nil
}

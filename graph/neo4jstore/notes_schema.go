package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// noteIndexTimeout bounds the wait for the full-text index of notes to
// come online at Open, in seconds. A new index over a few notes is online
// at once; building it over many existing notes takes longer.
const noteIndexTimeout = 300

// ensureNoteSchema creates the uniqueness constraint on Note.id and the
// full-text index note_text when they are missing, each in its own
// transaction. It then waits until the index is online, so that a search
// right after Open does not fail on an index that is still being built.
func (s *Store) ensureNoteSchema(ctx context.Context) error {
	for _, statement := range noteSchemaStatements {
		if err := s.runSchemaStatement(ctx, statement, nil); err != nil {
			return s.wrapError("create note schema", err)
		}
	}
	err := s.runSchemaStatement(ctx, queryAwaitNoteTextIndex, map[string]any{"timeout_seconds": noteIndexTimeout})
	return s.wrapError("wait for the note_text index", err)
}

func (s *Store) runSchemaStatement(ctx context.Context, statement string, params map[string]any) error {
	_, err := neo4j.ExecuteQuery(ctx, s.driver, statement, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database),
		neo4j.ExecuteQueryWithWritersRouting())
	return err
}

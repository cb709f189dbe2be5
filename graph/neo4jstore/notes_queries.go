package neo4jstore

import "github.com/kamgraph/kamgraph/cypher"

// Statements of package cypher for notes and single people.
var (
	noteSchemaStatements = []string{
		cypher.MustGet("constraint_note_id"),
		cypher.MustGet("index_note_text"),
	}
	queryAwaitNoteTextIndex = cypher.MustGet("await_note_text_index")

	queryCreateNote = map[string]string{
		"account":      cypher.MustGet("create_account_note"),
		"person":       cypher.MustGet("create_person_note"),
		"relationship": cypher.MustGet("create_relationship_note"),
	}
	queryLockNote           = cypher.MustGet("lock_note")
	queryUpdateNote         = cypher.MustGet("update_note")
	queryDeleteNote         = cypher.MustGet("delete_note")
	queryNotesByIDs         = cypher.MustGet("notes_by_ids")
	queryNoteTargetExists   = cypher.MustGet("note_target_exists")
	querySelectAccountNotes = cypher.MustGet("select_account_notes")
	querySelectTargetNotes  = cypher.MustGet("select_target_notes")
	querySelectAllNotes     = cypher.MustGet("select_all_notes")
	querySearchNotes        = cypher.MustGet("search_notes")

	queryPerson         = cypher.MustGet("person")
	queryPersonAccounts = cypher.MustGet("person_accounts")
	queryMarkDeparted   = cypher.MustGet("mark_departed")
)

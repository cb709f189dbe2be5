package neo4jstore

import "github.com/kamgraph/kamgraph/cypher"

// Statements of package cypher. MustGet panics at package initialisation
// when a file is missing, so a misspelt name fails every test.
var (
	schemaStatements = []string{
		cypher.MustGet("constraint_person_id"),
		cypher.MustGet("constraint_account_id"),
		cypher.MustGet("constraint_function_key"),
		cypher.MustGet("constraint_business_unit_key"),
		cypher.MustGet("constraint_import_lock_id"),
		cypher.MustGet("index_staged_person_id"),
		cypher.MustGet("index_staged_account_id"),
	}

	queryPing = cypher.MustGet("ping")

	queryLockImport            = cypher.MustGet("lock_import")
	queryExistingAccounts      = cypher.MustGet("existing_accounts")
	queryExistingPeople        = cypher.MustGet("existing_people")
	queryExistingRelationships = cypher.MustGet("existing_relationships")

	queryUpsertAccounts         = cypher.MustGet("upsert_accounts")
	queryUpsertPeople           = cypher.MustGet("upsert_people")
	queryLinkPersonFunction     = cypher.MustGet("link_person_function")
	queryLinkPersonBusinessUnit = cypher.MustGet("link_person_business_unit")
	queryLinkPersonAccount      = cypher.MustGet("link_person_account")
	queryLinkPersonManager      = cypher.MustGet("link_person_manager")
	queryLinkAccountOwner       = cypher.MustGet("link_account_owner")
	queryCreateRelationships    = cypher.MustGet("create_relationships")
	queryUpdateRelationships    = cypher.MustGet("update_relationships")
	queryDeleteOrphanFunctions  = cypher.MustGet("delete_orphan_functions")
	queryDeleteOrphanUnits      = cypher.MustGet("delete_orphan_business_units")

	queryAccounts            = cypher.MustGet("accounts")
	queryAccount             = cypher.MustGet("account")
	queryAccountGraph        = cypher.MustGet("account_graph")
	queryExportPeople        = cypher.MustGet("export_people")
	queryExportRelationships = cypher.MustGet("export_relationships")
)

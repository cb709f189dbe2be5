// Package neo4jstore implements graph.Store on Neo4j 5, kamgraph's system
// of record, through the official Go driver. Its Cypher statements live in
// package cypher, one per file, and take every value as a parameter.
//
// # Model
//
// Nodes, with the properties the store writes:
//
//	(:Person:Vendor   {id, name, side, title, function, business_unit,
//	                   geography, seniority, status, departed_on, email})
//	(:Person:Customer {id, name, side, title, function, business_unit,
//	                   geography, seniority, role, status, departed_on,
//	                   email})
//	(:Account         {id, name, tier, arr, renewal_date})
//	(:Function        {key})
//	(:BusinessUnit    {side, org, key, name})
//	(:ImportLock      {id, acquired_at, staging_id, staging_expires})
//
// Relationships:
//
//	(:Customer)-[:WORKS_AT]->(:Account)
//	(:Account)-[:OWNED_BY]->(:Vendor)          the account manager
//	(:Person)-[:REPORTS_TO]->(:Person)         the reporting line
//	(:Person)-[:IN_FUNCTION]->(:Function)
//	(:Person)-[:IN_UNIT]->(:BusinessUnit)
//	(a:Person)-[:RELATES_TO {strength, type, last_interaction, source}]->(b:Person)
//	(a:Person)-[:INTERACTIONS {ids, at, types, from_a, message_ids}]->(b:Person)
//
// A person carries the label Vendor or Customer besides Person, matching
// its side property. Person properties keep the text of the import as it
// was, and an empty field is stored as no property at all, so Export
// returns exactly what was imported. The account of a customer, the
// manager of a person and the owner of an account are links only.
//
// Account.tier is an integer, absent when unset, and arr a float.
// Account.renewal_date, Person.departed_on and RELATES_TO.last_interaction
// are Neo4j dates, read back as YYYY-MM-DD.
//
// A Function node is one function name compared case-insensitively after
// trimming (graph.NormalizeFunction), shared by both sides. A
// BusinessUnit belongs to one organisation: org is "vendor" for vendor
// people and the account id for customer people, and side keeps the two
// apart when an account's id is "vendor". Its key is the unit name trimmed
// and lower-cased, and name is the spelling of the first person linked.
// When an import moves people out of a Function or BusinessUnit, it deletes
// the nodes left without people.
//
// RELATES_TO is undirected in the domain and stored once per unordered
// pair, from the person with the lower id to the higher. So is
// INTERACTIONS, the history of a pair: parallel lists with one entry per
// interaction (see interactions.go).
//
// # Import
//
// An import of up to Config.StagedImportRecords records runs in one write
// transaction, described below. A larger one is written in stages under a
// lease on the ImportLock node (staging_id, staging_expires) and made
// visible by one last transaction, see staged.go. While it is staged, its
// new nodes carry the labels StagedAccount, StagedPerson,
// StagedAccountVersion and StagedPersonVersion, which no query of the
// store reads, and after it they keep the property staged_import, the id
// of that import.
//
// The one write transaction first writes the single
// ImportLock node, whose lock Neo4j holds until the transaction ends, so
// imports run one at a time and each validates against a graph that no
// other import changes underneath it. It then looks up the records that
// the dataset defines or references, validates with graph.Plan, and writes
// the new and changed records with UNWIND statements of up to 2,000 rows.
// Records equal to the stored ones are not written again.
//
// An upsert replaces all fields of a record: when an import changes a
// person's function, business unit, account or manager, or an account's
// owner, the old link is deleted. Apart from such links and the Function
// and BusinessUnit nodes they leave without people, an import deletes
// nothing.
//
// # Notes
//
// A note and each version of its content are nodes:
//
//	(:Note {id, target_kind, kind, text, author, version, created_at,
//	        updated_at, deleted_at, deleted_by, person_a, person_b})
//	(:Note)-[:HAS_VERSION]->(:NoteVersion {version, author, kind, text, at})
//	(:Note)-[:ABOUT]->(:Account)              a note on an account
//	(:Note)-[:ABOUT]->(:Person)               a note on a person
//	(:Note)-[:ABOUT]->(:Person) twice         a note on a relationship
//
// A note on a relationship keeps its two people in person_a < person_b
// and links ABOUT to both, so the notes of an account are those ABOUT the
// account or ABOUT one of its customer people. The Note node holds the
// current version's content, which the full-text index searches, and
// every version, the first included, is also a NoteVersion. Times are
// Neo4j datetimes in UTC. A deleted note keeps its text and versions and
// gets deleted_at and deleted_by.
//
// An edit first writes and removes a property of the Note, which takes
// its write lock until the transaction ends, and only then compares the
// stored version with the edit's base version. Of two concurrent edits
// from the same version, the second therefore sees the first one's
// version and fails with KindConflict.
//
// # Schema
//
// Open creates uniqueness constraints, each in its own transaction, on
// Person.id, Account.id, Function.key, BusinessUnit(side, org, key),
// ImportLock.id and Note.id. Their backing indexes serve every lookup by
// id or key. It also creates the full-text index note_text on Note.text
// and waits until the index is online.
//
// # Errors
//
// Import returns a *graph.ImportError for invalid input. Otherwise methods
// return *graph.Error values: KindUnavailable when the server cannot be
// reached, rejects the credentials, denies access or lacks the database,
// KindConflict when a write breaks a uniqueness constraint or a note edit
// starts from an old version, KindNotFound for an unknown account, person,
// note or note target, and KindInvalid for an incomplete Config or invalid
// note input. Other
// driver errors are wrapped as "neo4j: OPERATION: ERROR".
//
// The driver retries a transaction that fails to connect until
// Config.MaxRetryTime (DefaultMaxRetryTime, 5 s, unless set) has passed or
// the context ends, so callers that need a faster result pass a context
// with a deadline. Ping does not retry.
package neo4jstore

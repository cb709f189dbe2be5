// Package graph defines kamgraph's domain: accounts, the vendor and
// customer people who work on them, and the weighted relationships between
// those people. It also defines the Store interface that the Neo4j store
// (package neo4jstore) and the in-memory store (package memstore)
// implement, the validation every import passes before either store writes
// anything, and the error kinds that the HTTP API maps to statuses.
//
// The package imports neither the Neo4j driver nor echo, so analytics and
// handlers depend only on these types.
package graph

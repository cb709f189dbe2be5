// Package httpapi is kamgraph's HTTP API: an echo server over a
// graph.Store that lists accounts, returns an account's graph and its
// resilience report, simulates people leaving, serves people, their
// departures and handover briefs, and imports CSV uploads. The people
// routes and the portfolio simulation need a store that also implements
// graph.PeopleStore, and respond 501 otherwise.
//
// Every route is registered in routes.go and described in openapi.json,
// which the server embeds and serves at /api/v1/openapi.json. Errors are
// RFC 9457 problem details (application/problem+json). The status comes
// from one table that maps each graph.ErrorKind to a status code, and the
// causes of internal errors are logged but never sent to clients.
package httpapi

// Package handover prepares an account team for people who leave. It
// works on a store, where package analytics works on one account graph:
//
//   - SimulatePortfolio runs analytics.Simulate on every account that the
//     removed people touch, so that one what-if covers the portfolio.
//   - Build writes the handover brief of a vendor person: every account
//     they touch, their customer contacts with strength, last interaction
//     and notes, what the account loses if they leave, and ranked
//     successors for each relationship that would be orphaned.
//   - WriteMarkdown renders a brief as a document to print or share.
//
// Both read the store through the Store interface, which the in-memory
// store implements. Notes come from a graph.NoteStore when the store
// also implements that interface, and a brief states whether it had
// access to notes.
package handover

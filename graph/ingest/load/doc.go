// Package load imports what the readers of package ingest produce into a
// graph.Store, for the import command and the import endpoint alike.
//
//   - ReadKamgraph reads kamgraph's own CSV folder format row by row, with
//     progress and, with ingest.Options.KeepGoing, without the rows that
//     have a problem.
//   - Dataset imports a reader's dataset. CRM datasets are first merged
//     with what the store holds (MergeWithStored), so that a person or
//     account already imported from another source is matched by email or
//     name instead of being added twice. With KeepGoing, records that the
//     store's validation rejects are left out and reported, and so are the
//     records that depend on them.
//   - Interactions streams interaction logs into a graph.InteractionStore
//     and recomputes relationship strengths from every stored interaction.
//
// Every function returns a Report, the summary that the command prints
// and the endpoint returns.
package load

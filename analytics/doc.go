// Package analytics measures how resilient the relationships between our
// organisation and one customer account are.
//
// Compute is the entry point. It takes an account's graph.AccountGraph and
// Options and returns a Report, the JSON document that the API serves and
// the CLI prints. Each part of the report is also available on its own as
// a method of Network, the compact form of the account graph G(A):
//
//   - NewNetwork builds G(A). Its nodes are the account's active customer
//     people and the active vendor people with a qualifying relationship
//     (strength at least the threshold) to one of them. Its edges are the
//     qualifying relationships between nodes. A virtual node R, our
//     organisation, is adjacent to every vendor node, because knowledge
//     moves freely inside our company.
//   - Unreached lists the customer people with no path from R.
//   - CutPoints finds the single points of failure and the bridge
//     relationships relative to R with one linear-time depth-first search.
//   - Threads counts the vertex-disjoint paths from R to each customer
//     person with augmenting paths inside the block it shares with R, and
//     MinCut names one smallest set of people whose loss cuts a customer
//     off.
//   - KeyStakeholders computes the threads and a minimum cut of each
//     person who decides, and the function BusFactor takes their minimum.
//   - Betweenness runs Brandes' algorithm on G(A) without R, with integer
//     edge lengths from EdgeLength, block by block. BetweennessSample
//     estimates it from sampled sources, within BetweennessErrorBound.
//   - Coverage and VendorBreadth describe which parts of the customer
//     organisation our people reach and how concentrated our side is.
//   - Departures lists the people who left in a period with the
//     relationships the account lost.
//
// Simulate answers what-if questions: it computes the report with some
// people treated as departed and Compare lists what changed. Package
// handover applies it across a portfolio and writes handover briefs.
//
// Suggest proposes the next connections of an account: pairs of a vendor
// person and a customer person, picked greedily by how much the new
// relationship raises resilience, each with the values it changes and a
// warm-introduction path. SuggestForPerson does the same for one vendor
// person across the accounts that person touches.
//
// Every function is deterministic, because ties are broken by person id
// and parallel work is combined in a fixed order. The tests compare the
// results with an independent networkx implementation, the oracle script
// testdata/oracle/oracle.py at the repository root.
//
// The hot paths run on integer-indexed arrays instead of gonum graph
// types. In gonum v0.17.0, Betweenness counts each unordered pair twice
// on undirected graphs, BetweennessWeighted needs all-pairs shortest
// paths, and MaxFlowDinic returns only the flow value, not a cut. The
// tests compare the hand-written algorithms with those gonum functions on
// random graphs.
package analytics

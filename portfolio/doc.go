// Package portfolio measures relationship resilience across every account:
// the portfolio report with a risk level and the ARR at risk per account,
// the ARR exposed to each vendor person, the consistency of bus factor and
// coverage across tiers, regions and owners, alerts on changes, and the
// write-back of analytics into the store.
//
// Evaluate computes one account's AccountResult from its graph.AccountGraph
// with the parts of package analytics that the portfolio needs
// (reach, single points of failure, key stakeholder threads, coverage and
// vendor concentration), leaving out betweenness, the costliest part.
// Build, Exposures and Summarize turn a set of results into the portfolio
// report, the exposure ranking and the consistency tables.
//
// Service ties them to a graph.Store. It evaluates accounts in parallel on
// a bounded pool of runtime.GOMAXPROCS(0) workers and caches each result
// keyed by the account version of a graph.HistoryStore, so a request after
// a write recomputes only the accounts whose graph the write changed. After
// each recomputation it records the account's graph.AccountMetrics in a
// graph.MetricsStore, compares them with the previous point to raise
// alerts, and sends new alerts to a Notifier such as a Webhook.
//
// # Risk
//
// An account's risk level follows AssessRisk:
//
//   - high: the bus factor is 0 or 1, so a key stakeholder is unreached or
//     hangs on one person;
//   - medium: the bus factor is 2, the account marks no key stakeholders
//     (no bus factor), one vendor person holds at least half of the
//     vendor-customer relationship strength (concentration >= 0.5), or
//     fewer than half of the occupied function x seniority cells are
//     covered (breadth < 0.5, or no breadth at all);
//   - low: otherwise.
//
// ARR at risk is risk-weighted: the whole ARR of a high-risk account, half
// the ARR of a medium-risk account, and nothing of a low-risk one.
//
// # Region
//
// An account's region is the most common geography among its active
// customer people, with ties going to the alphabetically first; it is
// empty when none of them has a geography.
package portfolio

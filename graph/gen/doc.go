// Package gen generates synthetic account graphs for benchmarks and
// comparisons with other graph libraries.
//
// Generate builds one customer account and our own team around it, as a
// graph.Dataset that passes graph.Plan. Both sides have a hierarchy of
// reporting lines, functions, business units, geographies and seniority
// levels. A few vendor people (the account team leads) hold many contacts.
// Teams know each other well, senior people know peers across functions,
// and some relationships are weak ties below the default threshold of
// 0.25. About a quarter of the customer people have exactly one qualifying
// relationship, and they all hang off a chosen number of gateway people,
// so the account has exactly Config.SinglePoints single points of failure
// at that threshold. A few customers are departed, and a few have no
// qualifying path to our organisation at all.
//
// Every result is a deterministic function of Config: the package draws
// its random numbers from its own SplitMix64 generator, so a seed yields
// the same graph in every Go release. WriteDir writes a dataset as an
// import folder that csvimport.ReadDir and the networkx scripts read.
package gen

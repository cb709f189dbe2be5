// Package titles infers a person's function and seniority from a job
// title by fixed rules, and reports the titles it cannot read instead of
// guessing.
//
// Infer lower-cases a title, removes periods, splits it at punctuation
// other than '&', expands abbreviations ("Sr." to senior, "Mgr" to
// manager) and matches the phrases of rules.go from the left, longest
// first. A title gets a function when its phrases name exactly one, and
// the highest seniority its phrases name unless one of them is ambiguous
// ("Managing Director", "Deputy", "AVP"). Fill applies Infer to people
// whose source left function or seniority empty, and lists the titles that
// left a field unknown.
package titles

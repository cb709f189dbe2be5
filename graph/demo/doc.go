// Package demo generates a deterministic demo portfolio: about twenty
// customer accounts, our own go-to-market team, and the relationships
// between the two, shaped so that every analytic of kamgraph has something
// to show.
//
// Generate fixes the shape of seven showcase accounts for every seed (the
// constants below name them) and fills the rest of the portfolio with
// accounts whose size, team and relationships the seed decides. Names,
// revenue, dates and the extra ties of the showcase accounts also vary with
// the seed. The properties documented on each showcase constant hold at
// the default threshold of 0.25 by construction, and the tests check them
// on several seeds.
//
// The data is fictional. Email addresses use the reserved .example
// top-level domain.
package demo

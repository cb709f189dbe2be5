package gen

import (
	"fmt"

	"github.com/kamgraph/kamgraph/graph"
)

// PortfolioConfig describes a generated portfolio of several accounts
// served by one vendor team.
type PortfolioConfig struct {
	// Accounts is the number of accounts, at least 1.
	Accounts int
	// Account configures each account as in Generate. AccountID is
	// ignored, and account i (from 0) uses the seed Account.Seed + i.
	Account Config
	// Team is the number of vendor people across the portfolio. It must
	// be at least the number of vendor people of one account, about a
	// tenth of Account.People. Smaller teams share each vendor person
	// among more accounts.
	Team int
}

// Portfolio generates cfg.Accounts accounts with Generate and merges them
// into one dataset that passes graph.Plan. Account i gets the id
// A0001 onwards (numbered from 1) and its customer people get ids
// prefixed with the account id. The vendor people of account i map to
// the vendor ids V0001 to V<Team> in turn, starting at i times the
// vendor count of one account modulo Team, so that neighbouring accounts
// share vendor people. When two accounts define the same vendor person or
// the same relationship, the first account's record is kept.
func Portfolio(cfg PortfolioConfig) (*graph.Dataset, error) {
	if cfg.Accounts < 1 {
		return nil, fmt.Errorf("gen: invalid account count %d: use at least 1", cfg.Accounts)
	}
	probe := cfg.Account
	probe.AccountID = "A"
	if err := probe.Validate(); err != nil {
		return nil, err
	}
	vendors := vendorCount(cfg.Account.People)
	if cfg.Team < vendors {
		return nil, fmt.Errorf("gen: invalid team size %d: use at least %d, the vendor people of one account",
			cfg.Team, vendors)
	}

	m := &merger{
		ds:    &graph.Dataset{},
		seen:  make(map[string]bool),
		pairs: make(map[graph.PairKey]bool),
	}
	for i := range cfg.Accounts {
		account := cfg.Account
		account.AccountID = fmt.Sprintf("A%04d", i+1)
		account.Seed = cfg.Account.Seed + uint64(i)
		ds, err := Generate(account)
		if err != nil {
			return nil, err
		}
		m.add(ds, func(local string) string {
			var n int
			if _, err := fmt.Sscanf(local, "V%05d", &n); err != nil {
				return account.AccountID + "-" + local
			}
			return fmt.Sprintf("V%04d", (i*vendors+n-1)%cfg.Team+1)
		})
	}
	graph.SortPeople(m.ds.People)
	graph.SortRelationships(m.ds.Relationships)
	return m.ds, nil
}

// merger collects the records of several generated accounts.
type merger struct {
	ds    *graph.Dataset
	seen  map[string]bool // person ids already added
	pairs map[graph.PairKey]bool
}

// add adds the records of ds with every person id passed through rename.
func (m *merger) add(ds *graph.Dataset, rename func(string) string) {
	for _, a := range ds.Accounts {
		a.OwnerID = rename(a.OwnerID)
		m.ds.Accounts = append(m.ds.Accounts, a)
	}
	for _, p := range ds.People {
		p.ID = rename(p.ID)
		if p.ManagerID != "" {
			p.ManagerID = rename(p.ManagerID)
		}
		if m.seen[p.ID] {
			continue
		}
		m.seen[p.ID] = true
		m.ds.People = append(m.ds.People, p)
	}
	for _, r := range ds.Relationships {
		r.PersonA, r.PersonB = rename(r.PersonA), rename(r.PersonB)
		r = r.Canonical()
		key := graph.Pair(r.PersonA, r.PersonB)
		if m.pairs[key] {
			continue
		}
		m.pairs[key] = true
		m.ds.Relationships = append(m.ds.Relationships, r)
	}
}

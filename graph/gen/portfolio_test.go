package gen_test

import (
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/gen"
)

func smallPortfolioConfig() gen.PortfolioConfig {
	return gen.PortfolioConfig{
		Accounts: 4,
		Account:  gen.Config{People: 60, Relationships: 300, SinglePoints: 1, Seed: 3},
		Team:     9,
	}
}

func TestPortfolioPassesPlan(t *testing.T) {
	ds, err := gen.Portfolio(smallPortfolioConfig())
	if err != nil {
		t.Fatalf("Portfolio: %v", err)
	}
	if _, err := graph.Plan(ds, graph.Existing{}); err != nil {
		t.Fatalf("Plan: %v", err)
	}
}

func TestPortfolioShape(t *testing.T) {
	cfg := smallPortfolioConfig()
	ds, err := gen.Portfolio(cfg)
	if err != nil {
		t.Fatalf("Portfolio: %v", err)
	}
	if len(ds.Accounts) != cfg.Accounts {
		t.Errorf("got %d accounts, want %d", len(ds.Accounts), cfg.Accounts)
	}

	// 60 people per account hold 6 vendor people (the minimum), so four
	// accounts start at vendors 0, 6, 12 mod 9 = 3 and 18 mod 9 = 0 of a
	// team of 9: every team member is used.
	vendors, customers := 0, map[string]int{}
	for _, p := range ds.People {
		switch p.Side {
		case graph.SideVendor:
			vendors++
		case graph.SideCustomer:
			customers[p.AccountID]++
			if !strings.HasPrefix(p.ID, p.AccountID+"-") {
				t.Errorf("customer %q of account %q lacks the account prefix", p.ID, p.AccountID)
			}
		}
	}
	if vendors != cfg.Team {
		t.Errorf("got %d vendor people, want the team of %d", vendors, cfg.Team)
	}
	for _, a := range ds.Accounts {
		if customers[a.ID] != 54 {
			t.Errorf("account %q has %d customer people, want 60 - 6 = 54", a.ID, customers[a.ID])
		}
	}
}

func TestPortfolioRejectsSmallTeam(t *testing.T) {
	cfg := smallPortfolioConfig()
	cfg.Team = 5
	_, err := gen.Portfolio(cfg)
	if err == nil || !strings.Contains(err.Error(), "team size 5") {
		t.Errorf("Portfolio with a team of 5 returned %v, want an error naming the team size", err)
	}
}

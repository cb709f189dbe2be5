package analytics_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
)

func readDataset(t *testing.T, dir string) *graph.Dataset {
	t.Helper()
	ds, err := csvimport.ReadDir(dir)
	if err != nil {
		t.Fatalf("read import folder %s: %v", dir, err)
	}
	if _, err := graph.Plan(ds, graph.Existing{}); err != nil {
		t.Fatalf("import folder %s is invalid: %v", dir, err)
	}
	return ds
}

// accountGraphOf returns the AccountGraph of one account of ds as a store
// would: the account's customers of every status, every vendor with a
// relationship to one of them, and the relationships among those people,
// sorted and canonical.
func accountGraphOf(ds *graph.Dataset, accountID string) *graph.AccountGraph {
	ag := &graph.AccountGraph{People: []graph.Person{}, Relationships: []graph.Relationship{}}
	for _, a := range ds.Accounts {
		if a.ID == accountID {
			ag.Account = a
		}
	}
	byID := make(map[string]graph.Person, len(ds.People))
	included := map[string]bool{}
	for _, p := range ds.People {
		byID[p.ID] = p
		if p.Side == graph.SideCustomer && p.AccountID == accountID {
			included[p.ID] = true
		}
	}
	for _, r := range ds.Relationships {
		a, b := byID[r.PersonA], byID[r.PersonB]
		if included[a.ID] && a.Side == graph.SideCustomer && b.Side == graph.SideVendor {
			included[b.ID] = true
		}
		if included[b.ID] && b.Side == graph.SideCustomer && a.Side == graph.SideVendor {
			included[a.ID] = true
		}
	}
	for id := range included {
		ag.People = append(ag.People, byID[id])
	}
	for _, r := range ds.Relationships {
		if included[r.PersonA] && included[r.PersonB] {
			ag.Relationships = append(ag.Relationships, r.Canonical())
		}
	}
	graph.SortPeople(ag.People)
	graph.SortRelationships(ag.Relationships)
	return ag
}

// writeDataset writes ds as an import folder. The columns of people.csv and
// relationships.csv are deliberately out of the usual order, because
// readers must accept columns in any order.
func writeDataset(dir string, ds *graph.Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	accounts := [][]string{{"account_id", "name", "tier", "arr"}}
	for _, a := range ds.Accounts {
		accounts = append(accounts, []string{a.ID, a.Name, strconv.Itoa(a.Tier), formatCSVFloat(a.ARR)})
	}
	people := [][]string{{"person_id", "side", "account_id", "name", "title", "function", "business_unit",
		"geography", "seniority", "role", "status", "manager_id"}}
	for _, p := range ds.People {
		people = append(people, []string{p.ID, string(p.Side), p.AccountID, p.Name, p.Title, p.Function,
			p.BusinessUnit, p.Geography, string(p.Seniority), string(p.Role), string(p.Status), p.ManagerID})
	}
	relationships := [][]string{{"strength", "person_a", "person_b", "type"}}
	for _, r := range ds.Relationships {
		relationships = append(relationships, []string{formatCSVFloat(r.Strength), r.PersonA, r.PersonB, r.Type})
	}
	for name, records := range map[string][][]string{
		graph.AccountsFile: accounts, graph.PeopleFile: people, graph.RelationshipsFile: relationships,
	} {
		if err := writeCSV(filepath.Join(dir, name), records); err != nil {
			return err
		}
	}
	return nil
}

func writeCSV(path string, records [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(records); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func formatCSVFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

package gen

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/kamgraph/kamgraph/graph"
)

// WriteDir writes ds as an import folder: accounts.csv, people.csv and
// relationships.csv in dir, which it creates when missing. It overwrites
// existing files of those names.
func WriteDir(dir string, ds *graph.Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("gen: create import folder: %w", err)
	}
	files := []struct {
		name    string
		records [][]string
	}{
		{graph.AccountsFile, accountRecords(ds.Accounts)},
		{graph.PeopleFile, personRecords(ds.People)},
		{graph.RelationshipsFile, relationshipRecords(ds.Relationships)},
	}
	for _, f := range files {
		if err := writeCSV(filepath.Join(dir, f.name), f.records); err != nil {
			return fmt.Errorf("gen: write %s: %w", f.name, err)
		}
	}
	return nil
}

func accountRecords(accounts []graph.Account) [][]string {
	out := [][]string{{"account_id", "name", "tier", "arr", "renewal_date", "owner_id"}}
	for _, a := range accounts {
		tier := ""
		if a.Tier > 0 {
			tier = strconv.Itoa(a.Tier)
		}
		out = append(out, []string{a.ID, a.Name, tier, strconv.FormatFloat(a.ARR, 'f', -1, 64), string(a.RenewalDate), a.OwnerID})
	}
	return out
}

func personRecords(people []graph.Person) [][]string {
	out := [][]string{{"person_id", "name", "side", "account_id", "title", "function", "business_unit",
		"geography", "seniority", "role", "status", "email", "manager_id"}}
	for _, p := range people {
		out = append(out, []string{p.ID, p.Name, string(p.Side), p.AccountID, p.Title, p.Function,
			p.BusinessUnit, p.Geography, string(p.Seniority), string(p.Role), string(p.Status), p.Email, p.ManagerID})
	}
	return out
}

func relationshipRecords(rels []graph.Relationship) [][]string {
	out := [][]string{{"person_a", "person_b", "strength", "type", "last_interaction", "source"}}
	for _, r := range rels {
		out = append(out, []string{r.PersonA, r.PersonB, formatFloat(r.Strength), r.Type,
			string(r.LastInteraction), r.Source})
	}
	return out
}

// formatFloat writes the shortest decimal that parses back to f.
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

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

package mapping_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest/mapping"
)

func TestDefaultRoles(t *testing.T) {
	tests := []struct {
		value string
		want  graph.Role
	}{
		{"Decision Maker", graph.RoleDecisionMaker},
		{"Economic Buyer", graph.RoleEconomicBuyer},
		{"Economic Decision Maker", graph.RoleEconomicBuyer},
		{"Executive Sponsor", graph.RoleChampion},
		{"Business User", graph.RoleUser},
		{"Technical Buyer", graph.RoleInfluencer},
		{"Evaluator", graph.RoleInfluencer},
		{"Influencer", graph.RoleInfluencer},
		{"Other", ""},
		{"BUDGET_HOLDER", graph.RoleEconomicBuyer},
		{"end user", graph.RoleUser},
		{"decision_maker", graph.RoleDecisionMaker},
		{"Blocker", graph.RoleBlocker},
	}
	m := mapping.Default()
	for _, tc := range tests {
		got, ok := m.Role(tc.value)
		if !ok || got != tc.want {
			t.Errorf("Role(%q) = %q, %v; want %q", tc.value, got, ok, tc.want)
		}
	}
	if _, ok := m.Role("Sponsor"); ok {
		t.Error("Role(Sponsor) is known, want unknown")
	}
}

func TestParseOverrides(t *testing.T) {
	m, err := mapping.Parse(strings.NewReader(`{
		"salesforce": {"Contact": {"seniority": "Level__c", "function": [], "geography": ["CountryCode__c", "MailingCountry"]}},
		"hubspot": {"contacts": {"business_unit": "Division"}},
		"values": {
			"role": {"Detractor": "blocker", "Evaluator": "champion"},
			"seniority": {"High - Decision": "c_level"},
			"status": {"Left": "departed"},
			"tier": {"Strategic": "1"}
		},
		"owner_strength": 0.3,
		"account_team_strength": 0.2
	}`))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}

	contact := m.Fields(mapping.Salesforce, mapping.SFContact)
	if !reflect.DeepEqual(contact["seniority"], []string{"Level__c"}) {
		t.Errorf("seniority columns = %q", contact["seniority"])
	}
	if len(contact["function"]) != 0 {
		t.Errorf("function columns = %q, want none", contact["function"])
	}
	if !reflect.DeepEqual(contact["geography"], []string{"CountryCode__c", "MailingCountry"}) {
		t.Errorf("geography columns = %q", contact["geography"])
	}
	if !reflect.DeepEqual(contact["email"], []string{"Email"}) {
		t.Errorf("email columns = %q, want the default", contact["email"])
	}

	if got := m.Fields(mapping.HubSpot, mapping.HSContacts)["business_unit"]; !reflect.DeepEqual(got, []string{"Division"}) {
		t.Errorf("hubspot business_unit = %q", got)
	}

	if r, _ := m.Role("detractor"); r != graph.RoleBlocker {
		t.Errorf("Role(detractor) = %q", r)
	}
	if r, _ := m.Role("Evaluator"); r != graph.RoleChampion {
		t.Errorf("Role(Evaluator) = %q, want the override", r)
	}
	if s, _ := m.Seniority("high - decision"); s != graph.SeniorityCLevel {
		t.Errorf("Seniority = %q", s)
	}
	if s, _ := m.Status("LEFT"); s != graph.StatusDeparted {
		t.Errorf("Status = %q", s)
	}
	if tier, _ := m.Tier("strategic"); tier != 1 {
		t.Errorf("Tier = %d", tier)
	}
	if m.OwnerStrength != 0.3 || m.AccountTeamStrength != 0.2 {
		t.Errorf("strengths = %v, %v", m.OwnerStrength, m.AccountTeamStrength)
	}
	if d := mapping.Default(); len(d.Fields(mapping.Salesforce, mapping.SFContact)["function"]) == 0 {
		t.Error("Parse changed the default mapping")
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name     string
		json     string
		wantText string
	}{
		{"UnknownKey", `{"salesforse": {}}`, "unknown field"},
		{"UnknownObject", `{"salesforce": {"Lead": {}}}`, `unknown salesforce object "Lead"`},
		{"UnknownField", `{"salesforce": {"Contact": {"level": "Level__c"}}}`, `unknown field "level"`},
		{"BadColumns", `{"salesforce": {"Contact": {"title": 5}}}`, "string or a list"},
		{"BadRole", `{"values": {"role": {"Sponsor": "sponsor"}}}`, `invalid role "sponsor"`},
		{"EmptySeniority", `{"values": {"seniority": {"X": ""}}}`, "invalid seniority"},
		{"BadTier", `{"values": {"tier": {"Gold": "4"}}}`, "invalid tier"},
		{"StrengthAboveOne", `{"owner_strength": 1.5}`, "out of range"},
		{"TwoValues", `{} {}`, "more than one value"},
		{"NotJSON", `salesforce:`, "invalid JSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mapping.Parse(strings.NewReader(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("error = %v, want it to contain %q", err, tc.wantText)
			}
		})
	}
}

// TestDocumentedDefaults checks that MAPPING.md names every default
// column and every default role value, so that the document cannot fall
// behind the code.
func TestDocumentedDefaults(t *testing.T) {
	doc, err := os.ReadFile("../MAPPING.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	m := mapping.Default()
	for _, source := range []string{mapping.Salesforce, mapping.HubSpot} {
		for _, object := range mapping.Objects(source) {
			for field, cols := range m.Fields(source, object) {
				for _, col := range cols {
					if !strings.Contains(text, "`"+col+"`") {
						t.Errorf("MAPPING.md does not name column %s of %s %s field %s", col, source, object, field)
					}
				}
			}
		}
	}
	for _, value := range []string{"Decision Maker", "Economic Buyer", "Economic Decision Maker", "Executive Sponsor",
		"Business User", "Technical Buyer", "Evaluator", "Influencer", "Other", "Budget Holder", "End User"} {
		if !strings.Contains(text, value) {
			t.Errorf("MAPPING.md does not name role value %q", value)
		}
	}
}

// TestDocumentedExampleParses checks that the example mapping file in
// MAPPING.md is valid.
func TestDocumentedExampleParses(t *testing.T) {
	doc, err := os.ReadFile("../MAPPING.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	start := strings.Index(text, "```json\n")
	end := strings.Index(text[start+8:], "```")
	if start < 0 || end < 0 {
		t.Fatal("MAPPING.md has no JSON example")
	}
	if _, err := mapping.Parse(strings.NewReader(text[start+8 : start+8+end])); err != nil {
		t.Errorf("example mapping: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(`{"salesforce": {"Contact": {"seniority": "Level__c"}}, "values": {"role": {"X": "blocker"}}}`)
	f.Add(`{"hubspot": {"contacts": {"name": ["A", ""]}}, "owner_strength": 0}`)
	f.Fuzz(func(t *testing.T, data string) {
		m, err := mapping.Parse(strings.NewReader(data))
		if err != nil {
			return
		}
		if m.OwnerStrength < 0 || m.OwnerStrength > 1 {
			t.Errorf("owner strength %v accepted", m.OwnerStrength)
		}
	})
}

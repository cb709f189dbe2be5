package mapping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

// file is the JSON form of a mapping file.
type file struct {
	Salesforce          map[string]map[string]columns `json:"salesforce"`
	HubSpot             map[string]map[string]columns `json:"hubspot"`
	Values              values                        `json:"values"`
	OwnerStrength       *float64                      `json:"owner_strength"`
	AccountTeamStrength *float64                      `json:"account_team_strength"`
}

type values struct {
	Role      map[string]string `json:"role"`
	Seniority map[string]string `json:"seniority"`
	Status    map[string]string `json:"status"`
	Tier      map[string]string `json:"tier"`
}

// columns is a list of column names that also accepts a single string.
type columns []string

func (c *columns) UnmarshalJSON(data []byte) error {
	var one string
	if err := json.Unmarshal(data, &one); err == nil {
		*c = nil
		if one != "" {
			*c = columns{one}
		}
		return nil
	}
	var many []string
	if err := json.Unmarshal(data, &many); err != nil {
		return errors.New("a field's columns must be a string or a list of strings")
	}
	*c = many
	return nil
}

// Load reads the mapping file at path; see Parse.
func Load(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "cannot read mapping file: %v", err)
	}
	m, err := Parse(bytes.NewReader(data))
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "mapping file %s: %v", path, err)
	}
	return m, nil
}

// Parse reads a JSON mapping file and returns the default mapping with the
// file's entries applied. A field entry replaces that field's default
// columns; an empty string or list stops the field from being read. A
// value entry adds to or replaces one entry of a value table. Unknown
// keys, objects, fields and target values are errors.
func Parse(r io.Reader) (*Mapping, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("invalid JSON: more than one value in the file")
	}

	m := Default()
	if err := applyFields(m.Salesforce, Salesforce, f.Salesforce); err != nil {
		return nil, err
	}
	if err := applyFields(m.HubSpot, HubSpot, f.HubSpot); err != nil {
		return nil, err
	}
	if err := m.applyValues(f.Values); err != nil {
		return nil, err
	}
	if err := applyStrength(&m.OwnerStrength, "owner_strength", f.OwnerStrength); err != nil {
		return nil, err
	}
	if err := applyStrength(&m.AccountTeamStrength, "account_team_strength", f.AccountTeamStrength); err != nil {
		return nil, err
	}
	return m, nil
}

func applyFields(dst map[string]ingest.Fields, source string, src map[string]map[string]columns) error {
	for object, fields := range src {
		known, ok := schema[source][object]
		if !ok {
			return fmt.Errorf("unknown %s object %q: use one of %s", source, object, strings.Join(Objects(source), ", "))
		}
		for field, cols := range fields {
			if _, ok := known[field]; !ok {
				return fmt.Errorf("unknown field %q for %s %s: use one of %s",
					field, source, object, strings.Join(ObjectFields(source, object), ", "))
			}
			dst[object][field] = nonEmpty(cols)
		}
	}
	return nil
}

func nonEmpty(cols []string) []string {
	var out []string
	for _, c := range cols {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

func (m *Mapping) applyValues(v values) error {
	for src, dst := range v.Role {
		role, err := graph.ParseRole(dst)
		if err != nil {
			return fmt.Errorf("values.role %q: %w", src, err)
		}
		m.roles[NormalizeValue(src)] = role
	}
	for src, dst := range v.Seniority {
		s, err := graph.ParseSeniority(dst)
		if err != nil || s == "" {
			return fmt.Errorf("values.seniority %q: invalid seniority %q: use one of ic, manager, director, vp, c_level", src, dst)
		}
		m.seniorities[NormalizeValue(src)] = s
	}
	for src, dst := range v.Status {
		s, err := graph.ParseStatus(dst)
		if err != nil || dst == "" {
			return fmt.Errorf("values.status %q: invalid status %q: use active or departed", src, dst)
		}
		m.statuses[NormalizeValue(src)] = s
	}
	for src, dst := range v.Tier {
		t, err := strconv.Atoi(dst)
		if err != nil || t < 1 || t > 3 {
			return fmt.Errorf("values.tier %q: invalid tier %q: use \"1\", \"2\" or \"3\"", src, dst)
		}
		m.tiers[NormalizeValue(src)] = t
	}
	return nil
}

func applyStrength(dst *float64, key string, v *float64) error {
	if v == nil {
		return nil
	}
	if !(*v >= 0 && *v <= 1) {
		return fmt.Errorf("%s %v is out of range: use a number from 0 (no relationship) to 1", key, *v)
	}
	*dst = *v
	return nil
}

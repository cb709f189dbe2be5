package neo4jstore

import (
	"fmt"
	"sort"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kamgraph/kamgraph/graph"
)

// timestamp reads a Neo4j datetime as a time in UTC.
func (p *properties) timestamp(key string) time.Time {
	switch v := p.values[key].(type) {
	case nil:
		return time.Time{}
	case time.Time:
		return v.UTC()
	default:
		p.fail(key, v, "a datetime")
		return time.Time{}
	}
}

// decodeNote decodes a note map of notes_by_ids, with its history when the
// map has one.
func decodeNote(values map[string]any) (graph.Note, error) {
	p := properties{kind: "note", values: values}
	n := graph.Note{
		ID:        p.text("id"),
		Target:    graph.NoteTarget{Kind: graph.TargetKind(p.text("target_kind"))},
		AccountID: p.text("account_id"),
		Author:    p.text("author"),
		Kind:      graph.NoteKind(p.text("kind")),
		Text:      p.text("text"),
		Version:   p.integer("version"),
		CreatedAt: p.timestamp("created_at"),
		UpdatedAt: p.timestamp("updated_at"),
		DeletedBy: p.text("deleted_by"),
	}
	if n.Target.Kind == graph.TargetRelationship {
		n.Target.ID, n.Target.OtherID = p.text("person_a"), p.text("person_b")
	} else {
		n.Target.ID = p.text("target_id")
	}
	if deleted := p.timestamp("deleted_at"); !deleted.IsZero() {
		n.DeletedAt = &deleted
	}
	if p.err != nil {
		return graph.Note{}, p.err
	}

	history, err := decodeNoteVersions(values["history"])
	if err != nil {
		return graph.Note{}, fmt.Errorf("stored note %q: %w", n.ID, err)
	}
	n.History = history
	return n, nil
}

// decodeNoteVersions decodes a list of NoteVersion maps and sorts it by
// version. It returns nil for an empty list.
func decodeNoteVersions(value any) ([]graph.NoteVersion, error) {
	items, ok := value.([]any)
	if !ok && value != nil {
		return nil, fmt.Errorf("unexpected %T in history: expected a list", value)
	}
	var versions []graph.NoteVersion
	for _, item := range items {
		values, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("unexpected %T in history: expected a map", item)
		}
		p := properties{kind: "version of note", values: values}
		v := graph.NoteVersion{
			Version: p.integer("version"),
			Author:  p.text("author"),
			Kind:    graph.NoteKind(p.text("kind")),
			Text:    p.text("text"),
			At:      p.timestamp("at"),
		}
		if p.err != nil {
			return nil, p.err
		}
		versions = append(versions, v)
	}
	sort.Slice(versions, func(i, j int) bool { return versions[i].Version < versions[j].Version })
	return versions, nil
}

// noteParams returns the parameters of the Cypher statements that select
// notes: the filters of f, which must be normalised, as null when unset.
func noteParams(f graph.NoteFilter) map[string]any {
	return map[string]any{
		"include_deleted":  f.IncludeDeleted,
		"only_kind":        nullable(string(f.Kind)),
		"only_target_kind": nullable(string(f.TargetKind)),
	}
}

// targetParams adds the parameters that name a normalised target to
// params and returns it.
func targetParams(params map[string]any, t graph.NoteTarget) map[string]any {
	params["target_kind"] = string(t.Kind)
	params["target_id"] = t.ID
	params["other_id"] = nullable(t.OtherID)
	return params
}

// stringColumn returns the string in column of record.
func stringColumn(record *neo4j.Record, column string) (string, error) {
	value, ok := record.Get(column)
	if !ok {
		return "", fmt.Errorf("result has no column %q", column)
	}
	text, ok := value.(string)
	if !ok {
		return "", errUnexpected(column, value, "a string")
	}
	return text, nil
}

func errUnexpected(column string, value any, want string) error {
	return fmt.Errorf("unexpected %T in column %q: expected %s", value, column, want)
}

package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/kamgraph/kamgraph/graph"
)

// Limits of GET /api/v1/notes/search.
const (
	DefaultNoteSearchLimit = 20
	MaxNoteSearchLimit     = 100
)

// NoteList is the body of GET /api/v1/notes and GET /api/v1/notes/search.
type NoteList struct {
	Notes []graph.Note `json:"notes"`
}

// AccountView is the body of GET /api/v1/accounts/{id}: the fields of the
// account graph and the live notes of the account.
type AccountView struct {
	*graph.AccountGraph
	// Notes holds the live notes on the account, its customer people and
	// their relationships, oldest first, without history. It is empty
	// when the store keeps no notes.
	Notes []graph.Note `json:"notes"`
}

// noteStore returns the store as a graph.NoteStore, or a 501 error when it
// keeps no notes.
func (s *Server) noteStore() (graph.NoteStore, error) {
	store, ok := s.store.(graph.NoteStore)
	if !ok {
		return nil, echo.NewHTTPError(http.StatusNotImplemented,
			"this server's store does not keep notes: run kamgraph with Neo4j or the in-memory store")
	}
	return store, nil
}

// accountNotes returns the live notes of an account, or an empty list when
// the store keeps no notes.
func (s *Server) accountNotes(ctx context.Context, accountID string) ([]graph.Note, error) {
	store, ok := s.store.(graph.NoteStore)
	if !ok {
		return []graph.Note{}, nil
	}
	return store.Notes(ctx, graph.NoteFilter{AccountID: accountID})
}

func (s *Server) createNote(c echo.Context) error {
	store, err := s.noteStore()
	if err != nil {
		return err
	}
	var n graph.NewNote
	if err := decodeJSONRequest(c, &n); err != nil {
		return err
	}

	note, err := store.CreateNote(c.Request().Context(), n)
	if err != nil {
		return err
	}
	s.logNoteChange(c, "note created", note)
	c.Response().Header().Set(echo.HeaderLocation, APIPrefix+"/notes/"+url.PathEscape(note.ID))
	return c.JSON(http.StatusCreated, note)
}

func (s *Server) getNote(c echo.Context) error {
	store, err := s.noteStore()
	if err != nil {
		return err
	}
	id, err := noteIDParam(c)
	if err != nil {
		return err
	}

	note, err := store.Note(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, note)
}

func (s *Server) updateNote(c echo.Context) error {
	store, err := s.noteStore()
	if err != nil {
		return err
	}
	id, err := noteIDParam(c)
	if err != nil {
		return err
	}
	var body noteEditBody
	if err := decodeJSONRequest(c, &body); err != nil {
		return err
	}
	edit := graph.NoteEdit{BaseVersion: int(body.BaseVersion), Author: body.Author, Kind: body.Kind, Text: body.Text}

	note, err := store.UpdateNote(c.Request().Context(), id, edit)
	if err != nil {
		return err
	}
	s.logNoteChange(c, "note edited", note)
	return c.JSON(http.StatusOK, note)
}

// deleteNote marks a note deleted and responds with it, so that a client
// sees who deleted it and when. Deleting a deleted note changes nothing.
func (s *Server) deleteNote(c echo.Context) error {
	store, err := s.noteStore()
	if err != nil {
		return err
	}
	id, err := noteIDParam(c)
	if err != nil {
		return err
	}
	author, err := queryValue(c.QueryParams(), "author")
	if err != nil {
		return err
	}
	if author == "" {
		return invalidf("missing query parameter author: name who deletes the note, as in ?author=Vera")
	}

	note, err := store.DeleteNote(c.Request().Context(), id, author)
	if err != nil {
		return err
	}
	s.logNoteChange(c, "note deleted", note)
	return c.JSON(http.StatusOK, note)
}

func (s *Server) listNotes(c echo.Context) error {
	store, err := s.noteStore()
	if err != nil {
		return err
	}
	filter, err := noteFilter(c.QueryParams())
	if err != nil {
		return err
	}

	notes, err := store.Notes(c.Request().Context(), filter)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, NoteList{Notes: nonNil(scopeNotes(c, notes))})
}

func (s *Server) searchNotes(c echo.Context) error {
	store, err := s.noteStore()
	if err != nil {
		return err
	}
	query, limit, err := searchParams(c.QueryParams())
	if err != nil {
		return err
	}

	notes, err := store.SearchNotes(c.Request().Context(), query, scopedSearchLimit(c, limit))
	if err != nil {
		return err
	}
	notes = scopeNotes(c, notes)
	if len(notes) > limit {
		notes = notes[:limit]
	}
	return c.JSON(http.StatusOK, NoteList{Notes: nonNil(notes)})
}

func (s *Server) logNoteChange(c echo.Context, msg string, note graph.Note) {
	s.logger.Info(msg,
		slog.String("note_id", note.ID),
		slog.String("target", note.Target.String()),
		slog.Int("version", note.Version),
		slog.String("request_id", requestID(c)))
}

// noteIDParam returns the :id path parameter decoded, like accountIDParam.
func noteIDParam(c echo.Context) (string, error) {
	raw := c.Param("id")
	if c.Request().URL.RawPath == "" {
		return raw, nil
	}
	id, err := url.PathUnescape(raw)
	if err != nil {
		return "", invalidf("invalid note id %q in the path: %v", raw, err)
	}
	return id, nil
}

// noteFilter parses the query of GET /api/v1/notes. target_id names one
// target together with target_kind (and other_id for a relationship);
// without target_id, target_kind keeps the notes on targets of that kind.
func noteFilter(query url.Values) (graph.NoteFilter, error) {
	values := make(map[string]string)
	for _, name := range []string{"account_id", "kind", "target_kind", "target_id", "other_id", "include_deleted"} {
		value, err := queryValue(query, name)
		if err != nil {
			return graph.NoteFilter{}, err
		}
		values[name] = value
	}

	f := graph.NoteFilter{AccountID: values["account_id"], Kind: graph.NoteKind(values["kind"])}
	switch {
	case values["target_id"] != "":
		if values["target_kind"] == "" {
			return f, invalidf("missing target_kind: say whether target_id %q is an account, a person or a relationship",
				values["target_id"])
		}
		f.Target = &graph.NoteTarget{
			Kind:    graph.TargetKind(values["target_kind"]),
			ID:      values["target_id"],
			OtherID: values["other_id"],
		}
	case values["other_id"] != "":
		return f, invalidf("other_id %q without target_id: name a relationship with target_id and other_id", values["other_id"])
	default:
		f.TargetKind = graph.TargetKind(values["target_kind"])
	}

	if raw := values["include_deleted"]; raw != "" {
		include, err := strconv.ParseBool(raw)
		if err != nil {
			return f, invalidf("invalid include_deleted %q: use true or false", raw)
		}
		f.IncludeDeleted = include
	}
	return f, nil
}

// searchParams parses the query of GET /api/v1/notes/search.
func searchParams(query url.Values) (string, int, error) {
	q, err := queryValue(query, "q")
	if err != nil {
		return "", 0, err
	}
	if q == "" {
		return "", 0, invalidf("missing query parameter q: give the words to search for")
	}
	rawLimit, err := queryValue(query, "limit")
	if err != nil {
		return "", 0, err
	}
	limit := DefaultNoteSearchLimit
	if rawLimit != "" {
		limit, err = strconv.Atoi(rawLimit)
		if err != nil || limit < 1 || limit > MaxNoteSearchLimit {
			return "", 0, invalidf("invalid limit %q: use a whole number from 1 to %d", rawLimit, MaxNoteSearchLimit)
		}
	}
	return q, limit, nil
}

// queryValue returns the value of a query parameter given at most once,
// or "" when it is absent.
func queryValue(query url.Values, name string) (string, error) {
	values := query[name]
	if len(values) > 1 {
		return "", invalidf("query parameter %s given %d times: give it once", name, len(values))
	}
	if len(values) == 0 {
		return "", nil
	}
	return values[0], nil
}

// noteEditBody is the body of PUT /api/v1/notes/{id}: the fields of
// graph.NoteEdit, with a base_version that also accepts a number such as
// 2.0, which JSON Schema counts as the integer 2.
type noteEditBody struct {
	BaseVersion noteVersion    `json:"base_version"`
	Author      string         `json:"author"`
	Kind        graph.NoteKind `json:"kind"`
	Text        string         `json:"text"`
}

// noteVersion is a note version that decodes from any JSON number without
// a fractional part, such as 3, 3.0 or 3e0. Like encoding/json, it leaves
// the value unchanged on null.
type noteVersion int

func (n *noteVersion) UnmarshalJSON(data []byte) error {
	text := string(data)
	if text == "null" {
		return nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt || f >= math.MaxInt {
		return fmt.Errorf("invalid base_version %s: send the version the edit starts from as a whole number, such as 2", text)
	}
	*n = noteVersion(f)
	return nil
}

func nonNil(notes []graph.Note) []graph.Note {
	if notes == nil {
		return []graph.Note{}
	}
	return notes
}

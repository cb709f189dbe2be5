package interactions

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

// Columns of the CSV log and their accepted names; the first name of each
// is also the JSON key. A column may appear under any of its names, in any
// case. Other columns, such as subject, are ignored.
var Columns = ingest.Fields{
	"time":       {"time", "timestamp", "date"},
	"from":       {"from", "from_id", "sender"},
	"to":         {"to", "to_id", "recipients"},
	"type":       {"type"},
	"direction":  {"direction"},
	"message_id": {"message_id", "interaction_id"},
}

// MaxLineLength is the maximum length in bytes of one JSON line.
const MaxLineLength = 1 << 20

// Reader reads interaction logs into an Aggregator and reports bad rows.
type Reader struct {
	agg      *Aggregator
	opts     Options
	problems *ingest.Problems
	rows     int
}

// NewReader returns a reader that aggregates with opts.
func NewReader(opts Options) (*Reader, error) {
	agg, err := NewAggregator(opts)
	if err != nil {
		return nil, graph.Errorf(graph.KindInvalid, "%v", err)
	}
	return &Reader{agg: agg, opts: opts, problems: ingest.NewProblems(opts.Options)}, nil
}

// Read reads the logs in files, by file name: names ending in .jsonl,
// .ndjson or .json are JSON lines, all others CSV. It returns the derived
// relationships in Result.Dataset.
func Read(files map[string]io.Reader, opts Options) (*ingest.Result, *Stats, error) {
	r, err := NewReader(opts)
	if err != nil {
		return nil, nil, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch strings.ToLower(filepath.Ext(name)) {
		case ".jsonl", ".ndjson", ".json":
			r.ReadJSONLines(name, files[name])
		default:
			r.ReadCSV(name, files[name])
		}
	}
	return r.Result()
}

// ReadCSV reads a CSV log named name. Its header needs time, from and to
// columns; type and direction are optional. The to column may list
// several participants separated by semicolons.
func (r *Reader) ReadCSV(name string, src io.Reader) {
	t := ingest.OpenTable(name, src, Columns, r.problems, r.opts.Options)
	if t == nil || !t.Require("time", "from", "to") {
		return
	}
	for t.Next() {
		in, ok := r.parse(t.Get, t.Problem)
		if ok && !t.Failed() {
			r.add(in)
		}
	}
	r.rows += t.Rows()
}

// record is one JSON line. To accepts a string or a list of strings.
type record struct {
	Time      string          `json:"time"`
	From      string          `json:"from"`
	To        json.RawMessage `json:"to"`
	Type      string          `json:"type"`
	Direction string          `json:"direction"`
	MessageID string          `json:"message_id"`
}

// ReadJSONLines reads a log with one JSON object per line, with keys time,
// from, to (a string or a list), type and direction. Blank lines are
// skipped and other keys are ignored.
func (r *Reader) ReadJSONLines(name string, src io.Reader) {
	lines := newLineReader(src)
	for {
		line, n, err := lines.next()
		if err == io.EOF {
			break
		}
		r.rows++
		loc := ingest.Location{File: name, Line: n}
		if err != nil {
			r.problems.AddRow(loc.Problem("", "", err.Error()))
			continue
		}
		r.readJSONLine(loc, line)
		r.reportProgress(name, lines.bytes, false)
	}
	r.reportProgress(name, lines.bytes, true)
}

func (r *Reader) reportProgress(name string, bytes int64, done bool) {
	if r.opts.Progress != nil && (done || r.rows%ingest.ProgressEvery == 0) {
		r.opts.Progress(ingest.Progress{File: name, Rows: r.rows, Bytes: bytes, Done: done})
	}
}

func (r *Reader) readJSONLine(loc ingest.Location, line []byte) {
	if !utf8.Valid(line) {
		r.problems.AddRow(loc.Problem("", "", "invalid UTF-8: save the file with UTF-8 encoding"))
		return
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		r.problems.AddRow(loc.Problem("", truncate(string(line)), fmt.Sprintf("invalid JSON: %v", err)))
		return
	}
	to, err := parseTo(rec.To)
	if err != nil {
		r.problems.AddRow(loc.Problem("to", truncate(string(rec.To)), err.Error()))
		return
	}
	values := map[string]string{"time": rec.Time, "from": rec.From, "to": to, "type": rec.Type,
		"direction": rec.Direction, "message_id": rec.MessageID}
	get := func(field string) (string, string) { return strings.TrimSpace(values[field]), field }
	failed := false
	problem := func(column, value, msg string) {
		failed = true
		r.problems.AddRow(loc.Problem(column, value, msg))
	}
	if in, ok := r.parse(get, problem); ok && !failed {
		r.add(in)
	}
}

// add passes a valid interaction to Options.OnInteraction and the
// aggregator.
func (r *Reader) add(in Interaction) {
	if r.opts.OnInteraction != nil {
		r.opts.OnInteraction(in)
	}
	r.agg.Add(in)
}

// parseTo returns the participants of a JSON "to" value joined by
// semicolons, as the CSV form writes them.
func parseTo(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return one, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err != nil {
		return "", fmt.Errorf("invalid to: use a string or a list of strings")
	}
	return strings.Join(many, ";"), nil
}

func truncate(s string) string {
	if len(s) <= 64 {
		return s
	}
	return strings.ToValidUTF8(s[:64], "") + "…"
}

// parse reads one interaction through get, which returns a field's value
// and column, and reports each bad value through problem.
func (r *Reader) parse(get func(string) (string, string), problem func(column, value, msg string)) (Interaction, bool) {
	var in Interaction
	ok := true
	required := func(field string) string {
		v, col := get(field)
		if v == "" {
			problem(col, "", fmt.Sprintf("missing %s: every interaction needs one", field))
			ok = false
		}
		return v
	}

	when := required("time")
	in.From = required("from")
	in.To = ingest.SplitList(required("to"))
	in.MessageID, _ = get("message_id")
	if when != "" {
		t, err := ingest.ParseTime(when)
		if err != nil {
			_, col := get("time")
			problem(col, when, err.Error())
			ok = false
		}
		in.Time = t
	}

	typ, col := get("type")
	var err error
	if in.Type, err = ParseType(typ); err != nil {
		problem(col, typ, err.Error())
		ok = false
	}
	dir, col := get("direction")
	if in.Direction, err = ParseDirection(dir); err != nil {
		problem(col, dir, err.Error())
		ok = false
	}
	return in, ok
}

// Result returns the derived relationships, or the import error when a
// problem rejects the import (see ingest.Options.KeepGoing).
func (r *Reader) Result() (*ingest.Result, *Stats, error) {
	if err := r.problems.Err(); err != nil {
		return nil, nil, err
	}
	res := &ingest.Result{Dataset: &graph.Dataset{Relationships: r.agg.Relationships()}}
	res.Summary.RowsRead = r.rows
	r.problems.Finish(res)
	stats := r.agg.Stats()
	return res, &stats, nil
}

// Aggregator returns the reader's aggregator.
func (r *Reader) Aggregator() *Aggregator { return r.agg }

// lineReader reads lines of at most MaxLineLength bytes, skipping blank
// ones and reporting longer ones as errors without holding them whole.
type lineReader struct {
	br    *bufio.Reader
	line  int
	bytes int64
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next non-blank line and its number. It returns io.EOF
// at the end, and another error for a line that is too long.
func (l *lineReader) next() ([]byte, int, error) {
	for {
		var buf []byte
		tooLong := false
		for {
			chunk, err := l.br.ReadSlice('\n')
			l.bytes += int64(len(chunk))
			if len(buf)+len(chunk) > MaxLineLength {
				tooLong = true
			} else {
				buf = append(buf, chunk...)
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil && len(buf) == 0 && !tooLong {
				return nil, 0, io.EOF
			}
			break
		}
		l.line++
		if tooLong {
			return nil, l.line, fmt.Errorf("line is longer than the maximum of %d bytes", MaxLineLength)
		}
		if l.line == 1 {
			buf = bytes.TrimPrefix(buf, []byte{0xEF, 0xBB, 0xBF})
		}
		if len(bytes.TrimSpace(buf)) > 0 {
			return buf, l.line, nil
		}
	}
}

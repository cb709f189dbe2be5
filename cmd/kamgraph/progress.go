package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/kamgraph/kamgraph/graph/ingest"
)

// Progress reporting settings. A log line follows when logInterval has
// passed or logRows more rows were read since the last one, and at the end
// of each file. The bar redraws at most every barInterval.
const (
	logInterval = 5 * time.Second
	logRows     = 100_000
	barInterval = 100 * time.Millisecond
	barWidth    = 30
)

// progress reports how far an import has read: a bar redrawn in place
// when w is a terminal, periodic log lines otherwise. totalBytes is the
// size of all input files, 0 when unknown. It is safe for concurrent use.
type progress struct {
	mu         sync.Mutex
	w          io.Writer
	terminal   bool
	logger     *slog.Logger
	now        func() time.Time
	start      time.Time
	totalBytes int64

	doneBytes int64 // bytes of the files read to the end
	doneRows  int   // rows of the files read to the end
	last      time.Time
	lastRows  int
	drawn     bool // a bar is on the current line
}

func newProgress(w io.Writer, totalBytes int64) *progress {
	now := time.Now
	return &progress{
		w:          w,
		terminal:   isTerminal(w),
		logger:     slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})),
		now:        now,
		start:      now(),
		last:       now(),
		totalBytes: totalBytes,
	}
}

// isTerminal reports whether w is a character device, such as a terminal,
// rather than a file or a pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// update takes one report of a reader; see ingest.Options.Progress.
func (p *progress) update(r ingest.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()

	rows, bytes := p.doneRows+r.Rows, p.doneBytes+r.Bytes
	if r.Done {
		p.doneRows, p.doneBytes = rows, bytes
	}
	now := p.now()
	if p.terminal {
		if r.Done || now.Sub(p.last) >= barInterval {
			p.draw(r.File, rows, bytes, now)
			p.last = now
		}
		return
	}
	if r.Done || now.Sub(p.last) >= logInterval || rows-p.lastRows >= logRows {
		attrs := []any{slog.String("file", r.File), slog.Int("rows", rows), slog.Int64("bytes", bytes)}
		if p.totalBytes > 0 {
			attrs = append(attrs, slog.String("percent", fmt.Sprintf("%.0f", p.percent(bytes))))
		}
		attrs = append(attrs, slog.Duration("elapsed", now.Sub(p.start).Round(time.Millisecond)))
		msg := "import progress"
		if r.Done {
			msg = "import file read"
		}
		p.logger.Info(msg, attrs...)
		p.last, p.lastRows = now, rows
	}
}

func (p *progress) percent(bytes int64) float64 {
	return min(100, 100*float64(bytes)/float64(p.totalBytes))
}

// draw writes the bar over the current terminal line.
func (p *progress) draw(file string, rows int, bytes int64, now time.Time) {
	elapsed := now.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(rows) / elapsed
	}
	bar := ""
	if p.totalBytes > 0 {
		filled := int(p.percent(bytes) / 100 * barWidth)
		bar = fmt.Sprintf("[%s%s] %3.0f%% ", strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled), p.percent(bytes))
	}
	fmt.Fprintf(p.w, "\r\033[K%s%d rows, %.0f rows/s, %s", bar, rows, rate, file)
	p.drawn = true
}

// finish ends the bar's line, so that later output starts on a new one.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// step logs a phase of the import that reports no rows, such as the
// recompute of strengths, so that a long wait shows what runs.
func (p *progress) step(msg string, attrs ...any) {
	p.finish()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.logger.Info(msg, attrs...)
}

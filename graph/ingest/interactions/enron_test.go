package interactions_test

import (
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/csvimport"
	"github.com/kamgraph/kamgraph/graph/ingest/interactions"
	"github.com/kamgraph/kamgraph/internal/shareddata"
)

// TestEnronLog derives relationships from a real e-mail log: about 38,000
// sender-recipient rows among 152 people, 1998-2002. It compares them with
// the relationships published beside the log. Those bucket the message
// count of each pair without decay: 1-4 messages give 0.25, 5-19 give 0.5
// and 20 or more give 1.0. The test checks that both cover the same pairs
// and logs how the strengths compare, so run it with -v to read them.
func TestEnronLog(t *testing.T) {
	dir := filepath.Join(shareddata.Dir(t, "enron/interactions.csv"), "enron")
	f, err := os.Open(filepath.Join(dir, "interactions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	// The log ends on 2002-06-21; measuring on 2002-07-01 keeps the last
	// weeks of mail close to full weight.
	asOf := time.Date(2002, 7, 1, 0, 0, 0, 0, time.UTC)
	start := time.Now()
	res, stats, err := interactions.Read(map[string]io.Reader{"interactions.csv": f}, interactions.Options{AsOf: asOf})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	elapsed := time.Since(start)

	published, err := csvimport.ReadDir(dir)
	if err != nil {
		t.Fatalf("read published relationships: %v", err)
	}
	ours := byPair(res.Dataset.Relationships)
	theirs := byPair(published.Relationships)

	missing, extra := 0, 0
	for key := range theirs {
		if _, ok := ours[key]; !ok {
			missing++
		}
	}
	for key := range ours {
		if _, ok := theirs[key]; !ok {
			extra++
		}
	}
	t.Logf("read %d rows in %v: %d pairs, %d relationships (%d pairs too weak to keep)",
		res.Summary.RowsRead, elapsed.Round(time.Millisecond), stats.Pairs, len(ours), stats.TooWeak)
	t.Logf("published relationships: %d; missing from ours: %d; ours not published: %d", len(theirs), missing, extra)
	logComparison(t, ours, theirs)

	// The published strengths ignore age, so a half-life of a century
	// shows how the formula ranks the same pairs without decay.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	undecayed, _, err := interactions.Read(map[string]io.Reader{"interactions.csv": f},
		interactions.Options{AsOf: asOf, HalfLife: 100 * 365 * 24 * time.Hour})
	if err != nil {
		t.Fatalf("Read without decay: %v", err)
	}
	t.Logf("with a half-life of 100 years:")
	logComparison(t, byPair(undecayed.Dataset.Relationships), theirs)

	if stats.Pairs != len(theirs) {
		t.Errorf("pairs with mail = %d, want the %d published pairs", stats.Pairs, len(theirs))
	}
	if _, err := graph.Plan(&graph.Dataset{People: published.People, Accounts: published.Accounts, Relationships: res.Dataset.Relationships}, graph.Existing{}); err != nil {
		t.Errorf("derived relationships fail validation: %v", err)
	}
}

func byPair(rels []graph.Relationship) map[graph.PairKey]graph.Relationship {
	out := make(map[graph.PairKey]graph.Relationship, len(rels))
	for _, r := range rels {
		out[graph.Pair(r.PersonA, r.PersonB)] = r
	}
	return out
}

// logComparison logs, per published strength bucket, the distribution of
// derived strengths and how many reach the default threshold of 0.25.
func logComparison(t *testing.T, ours, theirs map[graph.PairKey]graph.Relationship) {
	t.Helper()
	buckets := map[float64][]float64{}
	var xs, ys []float64
	for key, rel := range theirs {
		s := 0.0
		if o, ok := ours[key]; ok {
			s = o.Strength
		}
		buckets[rel.Strength] = append(buckets[rel.Strength], s)
		xs = append(xs, rel.Strength)
		ys = append(ys, s)
	}
	levels := make([]float64, 0, len(buckets))
	for level := range buckets {
		levels = append(levels, level)
	}
	sort.Float64s(levels)
	for _, level := range levels {
		s := buckets[level]
		sort.Float64s(s)
		qualifying := 0
		for _, v := range s {
			if v >= 0.25 {
				qualifying++
			}
		}
		t.Logf("published %.2f: %4d pairs; derived min %.4f, median %.4f, max %.4f; %d reach 0.25",
			level, len(s), s[0], s[len(s)/2], s[len(s)-1], qualifying)
	}
	t.Logf("Spearman rank correlation, published vs derived: %.3f", spearman(xs, ys))
}

func spearman(xs, ys []float64) float64 {
	rx, ry := ranks(xs), ranks(ys)
	return pearson(rx, ry)
}

// ranks returns the average ranks of values, ties sharing their mean rank.
func ranks(values []float64) []float64 {
	idx := make([]int, len(values))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return values[idx[a]] < values[idx[b]] })
	out := make([]float64, len(values))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && values[idx[j]] == values[idx[i]] {
			j++
		}
		mean := float64(i+j-1) / 2
		for k := i; k < j; k++ {
			out[idx[k]] = mean
		}
		i = j
	}
	return out
}

func pearson(xs, ys []float64) float64 {
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx /= float64(len(xs))
	my /= float64(len(ys))
	var sxy, sxx, syy float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
		syy += (ys[i] - my) * (ys[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

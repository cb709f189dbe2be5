package interactions

import (
	"math"
	"sort"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/ingest"
)

// Interaction is one email, meeting or call. An email goes from From to
// each of To, or the other way when Direction is Inbound. A meeting links
// its organiser From with each attendee in To, and a call links From with
// To.
type Interaction struct {
	Time      time.Time
	From      string
	To        []string
	Type      Type
	Direction Direction
	MessageID string // the log's message_id, when it has one; the aggregator ignores it
}

// Aggregator sums interactions per pair of people as they arrive. Its
// memory grows with the number of distinct participants and pairs, not
// with the number of interactions.
type Aggregator struct {
	opts Options

	// participants maps a participant as written to its index in people,
	// or to -1 when Resolve rejected it.
	participants map[string]int32
	people       []string // resolved person ids
	personIndex  map[string]int32
	pairs        map[uint64]pairSums

	stats Stats
}

// pairSums holds the decayed sums of one pair. The pair key orders the
// two people by index, low then high; emailLowHigh sums emails from the
// low-index person to the high-index one.
type pairSums struct {
	meeting, call              float64
	emailLowHigh, emailHighLow float64
	last                       int64 // Unix seconds of the latest interaction
}

// Stats counts what the aggregator did with its input.
type Stats struct {
	Interactions int `json:"interactions"` // interactions added
	AfterAsOf    int `json:"after_as_of"`  // interactions ignored because they happened after AsOf
	SelfPairs    int `json:"self_pairs"`   // participant pairs of one person with themselves, ignored
	Unresolved   int `json:"unresolved"`   // distinct participants that Resolve did not resolve
	TooWeak      int `json:"too_weak"`     // pairs whose strength rounds to 0
	Pairs        int `json:"pairs"`        // pairs with at least one interaction
}

// NewAggregator returns an empty aggregator. It fails when opts.AsOf is
// not set or a weight or the half-life is invalid.
func NewAggregator(opts Options) (*Aggregator, error) {
	if err := opts.normalize(); err != nil {
		return nil, err
	}
	return &Aggregator{
		opts:         opts,
		participants: map[string]int32{},
		personIndex:  map[string]int32{},
		pairs:        map[uint64]pairSums{},
	}, nil
}

// Add adds one interaction. It ignores interactions after AsOf.
func (a *Aggregator) Add(in Interaction) {
	a.stats.Interactions++
	if in.Time.After(a.opts.AsOf) {
		a.stats.AfterAsOf++
		return
	}
	at := in.Time.Unix()
	// d(age) = 2^(-age / half-life). Sub saturates at about 292 years,
	// where the decay is 0 in float64 anyway.
	decay := math.Exp2(-a.opts.AsOf.Sub(in.Time).Seconds() / a.opts.HalfLife.Seconds())

	from := a.index(in.From)
	for _, to := range in.To {
		a.addPair(from, a.index(to), in, decay, at)
	}
}

func (a *Aggregator) addPair(from, to int32, in Interaction, decay float64, at int64) {
	if from < 0 || to < 0 {
		return
	}
	if from == to {
		a.stats.SelfPairs++
		return
	}
	if in.Direction == Inbound {
		from, to = to, from
	}
	low, high := from, to
	if high < low {
		low, high = high, low
	}
	key := uint64(low)<<32 | uint64(high)
	s, seen := a.pairs[key]
	switch in.Type {
	case Meeting:
		s.meeting += decay
	case Call:
		s.call += decay
	default:
		if from == low {
			s.emailLowHigh += decay
		} else {
			s.emailHighLow += decay
		}
	}
	if !seen || at > s.last {
		s.last = at
	}
	a.pairs[key] = s
}

// index returns the person index of a participant, resolving and
// interning it on first sight, or -1 when it does not resolve.
func (a *Aggregator) index(participant string) int32 {
	if i, ok := a.participants[participant]; ok {
		return i
	}
	id, ok := participant, participant != ""
	if a.opts.Resolve != nil && ok {
		id, ok = a.opts.Resolve(participant)
	}
	i := int32(-1)
	if ok {
		var known bool
		if i, known = a.personIndex[id]; !known {
			i = int32(len(a.people))
			a.people = append(a.people, id)
			a.personIndex[id] = i
		}
	} else {
		a.stats.Unresolved++
	}
	a.participants[participant] = i
	return i
}

// Strength returns the strength of a pair with the given decayed sums,
// before rounding: 1 - exp(-x) with x as in the package documentation.
func (w Weights) Strength(meeting, call, emailAB, emailBA float64) float64 {
	return 1 - math.Exp(-w.exponent(meeting, call, emailAB, emailBA))
}

func (w Weights) exponent(meeting, call, emailAB, emailBA float64) float64 {
	exchanged := 2 * math.Min(emailAB, emailBA)
	oneWay := math.Abs(emailAB - emailBA)
	return w.Meeting*meeting + w.Call*call + w.EmailExchanged*exchanged + w.EmailOneWay*oneWay
}

// StrengthDecimals is the number of decimals to which strengths are
// rounded, so that results read well and compare exactly across
// platforms whose math.Exp differ in the last bit.
const StrengthDecimals = 4

// Relationships returns one relationship per pair whose strength, rounded
// to StrengthDecimals, is above 0. They are canonical and sorted by pair.
func (a *Aggregator) Relationships() []graph.Relationship {
	rels := make([]graph.Relationship, 0, len(a.pairs))
	a.stats.TooWeak = 0
	for key, s := range a.pairs {
		w := a.opts.Weights
		strength := roundStrength(w.Strength(s.meeting, s.call, s.emailLowHigh, s.emailHighLow))
		if strength <= 0 {
			a.stats.TooWeak++
			continue
		}
		rel := graph.Relationship{
			PersonA:         a.people[key>>32],
			PersonB:         a.people[uint32(key)],
			Strength:        strength,
			Type:            string(w.dominantType(s)),
			LastInteraction: ingest.DateOf(time.Unix(s.last, 0)),
			Source:          Source,
		}
		rels = append(rels, rel.Canonical())
	}
	graph.SortRelationships(rels)
	return rels
}

func roundStrength(s float64) float64 {
	scale := math.Pow10(StrengthDecimals)
	return math.Round(s*scale) / scale
}

// dominantType returns the type that contributes most to a pair's
// exponent; ties go to meeting, then call, then email.
func (w Weights) dominantType(s pairSums) Type {
	meeting := w.Meeting * s.meeting
	call := w.Call * s.call
	email := w.exponent(0, 0, s.emailLowHigh, s.emailHighLow)
	switch {
	case meeting >= call && meeting >= email:
		return Meeting
	case call >= email:
		return Call
	}
	return Email
}

// Stats returns the counts so far. Pairs and TooWeak are current after
// Relationships.
func (a *Aggregator) Stats() Stats {
	s := a.stats
	s.Pairs = len(a.pairs)
	return s
}

// People returns the resolved person ids seen so far, sorted.
func (a *Aggregator) People() []string {
	out := append([]string(nil), a.people...)
	sort.Strings(out)
	return out
}

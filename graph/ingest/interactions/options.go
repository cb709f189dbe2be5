package interactions

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/kamgraph/kamgraph/graph/ingest"
)

// Source is the value of Relationship.Source for relationships derived
// from interactions.
const Source = "interactions"

// DefaultHalfLife is the default age at which an interaction counts half.
const DefaultHalfLife = 90 * 24 * time.Hour

// Type is the kind of an interaction.
type Type string

// Interaction types.
const (
	Email   Type = "email"
	Meeting Type = "meeting"
	Call    Type = "call"
)

// ParseType returns the Type named by s, in any case. The empty string
// means an email, the commonest kind of log.
func ParseType(s string) (Type, error) {
	switch Type(strings.ToLower(strings.TrimSpace(s))) {
	case "", Email:
		return Email, nil
	case Meeting:
		return Meeting, nil
	case Call:
		return Call, nil
	}
	return "", fmt.Errorf("invalid type %q: use email, meeting or call", s)
}

// Direction is the way an interaction went: from the From participant to
// the To participants (outbound) or the other way (inbound). CRM activity
// logs list our person first and record the direction in its own field.
type Direction bool

// Directions.
const (
	Outbound Direction = false
	Inbound  Direction = true
)

// ParseDirection returns the Direction named by s: outbound, out,
// outgoing or sent; inbound, in, incoming or received; any case. The
// empty string means outbound.
func ParseDirection(s string) (Direction, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "outbound", "out", "outgoing", "sent":
		return Outbound, nil
	case "inbound", "in", "incoming", "received":
		return Inbound, nil
	}
	return Outbound, fmt.Errorf("invalid direction %q: use outbound or inbound", s)
}

// Weights are the contributions of one interaction at age 0 to the
// exponent of the strength formula (see the package documentation).
type Weights struct {
	Meeting        float64 // per meeting, for the organiser and each attendee
	Call           float64 // per call, in either direction
	EmailExchanged float64 // per email of the part of a pair's mail that went both ways
	EmailOneWay    float64 // per email of the part that went one way only
}

// DefaultWeights rank a meeting above a call above an exchanged email
// above a one-way email. One meeting today gives strength 0.63, one
// exchange of emails (one each way) 0.39, and one unanswered email 0.05.
var DefaultWeights = Weights{Meeting: 1, Call: 0.5, EmailExchanged: 0.25, EmailOneWay: 0.05}

func (w Weights) validate() error {
	for _, v := range []float64{w.Meeting, w.Call, w.EmailExchanged, w.EmailOneWay} {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return fmt.Errorf("invalid weights %+v: each must be a non-negative number", w)
		}
	}
	if w.EmailOneWay > w.EmailExchanged {
		return fmt.Errorf("invalid weights %+v: a one-way email must weigh at most an exchanged one", w)
	}
	return nil
}

// Options configure the derivation of relationships from interactions.
type Options struct {
	ingest.Options

	// AsOf is the moment at which ages are measured; it is required, so
	// that the same log always gives the same strengths. Interactions
	// after AsOf are ignored.
	AsOf time.Time

	// HalfLife is the age at which an interaction counts half.
	// 0 means DefaultHalfLife.
	HalfLife time.Duration

	// Weights of the interaction types. The zero value means
	// DefaultWeights.
	Weights Weights

	// Resolve maps a participant as written in the log (a person id or an
	// email address, say) to a kamgraph person id. Participants it does
	// not resolve are left out and counted in Stats. Nil keeps
	// participants as they are; see ingest.PeopleIndex for one that
	// matches ids and emails.
	Resolve func(participant string) (personID string, ok bool)

	// OnInteraction, when set, is called with every valid interaction in
	// input order, with its participants as written, before the
	// aggregator adds it. Callers that keep the interactions themselves,
	// such as a graph.InteractionStore, read them here. Rows rejected
	// with a problem never reach it.
	OnInteraction func(Interaction)
}

func (o *Options) normalize() error {
	if o.AsOf.IsZero() {
		return errors.New("interactions: as_of is required: pass the date at which strengths are measured")
	}
	if o.HalfLife == 0 {
		o.HalfLife = DefaultHalfLife
	}
	if o.HalfLife < 0 {
		return fmt.Errorf("interactions: invalid half-life %v: use a positive duration", o.HalfLife)
	}
	if o.Weights == (Weights{}) {
		o.Weights = DefaultWeights
	}
	if err := o.Weights.validate(); err != nil {
		return fmt.Errorf("interactions: %w", err)
	}
	return nil
}

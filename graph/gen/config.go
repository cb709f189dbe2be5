package gen

import (
	"fmt"
	"strings"
)

// Config describes one generated account.
type Config struct {
	// AccountID is the id of the generated account.
	AccountID string
	// People is the number of vendor and customer people, departed people
	// included. About a tenth of them are vendor people.
	People int
	// Relationships is the number of relationships to aim for, weak ties
	// included. Generate adds the relationships that shape the graph first
	// and then fills up to this number, so it returns more when the shape
	// alone needs more.
	Relationships int
	// SinglePoints is the number of single points of failure of the
	// account at the default threshold of 0.25: gateway people whose loss
	// cuts off the customer people that only they reach.
	SinglePoints int
	// Seed selects the graph. Equal configurations give equal datasets.
	Seed uint64
}

// Sizes lists the names of the preset sizes, smallest first.
var Sizes = []string{"S", "M", "L"}

// DefaultSeed is the seed of the preset configurations.
const DefaultSeed = 1

// Preset returns the configuration of a named size with DefaultSeed:
//
//	S     200 people,   2,000 relationships,   4 single points of failure
//	M   2,000 people,  20,000 relationships,  40 single points of failure
//	L  20,000 people, 200,000 relationships, 400 single points of failure
//
// The name is case-insensitive. Preset returns an error for any other name.
func Preset(size string) (Config, error) {
	people := 0
	switch strings.ToUpper(strings.TrimSpace(size)) {
	case "S":
		people = 200
	case "M":
		people = 2_000
	case "L":
		people = 20_000
	default:
		return Config{}, fmt.Errorf("gen: unknown size %q: use S, M or L", size)
	}
	return Config{
		AccountID:     "ACME",
		People:        people,
		Relationships: 10 * people,
		SinglePoints:  people / 50,
		Seed:          DefaultSeed,
	}, nil
}

// minPeople is the smallest account that Generate builds: enough for a
// hierarchy on both sides, pendant people, islands and departures.
const minPeople = 40

// Validate returns an error that names the bad field when c cannot be
// generated.
func (c Config) Validate() error {
	if strings.TrimSpace(c.AccountID) == "" {
		return fmt.Errorf("gen: missing account id: set Config.AccountID")
	}
	if c.People < minPeople {
		return fmt.Errorf("gen: invalid people count %d: use at least %d", c.People, minPeople)
	}
	if c.Relationships < 0 {
		return fmt.Errorf("gen: invalid relationship count %d: use a non-negative number", c.Relationships)
	}
	maxPoints := maxSinglePoints(c.People)
	if c.SinglePoints < 0 || c.SinglePoints > maxPoints {
		return fmt.Errorf("gen: invalid single point count %d for %d people: use 0 to %d",
			c.SinglePoints, c.People, maxPoints)
	}
	return nil
}

// maxSinglePoints bounds the single points of failure of an account of
// the given size, so that every gateway has pendant people and enough
// core people remain to attach them to.
func maxSinglePoints(people int) int {
	return customerCount(people) / 10
}

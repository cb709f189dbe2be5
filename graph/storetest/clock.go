package storetest

import (
	"sync"
	"time"
)

// ClockStart is the time of a new Clock. It lies in a zone east of UTC
// and has nanoseconds, so that a store which keeps the zone or rounds
// the time fails the comparisons with the UTC time it must return.
var ClockStart = time.Date(2026, time.May, 4, 10, 30, 0, 123456789, time.FixedZone("UTC+2", 2*60*60))

// Clock is a manual clock for the stores under test: Now returns the same
// time until Advance moves it, so tests know every time a store records.
// It is safe for concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a Clock at ClockStart.
func NewClock() *Clock {
	return &Clock{now: ClockStart}
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d and returns the new time in UTC.
func (c *Clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now.UTC()
}

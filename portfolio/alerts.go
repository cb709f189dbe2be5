package portfolio

import (
	"fmt"
	"sort"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// AlertKind classifies an alert.
type AlertKind string

// Alert kinds. The first three compare two consecutive metric points of an
// account; the last two check the current data as of a date.
const (
	// AlertSingleThreaded: the bus factor is 1 now and was above 1.
	AlertSingleThreaded AlertKind = "single_threaded"
	// AlertThreadLost: a key stakeholder has fewer threads than before,
	// but at least one.
	AlertThreadLost AlertKind = "key_stakeholder_lost_thread"
	// AlertUnreached: a key stakeholder who had threads has none.
	AlertUnreached AlertKind = "key_stakeholder_unreached"
	// AlertStaleSPOF: a qualifying relationship of a single point of
	// failure has no interaction on record within the stale period.
	AlertStaleSPOF AlertKind = "stale_spof_relationship"
	// AlertRenewal: a high-risk account renews within the renewal period.
	AlertRenewal AlertKind = "renewal_at_risk"
)

// Alert is one condition that needs attention.
type Alert struct {
	Kind        AlertKind `json:"kind"`
	AccountID   string    `json:"account_id"`
	AccountName string    `json:"account_name,omitempty"`
	// PersonID is the key stakeholder, or the single point of failure of
	// a stale relationship, whose other end is OtherPersonID.
	PersonID      string `json:"person_id,omitempty"`
	OtherPersonID string `json:"other_person_id,omitempty"`
	// Before and After are the bus factor or the threads of the two
	// points compared.
	Before          *int       `json:"before,omitempty"`
	After           *int       `json:"after,omitempty"`
	LastInteraction graph.Date `json:"last_interaction,omitempty"`
	RenewalDate     graph.Date `json:"renewal_date,omitempty"`
	// DetectedAt is when the later of the two compared points was
	// computed; absent for alerts on the current data.
	DetectedAt *time.Time `json:"detected_at,omitempty"`
	Message    string     `json:"message"`
}

// Defaults of AlertOptions.
const (
	DefaultStaleDays   = 90
	DefaultRenewalDays = 90
)

// AlertOptions are the parameters of alerts on the current data.
type AlertOptions struct {
	// Date is the day staleness and renewals are measured from; the zero
	// time means today (UTC).
	Date time.Time
	// StaleDays is the length of the stale period: a relationship whose
	// last interaction is more than StaleDays days before Date, or has no
	// last interaction, is stale.
	StaleDays int
	// RenewalDays is the length of the renewal period: renewals from Date
	// to RenewalDays days after it, both inclusive, count.
	RenewalDays int
	// Since selects the changes whose later point was computed at or
	// after it. The zero time selects each account's latest change only.
	Since time.Time
}

// DefaultAlertOptions returns AlertOptions with the default periods.
func DefaultAlertOptions() AlertOptions {
	return AlertOptions{StaleDays: DefaultStaleDays, RenewalDays: DefaultRenewalDays}
}

// Validate returns an error of kind graph.KindInvalid for a negative
// period.
func (o AlertOptions) Validate() error {
	if o.StaleDays < 0 {
		return graph.Errorf(graph.KindInvalid, "invalid stale period of %d days: use 0 or more days", o.StaleDays)
	}
	if o.RenewalDays < 0 {
		return graph.Errorf(graph.KindInvalid, "invalid renewal period of %d days: use 0 or more days", o.RenewalDays)
	}
	return nil
}

// Transitions returns the alerts raised by the change from the metric
// point prev to the next point cur of the same account. Points computed
// at different thresholds are not compared.
func Transitions(prev, cur graph.AccountMetrics, accountName string) []Alert {
	if prev.Threshold != cur.Threshold {
		return nil
	}
	detected := cur.ComputedAt
	var alerts []Alert
	if cur.BusFactor != nil && *cur.BusFactor == 1 && prev.BusFactor != nil && *prev.BusFactor > 1 {
		alerts = append(alerts, Alert{
			Kind: AlertSingleThreaded, AccountID: cur.AccountID, AccountName: accountName,
			Before: intPointer(*prev.BusFactor), After: intPointer(1), DetectedAt: &detected,
			Message: fmt.Sprintf("account %s became single-threaded: bus factor 1, was %d", cur.AccountID, *prev.BusFactor),
		})
	}

	before := make(map[string]int, len(prev.KeyStakeholders))
	for _, k := range prev.KeyStakeholders {
		before[k.PersonID] = k.Threads
	}
	for _, k := range cur.KeyStakeholders {
		was, ok := before[k.PersonID]
		if !ok || k.Threads >= was {
			continue
		}
		alert := Alert{
			Kind: AlertThreadLost, AccountID: cur.AccountID, AccountName: accountName, PersonID: k.PersonID,
			Before: intPointer(was), After: intPointer(k.Threads), DetectedAt: &detected,
			Message: fmt.Sprintf("key stakeholder %s of account %s lost threads: %d now, %d before", k.PersonID, cur.AccountID, k.Threads, was),
		}
		if k.Threads == 0 {
			alert.Kind = AlertUnreached
			alert.Message = fmt.Sprintf("key stakeholder %s of account %s became unreached: 0 threads, %d before", k.PersonID, cur.AccountID, was)
		}
		alerts = append(alerts, alert)
	}
	return alerts
}

// CurrentAlerts returns the alerts on the current data of one account:
// stale relationships of its single points of failure, and its renewal
// when it is high-risk. opts.Date must be set.
func CurrentAlerts(r *AccountResult, opts AlertOptions) []Alert {
	var alerts []Alert
	day := opts.Date.UTC().Truncate(24 * time.Hour)
	staleBefore := day.AddDate(0, 0, -opts.StaleDays)
	for _, rel := range r.SPOFRelationships {
		last, err := time.Parse(time.DateOnly, string(rel.LastInteraction))
		if err == nil && !last.Before(staleBefore) {
			continue
		}
		msg := fmt.Sprintf("relationship of single point of failure %s with %s in account %s has no interaction on record",
			rel.SPOF, rel.Other, r.Metrics.AccountID)
		if err == nil {
			msg = fmt.Sprintf("relationship of single point of failure %s with %s in account %s is stale: last interaction %s, more than %d days before %s",
				rel.SPOF, rel.Other, r.Metrics.AccountID, rel.LastInteraction, opts.StaleDays, day.Format(time.DateOnly))
		}
		alerts = append(alerts, Alert{
			Kind: AlertStaleSPOF, AccountID: r.Metrics.AccountID, AccountName: r.Name,
			PersonID: rel.SPOF, OtherPersonID: rel.Other, LastInteraction: rel.LastInteraction, Message: msg,
		})
	}

	renewal, err := time.Parse(time.DateOnly, string(r.RenewalDate))
	if err == nil && Risk(r.Metrics.Risk) == RiskHigh && !renewal.Before(day) && !renewal.After(day.AddDate(0, 0, opts.RenewalDays)) {
		days := int(renewal.Sub(day).Hours() / 24)
		alerts = append(alerts, Alert{
			Kind: AlertRenewal, AccountID: r.Metrics.AccountID, AccountName: r.Name, RenewalDate: r.RenewalDate,
			Message: fmt.Sprintf("high-risk account %s renews on %s, in %d days", r.Metrics.AccountID, r.RenewalDate, days),
		})
	}
	return alerts
}

// SortAlerts orders alerts by account, kind, person and other person.
func SortAlerts(alerts []Alert) {
	sort.SliceStable(alerts, func(i, j int) bool {
		a, b := alerts[i], alerts[j]
		switch {
		case a.AccountID != b.AccountID:
			return a.AccountID < b.AccountID
		case a.Kind != b.Kind:
			return a.Kind < b.Kind
		case a.PersonID != b.PersonID:
			return a.PersonID < b.PersonID
		}
		return a.OtherPersonID < b.OtherPersonID
	})
}

func intPointer(i int) *int { return &i }

package portfolio_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/graph/demo"
	"github.com/kamgraph/kamgraph/portfolio"
)

func point(busFactor int, threads ...graph.StakeholderThreads) graph.AccountMetrics {
	return graph.AccountMetrics{AccountID: "acme", Threshold: 0.25, BusFactor: &busFactor, KeyStakeholders: threads,
		ComputedAt: time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)}
}

func TestTransitions(t *testing.T) {
	k := func(id string, threads int) graph.StakeholderThreads {
		return graph.StakeholderThreads{PersonID: id, Threads: threads}
	}
	tests := []struct {
		name      string
		prev, cur graph.AccountMetrics
		want      []portfolio.AlertKind
	}{
		{"BecameSingleThreaded", point(2, k("c1", 2)), point(1, k("c1", 1)),
			[]portfolio.AlertKind{portfolio.AlertSingleThreaded, portfolio.AlertThreadLost}},
		{"StayedSingleThreaded", point(1, k("c1", 1)), point(1, k("c1", 1)), nil},
		{"BecameUnreached", point(2, k("c1", 2), k("c2", 3)), point(0, k("c1", 0), k("c2", 3)),
			[]portfolio.AlertKind{portfolio.AlertUnreached}},
		{"LostThreadAboveOne", point(3, k("c1", 4)), point(3, k("c1", 3)), []portfolio.AlertKind{portfolio.AlertThreadLost}},
		{"GainedThread", point(1, k("c1", 1)), point(2, k("c1", 2)), nil},
		{"NewStakeholder", point(2, k("c1", 2)), point(2, k("c1", 2), k("c2", 2)), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var kinds []portfolio.AlertKind
			for _, a := range portfolio.Transitions(tc.prev, tc.cur, "Acme") {
				kinds = append(kinds, a.Kind)
				if a.AccountID != "acme" || a.Message == "" || a.DetectedAt == nil {
					t.Errorf("alert %+v lacks its account, message or detection time", a)
				}
			}
			if strings.Join(kindStrings(kinds), ",") != strings.Join(kindStrings(tc.want), ",") {
				t.Errorf("alerts %v, want %v", kinds, tc.want)
			}
		})
	}

	other := point(1, k("c1", 1))
	other.Threshold = 0.5
	if alerts := portfolio.Transitions(point(3, k("c1", 3)), other, "Acme"); len(alerts) != 0 {
		t.Errorf("points at different thresholds raised %+v, want nothing", alerts)
	}
}

func kindStrings(kinds []portfolio.AlertKind) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

func TestCurrentAlerts(t *testing.T) {
	r := &portfolio.AccountResult{
		Metrics:     graph.AccountMetrics{AccountID: "acme", Risk: string(portfolio.RiskHigh)},
		Name:        "Acme",
		RenewalDate: "2026-12-31",
		SPOFRelationships: []portfolio.SPOFRelationship{
			{SPOF: "v1", Other: "c1", LastInteraction: "2026-11-20"},
			{SPOF: "v1", Other: "c2", LastInteraction: "2026-08-01"},
			{SPOF: "v1", Other: "c3"},
		},
	}
	opts := portfolio.AlertOptions{Date: time.Date(2026, time.December, 1, 15, 0, 0, 0, time.UTC), StaleDays: 90, RenewalDays: 30}
	alerts := portfolio.CurrentAlerts(r, opts)
	var got []string
	for _, a := range alerts {
		got = append(got, string(a.Kind)+":"+a.OtherPersonID)
	}
	want := "stale_spof_relationship:c2,stale_spof_relationship:c3,renewal_at_risk:"
	if strings.Join(got, ",") != want {
		t.Errorf("alerts %v, want %s", got, want)
	}

	opts.RenewalDays = 29
	for _, a := range portfolio.CurrentAlerts(r, opts) {
		if a.Kind == portfolio.AlertRenewal {
			t.Errorf("renewal in 30 days raised an alert with a 29-day period")
		}
	}
	r.Metrics.Risk = string(portfolio.RiskMedium)
	opts.RenewalDays = 90
	for _, a := range portfolio.CurrentAlerts(r, opts) {
		if a.Kind == portfolio.AlertRenewal {
			t.Errorf("renewal of a medium-risk account raised an alert")
		}
	}
}

// hookServer is an httptest server on 127.0.0.1 that records webhook
// deliveries and fails the first failures requests with status.
type hookServer struct {
	*httptest.Server
	mu       sync.Mutex
	bodies   []string
	failures int
	status   int
}

func newHookServer(t *testing.T, failures, status int) *hookServer {
	t.Helper()
	h := &hookServer{failures: failures, status: status}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		defer h.mu.Unlock()
		h.bodies = append(h.bodies, string(body))
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if len(h.bodies) <= h.failures {
			w.WriteHeader(h.status)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hookServer) requests() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string{}, h.bodies...)
}

func newTestWebhook(t *testing.T, url string) *portfolio.Webhook {
	t.Helper()
	w, err := portfolio.NewWebhook(url, slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		t.Fatalf("NewWebhook: %v", err)
	}
	return w.WithRetry(3, time.Millisecond)
}

func TestWebhookRetriesThenDelivers(t *testing.T) {
	hook := newHookServer(t, 2, http.StatusServiceUnavailable)
	alerts := []portfolio.Alert{{Kind: portfolio.AlertRenewal, AccountID: "acme", Message: "renews soon"}}
	if err := newTestWebhook(t, hook.URL).Notify(context.Background(), alerts); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	requests := hook.requests()
	if len(requests) != 3 {
		t.Fatalf("%d requests, want 3", len(requests))
	}
	var payload struct {
		SentAt time.Time         `json:"sent_at"`
		Alerts []portfolio.Alert `json:"alerts"`
	}
	if err := json.Unmarshal([]byte(requests[2]), &payload); err != nil {
		t.Fatalf("payload %q is not JSON: %v", requests[2], err)
	}
	if len(payload.Alerts) != 1 || payload.Alerts[0].AccountID != "acme" || payload.SentAt.IsZero() {
		t.Errorf("payload %+v, want the alert and a sending time", payload)
	}
}

func TestWebhookGivesUp(t *testing.T) {
	alerts := []portfolio.Alert{{Kind: portfolio.AlertRenewal, AccountID: "acme"}}
	permanent := newHookServer(t, 10, http.StatusBadRequest)
	if err := newTestWebhook(t, permanent.URL).Notify(context.Background(), alerts); err == nil {
		t.Error("Notify succeeded on status 400")
	}
	if n := len(permanent.requests()); n != 1 {
		t.Errorf("%d requests on status 400, want 1 without retries", n)
	}
	failing := newHookServer(t, 10, http.StatusBadGateway)
	if err := newTestWebhook(t, failing.URL).Notify(context.Background(), alerts); err == nil {
		t.Error("Notify succeeded although every attempt failed")
	}
	if n := len(failing.requests()); n != 3 {
		t.Errorf("%d requests, want 3 attempts", n)
	}
}

func TestNewWebhookRejectsURL(t *testing.T) {
	for _, raw := range []string{"", "ftp://127.0.0.1/x", "127.0.0.1:8080", "http://", "https://user:secret@"} {
		_, err := portfolio.NewWebhook(raw, nil)
		if err == nil {
			t.Errorf("NewWebhook(%q) succeeded, want an error", raw)
			continue
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("error %q shows the password", err)
		}
	}
}

func TestServiceSendsNewAlerts(t *testing.T) {
	hook := newHookServer(t, 0, 0)
	store := demoStore(t)
	s := newService(t, store, portfolio.Config{Notifier: newTestWebhook(t, hook.URL)})
	ctx := context.Background()
	if _, err := s.Results(ctx); err != nil {
		t.Fatal(err)
	}
	s.Wait()
	if n := len(hook.requests()); n != 0 {
		t.Fatalf("%d deliveries after the first computation, want none: there is no earlier point", n)
	}

	champion := championOf(t, store, demo.ChampionOnlyAccountID)
	if _, err := store.MarkDeparted(ctx, champion, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Results(ctx); err != nil {
		t.Fatal(err)
	}
	s.Wait()
	requests := hook.requests()
	if len(requests) != 1 {
		t.Fatalf("%d deliveries after the departure, want 1", len(requests))
	}
	var payload struct {
		Alerts []portfolio.Alert `json:"alerts"`
	}
	if err := json.Unmarshal([]byte(requests[0]), &payload); err != nil {
		t.Fatal(err)
	}
	unreached := 0
	for _, a := range payload.Alerts {
		if a.AccountID != demo.ChampionOnlyAccountID {
			t.Errorf("alert %+v is about another account", a)
		}
		if a.Kind == portfolio.AlertUnreached {
			unreached++
		}
	}
	if unreached == 0 {
		t.Errorf("alerts %+v, want key stakeholders that became unreached", payload.Alerts)
	}

	listed, err := s.Alerts(ctx, portfolio.DefaultAlertOptions())
	if err != nil {
		t.Fatalf("Alerts: %v", err)
	}
	listedUnreached := 0
	for _, a := range listed {
		if a.Kind == portfolio.AlertUnreached {
			listedUnreached++
		}
	}
	if listedUnreached != unreached {
		t.Errorf("Alerts lists %d unreached key stakeholders, want the %d sent", listedUnreached, unreached)
	}
}

func TestAlertsRejectsNegativePeriod(t *testing.T) {
	s := newService(t, demoStore(t), portfolio.Config{})
	_, err := s.Alerts(context.Background(), portfolio.AlertOptions{StaleDays: -1})
	if graph.KindOf(err) != graph.KindInvalid {
		t.Errorf("error %v, want kind invalid", err)
	}
}

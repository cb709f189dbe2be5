package portfolio

import (
	"context"
	"errors"
	"log/slog"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
)

// Config configures a Service.
type Config struct {
	Store graph.Store // required
	// Options are the analytics options of every evaluation; a zero
	// Threshold means analytics.DefaultOptions.
	Options analytics.Options
	// Workers caps the accounts evaluated at once; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Notifier, when set, receives the alerts that each refresh raises.
	Notifier Notifier
	Logger   *slog.Logger // nil discards logs
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Service computes the portfolio over a store and caches each account's
// result until the account's version changes. It is safe for concurrent
// use.
//
// The cache needs a graph.HistoryStore; over any other store every refresh
// evaluates every account, and as-of requests fail with KindInvalid.
// Metric points go to the store when it is a graph.MetricsStore and stay
// in the Service's memory otherwise.
type Service struct {
	store    graph.Store
	history  graph.HistoryStore // nil when the store keeps no history
	metrics  graph.MetricsStore
	opts     analytics.Options
	workers  int
	notifier Notifier
	logger   *slog.Logger
	now      func() time.Time

	refreshMu sync.Mutex // one refresh at a time
	mu        sync.RWMutex
	cache     map[string]*AccountResult       // by account id, guarded by mu
	latest    map[string]graph.AccountMetrics // last recorded point by account, guarded by refreshMu
	notifying sync.WaitGroup
}

// New returns a Service for cfg, or an error of kind graph.KindInvalid when
// cfg has no store or invalid options.
func New(cfg Config) (*Service, error) {
	if cfg.Store == nil {
		return nil, graph.Errorf(graph.KindInvalid, "portfolio: Config.Store is nil")
	}
	opts := cfg.Options
	if opts.Threshold == 0 {
		opts = analytics.DefaultOptions()
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	s := &Service{
		store:    cfg.Store,
		opts:     opts,
		workers:  cfg.Workers,
		notifier: cfg.Notifier,
		logger:   cfg.Logger,
		now:      cfg.Now,
		cache:    make(map[string]*AccountResult),
	}
	if s.workers <= 0 {
		s.workers = runtime.GOMAXPROCS(0)
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.history, _ = cfg.Store.(graph.HistoryStore)
	if m, ok := cfg.Store.(graph.MetricsStore); ok {
		s.metrics = m
	} else {
		s.metrics = newMemoryMetrics()
	}
	return s, nil
}

// Options returns the analytics options of the Service.
func (s *Service) Options() analytics.Options { return s.opts }

// Results returns the current result of every account, sorted by account
// id. It first refreshes the cache: accounts that are new or whose version
// changed are evaluated again, in parallel, and accounts that disappeared
// are dropped. Each new evaluation records a metric point when the account
// changed since its last point, and the alerts of that change go to the
// Notifier.
func (s *Service) Results(ctx context.Context) ([]*AccountResult, error) {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()

	versions, err := s.accountVersions(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.loadLatest(ctx); err != nil {
		return nil, err
	}

	s.mu.RLock()
	var stale []string
	for id, version := range versions {
		if cached, ok := s.cache[id]; !ok || s.history == nil || cached.Metrics.GraphVersion != version {
			stale = append(stale, id)
		}
	}
	s.mu.RUnlock()
	sort.Strings(stale)

	fresh, err := s.evaluate(ctx, stale, versions)
	if err != nil {
		return nil, err
	}
	alerts := s.record(ctx, fresh)

	s.mu.Lock()
	for _, r := range fresh {
		s.cache[r.Metrics.AccountID] = r
	}
	for id := range s.cache {
		if _, ok := versions[id]; !ok {
			delete(s.cache, id)
		}
	}
	results := make([]*AccountResult, 0, len(s.cache))
	for _, r := range s.cache {
		results = append(results, r)
	}
	s.mu.Unlock()

	if len(stale) > 0 {
		s.logger.Debug("portfolio refreshed", slog.Int("evaluated", len(fresh)), slog.Int("accounts", len(results)))
	}
	s.notify(alerts)
	sortResults(results)
	return results, nil
}

// accountVersions returns the version of every account; without a
// HistoryStore every version is 0.
func (s *Service) accountVersions(ctx context.Context) (map[string]uint64, error) {
	if s.history != nil {
		return s.history.AccountVersions(ctx)
	}
	accounts, err := s.store.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	versions := make(map[string]uint64, len(accounts))
	for _, a := range accounts {
		versions[a.ID] = 0
	}
	return versions, nil
}

// loadLatest reads the last recorded point of every account once, so
// that the first evaluation after a restart compares with it. The caller
// holds refreshMu.
func (s *Service) loadLatest(ctx context.Context) error {
	if s.latest != nil {
		return nil
	}
	latest, err := s.metrics.LatestMetrics(ctx)
	if err != nil {
		return err
	}
	s.latest = latest
	return nil
}

// evaluate computes the results of the accounts ids, read at versions. An
// account deleted since the versions were read is skipped.
func (s *Service) evaluate(ctx context.Context, ids []string, versions map[string]uint64) ([]*AccountResult, error) {
	now := s.now().UTC()
	results := make([]*AccountResult, len(ids))
	err := forEach(ctx, len(ids), s.workers, func(ctx context.Context, i int) error {
		ag, err := s.store.AccountGraph(ctx, ids[i])
		if graph.KindOf(err) == graph.KindNotFound {
			return nil
		}
		if err != nil {
			return err
		}
		results[i], err = Evaluate(ctx, ag, s.opts, versions[ids[i]], now)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := results[:0]
	for _, r := range results {
		if r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// record stores a metric point for each result whose account changed
// since its last point, and returns the alerts of those changes. A failure
// to store is logged, because the results stay valid. The caller holds
// refreshMu.
func (s *Service) record(ctx context.Context, results []*AccountResult) []Alert {
	var points []graph.AccountMetrics
	var alerts []Alert
	for _, r := range results {
		m := r.Metrics
		prev, ok := s.latest[m.AccountID]
		if ok && s.history != nil && prev.GraphVersion == m.GraphVersion && prev.Threshold == m.Threshold {
			continue
		}
		points = append(points, m)
		if ok {
			alerts = append(alerts, Transitions(prev, m, r.Name)...)
		}
	}
	if len(points) == 0 {
		return alerts
	}
	if err := s.metrics.RecordMetrics(ctx, points); err != nil {
		s.logger.Error("record portfolio metrics failed", slog.Int("points", len(points)), slog.Any("error", err))
		return alerts
	}
	for _, p := range points {
		s.latest[p.AccountID] = p
	}
	return alerts
}

// notify sends alerts to the Notifier in the background, so that requests
// do not wait for a slow receiver. Wait waits for it.
func (s *Service) notify(alerts []Alert) {
	if s.notifier == nil || len(alerts) == 0 {
		return
	}
	SortAlerts(alerts)
	s.notifying.Add(1)
	go func() {
		defer s.notifying.Done()
		ctx, cancel := context.WithTimeout(context.Background(), notifyTimeout)
		defer cancel()
		if err := s.notifier.Notify(ctx, alerts); err != nil {
			s.logger.Error("send portfolio alerts failed", slog.Int("alerts", len(alerts)), slog.Any("error", err))
		}
	}()
}

// notifyTimeout caps one background delivery, retries included.
const notifyTimeout = 2 * time.Minute

// Wait waits until the background deliveries of alerts have finished.
func (s *Service) Wait() { s.notifying.Wait() }

// ResultsAsOf evaluates every account as it was at t, without the cache,
// and returns the results sorted by account id. It returns an error of
// kind graph.KindInvalid when the store keeps no history.
//
// NOTE: every as-of request evaluates the whole portfolio again, about as
// long as a first full refresh, because results as of a past time are not
// cached.
func (s *Service) ResultsAsOf(ctx context.Context, t time.Time) ([]*AccountResult, error) {
	if s.history == nil {
		return nil, graph.Errorf(graph.KindInvalid, "as_of is not available: the store keeps no history")
	}
	accounts, err := s.history.AccountsAsOf(ctx, t)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	results := make([]*AccountResult, len(accounts))
	err = forEach(ctx, len(accounts), s.workers, func(ctx context.Context, i int) error {
		ag, err := s.history.AccountGraphAsOf(ctx, accounts[i].ID, t)
		if err != nil {
			return err
		}
		results[i], err = Evaluate(ctx, ag, s.opts, 0, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// results returns the current results, or those as of *asOf when asOf is
// not nil.
func (s *Service) results(ctx context.Context, asOf *time.Time) ([]*AccountResult, error) {
	if asOf != nil {
		return s.ResultsAsOf(ctx, *asOf)
	}
	return s.Results(ctx)
}

// Portfolio returns the portfolio report of the accounts that f selects,
// now or as of *asOf.
func (s *Service) Portfolio(ctx context.Context, f Filter, asOf *time.Time) (*Report, error) {
	results, err := s.results(ctx, asOf)
	if err != nil {
		return nil, err
	}
	report := Build(results, f)
	report.AsOf = asOf
	report.GeneratedAt = s.now().UTC()
	report.Threshold = s.opts.Threshold
	return report, nil
}

// Consistency returns the distribution of bus factor and breadth over the
// accounts that f selects, now or as of *asOf.
func (s *Service) Consistency(ctx context.Context, f Filter, asOf *time.Time) (*Consistency, error) {
	report, err := s.Portfolio(ctx, f, asOf)
	if err != nil {
		return nil, err
	}
	return Summarize(report), nil
}

// Exposures returns the ranked exposure of every exposed vendor person,
// now or as of *asOf.
func (s *Service) Exposures(ctx context.Context, asOf *time.Time) ([]Exposure, error) {
	results, err := s.results(ctx, asOf)
	if err != nil {
		return nil, err
	}
	return Exposures(results), nil
}

// PersonExposure returns the exposure of one vendor person, now or as of
// *asOf. It returns KindNotFound for an unknown person and KindInvalid for
// a customer person. Over a store that is not a graph.PeopleStore, a
// person is known when some account graph holds them.
func (s *Service) PersonExposure(ctx context.Context, id string, asOf *time.Time) (Exposure, error) {
	results, err := s.results(ctx, asOf)
	if err != nil {
		return Exposure{}, err
	}
	if err := s.checkVendor(ctx, id, results); err != nil {
		return Exposure{}, err
	}
	return ExposureOf(results, id), nil
}

func (s *Service) checkVendor(ctx context.Context, id string, results []*AccountResult) error {
	if people, ok := s.store.(graph.PeopleStore); ok {
		p, err := people.Person(ctx, id)
		if err != nil {
			return err
		}
		if p.Side != graph.SideVendor {
			return graph.Errorf(graph.KindInvalid, "person %q is a customer person: exposure is measured for vendor people", id)
		}
		return nil
	}
	for _, r := range results {
		if _, ok := r.Names[id]; ok {
			return nil
		}
	}
	return graph.Errorf(graph.KindNotFound, "person %q not found among the vendor people of any account graph", id)
}

// Alerts returns the alerts of the portfolio after a refresh: the changes
// between consecutive metric points that opts.Since selects, and the
// alerts on the current data as of opts.Date (today when zero). They are
// sorted by account, kind and person.
func (s *Service) Alerts(ctx context.Context, opts AlertOptions) ([]Alert, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if opts.Date.IsZero() {
		opts.Date = s.now().UTC()
	}
	results, err := s.Results(ctx)
	if err != nil {
		return nil, err
	}
	alerts := []Alert{}
	for _, r := range results {
		changes, err := s.changes(ctx, r, opts.Since)
		if err != nil {
			return nil, err
		}
		alerts = append(alerts, changes...)
		alerts = append(alerts, CurrentAlerts(r, opts)...)
	}
	SortAlerts(alerts)
	return alerts, nil
}

// changes returns the transition alerts of one account: those of its
// latest change when since is zero, else those of every change whose later
// point was computed at or after since.
func (s *Service) changes(ctx context.Context, r *AccountResult, since time.Time) ([]Alert, error) {
	points, err := s.metrics.MetricsHistory(ctx, r.Metrics.AccountID, time.Time{}, time.Time{})
	if err != nil {
		return nil, err
	}
	var alerts []Alert
	for i := 1; i < len(points); i++ {
		latest := i == len(points)-1
		if since.IsZero() && !latest || !since.IsZero() && points[i].ComputedAt.Before(since) {
			continue
		}
		alerts = append(alerts, Transitions(points[i-1], points[i], r.Name)...)
	}
	return alerts, nil
}

// Trend returns the metric points of one account computed in [from, to],
// oldest first, after a refresh records the current point. It returns
// KindNotFound for an unknown account.
func (s *Service) Trend(ctx context.Context, accountID string, from, to time.Time) ([]graph.AccountMetrics, error) {
	results, err := s.Results(ctx)
	if err != nil {
		return nil, err
	}
	i := sort.Search(len(results), func(i int) bool { return results[i].Metrics.AccountID >= accountID })
	if i == len(results) || results[i].Metrics.AccountID != accountID {
		return nil, graph.Errorf(graph.KindNotFound, "account %q not found", accountID)
	}
	return s.metrics.MetricsHistory(ctx, accountID, from, to)
}

// Run refreshes the portfolio every interval until ctx ends, so that
// alerts reach the Notifier without a request. Errors are logged.
func (s *Service) Run(ctx context.Context, interval time.Duration) {
	s.logger.Info("portfolio refresh loop started", slog.Duration("interval", interval))
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		if _, err := s.Results(ctx); err != nil && !errors.Is(err, context.Canceled) {
			s.logger.Error("portfolio refresh failed", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			s.logger.Info("portfolio refresh loop stopped")
			return
		case <-ticker.C:
		}
	}
}

func sortResults(results []*AccountResult) {
	sort.Slice(results, func(i, j int) bool { return results[i].Metrics.AccountID < results[j].Metrics.AccountID })
}

// memoryMetrics keeps metric points in memory for a store that is not a
// graph.MetricsStore.
type memoryMetrics struct {
	mu     sync.Mutex
	points map[string][]graph.AccountMetrics
}

func newMemoryMetrics() *memoryMetrics {
	return &memoryMetrics{points: make(map[string][]graph.AccountMetrics)}
}

func (m *memoryMetrics) RecordMetrics(ctx context.Context, points []graph.AccountMetrics) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range points {
		m.points[p.AccountID] = append(m.points[p.AccountID], p)
	}
	return nil
}

func (m *memoryMetrics) MetricsHistory(ctx context.Context, accountID string, from, to time.Time) ([]graph.AccountMetrics, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := []graph.AccountMetrics{}
	for _, p := range m.points[accountID] {
		if (from.IsZero() || !p.ComputedAt.Before(from)) && (to.IsZero() || !p.ComputedAt.After(to)) {
			out = append(out, p)
		}
	}
	return out, nil
}

func (m *memoryMetrics) LatestMetrics(ctx context.Context) (map[string]graph.AccountMetrics, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]graph.AccountMetrics, len(m.points))
	for id, list := range m.points {
		out[id] = list[len(list)-1]
	}
	return out, nil
}

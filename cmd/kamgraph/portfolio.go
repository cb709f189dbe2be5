package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/kamgraph/kamgraph/analytics"
	"github.com/kamgraph/kamgraph/graph"
	"github.com/kamgraph/kamgraph/portfolio"
)

// portfolioSource is the data source of kamgraph portfolio and kamgraph
// alerts: a CSV folder or the demo portfolio in memory, or Neo4j.
type portfolioSource struct {
	memory memorySource
	neo4j  neo4jFlags
	env    envFallbacks
}

func (p *portfolioSource) register(fs *flag.FlagSet) {
	p.memory.register(fs)
	p.env = envFallbacks{}
	p.neo4j.register(fs, p.env)
	p.env.annotate(fs)
}

// validate applies the Neo4j environment fallbacks unless the command line
// names a folder or the demo, and checks that exactly one source is set.
func (p *portfolioSource) validate(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	if p.memory.dataDir == "" && !p.memory.demo {
		if err := p.env.apply(fs, lookupEnv); err != nil {
			return err
		}
	}
	set := 0
	for _, ok := range []bool{p.memory.dataDir != "", p.memory.demo, p.neo4j.uri != ""} {
		if ok {
			set++
		}
	}
	if set != 1 {
		return usagef("give exactly one of --data DIR, --demo and --neo4j-uri URI")
	}
	return p.neo4j.validate()
}

// open returns the store and a function that closes it.
func (p *portfolioSource) open(ctx context.Context, stderr io.Writer, logger *slog.Logger) (graph.Store, func(), error) {
	if p.neo4j.uri == "" {
		store, err := p.memory.open(ctx, stderr)
		return store, func() {}, err
	}
	store, _, err := openStore(ctx, p.neo4j, logger)
	if err != nil {
		return nil, nil, err
	}
	return store, func() { closeStore(store, logger) }, nil
}

// portfolioFlags are the settings of kamgraph portfolio.
type portfolioFlags struct {
	source                       portfolioSource
	tiers, owners, regions, risk string
	asOf                         string
	view                         *choiceValue
	format                       *choiceValue
	threshold                    thresholdValue
	writeback                    bool
}

func (c *cli) portfolio(ctx context.Context, args []string) int {
	fs := newFlagSet("portfolio",
		"kamgraph portfolio (--data DIR | --demo | --neo4j-uri URI) [--view accounts|exposure|consistency] [flags]",
		`Computes the resilience of every account and prints one of three views:
accounts (the default) lists each account with its bus factor, single
points of failure, coverage breadth, vendor concentration, risk and ARR at
risk, sorted by ARR at risk; exposure ranks our people by the ARR of the
accounts that hinge on them; consistency shows the distribution of bus
factor and breadth by tier, region and owner.

Risk is high when the bus factor is 0 or 1; medium when it is 2, when the
account marks no key stakeholders, when one of our people holds at least
half of the relationship strength, or when under half of the function x
seniority cells are covered; low otherwise. ARR at risk counts the whole
ARR of high-risk accounts and half of medium-risk ones.

With Neo4j, each computation after a change records the account's
metrics, and --writeback stores the analytics in Neo4j for Cypher.`)
	f := portfolioFlags{
		view:      newChoice("accounts", "accounts", "exposure", "consistency"),
		format:    newChoice("text", "text", "json", "csv"),
		threshold: thresholdValue(analytics.DefaultThreshold),
	}
	f.source.register(fs)
	fs.StringVar(&f.tiers, "tier", "", "keep only these comma-separated `tiers` (1, 2, 3)")
	fs.StringVar(&f.owners, "owner", "", "keep only accounts owned by these comma-separated vendor person `ids`")
	fs.StringVar(&f.regions, "region", "", "keep only these comma-separated `regions`: an account's region is the most common geography of its customer people")
	fs.StringVar(&f.risk, "risk", "", "keep only these comma-separated risk `levels`: high, medium, low")
	fs.StringVar(&f.asOf, "as-of", "", "describe the data as of this `time`: YYYY-MM-DD (end of that day, UTC) or RFC 3339; needs history, so Neo4j or data changed in this run")
	fs.Var(f.view, "view", "`view`: accounts, exposure or consistency")
	fs.Var(f.format, "format", "output `format`: text, json, or csv (accounts view only)")
	fs.Var(&f.threshold, "threshold", "minimum `strength` of a qualifying relationship, greater than 0 and at most 1")
	fs.BoolVar(&f.writeback, "writeback", false, "also write the analytics of every account into Neo4j")

	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return c.fail("portfolio", err)
	}
	if len(positional) > 0 {
		return c.fail("portfolio", usagef("unexpected argument %q: portfolio takes only flags", positional[0]))
	}
	if err := f.source.validate(fs, c.lookupEnv); err != nil {
		return c.fail("portfolio", err)
	}
	if err := c.runPortfolio(ctx, f); err != nil {
		return c.fail("portfolio", err)
	}
	return exitOK
}

func (c *cli) runPortfolio(ctx context.Context, f portfolioFlags) error {
	filter, err := portfolio.ParseFilter(f.tiers, f.owners, f.regions, f.risk)
	if err != nil {
		return usagef("%s", graph.MessageOf(err))
	}
	var asOf *time.Time
	if f.asOf != "" {
		t, err := portfolio.ParseTime("--as-of", f.asOf, true)
		if err != nil {
			return usagef("%s", graph.MessageOf(err))
		}
		asOf = &t
	}
	if f.format.value == "csv" && f.view.value != "accounts" {
		return usagef("--format csv needs --view accounts")
	}
	if f.writeback && f.source.neo4j.uri == "" {
		return usagef("--writeback needs --neo4j-uri: the analytics are written into Neo4j")
	}

	logger := newLogger(c.stderr, "text", "warn")
	store, closeStore, err := f.source.open(ctx, c.stderr, logger)
	if err != nil {
		return err
	}
	defer closeStore()
	opts := analytics.DefaultOptions()
	opts.Threshold = float64(f.threshold)
	service, err := portfolio.New(portfolio.Config{Store: store, Options: opts, Logger: logger})
	if err != nil {
		return err
	}

	if err := c.printPortfolioView(ctx, service, f, filter, asOf); err != nil {
		return err
	}
	if f.writeback {
		summary, err := service.Writeback(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stderr, "wrote the analytics of %d accounts back to Neo4j: %d person metrics, %d people labelled SPOF, %d bridges\n",
			summary.Accounts, summary.People, summary.SPOFs, summary.Bridges)
	}
	return nil
}

func (c *cli) printPortfolioView(ctx context.Context, service *portfolio.Service, f portfolioFlags,
	filter portfolio.Filter, asOf *time.Time) error {
	var value any
	var text func(io.Writer) error
	switch f.view.value {
	case "exposure":
		exposures, err := service.Exposures(ctx, asOf)
		if err != nil {
			return err
		}
		value = struct {
			AsOf   *time.Time           `json:"as_of"`
			People []portfolio.Exposure `json:"people"`
		}{asOf, exposures}
		text = func(w io.Writer) error { return writeExposureText(w, exposures, asOf) }
	case "consistency":
		consistency, err := service.Consistency(ctx, filter, asOf)
		if err != nil {
			return err
		}
		value = consistency
		text = func(w io.Writer) error { return writeConsistencyText(w, consistency) }
	default:
		report, err := service.Portfolio(ctx, filter, asOf)
		if err != nil {
			return err
		}
		if f.format.value == "csv" {
			return portfolio.WriteCSV(c.stdout, report)
		}
		value = report
		text = func(w io.Writer) error { return writePortfolioText(w, report) }
	}
	if f.format.value == "json" {
		return writePortfolioJSON(c.stdout, value)
	}
	return text(c.stdout)
}

func writePortfolioJSON(w io.Writer, value any) error {
	out, err := json.MarshalIndent(value, "", "  ")
	if err != nil {
		return fmt.Errorf("encode output: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", out)
	return err
}

// alertsFlags are the settings of kamgraph alerts.
type alertsFlags struct {
	source      portfolioSource
	date, since string
	staleDays   int
	renewalDays int
	format      *choiceValue
	webhook     string
}

func (c *cli) alerts(ctx context.Context, args []string) int {
	fs := newFlagSet("alerts", "kamgraph alerts (--data DIR | --demo | --neo4j-uri URI) [flags]",
		`Computes every account and prints its alerts: accounts that became
single-threaded, key stakeholders who lost a thread or became unreached
since the previous recorded computation (Neo4j keeps those between runs),
relationships of single points of failure without a recent interaction,
and high-risk accounts that renew soon. With --alert-webhook the alerts
are also POSTed as JSON to that URL, with retries.`)
	f := alertsFlags{format: newChoice("text", "text", "json")}
	f.source.register(fs)
	fs.StringVar(&f.date, "date", "", "measure staleness and renewals from this `date`, YYYY-MM-DD (default today, UTC)")
	fs.StringVar(&f.since, "since", "", "list the changes detected since this `time` (default: each account's latest change)")
	fs.IntVar(&f.staleDays, "stale-days", portfolio.DefaultStaleDays, "`days` without interaction after which a relationship of a single point of failure is stale")
	fs.IntVar(&f.renewalDays, "renewal-days", portfolio.DefaultRenewalDays, "`days` ahead in which renewals of high-risk accounts are listed")
	fs.Var(f.format, "format", "output `format`: text or json")
	fs.StringVar(&f.webhook, "alert-webhook", "", "also POST the alerts as JSON to this http or https `URL`")

	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return c.fail("alerts", err)
	}
	if len(positional) > 0 {
		return c.fail("alerts", usagef("unexpected argument %q: alerts takes only flags", positional[0]))
	}
	if err := f.source.validate(fs, c.lookupEnv); err != nil {
		return c.fail("alerts", err)
	}
	if err := c.runAlerts(ctx, f); err != nil {
		return c.fail("alerts", err)
	}
	return exitOK
}

func (c *cli) runAlerts(ctx context.Context, f alertsFlags) error {
	opts := portfolio.AlertOptions{StaleDays: f.staleDays, RenewalDays: f.renewalDays}
	var err error
	if f.date != "" {
		if opts.Date, err = portfolio.ParseTime("--date", f.date, false); err != nil {
			return usagef("%s", graph.MessageOf(err))
		}
	}
	if f.since != "" {
		if opts.Since, err = portfolio.ParseTime("--since", f.since, false); err != nil {
			return usagef("%s", graph.MessageOf(err))
		}
	}
	if err := opts.Validate(); err != nil {
		return usagef("%s", graph.MessageOf(err))
	}
	logger := newLogger(c.stderr, "text", "info")
	var webhook *portfolio.Webhook
	if f.webhook != "" {
		if webhook, err = portfolio.NewWebhook(f.webhook, logger); err != nil {
			return usagef("%v", err)
		}
	}

	store, closeStore, err := f.source.open(ctx, c.stderr, logger)
	if err != nil {
		return err
	}
	defer closeStore()
	service, err := portfolio.New(portfolio.Config{Store: store, Logger: logger})
	if err != nil {
		return err
	}
	alerts, err := service.Alerts(ctx, opts)
	if err != nil {
		return err
	}
	if f.format.value == "json" {
		err = writePortfolioJSON(c.stdout, struct {
			Alerts []portfolio.Alert `json:"alerts"`
		}{alerts})
	} else {
		err = writeAlertsText(c.stdout, alerts)
	}
	if err != nil {
		return err
	}
	if webhook != nil {
		return webhook.Notify(ctx, alerts)
	}
	return nil
}

// serveAlertFlags are the alert settings of kamgraph serve.
type serveAlertFlags struct {
	webhook         string
	refreshInterval time.Duration
}

// register adds the alert flags of serve to fs and their environment
// fallbacks to env.
func (a *serveAlertFlags) register(fs *flag.FlagSet, env envFallbacks) {
	fs.StringVar(&a.webhook, "alert-webhook", "", "POST new portfolio alerts as JSON to this http or https `URL`, with retries")
	fs.DurationVar(&a.refreshInterval, "refresh-interval", 5*time.Minute,
		"with --alert-webhook, recompute changed accounts and send their alerts this often (`duration`)")
	env["alert-webhook"] = "KAMGRAPH_ALERT_WEBHOOK"
	env["refresh-interval"] = "KAMGRAPH_REFRESH_INTERVAL"
}

func (a *serveAlertFlags) validate() error {
	if a.refreshInterval <= 0 {
		return usagef("invalid --refresh-interval %s: use a positive duration such as 5m", a.refreshInterval)
	}
	if a.webhook != "" {
		if _, err := portfolio.NewWebhook(a.webhook, nil); err != nil {
			return usagef("%v", err)
		}
	}
	return nil
}

// start returns the portfolio service of the server. With a webhook it
// also starts the refresh loop, which stops when ctx ends.
func (a *serveAlertFlags) start(ctx context.Context, store graph.Store, logger *slog.Logger) (*portfolio.Service, error) {
	cfg := portfolio.Config{Store: store, Logger: logger}
	if a.webhook != "" {
		webhook, err := portfolio.NewWebhook(a.webhook, logger)
		if err != nil {
			return nil, err
		}
		cfg.Notifier = webhook
	}
	service, err := portfolio.New(cfg)
	if err != nil {
		return nil, err
	}
	if a.webhook != "" {
		go service.Run(ctx, a.refreshInterval)
	}
	return service, nil
}

// stringsOrDash joins items, or returns "-" for none.
func joinOrDash(items []string) string {
	if len(items) == 0 {
		return "-"
	}
	return strings.Join(items, ",")
}

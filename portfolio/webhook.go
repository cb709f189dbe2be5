package portfolio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"
)

// Notifier receives new alerts.
type Notifier interface {
	Notify(ctx context.Context, alerts []Alert) error
}

// Defaults of Webhook.
const (
	DefaultWebhookAttempts = 4
	DefaultWebhookBackoff  = 500 * time.Millisecond
	DefaultWebhookTimeout  = 10 * time.Second
)

// Webhook is a Notifier that POSTs alerts as JSON to a URL:
//
//	{"sent_at": "2026-12-04T10:00:00Z", "alerts": [Alert, ...]}
//
// It retries a request that fails to connect or gets status 429 or 5xx,
// waiting Backoff before the second attempt and twice as long before each
// later one, up to Attempts attempts in all. Any other status is a
// permanent failure.
type Webhook struct {
	url      string
	redacted string // url without user information, for logs and errors
	client   *http.Client
	attempts int
	backoff  time.Duration
	logger   *slog.Logger
}

// NewWebhook returns a Webhook for an http or https URL with a host. A nil
// logger discards logs.
func NewWebhook(rawURL string, logger *slog.Logger) (*Webhook, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("invalid alert webhook URL %q: use an http or https URL with a host, such as https://hooks.example.com/kamgraph", redactURL(rawURL))
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Webhook{
		url:      rawURL,
		redacted: u.Redacted(),
		client:   &http.Client{Timeout: DefaultWebhookTimeout},
		attempts: DefaultWebhookAttempts,
		backoff:  DefaultWebhookBackoff,
		logger:   logger,
	}, nil
}

// WithRetry sets the number of attempts (at least 1) and the first
// backoff, and returns w.
func (w *Webhook) WithRetry(attempts int, backoff time.Duration) *Webhook {
	w.attempts = max(attempts, 1)
	w.backoff = backoff
	return w
}

// webhookPayload is the body a Webhook sends.
type webhookPayload struct {
	SentAt time.Time `json:"sent_at"`
	Alerts []Alert   `json:"alerts"`
}

// Notify sends alerts, retrying as the type documents. It sends nothing
// for an empty list, and returns the last error when every attempt fails.
func (w *Webhook) Notify(ctx context.Context, alerts []Alert) error {
	if len(alerts) == 0 {
		return nil
	}
	body, err := json.Marshal(webhookPayload{SentAt: time.Now().UTC(), Alerts: alerts})
	if err != nil {
		return fmt.Errorf("alert webhook: encode alerts: %w", err)
	}

	wait := w.backoff
	for attempt := 1; ; attempt++ {
		retry, err := w.post(ctx, body)
		if err == nil {
			w.logger.Info("alert webhook delivered", slog.String("url", w.redacted),
				slog.Int("alerts", len(alerts)), slog.Int("attempt", attempt))
			return nil
		}
		if !retry || attempt >= w.attempts {
			w.logger.Error("alert webhook failed", slog.String("url", w.redacted),
				slog.Int("alerts", len(alerts)), slog.Int("attempts", attempt), slog.Any("error", err))
			return err
		}
		w.logger.Warn("alert webhook attempt failed, retrying", slog.String("url", w.redacted),
			slog.Int("attempt", attempt), slog.Duration("backoff", wait), slog.Any("error", err))
		select {
		case <-ctx.Done():
			return fmt.Errorf("alert webhook %s: %w", w.redacted, ctx.Err())
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// post sends one request. It reports whether a failure is worth retrying.
func (w *Webhook) post(ctx context.Context, body []byte) (retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return false, fmt.Errorf("alert webhook %s: %w", w.redacted, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "kamgraph")
	resp, err := w.client.Do(req)
	if err != nil {
		return ctx.Err() == nil, fmt.Errorf("alert webhook %s: %w", w.redacted, stripURL(err))
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return false, nil
	}
	retry = resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
	return retry, fmt.Errorf("alert webhook %s: status %d", w.redacted, resp.StatusCode)
}

// stripURL returns the cause of a *url.Error, whose message repeats the
// URL with any password in it.
func stripURL(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err
	}
	return err
}

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

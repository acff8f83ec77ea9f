package emulator

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"time"
)

// webhookState is the registered webhook and its delivery record.
type webhookState struct {
	url, secret      string
	allowed          []string
	lastErrorDate    time.Time
	lastErrorMessage string
	stop             context.CancelFunc // ends the running deliverer
}

var secretTokenPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// Retries back off quickly so tests stay fast, yet a dead endpoint is not
// hammered.
const (
	webhookMinBackoff = 50 * time.Millisecond
	webhookMaxBackoff = 2 * time.Second
)

func (s *Server) setWebhook(c *call) (any, *apiError) {
	raw := c.str("url")
	if raw == "" {
		// An empty url removes the webhook, as in Telegram.
		return s.deleteWebhook(c)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		// Telegram insists on HTTPS; the emulator also takes http:// so that
		// httptest servers work.
		return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	secret := c.str("secret_token")
	if secret != "" && !secretTokenPattern.MatchString(secret) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	var allowed []string
	hasAllowed, e := c.json("allowed_updates", &allowed, "can't parse allowed updates")
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.bool("drop_pending_updates") {
		s.updates.items = nil
	}
	keepAllowed := s.webhook.allowed
	if hasAllowed {
		s.updates.setAllowed(allowed)
		keepAllowed = allowed
	}
	same := s.webhook.url == raw && s.webhook.secret == secret
	s.webhook.url, s.webhook.secret, s.webhook.allowed = raw, secret, keepAllowed
	if s.pollCancel != nil {
		// A long poll in progress learns that a webhook took over.
		s.touchLocked()
	}
	if same && s.webhook.stop != nil {
		return described{true, "Webhook is already set"}, nil
	}
	s.stopWebhookLocked()
	s.webhook.url, s.webhook.secret, s.webhook.allowed = raw, secret, keepAllowed
	if !s.closed {
		ctx, stop := context.WithCancel(s.ctx)
		s.webhook.stop = stop
		s.wg.Add(1)
		go s.deliver(ctx, raw, secret)
	}
	return described{true, "Webhook was set"}, nil
}

func (s *Server) deleteWebhook(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.bool("drop_pending_updates") {
		s.updates.items = nil
	}
	if s.webhook.url == "" {
		return described{true, "Webhook is already deleted"}, nil
	}
	s.stopWebhookLocked()
	return described{true, "Webhook was deleted"}, nil
}

// stopWebhookLocked forgets the webhook and stops its deliverer.
func (s *Server) stopWebhookLocked() {
	if s.webhook.stop != nil {
		s.webhook.stop()
	}
	s.webhook = webhookState{lastErrorDate: s.webhook.lastErrorDate, lastErrorMessage: s.webhook.lastErrorMessage}
}

type webhookInfo struct {
	URL                  string   `json:"url"`
	HasCustomCertificate bool     `json:"has_custom_certificate"`
	PendingUpdateCount   int      `json:"pending_update_count"`
	LastErrorDate        int64    `json:"last_error_date,omitempty"`
	LastErrorMessage     string   `json:"last_error_message,omitempty"`
	MaxConnections       int      `json:"max_connections,omitempty"`
	AllowedUpdates       []string `json:"allowed_updates,omitempty"`
}

func (s *Server) getWebhookInfo(*call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := webhookInfo{URL: s.webhook.url, PendingUpdateCount: len(s.updates.pending())}
	if info.URL != "" {
		info.MaxConnections = 40
		info.AllowedUpdates = s.webhook.allowed
		if !s.webhook.lastErrorDate.IsZero() {
			info.LastErrorDate = s.webhook.lastErrorDate.Unix()
			info.LastErrorMessage = s.webhook.lastErrorMessage
		}
	}
	return info, nil
}

// deliver posts updates one at a time, in order, and drops one only once
// the endpoint acknowledged it with a 2xx: the guarantee the bot's own
// webhook handler is written against.
func (s *Server) deliver(ctx context.Context, endpoint, secret string) {
	defer s.wg.Done()
	backoff := webhookMinBackoff
	for ctx.Err() == nil {
		s.mu.Lock()
		items := s.updates.pending()
		changed := s.changed
		var next queuedUpdate
		if len(items) > 0 {
			next = items[0]
		}
		s.mu.Unlock()
		if len(items) == 0 {
			select {
			case <-ctx.Done():
			case <-changed:
			}
			continue
		}
		err := s.post(ctx, endpoint, secret, next.raw)
		if ctx.Err() != nil {
			return
		}
		s.mu.Lock()
		if err == nil {
			s.updates.drop(next.id)
			backoff = webhookMinBackoff
		} else {
			s.webhook.lastErrorDate = s.now()
			s.webhook.lastErrorMessage = err.Error()
		}
		s.touchLocked()
		s.mu.Unlock()
		if err != nil {
			s.log.Debug("webhook delivery failed", "update_id", next.id, "error", err, "retry_in_ms", backoff.Milliseconds())
			select {
			case <-ctx.Done():
			case <-time.After(backoff):
			}
			backoff = min(backoff*2, webhookMaxBackoff)
		}
	}
}

func (s *Server) post(ctx context.Context, endpoint, secret string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("Invalid webhook URL")
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := s.opts.WebhookClient.Do(req)
	if err != nil {
		return fmt.Errorf("Connection failed: %v", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("Wrong response from the webhook: %s", resp.Status)
	}
	return nil
}

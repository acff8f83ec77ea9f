package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/campanile/campanile/store"
)

// Poller receives updates by long polling. go-telegram/bot confirms an
// update to Telegram as soon as it has read it, before it is handled, so a
// crash would lose it; this loop asks for the next batch (which confirms
// the previous one) only after the previous batch is safe in the inbox.
type Poller struct {
	apiURL  string
	token   string
	client  *http.Client
	st      *store.Store
	onSaved func()
	log     *slog.Logger
	timeout time.Duration
}

// NewPoller builds a poller; onSaved is called after each batch is stored.
func NewPoller(apiURL, token string, client *http.Client, st *store.Store, onSaved func(), logger *slog.Logger) *Poller {
	return &Poller{apiURL: strings.TrimRight(apiURL, "/"), token: token, client: client, st: st, onSaved: onSaved, log: logger, timeout: 50 * time.Second}
}

type apiEnvelope struct {
	OK          bool              `json:"ok"`
	Result      []json.RawMessage `json:"result"`
	ErrorCode   int               `json:"error_code"`
	Description string            `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// Run polls until ctx is done.
func (p *Poller) Run(ctx context.Context) error {
	last, err := p.st.LastUpdateID(ctx)
	if err != nil {
		return err
	}
	offset := int64(0)
	if last > 0 {
		offset = last + 1
	}
	var failures int
	for ctx.Err() == nil {
		batch, wait, err := p.poll(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			failures++
			if wait == 0 {
				wait = min(time.Duration(failures)*time.Second, 30*time.Second)
			}
			p.log.Warn("getUpdates failed", "error", err, "retry_in", wait.String())
			sleep(ctx, wait)
			continue
		}
		failures = 0
		if len(batch) == 0 {
			continue
		}
		if err := p.save(ctx, batch); err != nil {
			return err
		}
		offset = batch[len(batch)-1].UpdateID + 1
		p.onSaved()
	}
	return nil
}

// save insists: the batch is not confirmed to Telegram until it is stored,
// so a full disk or a locked database delays updates but never drops them.
func (p *Poller) save(ctx context.Context, batch []store.InboundUpdate) error {
	for {
		err := p.st.SaveUpdates(ctx, batch)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return nil
		}
		p.log.Error("unable to store received updates, retrying", "count", len(batch), "error", err)
		sleep(ctx, time.Second)
	}
}

func (p *Poller) poll(ctx context.Context, offset int64) ([]store.InboundUpdate, time.Duration, error) {
	body, _ := json.Marshal(map[string]any{
		"offset": offset, "limit": 100, "timeout": int(p.timeout.Seconds()), "allowed_updates": allowedUpdates,
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.apiURL+"/bot"+p.token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, 0, fmt.Errorf("bot: unable to build getUpdates request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, 0, p.redact(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, 0, fmt.Errorf("bot: unable to read getUpdates response: %w", err)
	}
	var env apiEnvelope
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, 0, fmt.Errorf("bot: getUpdates answered %s with a body that is not JSON", resp.Status)
	}
	if !env.OK {
		return nil, time.Duration(env.Parameters.RetryAfter) * time.Second,
			fmt.Errorf("bot: getUpdates: %d %s", env.ErrorCode, env.Description)
	}
	batch := make([]store.InboundUpdate, 0, len(env.Result))
	for _, raw := range env.Result {
		u, err := inbound(raw)
		if err != nil {
			// Telegram sent something we cannot read. Keep it in the inbox
			// anyway (the handler records and skips it) so that the offset
			// moves past it instead of asking for it forever.
			var id struct {
				UpdateID int64 `json:"update_id"`
			}
			if json.Unmarshal(raw, &id) != nil || id.UpdateID <= 0 {
				p.log.Error("dropping update without an update_id", "error", err)
				continue
			}
			u = store.InboundUpdate{UpdateID: id.UpdateID, Payload: raw}
		}
		batch = append(batch, u)
	}
	return batch, 0, nil
}

// redact keeps the bot token out of logs: URL errors quote the URL.
func (p *Poller) redact(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), p.token, "<token>"))
}

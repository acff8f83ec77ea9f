package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// Config is what the Telegram edge needs.
type Config struct {
	Token  string
	APIURL string
	// WebhookURL switches from long polling to a webhook; WebhookSecret is
	// then required and checked on every call.
	WebhookURL    string
	WebhookSecret string
	Sender        SenderConfig
	// Shards is how many chats are handled in parallel.
	Shards     int
	HTTPClient *http.Client
	// MediaDir is where report photos are copied from Telegram, cleaned of
	// their metadata; empty leaves them with Telegram only.
	MediaDir string
}

// Bot is the running Telegram edge: intake, dispatcher and sender.
type Bot struct {
	cfg        Config
	st         *store.Store
	engine     *flows.Engine
	log        *slog.Logger
	api        *tgbot.Bot
	dispatcher *Dispatcher
	sender     *Sender
	webhook    http.Handler
	media      *mediaFetcher // nil without a MediaDir
	username   atomic.Value  // string, learned from getMe

	// beforeCommit, when set by a test, runs inside the handling
	// transaction just before it commits: a failure there stands for a
	// crash in the middle of handling.
	beforeCommit func(store.InboundUpdate) error
}

// New wires the edge; nothing talks to Telegram until Run.
func New(cfg Config, st *store.Store, engine *flows.Engine, logger *slog.Logger) (*Bot, error) {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = newAPIClient()
	}
	if cfg.Shards <= 0 {
		cfg.Shards = 8
	}
	api, err := tgbot.New(cfg.Token,
		tgbot.WithServerURL(strings.TrimRight(cfg.APIURL, "/")),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(time.Minute, cfg.HTTPClient),
		tgbot.WithErrorsHandler(func(err error) { logger.Debug("telegram client", "error", err) }),
	)
	if err != nil {
		return nil, fmt.Errorf("bot: unable to create the Telegram client: %w", err)
	}
	b := &Bot{cfg: cfg, st: st, engine: engine, log: logger, api: api}
	b.username.Store("")
	b.sender = newSender(cfg.Sender, st, libDeliverer{api: api, media: newPostMedia(cfg.MediaDir)}, logger.With("component", "sender"))
	b.dispatcher = NewDispatcher(st, b.handleBatch, b.giveUp, cfg.Shards, logger.With("component", "dispatcher"))
	b.webhook = WebhookHandler(cfg.WebhookSecret, st, b.dispatcher.Wake, logger.With("component", "webhook"))
	if cfg.MediaDir != "" {
		b.media = newMediaFetcher(mediaConfig{Dir: cfg.MediaDir}, st, api, cfg.HTTPClient, logger.With("component", "media"))
	}
	return b, nil
}

// Webhook is the handler Telegram posts updates to, in webhook mode.
func (b *Bot) Webhook() http.Handler { return b.webhook }

// Run works until ctx is done.
func (b *Bot) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	run := func(name string, fn func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fn(ctx); err != nil {
				b.log.Error("component stopped", "component", name, "error", err)
			}
		}()
	}
	run("dispatcher", b.dispatcher.Run)
	run("sender", b.sender.Run)
	run("pruner", b.prune)
	if b.media != nil {
		run("media", b.media.Run)
	}
	run("setup", func(ctx context.Context) error {
		if !b.setup(ctx) {
			return nil
		}
		if b.cfg.WebhookURL == "" {
			return NewPoller(b.cfg.APIURL, b.cfg.Token, b.cfg.HTTPClient, b.st, b.dispatcher.Wake, b.log.With("component", "poller")).Run(ctx)
		}
		return nil
	})
	<-ctx.Done()
	wg.Wait()
	return nil
}

// errHeldBack marks an update not tried in a batch because an earlier
// update of its chat failed: it must wait, to keep the chat's order.
var errHeldBack = errors.New("bot: held back behind a failed update of the same chat")

// handleBatch runs updates through the flows sharing one commit: under
// load the inbox fills faster than SQLite commits one at a time, and a
// commit per batch is what keeps up. Each update still runs in its own
// savepoint, so its effects, its replies and the mark that it was handled
// commit together or not at all: a crash before the commit means the
// batch is handled again from scratch, after it never again. The result
// holds one error per update; nil means done.
func (b *Bot) handleBatch(ctx context.Context, batch []store.InboundUpdate) []error {
	errs := make([]error, len(batch))
	failedChats := map[int64]bool{}
	err := b.st.InTx(ctx, func(tx *store.Store) error {
		for i, u := range batch {
			if failedChats[u.ChatID] {
				errs[i] = errHeldBack
				continue
			}
			err := tx.Savepoint(ctx, func(sp *store.Store) error { return b.applyUpdate(ctx, sp, u) })
			if err = ignoreHandled(err); err != nil {
				errs[i] = err
				failedChats[u.ChatID] = true
			}
		}
		return nil
	})
	if err != nil {
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	b.sender.Wake()
	b.WakeMedia() // the batch may have filed reports with photos
	return errs
}

// handleUpdate handles a single update.
func (b *Bot) handleUpdate(ctx context.Context, u store.InboundUpdate) error {
	return b.handleBatch(ctx, []store.InboundUpdate{u})[0]
}

// applyUpdate is one update's work inside its savepoint. The mark that it
// was handled comes first and doubles as a claim, so an update queued twice
// by a stale read of the inbox takes effect once.
func (b *Bot) applyUpdate(ctx context.Context, tx *store.Store, u store.InboundUpdate) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("bot: panic handling update %d: %v", u.UpdateID, p)
		}
	}()
	if err := tx.MarkUpdateHandled(ctx, u.UpdateID); err != nil {
		return err
	}
	var upd models.Update
	if jerr := json.Unmarshal(u.Payload, &upd); jerr != nil {
		b.log.Warn("skipping unreadable update", "update_id", u.UpdateID, "error", jerr)
		return nil
	}
	in := toInput(&upd, b.username.Load().(string))
	msgs, err := b.engine.Handle(ctx, tx, in)
	if err != nil {
		return err
	}
	if err := flows.Enqueue(ctx, tx, store.PriorityReply, msgs...); err != nil {
		return err
	}
	if b.beforeCommit != nil {
		return b.beforeCommit(u)
	}
	return nil
}

// ignoreHandled treats "someone else handled it" as done.
func ignoreHandled(err error) error {
	if errors.Is(err, store.ErrAlreadyHandled) {
		return nil
	}
	return err
}

// giveUp settles an update that keeps failing: the citizen hears that
// something went wrong instead of silence, and their next message is not
// stuck behind this one.
func (b *Bot) giveUp(ctx context.Context, u store.InboundUpdate, cause error) {
	b.log.Error("giving up on update", "update_id", u.UpdateID, "chat_id", u.ChatID, "error", cause)
	var upd models.Update
	_ = json.Unmarshal(u.Payload, &upd)
	in := toInput(&upd, b.username.Load().(string))
	err := b.st.InTx(ctx, func(tx *store.Store) error {
		if err := tx.MarkUpdateHandled(ctx, u.UpdateID); err != nil {
			return err
		}
		return flows.Enqueue(ctx, tx, store.PriorityReply, b.engine.Apology(in)...)
	})
	if err = ignoreHandled(err); err != nil {
		b.log.Error("unable to settle failed update", "update_id", u.UpdateID, "error", err)
	}
	b.sender.Wake()
}

// prune forgets handled updates and delivered messages once they are of
// no more use, keeping the database small and free of old conversations.
func (b *Bot) prune(ctx context.Context) error {
	for {
		if n, err := b.st.PruneUpdates(ctx, 48*time.Hour); err != nil {
			b.log.Error("unable to prune updates", "error", err)
		} else if n > 0 {
			b.log.Info("pruned handled updates", "count", n)
		}
		if n, err := b.st.PruneOutbox(ctx, time.Now().Add(-30*24*time.Hour).Unix()); err != nil {
			b.log.Error("unable to prune outbox", "error", err)
		} else if n > 0 {
			b.log.Info("pruned delivered messages", "count", n)
		}
		if !sleep(ctx, time.Hour) {
			return nil
		}
	}
}

// newAPIClient keeps enough connections to the Bot API alive for every
// sender worker and the poller: Go's default of two idle connections per
// host would make most calls open a new TLS connection.
func newAPIClient() *http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConns = 64
	transport.MaxIdleConnsPerHost = 64
	return &http.Client{Timeout: 90 * time.Second, Transport: bufferedBodies{next: transport}}
}

// WakeSender tells the sender that the outbox has new messages (from the
// web admin, say), so they leave now rather than at its next poll.
func (b *Bot) WakeSender() { b.sender.Wake() }

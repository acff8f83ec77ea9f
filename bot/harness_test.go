package bot

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/bot/emulator/emutest"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// harness runs the whole Telegram edge against the emulator over real
// HTTP, with a real SQLite file, the way production runs against Telegram.
type harness struct {
	t      testing.TB
	emu    *emulator.Server
	api    *httptest.Server
	dbPath string
	st     *store.Store
	cat    *locales.Catalog
	cfg    Config
	// flows is how the town hall is configured for the test.
	flows flows.Config

	cancel context.CancelFunc
	done   chan struct{}
}

// testStaffChat is the staff group of every harness.
const testStaffChat = -1001234567890

type harnessOption func(*harness, *emulator.Options)

// withLimits keeps Telegram's rate limits on both sides (off by default so
// functional tests do not wait a second between messages).
func withLimits() harnessOption {
	return func(h *harness, o *emulator.Options) {
		o.NoLimits = false
		h.cfg.Sender.Limits = DefaultLimits()
	}
}

func newHarness(t testing.TB, opts ...harnessOption) *harness {
	t.Helper()
	h := &harness{t: t, dbPath: filepath.Join(t.TempDir(), "campanile.db")}
	eo := emulator.Options{NoLimits: true}
	h.cfg.Sender.Limits = Limits{Off: true}
	for _, o := range opts {
		o(h, &eo)
	}
	h.emu, h.api = emutest.New(t, eo)
	h.cfg.Token = h.emu.Token()
	h.cfg.APIURL = h.api.URL
	h.cfg.Shards = 4
	h.cat = locales.MustLoad()
	h.flows = flows.Config{Comune: "Comune di Prova", PrivacyContact: "privacy@prova.it", StaffChatID: testStaffChat}
	h.openStore()
	t.Cleanup(func() {
		h.stop()
		h.st.Close()
		if missing := h.cat.Missing(); len(missing) > 0 {
			t.Errorf("locale keys used but missing: %v", missing)
		}
	})
	return h
}

func (h *harness) openStore() {
	st, err := store.Open(context.Background(), h.dbPath)
	if err != nil {
		h.t.Fatal(err)
	}
	h.st = st
}

func testLogger() *slog.Logger {
	if testing.Verbose() && os.Getenv("CAMPANILE_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func (h *harness) newBot() *Bot {
	engine := flows.NewEngine(h.flows, h.cat, testLogger())
	b, err := New(h.cfg, h.st, engine, testLogger())
	if err != nil {
		h.t.Fatal(err)
	}
	return b
}

// start runs the bot until stop; it may be called again after stop, which
// is how tests restart the process.
func (h *harness) start(prepare ...func(*Bot)) *Bot {
	h.t.Helper()
	b := h.newBot()
	for _, p := range prepare {
		p(b)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan struct{})
	go func() {
		defer close(h.done)
		_ = b.Run(ctx)
	}()
	return b
}

func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	<-h.done
	h.cancel = nil
}

func (h *harness) restart() *Bot {
	h.stop()
	return h.start()
}

func waitCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// expect waits until the user's chat holds n bot messages and returns them.
func expect(t testing.TB, u *emulator.User, n int) []emulator.Message {
	t.Helper()
	msgs, err := u.WaitBotMessages(waitCtx(t), n)
	if err != nil {
		t.Fatalf("waiting for %d bot messages to %d: %v (have %d: %s)", n, u.ID(), err, len(u.BotMessages()), texts(u.BotMessages()))
	}
	return msgs
}

// eventually waits for a condition that the bot reaches asynchronously.
func (h *harness) eventually(what string, cond func() bool) {
	h.t.Helper()
	if err := h.emu.WaitFor(waitCtx(h.t), cond); err != nil {
		h.t.Fatalf("%s: %v", what, err)
	}
}

func texts(msgs []emulator.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString("\n  | ")
		b.WriteString(m.Text + m.Caption)
	}
	return b.String()
}

// button finds the inline button whose label contains part.
func button(t testing.TB, m emulator.Message, part string) emulator.InlineButton {
	t.Helper()
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			if strings.Contains(b.Text, part) {
				return b
			}
		}
	}
	t.Fatalf("no button containing %q in message %d: %v", part, m.ID, m.InlineKeyboard)
	return emulator.InlineButton{}
}

// current re-reads a message of the chat, after edits.
func current(t testing.TB, u *emulator.User, id int) emulator.Message {
	t.Helper()
	for _, m := range u.Messages() {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("message %d not in chat %d", id, u.ID())
	return emulator.Message{}
}

func (h *harness) citizen(u *emulator.User) store.Citizen {
	h.t.Helper()
	c, err := h.st.CitizenByTelegramID(context.Background(), u.ID())
	if err != nil {
		h.t.Fatalf("citizen %d: %v", u.ID(), err)
	}
	return c
}

func (h *harness) subscriptions(u *emulator.User) map[int64]bool {
	h.t.Helper()
	subs, err := h.st.SubscribedTopicIDs(context.Background(), h.citizen(u).ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return subs
}

package emulator

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Options configure a Server. The zero value is a working emulator.
type Options struct {
	// Token is the bot token the server accepts; default "123456:EMULATOR-TOKEN".
	Token string
	// BotID defaults to the number before the colon in Token.
	BotID int64
	// BotUsername defaults to "campanile_bot", BotName to "Campanile".
	BotUsername string
	BotName     string
	// NoLimits switches off the flood limits (benchmarks, playground).
	NoLimits bool
	// Limits override the flood limits field by field; zero fields keep
	// Telegram's published values.
	Limits Limits
	// Now is the clock for message dates and the request log.
	Now func() time.Time
	// Logger receives one debug line per API call; default discards.
	Logger *slog.Logger
	// FileBaseURL prefixes FileURL's answers, e.g. the playground's own
	// address; empty gives root-relative URLs.
	FileBaseURL string
	// MaxPollTimeout caps a getUpdates long poll (Telegram: 50s). Tests
	// lower it so that "timeout":1 returns in milliseconds.
	MaxPollTimeout time.Duration
	// WebhookClient delivers webhook updates; default has a 10s timeout.
	WebhookClient *http.Client
	// PrivacyMode delivers only commands, replies to the bot and mentions
	// from groups, like a bot whose privacy mode is on. Off by default so
	// that tests see every group message.
	PrivacyMode bool
	// MaxRequests bounds the request log; default 100 000.
	MaxRequests int
	// MaxEvents bounds the event log; default 10 000.
	MaxEvents int
	// FirstUpdateID is the id of the first update (default 100001). A bot
	// that restarts against a fresh emulator but keeps its database asks
	// for updates above the last id it stored, as it would at Telegram,
	// whose ids only grow: start above that.
	FirstUpdateID int64
}

// Limits are the flood limits the emulator enforces with 429 answers.
type Limits struct {
	// Global is messages per second across all chats (default 30).
	Global float64
	// PerChatBurst messages may go to one private chat at once (default
	// 5), refilled at PerChatRefill per second (default 1).
	PerChatBurst  int
	PerChatRefill float64
	// PerGroupPerMinute is the limit for groups and supergroups (default 20).
	PerGroupPerMinute int
	// PaidBroadcast is messages per second across all chats for calls
	// with allow_paid_broadcast (default 1000); they do not count
	// against Global.
	PaidBroadcast float64
}

// DefaultLimits are Telegram's published flood limits.
func DefaultLimits() Limits {
	return Limits{Global: 30, PerChatBurst: 5, PerChatRefill: 1, PerGroupPerMinute: 20, PaidBroadcast: 1000}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.Global <= 0 {
		l.Global = d.Global
	}
	if l.PerChatBurst <= 0 {
		l.PerChatBurst = d.PerChatBurst
	}
	if l.PerChatRefill <= 0 {
		l.PerChatRefill = d.PerChatRefill
	}
	if l.PerGroupPerMinute <= 0 {
		l.PerGroupPerMinute = d.PerGroupPerMinute
	}
	if l.PaidBroadcast <= 0 {
		l.PaidBroadcast = d.PaidBroadcast
	}
	return l
}

// DefaultToken is the token of a zero Options.
const DefaultToken = "123456:EMULATOR-TOKEN"

func (o Options) withDefaults() Options {
	if o.Token == "" {
		o.Token = DefaultToken
	}
	if o.BotID == 0 {
		prefix, _, _ := strings.Cut(o.Token, ":")
		id, err := strconv.ParseInt(prefix, 10, 64)
		if err != nil || id <= 0 {
			id = 123456
		}
		o.BotID = id
	}
	if o.BotUsername == "" {
		o.BotUsername = "campanile_bot"
	}
	if o.BotName == "" {
		o.BotName = "Campanile"
	}
	o.Limits = o.Limits.withDefaults()
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.MaxPollTimeout <= 0 {
		o.MaxPollTimeout = 50 * time.Second
	}
	if o.WebhookClient == nil {
		o.WebhookClient = &http.Client{Timeout: 10 * time.Second}
	}
	if o.MaxRequests <= 0 {
		o.MaxRequests = 100_000
	}
	if o.MaxEvents <= 0 {
		o.MaxEvents = 10_000
	}
	o.FileBaseURL = strings.TrimRight(o.FileBaseURL, "/")
	return o
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// config is every setting of `campanile serve`. Each one is an environment
// variable CAMPANILE_* and a flag; flags win over the environment, which
// wins over the default.
type config struct {
	TelegramToken  string
	TelegramAPIURL string
	DB             string
	HTTP           string
	StaffChatID    int64
	Playground     bool
	WebhookURL     string
	WebhookSecret  string
	Comune         string
	PrivacyContact string
	LogLevel       string
	LogFormat      string
	RateGlobal     float64
	// PaidBroadcastRate is the paid broadcast's rate for emergencies; 0 is off.
	PaidBroadcastRate float64

	MediaDir         string
	PublicURL        string
	SMTPURL          string
	MailFrom         string
	ReportsPerDay    int
	AnonymousReports bool
	ReopenWindow     time.Duration

	TrustedProxies []netip.Prefix
	SessionIdle    time.Duration

	WasteReminderHour, WasteReminderMinute int

	FeedInterval     time.Duration
	FeedAllowPrivate bool
}

// setting describes one configuration value: where it comes from and how
// to check it. parse returns an error that says what is expected.
type setting struct {
	env, flag, def, help string
	secret               bool
	parse                func(string) error
}

var (
	tokenPattern  = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)
	secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

func (c *config) settings() []setting {
	str := func(dst *string) func(string) error { return func(v string) error { *dst = v; return nil } }
	return append([]setting{
		{"CAMPANILE_TELEGRAM_TOKEN", "telegram-token", "", "bot token from @BotFather; empty runs the offline playground", true, func(v string) error {
			if v != "" && !tokenPattern.MatchString(v) {
				return errors.New("expected a bot token like 123456789:AAE... as given by @BotFather")
			}
			c.TelegramToken = v
			return nil
		}},
		{"CAMPANILE_TELEGRAM_API_URL", "telegram-api-url", "https://api.telegram.org", "Bot API server: Telegram's, a self-hosted one, or an emulator", false, func(v string) error {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return errors.New("expected an http(s) URL such as https://api.telegram.org")
			}
			c.TelegramAPIURL = strings.TrimRight(v, "/")
			return nil
		}},
		{"CAMPANILE_DB", "db", "campanile.db", "path of the SQLite database file", false, func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("expected a file path")
			}
			c.DB = v
			return nil
		}},
		{"CAMPANILE_HTTP", "http", "127.0.0.1:8080", "address the web server listens on", false, func(v string) error {
			if _, port, err := net.SplitHostPort(v); err != nil || port == "" {
				return errors.New("expected host:port, such as 127.0.0.1:8080 or :8080")
			}
			c.HTTP = v
			return nil
		}},
		{"CAMPANILE_STAFF_CHAT_ID", "staff-chat-id", "", "id of the staff's private Telegram group, such as -1001234567890", false, func(v string) error {
			if v == "" {
				c.StaffChatID = 0
				return nil
			}
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id >= 0 {
				return errors.New("expected a negative group chat id such as -1001234567890")
			}
			c.StaffChatID = id
			return nil
		}},
		{"CAMPANILE_PLAYGROUND", "playground", "false", "run the offline playground even with a token set (the token is then ignored)", false, func(v string) error {
			on, err := strconv.ParseBool(v)
			if err != nil {
				return errors.New("expected true or false")
			}
			c.Playground = on
			return nil
		}},
		{"CAMPANILE_WEBHOOK_URL", "webhook-url", "", "public https URL Telegram posts updates to; empty means long polling", false, func(v string) error {
			if v != "" {
				u, err := url.Parse(v)
				if err != nil || u.Scheme != "https" || u.Host == "" {
					return errors.New("expected an https URL such as https://comune.example.it/campanile/telegram")
				}
			}
			c.WebhookURL = v
			return nil
		}},
		{"CAMPANILE_WEBHOOK_SECRET", "webhook-secret", "", "secret Telegram sends with each webhook call (1-256 of A-Z a-z 0-9 _ -)", true, func(v string) error {
			if v != "" && !secretPattern.MatchString(v) {
				return errors.New("expected 1-256 characters among A-Z a-z 0-9 _ -")
			}
			c.WebhookSecret = v
			return nil
		}},
		{"CAMPANILE_COMUNE", "comune", "Comune di Esempio", "the town's name, as citizens read it in messages", false, func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("expected the town's name, such as \"Comune di Borgo Fiorito\"")
			}
			c.Comune = strings.TrimSpace(v)
			return nil
		}},
		{"CAMPANILE_PRIVACY_CONTACT", "privacy-contact", "privacy@comune.example.it", "who citizens write to about their data (email or address)", false, str(&c.PrivacyContact)},
		{"CAMPANILE_RATE", "rate", "25", "messages per second to Telegram across all chats (at most 30)", false, func(v string) error {
			r, err := strconv.ParseFloat(v, 64)
			// !(r >= 1) also refuses NaN, which every comparison lets through.
			if err != nil || !(r >= 1) || r > 30 {
				return errors.New("expected a number of messages per second between 1 and 30")
			}
			c.RateGlobal = r
			return nil
		}},
		{"CAMPANILE_LOG_LEVEL", "log-level", "info", "debug, info, warn or error", false, func(v string) error {
			switch v {
			case "debug", "info", "warn", "error":
				c.LogLevel = v
				return nil
			}
			return errors.New("expected debug, info, warn or error")
		}},
		{"CAMPANILE_LOG_FORMAT", "log-format", "text", "text or json", false, func(v string) error {
			if v != "text" && v != "json" {
				return errors.New("expected text or json")
			}
			c.LogFormat = v
			return nil
		}},
	}, append(append(append(append(c.reportSettings(), c.adminSettings()...), c.wasteSettings()...), c.broadcastSettings()...), c.feedSettings()...)...)
}

// isSwitch tells a setting that is off unless turned on: its flag needs
// no value ("--playground" means "--playground=true").
func (s setting) isSwitch() bool { return s.def == "false" }

// playgroundMode is whether serve runs on the built-in emulator, with the
// playground page: with no token, or when asked for.
func (c config) playgroundMode() bool { return c.TelegramToken == "" || c.Playground }

// errHelp is returned when --help was asked for: not a failure.
var errHelp = flag.ErrHelp

// parseConfig reads defaults, then the environment, then flags. The error
// is one line naming the variable and what is expected.
func parseConfig(name string, args []string, getenv func(string) string, out io.Writer) (config, []string, error) {
	var c config
	settings := c.settings()
	for _, s := range settings {
		if err := s.parse(s.def); err != nil {
			return c, nil, fmt.Errorf("default of %s: %w", s.env, err)
		}
		if v, ok := lookup(getenv, s.env); ok {
			if err := s.parse(v); err != nil {
				return c, nil, fmt.Errorf("%s: %w", s.env, err)
			}
		}
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// The flag package quotes the rejected value in its error; a secret
	// must not reach the terminal or a log, so our own message wins.
	var flagErr error
	for _, s := range settings {
		s := s
		set := func(v string) error {
			if err := s.parse(v); err != nil {
				flagErr = fmt.Errorf("%s (--%s): %w", s.env, s.flag, err)
				return flagErr
			}
			return nil
		}
		if s.isSwitch() {
			fs.BoolFunc(s.flag, s.help, set)
		} else {
			fs.Func(s.flag, s.help, set)
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(out, name, settings)
			return c, nil, errHelp
		}
		if flagErr != nil {
			return c, nil, flagErr
		}
		return c, nil, err
	}
	if c.WebhookURL != "" && c.WebhookSecret == "" {
		return c, nil, errors.New("CAMPANILE_WEBHOOK_SECRET: expected a secret when CAMPANILE_WEBHOOK_URL is set, so that forged updates are refused")
	}
	if c.WebhookURL != "" && c.TelegramToken == "" {
		return c, nil, errors.New("CAMPANILE_TELEGRAM_TOKEN: expected a bot token when CAMPANILE_WEBHOOK_URL is set")
	}
	if err := c.checkReports(); err != nil {
		return c, nil, err
	}
	return c, fs.Args(), nil
}

func lookup(getenv func(string) string, key string) (string, bool) {
	if getenv == nil {
		return os.LookupEnv(key)
	}
	v := getenv(key)
	return v, v != ""
}

func printUsage(w io.Writer, name string, settings []setting) {
	fmt.Fprintf(w, "Usage: campanile %s [flags]\n\nEvery flag can also be set with its environment variable.\n\n", name)
	for _, s := range settings {
		def := s.def
		if def == "" {
			def = "(empty)"
		}
		fmt.Fprintf(w, "  --%-18s %-27s default %s\n      %s\n", s.flag, s.env, def, s.help)
	}
}

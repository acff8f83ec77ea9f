package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/admin"
	"github.com/campanile/campanile/bot"
	"github.com/campanile/campanile/bot/playground"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/mailer"
	"github.com/campanile/campanile/flows/reminders"
	"github.com/campanile/campanile/flows/scheduler"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// serveCommand runs everything until ctx ends (SIGINT, SIGTERM): the web
// server first, so health checks answer while Telegram is still being
// reached, then the bot.
func serveCommand(ctx context.Context, cfg config, rest []string, stdout, stderr io.Writer) error {
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("serve takes no arguments, got %q", rest)}
	}
	logger := newLogger(cfg, stderr)
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	// The starter "Dove lo butto?" dictionary, once per database.
	if err := flows.EnsureWasteDictionary(ctx, st); err != nil {
		return err
	}
	cat, err := locales.Load()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.HTTP)
	if err != nil {
		return usageError{fmt.Sprintf("CAMPANILE_HTTP: unable to listen on %s: %v", cfg.HTTP, err)}
	}
	router := mux.NewRouter()

	telegram, err := connectTelegram(cfg, router, ln.Addr(), st, cat, logger)
	if err != nil {
		ln.Close()
		return err
	}
	defer telegram.close()
	// The staff chat is the playground's group in playground mode, where
	// the emulator also delivers updates by long polling: a webhook URL
	// names the public server, which the emulator must not call.
	cfg.StaffChatID = telegram.staffChatID
	if telegram.playground {
		cfg.WebhookURL, cfg.WebhookSecret = "", ""
	}

	engine := flows.NewEngine(flowsConfig(cfg), cat, logger.With("component", "flows"))
	// The admin's replies and status changes go through the outbox; the
	// bot, built below, wakes its sender when the admin enqueues.
	var b *bot.Bot
	adminServer := admin.New(st, cat, logger.With("component", "admin"), admin.Options{
		Issuer: cfg.Comune, Engine: engine, MediaDir: cfg.MediaDir,
		TrustedProxies: cfg.TrustedProxies, IdleTimeout: cfg.SessionIdle,
		FeedsAllowPrivate: cfg.FeedAllowPrivate, BroadcastRate: cfg.RateGlobal,
		Notify: func() {
			if b != nil {
				b.WakeSender()
			}
		},
	})
	adminServer.Register(router)
	b, err = bot.New(bot.Config{
		Token:         telegram.token,
		APIURL:        telegram.apiURL,
		WebhookURL:    cfg.WebhookURL,
		WebhookSecret: cfg.WebhookSecret,
		Sender:        bot.SenderConfig{Limits: senderLimits(cfg)},
		MediaDir:      cfg.MediaDir,
	}, st, engine, logger.With("component", "bot"))
	if err != nil {
		ln.Close()
		return err
	}
	// The evening waste reminders go to the outbox, like everything else
	// that is not a direct answer, and wake the sender.
	wasteReminders, err := reminders.New(reminders.Config{Hour: cfg.WasteReminderHour, Minute: cfg.WasteReminderMinute, Notify: b.WakeSender},
		st, engine, logger.With("component", "waste_reminders"))
	if err != nil {
		ln.Close()
		return err // parseConfig checked the time: only a program error gets here
	}
	// Scheduled posts go at their time, and the website feeds bring new
	// items in, on the comune's clock.
	posts, err := scheduler.New(scheduler.Config{FeedInterval: cfg.FeedInterval, Feeds: feedPoller(cfg, logger), Notify: b.WakeSender},
		st, engine, logger.With("component", "post_scheduler"))
	if err != nil {
		ln.Close()
		return err // parseConfig checked the interval: only a program error gets here
	}
	if cfg.WebhookURL != "" {
		u, _ := url.Parse(cfg.WebhookURL) // validated by parseConfig
		router.Handle(webhookPath(u), b.Webhook()).Methods(http.MethodPost)
	}

	srv := &http.Server{
		Handler:           router,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(telegram.release)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	announce(stdout, cfg, ln.Addr(), telegram)

	var wg sync.WaitGroup
	botCtx, stopBot := context.WithCancel(ctx)
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = b.Run(botCtx)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = adminServer.Run(botCtx)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = wasteReminders.Run(botCtx)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = posts.Run(botCtx)
	}()
	if cfg.SMTPURL != "" {
		m, err := mailer.New(mailer.Config{URL: cfg.SMTPURL, From: cfg.MailFrom}, st, logger.With("component", "mailer"))
		if err != nil {
			stopBot()
			return err // parseConfig checked it: only a program error gets here
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = m.Run(botCtx)
		}()
	}

	select {
	case <-ctx.Done():
		logger.Info("shutting down")
	case err = <-serveErr:
		logger.Error("web server stopped", "error", err)
	}
	stopBot()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if serr := srv.Shutdown(shutdownCtx); serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		logger.Warn("web server did not shut down cleanly", "error", serr)
	}
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// flowsConfig is the town hall's side of the configuration.
func flowsConfig(cfg config) flows.Config {
	return flows.Config{
		Comune:           cfg.Comune,
		PrivacyContact:   cfg.PrivacyContact,
		StaffChatID:      cfg.StaffChatID,
		AnonymousReports: cfg.AnonymousReports,
		MaxReportsPerDay: cfg.ReportsPerDay,
		ReopenWindow:     cfg.ReopenWindow,
		MailOffices:      cfg.SMTPURL != "",
		PublicURL:        cfg.PublicURL,
	}
}

// webhookPath is where the reverse proxy forwards Telegram's calls: the
// path of the public webhook URL.
func webhookPath(u *url.URL) string {
	if u.Path == "" {
		return "/"
	}
	return u.Path
}

// localURL is how this process reaches its own listener.
func localURL(addr net.Addr) string {
	host, port, _ := net.SplitHostPort(addr.String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

func announce(w io.Writer, cfg config, addr net.Addr, t telegramEndpoint) {
	base := localURL(addr)
	fmt.Fprintf(w, "Campanile for %s\n", cfg.Comune)
	fmt.Fprintf(w, "  database  %s\n", cfg.DB)
	fmt.Fprintf(w, "  health    %s/healthz\n", base)
	fmt.Fprintf(w, "  admin     %s/admin/\n", base)
	if t.demoPassword != "" {
		fmt.Fprintf(w, "            user %s, one-time password %s\n", demoUsername, t.demoPassword)
	}
	switch {
	case t.playground && t.tokenIgnore:
		fmt.Fprintf(w, "  telegram  offline emulator at %s (CAMPANILE_PLAYGROUND: the token is ignored)\n", t.apiURL)
	case t.playground:
		fmt.Fprintf(w, "  telegram  offline emulator at %s (no CAMPANILE_TELEGRAM_TOKEN set)\n", t.apiURL)
	case cfg.WebhookURL != "":
		fmt.Fprintf(w, "  telegram  webhook %s\n", cfg.WebhookURL)
	default:
		fmt.Fprintf(w, "  telegram  long polling %s\n", cfg.TelegramAPIURL)
	}
	if t.playground {
		fmt.Fprintf(w, "  playground %s%s\n", base, playground.Prefix)
	}
}

// senderLimits are Telegram's limits with the operator's overall rate.
func senderLimits(cfg config) bot.Limits {
	l := bot.DefaultLimits()
	l.Global = cfg.RateGlobal
	l.PaidBroadcast = cfg.PaidBroadcastRate
	return l
}

// feedPoller reads the registered website feeds, refusing private
// addresses unless the IT office allowed them.
func feedPoller(cfg config, logger *slog.Logger) *flows.FeedPoller {
	p := flows.NewFeedPoller(logger.With("component", "feeds"))
	p.AllowPrivate = cfg.FeedAllowPrivate
	return p
}

package main

import (
	"context"
	"log/slog"
	"net"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/bot/playground"
	"github.com/campanile/campanile/flows/demo"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// telegramEndpoint is the Bot API server the bot talks to: Telegram (or a
// self-hosted Bot API server) when a token is configured, otherwise the
// built-in emulator, reached over HTTP like the real thing so the offline
// playground runs the same code path.
type telegramEndpoint struct {
	apiURL string
	token  string
	// playground is set in playground mode; staffChatID is then the
	// staff group the playground created.
	playground  bool
	tokenIgnore bool
	staffChatID int64
	// demoPassword is the playground's admin one-time password.
	demoPassword string
	close        func()
	// release ends the playground's long polls, at the start of the web
	// server's shutdown, which would otherwise wait for them.
	release func()
}

// emulatorPrefix is where the built-in emulator answers in playground mode.
const emulatorPrefix = "/emulator"

func connectTelegram(cfg config, router *mux.Router, addr net.Addr, st *store.Store, cat *locales.Catalog, logger *slog.Logger) (telegramEndpoint, error) {
	if !cfg.playgroundMode() {
		return telegramEndpoint{apiURL: cfg.TelegramAPIURL, token: cfg.TelegramToken, staffChatID: cfg.StaffChatID, close: func() {}, release: func() {}}, nil
	}
	// A playground shows a comune at work: its map and a few reports.
	// The demo reports belong to demo citizens other than the last one, who
	// is left with a clean history for a visitor to file their first.
	var authors []demo.Author
	people := playground.DefaultCitizens()
	for _, p := range people[:len(people)-1] {
		authors = append(authors, demo.Author{UserID: p.ID, FirstName: p.FirstName, Lang: p.Lang})
	}
	if err := demo.Seed(context.Background(), st, authors...); err != nil {
		return telegramEndpoint{}, err
	}
	password, err := demoAccount(context.Background(), st)
	if err != nil {
		return telegramEndpoint{}, err
	}
	// The emulator is new at every start, the database is not: its update
	// ids must continue where the stored ones stopped, or the bot would
	// take the first new ones for updates it has already seen.
	last, err := st.LastUpdateID(context.Background())
	if err != nil {
		return telegramEndpoint{}, err
	}
	emu := emulator.New(emulator.Options{
		BotName:       cfg.Comune,
		Logger:        logger.With("component", "emulator"),
		FirstUpdateID: last + 1,
	})
	router.PathPrefix(emulatorPrefix + "/").Handler(http.StripPrefix(emulatorPrefix, emu))
	pg := playground.New(emu, playground.Config{
		Comune:       cfg.Comune,
		StaffGroupID: cfg.StaffChatID, // 0: the playground's own default
		Map:          zoneMap(st),
	}, cat, logger.With("component", "playground"))
	pg.Register(router)
	return telegramEndpoint{
		apiURL:       localURL(addr) + emulatorPrefix,
		token:        emu.Token(),
		playground:   true,
		tokenIgnore:  cfg.TelegramToken != "",
		staffChatID:  pg.StaffGroupID(),
		demoPassword: password,
		close:        emu.Close,
		release:      pg.Close,
	}, nil
}

package main

import (
	"log/slog"
	"net"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/bot/emulator"
)

// telegramEndpoint is the Bot API server the bot talks to: Telegram (or a
// self-hosted Bot API server) when a token is configured, otherwise the
// built-in emulator, reached over HTTP like the real thing so the offline
// playground runs the same code path.
type telegramEndpoint struct {
	apiURL     string
	token      string
	playground bool
	close      func()
}

// emulatorPrefix is where the built-in emulator answers in playground mode.
const emulatorPrefix = "/emulator"

func connectTelegram(cfg config, router *mux.Router, addr net.Addr, logger *slog.Logger) (telegramEndpoint, error) {
	if cfg.TelegramToken != "" {
		return telegramEndpoint{apiURL: cfg.TelegramAPIURL, token: cfg.TelegramToken, close: func() {}}, nil
	}
	emu := emulator.New(emulator.Options{
		BotName: cfg.Comune,
		Logger:  logger.With("component", "emulator"),
	})
	router.PathPrefix(emulatorPrefix + "/").Handler(http.StripPrefix(emulatorPrefix, emu))
	return telegramEndpoint{
		apiURL:     localURL(addr) + emulatorPrefix,
		token:      emu.Token(),
		playground: true,
		close:      emu.Close,
	}, nil
}

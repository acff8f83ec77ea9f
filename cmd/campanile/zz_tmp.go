package main

import (
	"errors"
	"log/slog"
	"net"

	"github.com/gorilla/mux"
)

type telegramEndpoint struct {
	apiURL, token string
	playground    bool
	close         func()
}

func connectTelegram(cfg config, router *mux.Router, addr net.Addr, logger *slog.Logger) (telegramEndpoint, error) {
	return telegramEndpoint{}, errors.New("tmp")
}

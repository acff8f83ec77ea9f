// Package admin is Campanile's web side: the staff admin, health checks
// and, later, public feeds. It never imports bot: what it wants to tell a
// citizen goes through flows and the store's outbox.
package admin

import (
	"log/slog"
	"net/netip"
	"time"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/admin/auth"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// Options are the admin's settings; the zero value is a sound default.
type Options struct {
	// TrustedProxies are the reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto are believed. Nil means loopback only (a proxy on
	// the same VM); an empty, non-nil slice trusts none.
	TrustedProxies []netip.Prefix
	// Issuer names the comune in authenticator apps ("Comune di ...").
	Issuer string
	// Password is argon2id's cost; zero means auth.DefaultParams.
	Password auth.Params
	// IdleTimeout and SessionLifetime bound a session: 8 hours without a
	// request, 7 days in all, unless set.
	IdleTimeout     time.Duration
	SessionLifetime time.Duration
	// Engine decides what a clerk's action on a report means (the same
	// road as the staff group); nil leaves the report actions answering
	// with an error.
	Engine *flows.Engine
	// MediaDir is the folder of the reports' photos (store.WriteMedia).
	MediaDir string
	// Notify, when set, is called after a commit that enqueued messages,
	// so the sender does not wait for its next poll to deliver them.
	Notify func()
	// FeedsAllowPrivate lets staff register feeds in private or local
	// networks (CAMPANILE_FEED_ALLOW_PRIVATE); off, they are refused.
	FeedsAllowPrivate bool
	// BroadcastRate is the sender's messages per second, to tell how long
	// a broadcast has left; zero means the default 25.
	BroadcastRate float64
}

// Throttling: a username is refused after this many failures within the
// window (since its last success), an IP after ipMaxFailures.
const (
	userMaxFailures = 5
	ipMaxFailures   = 20
	throttleWindow  = 15 * time.Minute
)

// Server holds what the handlers share.
type Server struct {
	st    *store.Store
	cat   *locales.Catalog
	log   *slog.Logger
	opt   Options
	views *views
	// secrets hold one-time passwords between an admin's form and the
	// page that shows them once (staff_secrets.go).
	secrets *oneTimeSecrets
}

// New builds the admin's handler tree. It parses the embedded templates
// now, so a broken one stops start-up instead of a clerk's request.
func New(st *store.Store, cat *locales.Catalog, logger *slog.Logger, opt Options) *Server {
	if opt.TrustedProxies == nil {
		opt.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	}
	if opt.Issuer == "" {
		opt.Issuer = "Campanile"
	}
	if opt.Password == (auth.Params{}) {
		opt.Password = auth.DefaultParams
	}
	if opt.IdleTimeout == 0 {
		opt.IdleTimeout = 8 * time.Hour
	}
	if opt.SessionLifetime == 0 {
		opt.SessionLifetime = 7 * 24 * time.Hour
	}
	return &Server{st: st, cat: cat, log: logger, opt: opt, views: mustParseViews(), secrets: newOneTimeSecrets()}
}

// Register adds every admin route to r.
func (s *Server) Register(r *mux.Router) {
	registerRoutes(r, s)
}

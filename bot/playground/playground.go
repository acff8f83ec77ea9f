// Package playground is the offline playground: a web page that looks and
// behaves like Telegram, where a visitor plays demo citizens and staff
// members against the real bot, which talks to the built-in Bot API
// emulator exactly as it talks to Telegram. The page drives the emulator's
// people; nothing here knows about the bot's flows or its database.
package playground

import (
	"html/template"
	"log/slog"
	"sync"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/locales"
)

// Playground serves the page, its assets and its JSON API.
type Playground struct {
	emu     *emulator.Server
	cfg     Config
	cat     *locales.Catalog
	log     *slog.Logger
	page    *template.Template
	samples []sample
	chats   map[int64]*chatRef
	order   []int64 // chat ids as the page lists them
	groupID int64

	// done is closed by Close, ending the events long polls: a waiting
	// poll would otherwise hold the web server's graceful shutdown.
	done      chan struct{}
	closeOnce sync.Once
}

// chatRef is one chat the visitor can open.
type chatRef struct {
	id     int64
	person Person           // the citizen, in a private chat
	user   *emulator.User   // the citizen, in a private chat
	group  *emulator.Group  // the staff group
	staff  []*emulator.User // who may write in the group, in cfg.Staff order
}

func (c *chatRef) isGroup() bool { return c.group != nil }

// New creates the demo people and the staff group in emu, and prepares
// the page. Templates and sample photos are built here, so that a broken
// asset stops start-up instead of a visitor's request.
func New(emu *emulator.Server, cfg Config, cat *locales.Catalog, logger *slog.Logger) *Playground {
	cfg = cfg.withDefaults(logger)
	p := &Playground{
		emu:     emu,
		cfg:     cfg,
		cat:     cat,
		log:     logger,
		page:    mustParsePage(),
		samples: mustBuildSamples(),
		chats:   map[int64]*chatRef{},
		done:    make(chan struct{}),
	}
	for _, c := range cfg.Citizens {
		u := emu.User(c.ID, c.FirstName, c.Lang)
		p.add(&chatRef{id: u.ID(), person: c, user: u})
	}
	// Staff never wrote to the bot privately: to the emulator they are
	// people the bot knows only from the group.
	g := &chatRef{}
	for _, s := range cfg.Staff {
		g.staff = append(g.staff, emu.NewStranger(s.ID, s.FirstName, s.Lang))
	}
	title := cat.T(locales.Source, "playground.group_title", map[string]any{"Comune": cfg.Comune})
	if cfg.StaffGroupID <= -1_000_000_000_000 {
		g.group = emu.Supergroup(cfg.StaffGroupID, title)
	} else {
		g.group = emu.Group(cfg.StaffGroupID, title)
	}
	g.id = g.group.ID()
	p.groupID = g.id
	p.add(g)
	return p
}

func (p *Playground) add(c *chatRef) {
	p.chats[c.id] = c
	p.order = append(p.order, c.id)
}

// StaffGroupID is the staff group's chat id, for the bot's configuration.
func (p *Playground) StaffGroupID() int64 { return p.groupID }

// Close answers the waiting long polls at once and makes new ones
// return without waiting. Call it when the web server shuts down.
func (p *Playground) Close() { p.closeOnce.Do(func() { close(p.done) }) }

// Register mounts the page and its API under /playground.
func (p *Playground) Register(r *mux.Router) {
	registerRoutes(r.PathPrefix(Prefix).Subrouter(), p)
}

// Prefix is where the playground lives on the web server.
const Prefix = "/playground"

// personName is the page's name for a demo person, or "" for anyone else.
func (p *Playground) personName(id int64) string {
	for _, list := range [][]Person{p.cfg.Citizens, p.cfg.Staff} {
		for _, person := range list {
			if person.ID == id {
				return person.Name
			}
		}
	}
	return ""
}

// Package admin is Campanile's web side: the staff admin, health checks
// and, later, public feeds. It never imports bot: what it wants to tell a
// citizen goes through flows and the store's outbox.
package admin

import (
	"log/slog"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/store"
)

// Server holds what the handlers share.
type Server struct {
	st  *store.Store
	log *slog.Logger
}

// New builds the admin's handler tree.
func New(st *store.Store, logger *slog.Logger) *Server {
	return &Server{st: st, log: logger}
}

// Register adds every admin route to r.
func (s *Server) Register(r *mux.Router) {
	registerRoutes(r, s)
}

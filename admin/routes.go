package admin

import (
	"net/http"

	"github.com/gorilla/mux"
)

// registerRoutes is the one place that lists every route of the web side.
func registerRoutes(r *mux.Router, s *Server) {
	r.HandleFunc("/healthz", s.health).Methods(http.MethodGet, http.MethodHead)
}

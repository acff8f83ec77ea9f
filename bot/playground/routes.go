package playground

import (
	"net/http"

	"github.com/gorilla/mux"
)

const (
	typeJSON      = "application/json"
	typeMultipart = "multipart/form-data"
)

// registerRoutes is the one place that lists every route of the
// playground; r is already under Prefix.
func registerRoutes(r *mux.Router, p *Playground) {
	get := []string{http.MethodGet, http.MethodHead}
	r.HandleFunc("", p.pageHandler).Methods(get...)
	r.HandleFunc("/", p.pageHandler).Methods(get...)
	r.HandleFunc("/assets/{name}", p.assetHandler).Methods(get...)
	r.HandleFunc("/files/{file_id}", p.fileHandler).Methods(get...)
	r.HandleFunc("/samples/{name}", p.sampleHandler).Methods(get...)

	api := r.PathPrefix("/api").Subrouter()
	apiGet := func(path string, h http.HandlerFunc) {
		api.HandleFunc(path, h).Methods(get...)
		api.Handle(path, methodNotAllowed("GET, HEAD"))
	}
	apiPost := func(path string, ctype string, h http.HandlerFunc) {
		api.Handle(path, sameOrigin(ctype)(h)).Methods(http.MethodPost)
		api.Handle(path, methodNotAllowed("POST"))
	}
	apiGet("/chats", p.apiChats)
	apiGet("/chats/{id}/messages", p.apiMessages)
	apiGet("/events", p.apiEvents)
	apiPost("/chats/{id}/text", typeJSON, p.apiText)
	apiPost("/chats/{id}/location", typeJSON, p.apiLocation)
	apiPost("/chats/{id}/contact", typeJSON, p.apiContact)
	apiPost("/chats/{id}/press", typeJSON, p.apiPress)
	apiPost("/chats/{id}/photo", typeMultipart, p.apiPhoto)
	api.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, notFound("not_found", "no such playground API endpoint"))
	})
}

// methodNotAllowed answers a known path asked with the wrong method. It
// is registered after each route rather than as the subrouter's
// MethodNotAllowedHandler, which gorilla/mux forgets when a later route
// of the same subrouter is tried.
func methodNotAllowed(allow string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, &apiError{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Message: "this endpoint takes " + allow})
	})
}

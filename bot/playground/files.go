package playground

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
)

// fileHandler serves a file sent in a chat, by file_id. Images show in
// the page; anything else (a document the bot sent) downloads, and is
// sandboxed either way: a file is data, never a page of this origin.
func (p *Playground) fileHandler(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["file_id"]
	data, ok := p.emu.File(id)
	if !ok {
		http.NotFound(w, r)
		return
	}
	ctype := http.DetectContentType(data)
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, max-age=3600")
	switch ctype {
	case "image/jpeg", "image/png", "image/gif", "image/webp":
	default:
		if name := r.URL.Query().Get("name"); name != "" {
			h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		} else {
			h.Set("Content-Disposition", "attachment")
		}
		if strings.HasPrefix(ctype, "text/html") {
			ctype = "text/plain; charset=utf-8"
		}
	}
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}

// sampleHandler serves a sample photo, for the picker's thumbnails.
func (p *Playground) sampleHandler(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(mux.Vars(r)["name"], ".jpg")
	s, found := p.sample(name)
	if !ok || !found {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(s.data)
}

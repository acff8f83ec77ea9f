package admin

import (
	"errors"
	"io/fs"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/store"
)

// reportPhoto serves a report's nth photo from our media folder. Office
// emails link here, so a clerk must sign in to see it; the file's name is
// the hash the store recorded, never anything from the URL.
func (s *Server) reportPhoto() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := reportIDOf(r)
		n, err := strconv.Atoi(mux.Vars(r)["n"])
		if !ok || err != nil || n < 1 {
			http.NotFound(w, r)
			return
		}
		// Out of the clerk's scope, a photo is as missing as an unknown one.
		_, err = s.visibleReport(r, id)
		if errors.Is(err, store.ErrNotFound) {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		photos, err := s.st.ReportPhotos(r.Context(), id)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if n > len(photos) || photos[n-1].SHA256 == "" {
			http.NotFound(w, r) // not fetched from Telegram (yet)
			return
		}
		f, ctype, err := store.OpenMedia(s.opt.MediaDir, photos[n-1].SHA256)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, store.ErrBadMediaName) {
			s.log.Warn("report photo missing from the media folder", "report_id", id, "position", n)
			http.NotFound(w, r)
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		defer f.Close()
		var mod time.Time
		if info, err := f.Stat(); err == nil {
			mod = info.ModTime()
		}
		h := w.Header()
		h.Set("Content-Type", ctype)
		// The content never changes under its hash, but it is a citizen's
		// photo: browsers may keep it, shared caches may not.
		h.Set("Cache-Control", "private, max-age=86400")
		h.Set("X-Content-Type-Options", "nosniff")
		http.ServeContent(w, r, "", mod, f)
	}
}

package admin

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/campanile/campanile/store"
)

// maxPostMediaBytes bounds a post's photo or PDF: Telegram takes photos up
// to 10 MB, and a notice's PDF is rarely larger.
const maxPostMediaBytes = 10 << 20

var (
	errMediaTooBig = errors.New("admin: post file too large")
	errMediaKind   = errors.New("admin: post file neither JPEG, PNG nor PDF")
)

// postUpload is a file chosen in the form, checked but not yet stored.
type postUpload struct {
	data            []byte
	ext, kind, name string
}

// readPostMedia returns the chosen file, or nil when none was chosen. Its
// kind is read from its bytes, not from its name.
func readPostMedia(r *http.Request) (*postUpload, error) {
	f, hdr, err := r.FormFile("media")
	if err != nil {
		// No file, or a form sent without files at all.
		return nil, nil
	}
	defer f.Close()
	if hdr.Size > maxPostMediaBytes {
		return nil, errMediaTooBig
	}
	data, err := io.ReadAll(io.LimitReader(f, maxPostMediaBytes+1))
	if err != nil {
		return nil, fmt.Errorf("admin: unable to read the uploaded post file: %w", err)
	}
	if len(data) > maxPostMediaBytes {
		return nil, errMediaTooBig
	}
	if len(data) == 0 {
		return nil, nil
	}
	u := &postUpload{data: data, name: uploadName(hdr.Filename)}
	switch http.DetectContentType(data) {
	case "image/jpeg":
		u.ext, u.kind = "jpg", "photo"
	case "image/png":
		u.ext, u.kind = "png", "photo"
	case "application/pdf":
		u.ext, u.kind = "pdf", "document"
	default:
		return nil, errMediaKind
	}
	return u, nil
}

// uploadName keeps the file's own name (citizens see it on a PDF),
// without any folder and at most 100 characters.
func uploadName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" {
		return ""
	}
	for utf8.RuneCountInString(name) > 100 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

// store writes the file into the media folder and sets it on the post.
func (u *postUpload) store(dir string, p *store.Post) error {
	_, rel, err := store.WriteMedia(dir, u.data, u.ext)
	if err != nil {
		return err
	}
	p.MediaPath, p.MediaKind, p.MediaName = filepath.ToSlash(rel), u.kind, u.name
	return nil
}

var mediaContentTypes = map[string]string{".jpg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}

// postMedia serves a post's photo or PDF to staff, for the preview. The
// path comes from the database, and is checked as a store-made one all the
// same: "<2 hex>/<sha256>.<ext>".
func (s *Server) postMedia() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		post, ok := s.loadPost(w, r)
		if !ok {
			return
		}
		ext := path.Ext(post.MediaPath)
		sum := strings.TrimSuffix(path.Base(post.MediaPath), ext)
		ctype, known := mediaContentTypes[ext]
		if post.MediaPath == "" || !known || !store.ValidSHA256(sum) {
			http.NotFound(w, r)
			return
		}
		f, err := os.Open(filepath.Join(s.opt.MediaDir, store.MediaRelPath(sum, ext[1:])))
		if errors.Is(err, os.ErrNotExist) {
			s.log.Warn("post file missing from the media folder", "post_id", post.ID)
			http.NotFound(w, r)
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		defer f.Close()
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "private, max-age=3600")
		http.ServeContent(w, r, "", time.Time{}, f)
	}
}

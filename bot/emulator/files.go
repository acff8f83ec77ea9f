package emulator

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig learns JPEG
	_ "image/png"  // and PNG, the photos people send
	"mime"
	"net/http"
	"path"
	"strings"
)

// storedFile is a file the server knows: uploaded by the bot, sent by a
// person through the driver, or only named by URL (no bytes then).
type storedFile struct {
	id, uniqueID string
	kind         string // "photo", "document", "sticker", "voice"
	path         string
	data         []byte
	name, mime   string
	url          string
	width        int
	height       int
	// photo is the size set this file belongs to, so that re-sending any
	// size by file_id gives the whole set back.
	photo []PhotoSize
}

const maxDownloadBytes = 20 << 20 // getFile serves files up to 20 MB

// Prefixes look like real file ids, and differ per kind as real ones do.
var fileIDPrefix = map[string]string{"photo": "AgACAgQAAxkBAAI", "document": "BQACAgQAAxkBAAI", "sticker": "CAACAgQAAxkBAAI", "voice": "AwACAgQAAxkBAAI"}

func (s *Server) newFileLocked(kind string, data []byte, name, mimeType, ext string) *storedFile {
	s.fileSeq++
	n := s.fileSeq
	f := &storedFile{
		id:       fmt.Sprintf("%s%06X_%s", fileIDPrefix[kind], n, "emulated"),
		uniqueID: fmt.Sprintf("AQAD%06X", n),
		kind:     kind, data: data, name: name, mime: mimeType,
		path: fmt.Sprintf("%ss/file_%d%s", kind, n, ext),
	}
	s.files[f.id] = f
	s.filePaths[f.path] = f
	return f
}

// newPhotoLocked stores a photo and returns its sizes, smallest first,
// like Telegram's thumbnails: 90 and 320 pixels on the long side, then
// the original (capped at 1280). Every size downloads as the original.
func (s *Server) newPhotoLocked(data []byte, url string) []PhotoSize {
	w, h := 640, 480
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && cfg.Width > 0 && cfg.Height > 0 {
		w, h = cfg.Width, cfg.Height
	}
	var sizes []PhotoSize
	var files []*storedFile
	for _, side := range []int{90, 320, 1280} {
		sw, sh := scale(w, h, side)
		if len(sizes) > 0 && sw == sizes[len(sizes)-1].Width && sh == sizes[len(sizes)-1].Height {
			continue
		}
		f := s.newFileLocked("photo", data, "", "image/jpeg", ".jpg")
		f.url, f.width, f.height = url, sw, sh
		approx := len(data)
		if w*h > 0 {
			approx = int(float64(len(data)) * float64(sw*sh) / float64(w*h))
		}
		sizes = append(sizes, PhotoSize{FileID: f.id, FileUniqueID: f.uniqueID, Width: sw, Height: sh, FileSize: max(approx, 1)})
		files = append(files, f)
		if sw == w && sh == h {
			break // no upscaling past the original
		}
	}
	for _, f := range files {
		f.photo = sizes
	}
	return sizes
}

// scale fits w x h within side on the long edge, never enlarging.
func scale(w, h, side int) (int, int) {
	long := max(w, h)
	if long <= side {
		return w, h
	}
	return max(1, w*side/long), max(1, h*side/long)
}

// inputFileLocked resolves a photo/document parameter: an uploaded part
// named like the field, or a string (see resolveInputLocked).
func (s *Server) inputFileLocked(c *call, field string) (input, *apiError) {
	if u, ok := c.p.files[field]; ok {
		return input{upload: u}, nil
	}
	v := strings.TrimSpace(c.str(field))
	if v == "" {
		return input{}, badRequest("there is no %s in the request", field)
	}
	return s.resolveInputLocked(c, v)
}

// input is a file named in a request: exactly one field is set.
type input struct {
	upload *upload
	known  *storedFile
	url    string
}

// resolveInputLocked reads "attach://<part>", an http(s) URL or a known
// file_id.
func (s *Server) resolveInputLocked(c *call, v string) (input, *apiError) {
	switch {
	case strings.HasPrefix(v, "attach://"):
		if u, ok := c.p.files[strings.TrimPrefix(v, "attach://")]; ok {
			return input{upload: u}, nil
		}
	case strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://"):
		return input{url: v}, nil
	default:
		if f, ok := s.files[v]; ok {
			return input{known: f}, nil
		}
	}
	return input{}, badRequest("wrong file identifier/HTTP URL specified")
}

// photoLocked turns an input into the sizes of a stored photo.
func (s *Server) photoLocked(in input) ([]PhotoSize, *apiError) {
	switch {
	case in.upload != nil:
		return s.newPhotoLocked(in.upload.data, ""), nil
	case in.known != nil:
		if in.known.kind != "photo" {
			return nil, badRequest("can't use file of type %s as Photo", kindTitle(in.known.kind))
		}
		return in.known.photo, nil
	}
	return s.newPhotoLocked(nil, in.url), nil
}

// documentLocked turns an input into a stored document.
func (s *Server) documentLocked(in input) (*Document, *apiError) {
	var f *storedFile
	switch {
	case in.upload != nil:
		name := in.upload.filename
		mt := in.upload.contentType
		if mt == "" || mt == "application/octet-stream" {
			if byExt := mime.TypeByExtension(path.Ext(name)); byExt != "" {
				mt = byExt
			} else {
				mt = http.DetectContentType(in.upload.data)
			}
		}
		mt, _, _ = strings.Cut(mt, ";")
		f = s.newFileLocked("document", in.upload.data, name, mt, path.Ext(name))
	case in.known != nil:
		if in.known.kind != "document" {
			return nil, badRequest("can't use file of type %s as Document", kindTitle(in.known.kind))
		}
		f = in.known
	default:
		name := path.Base(in.url)
		f = s.newFileLocked("document", nil, name, mime.TypeByExtension(path.Ext(name)), path.Ext(name))
		f.url = in.url
	}
	return &Document{FileID: f.id, FileUniqueID: f.uniqueID, FileName: f.name, MimeType: f.mime, FileSize: len(f.data)}, nil
}

func kindTitle(kind string) string {
	if kind == "" {
		return "Unknown"
	}
	return strings.ToUpper(kind[:1]) + kind[1:]
}

type wireFile struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int    `json:"file_size,omitempty"`
	FilePath     string `json:"file_path,omitempty"`
}

func (s *Server) getFile(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[strings.TrimSpace(c.str("file_id"))]
	if !ok {
		return nil, badRequest("invalid file_id")
	}
	if len(f.data) > maxDownloadBytes {
		return nil, badRequest("file is too big")
	}
	return wireFile{FileID: f.id, FileUniqueID: f.uniqueID, FileSize: len(f.data), FilePath: f.path}, nil
}

// serveFile answers /file/bot<token>/<file_path> with the bytes.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	token, filePath, _ := strings.Cut(rest, "/")
	s.mu.Lock()
	down := s.down
	f, ok := s.filePaths[filePath]
	s.mu.Unlock()
	switch {
	case down:
		writeBadGateway(w)
	case token != s.opts.Token:
		writeError(w, errUnauthorized)
	case !ok || f.data == nil:
		writeError(w, errNotFound)
	default:
		ct := f.mime
		if ct == "" {
			ct = mime.TypeByExtension(path.Ext(f.path))
		}
		if ct == "" {
			ct = http.DetectContentType(f.data)
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			_, _ = w.Write(f.data)
		}
	}
}

// File returns the bytes of a file by file_id: uploaded by the bot or
// sent by a person.
func (s *Server) File(fileID string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[fileID]
	if !ok || f.data == nil {
		return nil, false
	}
	return f.data, true
}

// FileURL is where a file downloads from, under Options.FileBaseURL.
func (s *Server) FileURL(fileID string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[fileID]
	if !ok {
		return "", false
	}
	return s.opts.FileBaseURL + "/file/bot" + s.opts.Token + "/" + f.path, true
}

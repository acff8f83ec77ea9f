package playground

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg" // uploads may be JPEG
	_ "image/png"  // or PNG
	"io"
	"net/http"
	"strconv"

	"github.com/campanile/campanile/bot/emulator"
)

const (
	maxUploadBytes = 10 << 20
	// maxPixels refuses an image that is small as a file but huge once
	// decoded (a "decompression bomb"): 50 megapixels is more than any
	// phone camera takes.
	maxPixels = 50_000_000
)

// apiPhoto sends a photo, a sample or the visitor's own file, with an
// optional caption; in the staff group it may answer a message.
func (p *Playground) apiPhoto(w http.ResponseWriter, r *http.Request) {
	c, e := p.chatOf(r)
	if e != nil {
		writeError(w, e)
		return
	}
	// The form's text fields are small; the whole body is the file plus
	// a little.
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes+64<<10)
	if err := r.ParseMultipartForm(maxUploadBytes + 64<<10); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, &apiError{Status: http.StatusRequestEntityTooLarge, Code: "file_too_large", Message: "the photo is larger than 10 MB"})
			return
		}
		writeError(w, badRequest("bad_form", "the body is not the multipart form expected: %v", err))
		return
	}
	defer r.MultipartForm.RemoveAll()
	caption := r.PostFormValue("caption")
	if e := checkText(caption, maxCaptionLen, false); e != nil {
		writeError(w, e)
		return
	}
	from, e := c.author(r.PostFormValue("as"))
	if e != nil {
		writeError(w, e)
		return
	}
	data, e := p.photoData(r)
	if e != nil {
		writeError(w, e)
		return
	}
	var m emulator.Message
	switch replyTo := r.PostFormValue("reply_to"); {
	case replyTo != "" && !c.isGroup():
		writeError(w, badRequest("reply_unsupported", "photos answer messages only in the staff group"))
		return
	case replyTo != "":
		id, err := strconv.Atoi(replyTo)
		if err != nil {
			writeError(w, badRequest("bad_reply_to", "reply_to must be a message id"))
			return
		}
		to, e := p.message(c, id)
		if e != nil {
			writeError(w, e)
			return
		}
		m = c.group.ReplyPhoto(from, to, data, caption)
	case c.isGroup():
		m = c.group.SendPhoto(from, data, caption)
	default:
		m = from.SendPhoto(data, caption)
	}
	p.log.Debug("playground photo", "chat_id", c.id, "user_id", from.ID(), "message_id", m.ID, "bytes", len(data))
	writeJSON(w, http.StatusOK, map[string]any{"message": p.view(m)})
}

// photoData is the sample named in the form, or the uploaded file once it
// proved to be a JPEG or PNG image of sensible size.
func (p *Playground) photoData(r *http.Request) ([]byte, *apiError) {
	name := r.PostFormValue("sample")
	f, hdr, err := r.FormFile("file")
	switch {
	case name != "" && err == nil:
		f.Close()
		return nil, badRequest("bad_form", "send either a sample or a file, not both")
	case name != "":
		s, ok := p.sample(name)
		if !ok {
			return nil, notFound("unknown_sample", "no sample photo %q", name)
		}
		return s.data, nil
	case err != nil:
		return nil, badRequest("no_photo", "the form has neither a sample nor a file")
	}
	defer f.Close()
	if hdr.Size > maxUploadBytes {
		return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Code: "file_too_large", Message: "the photo is larger than 10 MB"}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxUploadBytes+1))
	if err != nil {
		return nil, badRequest("bad_form", "unable to read the file: %v", err)
	}
	if len(data) > maxUploadBytes {
		return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Code: "file_too_large", Message: "the photo is larger than 10 MB"}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png") {
		return nil, badRequest("bad_image", "the file is not a JPEG or PNG image")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return nil, badRequest("bad_image", "the image is %dx%d pixels; at most %d megapixels", cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	// A header that decodes is not yet an image: a truncated or corrupt
	// file would show as a broken picture in every chat it reaches.
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return nil, badRequest("bad_image", "the image does not decode: %v", err)
	}
	return data, nil
}

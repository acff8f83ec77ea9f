package emulator

import (
	"encoding/json"
	"strconv"
	"strings"
)

func (s *Server) sendPhoto(c *call) (any, *apiError) {
	return s.sendFile(c, "photo")
}

func (s *Server) sendDocument(c *call) (any, *apiError) {
	return s.sendFile(c, "document")
}

// sendFile is sendPhoto and sendDocument: a file with a caption.
func (s *Server) sendFile(c *call, kind string) (any, *apiError) {
	f, e := parseFormatted(c, "caption", "parse_mode", "caption_entities")
	if e != nil {
		return nil, e
	}
	if e := checkCaption(f); e != nil {
		return nil, e
	}
	mk, e := parseMarkup(c.str("reply_markup"))
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// The chat is checked before the file is stored, so that sends to a
	// blocked user or a dead chat do not keep copies of the upload.
	if _, e := s.writableChatLocked(c, "chat_id"); e != nil {
		return nil, e
	}
	in, e := s.inputFileLocked(c, kind)
	if e != nil {
		return nil, e
	}
	m := s.botMessageLocked(c)
	if kind == "photo" {
		m.Photo, e = s.photoLocked(in)
	} else {
		m.Document, e = s.documentLocked(in)
	}
	if e != nil {
		return nil, e
	}
	m.Caption, m.CaptionEntities, m.RawText, m.ParseMode = f.plain, f.entities, f.raw, f.mode
	return s.sendOneLocked(c, m, mk)
}

// inputMedia is one item of sendMediaGroup's media.
type inputMedia struct {
	Type            string   `json:"type"`
	Media           string   `json:"media"`
	Caption         string   `json:"caption"`
	ParseMode       string   `json:"parse_mode"`
	CaptionEntities []Entity `json:"caption_entities"`
}

func (s *Server) sendMediaGroup(c *call) (any, *apiError) {
	var items []inputMedia
	if _, e := c.json("media", &items, "can't parse media JSON object"); e != nil {
		return nil, e
	}
	if len(items) < 2 || len(items) > 10 {
		return nil, badRequest("media must include 2-10 items")
	}
	captions := make([]formatted, len(items))
	docs := 0
	for i, it := range items {
		switch it.Type {
		case "photo":
		case "document":
			docs++
		default:
			return nil, badRequest("media type %q is not supported by the emulator", it.Type)
		}
		f, e := itemCaption(it)
		if e != nil {
			return nil, e
		}
		captions[i] = f
	}
	if docs != 0 && docs != len(items) {
		return nil, badRequest("documents can be grouped only with other documents")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, e := replyOf(c)
	if e != nil {
		return nil, e
	}
	ch, e := s.writableChatLocked(c, "chat_id")
	if e != nil {
		return nil, e
	}
	inputs := make([]input, len(items))
	for i, it := range items {
		if inputs[i], e = s.resolveInputLocked(c, strings.TrimSpace(it.Media)); e != nil {
			return nil, e
		}
	}
	s.albumSeq++
	group := strconv.FormatInt(13000000000000000+s.albumSeq, 10)
	msgs := make([]*Message, len(items))
	for i, it := range items {
		m := s.botMessageLocked(c)
		m.MediaGroupID = group
		if it.Type == "photo" {
			m.Photo, e = s.photoLocked(inputs[i])
		} else {
			m.Document, e = s.documentLocked(inputs[i])
		}
		if e != nil {
			return nil, e
		}
		f := captions[i]
		m.Caption, m.CaptionEntities, m.RawText, m.ParseMode = f.plain, f.entities, f.raw, f.mode
		msgs[i] = m
	}
	if _, e := s.commitLocked(ch, r, msgs...); e != nil {
		return nil, e
	}
	out := make([]wireMessage, len(msgs))
	for i, m := range msgs {
		out[i] = s.wireLocked(m, 0)
	}
	return out, nil
}

// itemCaption parses one album item's caption with its own parse_mode.
func itemCaption(it inputMedia) (formatted, *apiError) {
	vals := map[string]string{"caption": it.Caption, "parse_mode": it.ParseMode}
	if len(it.CaptionEntities) > 0 {
		raw, _ := json.Marshal(it.CaptionEntities)
		vals["caption_entities"] = string(raw)
	}
	f, e := parseFormatted(&call{p: &params{values: vals}}, "caption", "parse_mode", "caption_entities")
	if e != nil {
		return f, e
	}
	return f, checkCaption(f)
}

package playground

import (
	"net/url"

	"github.com/campanile/campanile/bot/emulator"
)

// messageView is a message as the page draws it. Text arrives as safe
// HTML (emulator.RenderHTML escapes everything and keeps only known
// formatting), so the script can insert it without building markup from
// untrusted strings.
type messageView struct {
	ID        int       `json:"id"`
	ChatID    int64     `json:"chat_id"`
	FromBot   bool      `json:"from_bot"`
	From      *fromView `json:"from,omitempty"`
	Date      int64     `json:"date"`
	HTML      string    `json:"html,omitempty"`
	Plain     string    `json:"plain,omitempty"` // for previews and reply quotes
	ReplyToID int       `json:"reply_to_id,omitempty"`
	Forwarded bool      `json:"forwarded,omitempty"`
	Edited    bool      `json:"edited,omitempty"`
	Service   bool      `json:"service,omitempty"`

	Photo    *fileView     `json:"photo,omitempty"`
	Document *fileView     `json:"document,omitempty"`
	Location *locationView `json:"location,omitempty"`
	Sticker  string        `json:"sticker,omitempty"` // its emoji
	Voice    bool          `json:"voice,omitempty"`
	Contact  *contactView  `json:"contact,omitempty"`

	Inline         [][]inlineButtonView `json:"inline_keyboard,omitempty"`
	ReplyKeyboard  [][]keyButtonView    `json:"reply_keyboard,omitempty"`
	OneTime        bool                 `json:"one_time,omitempty"`
	Placeholder    string               `json:"placeholder,omitempty"`
	RemoveKeyboard bool                 `json:"remove_keyboard,omitempty"`
}

type fromView struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type fileView struct {
	URL    string `json:"url"`
	Name   string `json:"name,omitempty"`
	Size   int    `json:"size,omitempty"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
}

type locationView struct {
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Title   string  `json:"title,omitempty"`
	Address string  `json:"address,omitempty"`
}

type contactView struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
}

// inlineButtonView is a button under a message. Kind is "callback" (the
// page presses it through the API), "url" (a link) or the Bot API's name
// of an action the playground cannot perform (shown, but disabled).
type inlineButtonView struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

type keyButtonView struct {
	Text            string `json:"text"`
	RequestLocation bool   `json:"request_location,omitempty"`
	RequestContact  bool   `json:"request_contact,omitempty"`
}

func (p *Playground) view(m emulator.Message) messageView {
	v := messageView{
		ID: m.ID, ChatID: m.ChatID, FromBot: m.FromBot, Date: m.Date.Unix(),
		ReplyToID: m.ReplyToID, Forwarded: m.ForwardFromChatID != 0, Edited: m.Edited,
		Service: m.MigrateToChatID != 0 || m.MigrateFromChatID != 0,
		OneTime: m.KeyboardOneTime, Placeholder: m.KeyboardPlaceholder, RemoveKeyboard: m.RemoveKeyboard,
	}
	if m.From != nil {
		name := p.personName(m.From.ID)
		if name == "" {
			name = m.From.FirstName
		}
		v.From = &fromView{ID: m.From.ID, Name: name}
	}
	switch {
	case m.Text != "":
		v.HTML, v.Plain = emulator.RenderHTML(m.Text, m.Entities), m.Text
	case m.Caption != "":
		v.HTML, v.Plain = emulator.RenderHTML(m.Caption, m.CaptionEntities), m.Caption
	}
	if n := len(m.Photo); n > 0 {
		big := m.Photo[n-1] // sizes come smallest first
		v.Photo = &fileView{URL: fileURL(big.FileID), Width: big.Width, Height: big.Height, Size: big.FileSize}
	}
	if d := m.Document; d != nil {
		v.Document = &fileView{URL: fileURL(d.FileID) + "?name=" + url.QueryEscape(d.FileName), Name: d.FileName, Size: d.FileSize}
	}
	switch {
	case m.Venue != nil:
		v.Location = &locationView{Lat: m.Venue.Location.Latitude, Lon: m.Venue.Location.Longitude, Title: m.Venue.Title, Address: m.Venue.Address}
	case m.Location != nil:
		v.Location = &locationView{Lat: m.Location.Latitude, Lon: m.Location.Longitude}
	}
	if m.Sticker != nil {
		v.Sticker = m.Sticker.Emoji
	}
	v.Voice = m.Voice != nil
	if c := m.Contact; c != nil {
		v.Contact = &contactView{Name: c.FirstName, Phone: c.PhoneNumber}
	}
	for _, row := range m.InlineKeyboard {
		var out []inlineButtonView
		for _, b := range row {
			bv := inlineButtonView{Text: b.Text, Kind: b.Action}
			switch b.Action {
			case "callback_data":
				bv.Kind, bv.Data = "callback", b.CallbackData
			case "url":
				bv.URL = b.URL
				if !safeLink(b.URL) {
					bv.Kind, bv.URL = "unsupported", ""
				}
			}
			out = append(out, bv)
		}
		v.Inline = append(v.Inline, out)
	}
	if !m.RemoveKeyboard {
		for _, row := range m.ReplyKeyboard {
			var out []keyButtonView
			for _, b := range row {
				out = append(out, keyButtonView{Text: b.Text, RequestLocation: b.RequestLocation, RequestContact: b.RequestContact})
			}
			v.ReplyKeyboard = append(v.ReplyKeyboard, out)
		}
	}
	return v
}

// fileURL is where the page loads a file sent in a chat.
func fileURL(fileID string) string { return Prefix + "/files/" + url.PathEscape(fileID) }

// safeLink keeps the URL buttons a page may open: a tg:// or javascript:
// link has no place in a browser tab.
func safeLink(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (p *Playground) views(msgs []emulator.Message) []messageView {
	out := make([]messageView, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, p.view(m))
	}
	return out
}

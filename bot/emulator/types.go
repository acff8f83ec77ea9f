package emulator

import "time"

// UserInfo is a Telegram User object as it appears on the wire and in the
// driver's view of a message.
type UserInfo struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

// PhotoSize is one size of a photo.
type PhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

// Document is a general file.
type Document struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

// Sticker is the little a citizen's sticker needs to be recognised.
type Sticker struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Type         string `json:"type"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	IsAnimated   bool   `json:"is_animated"`
	IsVideo      bool   `json:"is_video"`
	Emoji        string `json:"emoji,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

// Voice is a voice note.
type Voice struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Duration     int    `json:"duration"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

// Contact is a shared phone contact.
type Contact struct {
	PhoneNumber string `json:"phone_number"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name,omitempty"`
	UserID      int64  `json:"user_id,omitempty"`
}

// Location is a point on the map.
type Location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// Venue is a named place.
type Venue struct {
	Location Location `json:"location"`
	Title    string   `json:"title"`
	Address  string   `json:"address"`
}

// InlineButton is a button under a message. Action names the one action
// it carries (its JSON key: "callback_data", "url", "web_app", ...).
type InlineButton struct {
	Text         string
	CallbackData string
	URL          string
	Action       string
	// raw is the action's JSON value, echoed back unchanged on the wire
	// (a string, so that buttons stay comparable with ==).
	raw string
}

// KeyboardButton is a button of a reply keyboard.
type KeyboardButton struct {
	Text            string
	RequestLocation bool
	RequestContact  bool
}

// CallbackAnswer is what the bot answered to a button press.
type CallbackAnswer struct {
	QueryID   string
	Text      string
	ShowAlert bool
	URL       string
	Time      time.Time
}

// Message is the driver's view of one message, in its current state.
// Slices are never mutated in place after a message is stored, so a copy
// handed out stays consistent.
type Message struct {
	ID      int
	ChatID  int64
	FromBot bool
	From    *UserInfo
	Date    time.Time

	Text            string
	Entities        []Entity
	Caption         string
	CaptionEntities []Entity
	// RawText is the text or caption as the bot sent it, before parse_mode
	// was applied; ParseMode is the mode it named.
	RawText   string
	ParseMode string

	Photo        []PhotoSize
	Document     *Document
	Sticker      *Sticker
	Voice        *Voice
	Contact      *Contact
	Location     *Location
	Venue        *Venue
	MediaGroupID string

	ReplyToID int
	// ForwardFromChatID is the chat a forwarded message came from.
	ForwardFromChatID int64

	InlineKeyboard      [][]InlineButton
	ReplyKeyboard       [][]KeyboardButton
	KeyboardResize      bool
	KeyboardOneTime     bool
	KeyboardPersistent  bool
	KeyboardPlaceholder string
	RemoveKeyboard      bool
	ForceReply          bool

	Edited   bool
	EditDate time.Time
	Silent   bool
	// PaidBroadcast marks a message sent with allow_paid_broadcast: above
	// the free 30 a second, for 0.1 Stars.
	PaidBroadcast bool

	MigrateToChatID   int64
	MigrateFromChatID int64
}

// Button returns the inline button with exactly that text, if any.
func (m Message) Button(text string) (InlineButton, bool) {
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			if b.Text == text {
				return b, true
			}
		}
	}
	return InlineButton{}, false
}

// ButtonTexts lists the inline buttons' texts row by row, for assertions.
func (m Message) ButtonTexts() [][]string {
	var rows [][]string
	for _, row := range m.InlineKeyboard {
		var texts []string
		for _, b := range row {
			texts = append(texts, b.Text)
		}
		rows = append(rows, texts)
	}
	return rows
}

// Body is the text, or the caption of a media message.
func (m Message) Body() string {
	if m.Text != "" {
		return m.Text
	}
	return m.Caption
}

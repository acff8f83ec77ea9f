// Package flows is what the town hall does, free of Telegram and HTTP:
// conversations as state machines that turn an Input into replies, and the
// rules behind them. The bot package translates updates into Inputs and
// Messages into Bot API calls.
package flows

// InputKind says what a citizen (or Telegram on their behalf) did.
type InputKind string

// The kinds of input the flows understand.
const (
	KindText      InputKind = "text"
	KindCommand   InputKind = "command"
	KindCallback  InputKind = "callback"
	KindLocation  InputKind = "location"
	KindVenue     InputKind = "venue"
	KindPhoto     InputKind = "photo"
	KindDocument  InputKind = "document"
	KindSticker   InputKind = "sticker"
	KindVoice     InputKind = "voice"
	KindOther     InputKind = "other"  // any other message: video, contact, poll, ...
	KindEdited    InputKind = "edited" // an edit of an earlier message
	KindBlocked   InputKind = "blocked_bot"
	KindUnblocked InputKind = "unblocked_bot"
	KindIgnored   InputKind = "ignored" // updates we do not subscribe to
)

// Chat types, as Telegram names them.
const (
	ChatPrivate    = "private"
	ChatGroup      = "group"
	ChatSupergroup = "supergroup"
	ChatChannel    = "channel"
)

// Location is a point on Earth.
type Location struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Input is one thing that happened in a chat, already stripped of Telegram's
// types.
type Input struct {
	UpdateID int64
	Kind     InputKind
	ChatID   int64
	ChatType string

	UserID       int64
	FirstName    string
	LanguageCode string

	// Text is the message text or a media caption.
	Text string
	// Command is the command name without slash or @botname, lowercased.
	Command     string
	CommandArgs string

	CallbackID   string
	CallbackData string
	// MessageID is the message the input refers to: the message carrying
	// the pressed button, or the message itself.
	MessageID int

	Location *Location
	// Venue is set for a shared place with a name (KindVenue).
	Venue *Venue
	// Photo is the largest size of a photo (KindPhoto), or the document
	// sent as a file (KindDocument).
	Photo *TelegramFile
	// Document describes a file sent as a document (KindDocument).
	Document *TelegramFile
	// MediaGroupID groups the photos of one album.
	MediaGroupID string
	// ReplyToMessageID is the message this one answers, if any: a staff
	// reply in the group finds its report through it.
	ReplyToMessageID int
	// Username and LastName identify staff members in the group.
	Username string
	LastName string
}

// Venue is a named place a citizen shared.
type Venue struct {
	Title   string `json:"title"`
	Address string `json:"address"`
}

// TelegramFile is a file Telegram holds for us, by its ids.
type TelegramFile struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	Size         int64  `json:"size,omitempty"`
	Width        int    `json:"width,omitempty"`
	Height       int    `json:"height,omitempty"`
}

// Private reports whether the input comes from a one-to-one chat.
func (in Input) Private() bool { return in.ChatType == ChatPrivate }

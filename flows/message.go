package flows

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/campanile/campanile/store"
)

// Action says what a Message does in the chat.
type Action string

// The actions the bot edge knows how to perform.
const (
	ActionSend           Action = "send"
	ActionEditText       Action = "edit_text"
	ActionEditButtons    Action = "edit_buttons"
	ActionAnswerCallback Action = "answer_callback"
	ActionSendDocument   Action = "send_document"
	// ActionSendPhoto sends Photos[0] (a Telegram file id) with Text as caption.
	ActionSendPhoto Action = "send_photo"
	// ActionSendAlbum sends Photos as one album, Text captioning the first.
	ActionSendAlbum Action = "send_album"
	// ActionSendLocation drops a map pin at Location.
	ActionSendLocation Action = "send_location"
)

// Message describes something to send, free of any Telegram library type.
// It is also the outbox payload, so its JSON shape is a stored format: add
// fields, never rename them.
type Message struct {
	Action    Action `json:"action"`
	ChatID    int64  `json:"chat_id"`
	MessageID int    `json:"message_id,omitempty"`
	// Text is Telegram HTML; everything that came from a person is escaped.
	Text           string     `json:"text,omitempty"`
	Buttons        [][]Button `json:"buttons,omitempty"`
	Keyboard       *Keyboard  `json:"keyboard,omitempty"`
	RemoveKeyboard bool       `json:"remove_keyboard,omitempty"`
	Silent         bool       `json:"silent,omitempty"`

	CallbackID string `json:"callback_id,omitempty"`
	Alert      bool   `json:"alert,omitempty"`

	File *File `json:"file,omitempty"`

	Photos   []string  `json:"photos,omitempty"`
	Location *Location `json:"location,omitempty"`
	// ReplyTo makes the message a reply to one in the same chat.
	ReplyTo int `json:"reply_to,omitempty"`
	// ReportID ties a staff-group message to its report once sent, so a
	// staff reply to it reaches the citizen; ReportCard marks the card
	// that carries the report's buttons.
	ReportID   int64 `json:"report_id,omitempty"`
	ReportCard bool  `json:"report_card,omitempty"`
	// PostID ties the message to a post's broadcast: its outbox row and
	// the recipient's delivery (post_deliveries), for delivery figures,
	// cancelling and editing the copies later.
	PostID int64 `json:"post_id,omitempty"`
	// Pin pins the message in the chat once sent: emergencies.
	Pin bool `json:"pin,omitempty"`
	// EditPostID edits, in this chat, the copy of post EditPostID; the
	// sender finds its message id in post_deliveries when it sends (a
	// chat's messages leave in order, so the copy went first).
	EditPostID int64 `json:"edit_post_id,omitempty"`
	// PaidBroadcast lets an emergency use Telegram's paid broadcast, above
	// 30 messages a second, when the comune enabled it.
	PaidBroadcast bool `json:"paid_broadcast,omitempty"`
	// MediaPath is a post's photo (ActionSendPhoto) or document
	// (ActionSendDocument, named by File.Name) in the media folder,
	// relative to it: the sender uploads the file rather than a file id
	// or bytes in every recipient's payload.
	MediaPath string `json:"media_path,omitempty"`
}

// Button is an inline button under a message.
type Button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// Keyboard is the reply keyboard that replaces the phone's keyboard.
type Keyboard struct {
	Rows        [][]KeyButton `json:"rows"`
	Placeholder string        `json:"placeholder,omitempty"`
	OneTime     bool          `json:"one_time,omitempty"`
}

// KeyButton is one reply-keyboard button.
type KeyButton struct {
	Text            string `json:"text"`
	RequestLocation bool   `json:"request_location,omitempty"`
}

// File is a document generated for the citizen, such as their data export.
type File struct {
	Name string `json:"name"`
	MIME string `json:"mime"`
	Data []byte `json:"data"`
}

// Enqueue writes messages to the outbox with the given priority; call it in
// the transaction that decided them, so they exist exactly when the
// decision does.
func Enqueue(ctx context.Context, st *store.Store, priority int, msgs ...Message) error {
	items := make([]store.OutboxItem, 0, len(msgs))
	for _, m := range msgs {
		payload, err := json.Marshal(m)
		if err != nil {
			return fmt.Errorf("flows: unable to encode message for chat %d: %w", m.ChatID, err)
		}
		items = append(items, store.OutboxItem{ChatID: m.ChatID, Priority: priority, Payload: payload, PostID: m.PostID})
	}
	return st.Enqueue(ctx, items...)
}

// DecodeMessage reads an outbox payload back.
func DecodeMessage(payload []byte) (Message, error) {
	var m Message
	if err := json.Unmarshal(payload, &m); err != nil {
		return Message{}, fmt.Errorf("flows: unable to decode message: %w", err)
	}
	return m, nil
}

package flows

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/campanile/campanile/store"
)

// MaxReplyLen bounds a staff reply: one Telegram message.
const MaxReplyLen = 3500

// ErrEmptyReply is returned for a reply with no text.
var ErrEmptyReply = errors.New("flows: a reply needs some text")

// ReplyToReport is how staff answer a citizen from the admin: the same
// road as a reply in the staff group. The reply joins the timeline, goes
// to the citizen in their language (unless they erased their data), and a
// copy lands in the report's thread in the group so colleagues see it.
// The returned messages go to the outbox in the caller's transaction.
func (e *Engine) ReplyToReport(ctx context.Context, st *store.Store, reportID int64, author store.Author, text string) ([]Message, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, ErrEmptyReply
	}
	if utf8.RuneCountInString(text) > MaxReplyLen {
		text = string([]rune(text)[:MaxReplyLen])
	}
	r, err := st.ReportByID(ctx, reportID)
	if err != nil {
		return nil, err
	}
	if _, err := st.AddReportEvent(ctx, store.ReportEvent{ReportID: r.ID, Kind: store.EventReply, Author: author, Text: text}); err != nil {
		return nil, err
	}
	var out []Message
	if c, err := st.CitizenByChatID(ctx, r.ChatID); err == nil && r.ChatID != 0 {
		out = append(out, Message{Action: ActionSend, ChatID: c.ChatID, Text: e.t(c.Language, "citizen.reply", map[string]any{"Number": r.Number, "Text": text})})
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	thread := e.t(staffLang, "staff.reply_from_admin", map[string]any{"Name": author.Name, "Number": r.Number, "Text": text})
	return append(out, e.toStaffThread(ctx, st, r, thread, nil)...), nil
}

// AddInternalNote records a note staff keep for themselves: it is never
// sent to the citizen, nor shown in /mydata.
func (e *Engine) AddInternalNote(ctx context.Context, st *store.Store, reportID int64, author store.Author, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return ErrEmptyReply
	}
	_, err := st.AddReportEvent(ctx, store.ReportEvent{ReportID: reportID, Kind: store.EventNote, Author: author, Text: text})
	return err
}

package flows

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/campanile/campanile/store"
)

// handleStaff handles the staff group: buttons on report cards and
// replies to report messages. Other chatter in the group is none of the
// bot's business and gets silence.
func (e *Engine) handleStaff(ctx context.Context, st *store.Store, in Input) ([]Message, error) {
	author := store.Author{Kind: store.AuthorStaff, Name: staffName(in), StaffUserID: in.UserID}
	switch {
	case in.Kind == KindCallback:
		return e.staffButton(ctx, st, in, author)
	case in.ReplyToMessageID != 0 && (in.Kind == KindText || in.Kind == KindPhoto):
		r, err := st.ReportByStaffMessage(ctx, in.ChatID, int64(in.ReplyToMessageID))
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if m := duplicateCommand.FindStringSubmatch(in.Text); m != nil && in.Kind == KindText {
			return e.staffDuplicate(ctx, st, in, r, m[1], author)
		}
		return e.relayStaffReply(ctx, st, in, r, author)
	}
	return nil, nil
}

// duplicateCommand is how staff mark a duplicate: a reply to the report
// naming the original ("duplicata 2026-000123").
var duplicateCommand = regexp.MustCompile(`(?i)^\s*(?:duplicat[ao]|duplicate|duplikat)\s+(?:di\s+|of\s+|von\s+)?(\d{4}-\d{1,9})\s*$`)

func staffName(in Input) string {
	name := strings.TrimSpace(in.FirstName + " " + in.LastName)
	if name == "" && in.Username != "" {
		name = "@" + in.Username
	}
	return name
}

func (e *Engine) staffButton(ctx context.Context, st *store.Store, in Input, author store.Author) ([]Message, error) {
	answer := func(text string, alert bool) Message {
		return Message{Action: ActionAnswerCallback, ChatID: in.ChatID, CallbackID: in.CallbackID, Text: text, Alert: alert}
	}
	cb, ok := parseCallback(in.CallbackData)
	id, idOK := cb.id()
	_, known := staffVerbStatus[cb.verb]
	if !ok || !idOK || (!known && cb.verb != cbStaffDuplicate) {
		return []Message{answer(e.cat.T(staffLang, "callback.invalid", nil), true)}, nil
	}
	r, err := st.ReportByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return []Message{answer(e.cat.T(staffLang, "callback.invalid", nil), true)}, nil
	}
	if err != nil {
		return nil, err
	}
	if r.StaffMessageID == 0 {
		// The card was pressed before its delivery was recorded: the
		// pressed message is the card, which is what the record says.
		if err := st.SetReportStaffMessage(ctx, r.ID, in.ChatID, int64(in.MessageID)); err != nil {
			return nil, err
		}
	}
	if cb.verb == cbStaffDuplicate {
		return []Message{answer(e.cat.T(staffLang, "staff.duplicate_how", nil), true)}, nil
	}
	to := staffVerbStatus[cb.verb]
	msgs, err := e.ChangeReportStatus(ctx, st, r.ID, to, author)
	var te TransitionError
	if errors.As(err, &te) {
		return []Message{answer(e.cat.T(staffLang, "staff.not_allowed", map[string]any{
			"From": e.cat.T(staffLang, "status."+te.From, nil), "To": e.cat.T(staffLang, "status."+te.To, nil),
		}), true)}, nil
	}
	if err != nil {
		return nil, err
	}
	done := answer(e.cat.T(staffLang, "staff.done", map[string]any{"Status": e.cat.T(staffLang, "status."+to, nil)}), false)
	return append([]Message{done}, msgs...), nil
}

func (e *Engine) staffDuplicate(ctx context.Context, st *store.Store, in Input, r store.Report, number string, author store.Author) ([]Message, error) {
	of, err := st.ReportByNumber(ctx, number)
	if errors.Is(err, store.ErrNotFound) {
		return []Message{{Action: ActionSend, ChatID: in.ChatID, ReplyTo: in.MessageID, Silent: true,
			Text: e.t(staffLang, "staff.duplicate_unknown", map[string]any{"Number": number})}}, nil
	}
	if err != nil {
		return nil, err
	}
	msgs, err := e.MarkDuplicate(ctx, st, r.ID, of.ID, author)
	var te TransitionError
	if errors.As(err, &te) {
		return []Message{{Action: ActionSend, ChatID: in.ChatID, ReplyTo: in.MessageID, Silent: true,
			Text: e.t(staffLang, "staff.not_allowed", map[string]any{"From": e.cat.T(staffLang, "status."+te.From, nil), "To": e.cat.T(staffLang, "status."+te.To, nil)})}}, nil
	}
	return msgs, err
}

// relayStaffReply delivers a staff member's reply to the citizen, marked
// as the comune's answer to their report, and records it in the timeline.
func (e *Engine) relayStaffReply(ctx context.Context, st *store.Store, in Input, r store.Report, author store.Author) ([]Message, error) {
	ev := store.ReportEvent{ReportID: r.ID, Kind: store.EventReply, Author: author, Text: in.Text}
	if _, err := st.AddReportEvent(ctx, ev); err != nil {
		return nil, err
	}
	// The reply itself joins the report's thread in the group.
	if err := st.AddReportStaffMessage(ctx, r.ID, in.ChatID, int64(in.MessageID)); err != nil {
		return nil, err
	}
	ack := Message{Action: ActionSend, ChatID: in.ChatID, ReplyTo: in.MessageID, Silent: true, Text: e.t(staffLang, "staff.reply_sent", nil)}
	c, err := st.CitizenByChatID(ctx, r.ChatID)
	if r.ChatID == 0 || errors.Is(err, store.ErrNotFound) {
		ack.Text = e.t(staffLang, "staff.reply_anonymous", nil)
		return []Message{ack}, nil
	}
	if err != nil {
		return nil, err
	}
	text := e.t(c.Language, "citizen.reply", map[string]any{"Number": r.Number, "Text": in.Text})
	out := Message{Action: ActionSend, ChatID: c.ChatID, Text: text}
	if in.Kind == KindPhoto && in.Photo != nil {
		out.Action, out.Photos = ActionSendPhoto, []string{in.Photo.FileID}
		if len(text) > 1000 {
			// A caption holds 1024 characters: long words go in a message of their own.
			out.Text = ""
			return []Message{out, {Action: ActionSend, ChatID: c.ChatID, Text: text}, ack}, nil
		}
	}
	return []Message{out, ack}, nil
}

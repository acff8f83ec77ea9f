package flows

import (
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/campanile/campanile/store"
)

// The comment conversation: the citizen adds words or a photo to an open
// report. Stored names: never rename.
const (
	flowComment  = "comment"
	stepComment  = "text"
	maxCommentLn = 1000
)

type commentDraft struct {
	ReportID int64 `json:"report_id"`
}

func (s *session) askComment(r store.Report) error {
	data, _ := json.Marshal(commentDraft{ReportID: r.ID})
	if err := s.st.SaveConversation(s.ctx, store.Conversation{CitizenID: s.citizen.ID, Flow: flowComment, Step: stepComment, Data: data}); err != nil {
		return err
	}
	kb := &Keyboard{Rows: [][]KeyButton{{{Text: s.plain("report.cancel", nil)}}}}
	s.sendStep(s.t("mine.ask_comment", map[string]any{"Number": r.Number}), kb)
	return nil
}

// continueComment takes the comment and passes it to the staff group as a
// reply in the report's thread.
func (s *session) continueComment(conv store.Conversation) error {
	if s.in.Kind == KindText && (s.isLabel("report.cancel") || s.isLabel("report.back")) {
		return s.cancel()
	}
	var d commentDraft
	if err := json.Unmarshal(conv.Data, &d); err != nil {
		return s.cancel()
	}
	r, own, err := s.ownReport(d.ReportID)
	if err != nil {
		return err
	}
	if !own || store.ReportClosed(r.Status) {
		if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
			return err
		}
		s.sendWithMenu(s.t("report.expired", nil))
		return nil
	}
	text := strings.TrimSpace(s.in.Text)
	var photo *TelegramFile
	switch s.in.Kind {
	case KindPhoto:
		photo = s.in.Photo
	case KindText:
		if text == "" || utf8.RuneCountInString(text) > maxCommentLn {
			s.sendStep(s.t("mine.comment_hint", map[string]any{"Max": maxCommentLn}), nil)
			return nil
		}
	default:
		s.sendStep(s.t("mine.comment_hint", map[string]any{"Max": maxCommentLn}), nil)
		return nil
	}
	author := store.Author{Kind: store.AuthorCitizen, Name: s.citizen.FirstName, CitizenID: s.citizen.ID}
	if _, err := s.st.AddReportEvent(s.ctx, store.ReportEvent{ReportID: r.ID, Kind: store.EventComment, Author: author, Text: text}); err != nil {
		return err
	}
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	s.out = append(s.out, s.e.toStaffThread(s.ctx, s.st, r, s.e.t(staffLang, "staff.citizen_adds", map[string]any{"Number": r.Number, "Name": s.citizen.FirstName, "Text": text}), photo)...)
	s.sendWithMenu(s.t("mine.comment_sent", map[string]any{"Number": r.Number}))
	return nil
}

// toStaffThread posts in the staff group as a reply to the report's card,
// tied to the report so staff can answer it in turn.
func (e *Engine) toStaffThread(ctx context.Context, st *store.Store, r store.Report, text string, photo *TelegramFile) []Message {
	chat := r.StaffChatID
	if chat == 0 {
		chat = e.staffChatID(ctx, st)
	}
	if chat == 0 {
		return nil
	}
	m := Message{Action: ActionSend, ChatID: chat, Text: text, ReplyTo: int(r.StaffMessageID), ReportID: r.ID}
	if photo != nil && utf8.RuneCountInString(text) <= 1000 {
		m.Action, m.Photos = ActionSendPhoto, []string{photo.FileID}
	}
	return []Message{m}
}

// answerResolved closes the loop: the citizen confirms the fix, or says it
// is not fixed and the report reopens, within the window staff configured.
func (s *session) answerResolved(r store.Report, yes bool) error {
	window := s.e.cfg.ReopenWindow
	if window <= 0 {
		window = 7 * 24 * time.Hour
	}
	if r.Status != store.ReportResolved || s.st.Now().Sub(time.Unix(r.ResolvedAt, 0)) > window {
		s.answer(s.plain("report.expired", nil), true)
		return nil
	}
	s.answer("", false)
	s.editButtons(nil)
	if yes {
		s.sendWithMenu(s.t("resolved.thanks", nil))
		return nil
	}
	author := store.Author{Kind: store.AuthorCitizen, Name: s.citizen.FirstName, CitizenID: s.citizen.ID}
	msgs, err := s.e.ChangeReportStatus(s.ctx, s.st, r.ID, store.ReportTaken, author)
	if err != nil {
		return err
	}
	// The citizen's own notice is replaced by the invitation to explain.
	for _, m := range msgs {
		if m.ChatID != s.citizen.ChatID {
			s.out = append(s.out, m)
		}
	}
	s.out = append(s.out, s.e.toStaffThread(s.ctx, s.st, r, s.e.t(staffLang, "staff.citizen_reopened", map[string]any{"Number": r.Number, "Name": s.citizen.FirstName}), nil)...)
	return s.askComment(r)
}

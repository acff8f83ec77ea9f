package flows

import (
	"context"
	"fmt"
	"html"

	"github.com/campanile/campanile/store"
)

// AssignedNotice tells a clerk, in the Telegram chat they linked, that a
// report was handed to them: they need not watch the inbox to know. It is
// empty (ok false) when the clerk linked no chat.
func (e *Engine) AssignedNotice(ctx context.Context, st *store.Store, r store.Report, clerkID int64, by string) (Message, bool, error) {
	pub, err := st.StaffPublishingOf(ctx, clerkID)
	if err != nil || pub.TelegramChatID == 0 {
		return Message{}, false, err
	}
	cat, _, err := reportOffice(ctx, st, r.CategoryID)
	if err != nil {
		return Message{}, false, err
	}
	text := e.t(staffLang, "staff.assigned_to_you", map[string]any{
		"Number": r.Number, "By": html.EscapeString(by), "Category": html.EscapeString(cat.Name(staffLang)),
		"Description": html.EscapeString(truncateRunes(r.Description, 300)),
	})
	m := Message{Action: ActionSend, ChatID: pub.TelegramChatID, Text: text}
	if base := publicBase(e.cfg.PublicURL); base != "" {
		m.Buttons = [][]Button{{{Text: e.t(staffLang, "staff.open_in_admin", nil), URL: fmt.Sprintf("%s/admin/reports/%d", base, r.ID)}}}
	}
	return m, true, nil
}

package flows

import (
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"maps"
	"time"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// Config is what the flows need to know about the comune.
type Config struct {
	// Comune is the town's name as citizens know it ("Comune di Esempio").
	Comune string
	// PrivacyContact is who citizens write to about their data.
	PrivacyContact string
	// StaffChatID is the staff's private group, where reports are
	// forwarded and answered; 0 when the comune has none.
	StaffChatID int64
	// AnonymousReports hides citizens' names from staff.
	AnonymousReports bool
	// MaxReportsPerDay bounds one citizen's reports in 24 hours.
	MaxReportsPerDay int
	// ReopenWindow is how long after "resolved" a citizen may say it is
	// not; after it the report stays resolved.
	ReopenWindow time.Duration
	// MailOffices sends each new report to its category's office by
	// email; PublicURL is where staff reach the admin, for the links.
	MailOffices bool
	PublicURL   string
}

// Engine runs the citizens' conversations.
type Engine struct {
	cfg    Config
	cat    *locales.Catalog
	log    *slog.Logger
	labels menuLabels
}

// NewEngine builds the engine.
func NewEngine(cfg Config, cat *locales.Catalog, logger *slog.Logger) *Engine {
	return &Engine{cfg: cfg, cat: cat, log: logger, labels: newMenuLabels(cat)}
}

// session is one input being handled: who, in which language, and the
// replies decided so far.
type session struct {
	ctx     context.Context
	e       *Engine
	st      *store.Store
	in      Input
	citizen store.Citizen
	lang    string
	out     []Message
}

// Handle decides what an input means and returns the replies. It runs
// inside the transaction that marks the update handled, so its writes and
// the replies stand or fall together.
func (e *Engine) Handle(ctx context.Context, st *store.Store, in Input) ([]Message, error) {
	switch {
	case in.Kind == KindIgnored:
		return nil, nil
	case in.Kind == KindBlocked:
		// Telegram tells us when a citizen blocks the bot: stop writing
		// to them now rather than learn it from a failed send.
		if _, err := st.DeactivateChat(ctx, in.ChatID, "blocked"); err != nil {
			return nil, err
		}
		return nil, nil
	case in.ChatID < 0 && in.UserID != 0 && e.isStaffChat(ctx, st, in.ChatID):
		return e.handleStaff(ctx, st, in)
	case in.ChatID < 0 && in.Kind == KindCommand:
		// A command in a group that is not the staff group: silence for
		// the group, and its id in the log for whoever is setting up
		// CAMPANILE_STAFF_CHAT_ID.
		e.log.Info("command in a group that is not the staff group", "chat_id", in.ChatID, "command", in.Command)
		return nil, nil
	case !in.Private() || in.UserID == 0 || in.ChatID != in.UserID:
		// In a private chat the chat is the user: anything else is not
		// something Telegram sends, so it gets silence.
		// Groups other than the staff chat, and channels: polite silence.
		return nil, nil
	case in.Kind == KindUnblocked, in.Kind == KindEdited:
		// Edits of earlier messages change nothing already decided;
		// answering each one would only be noise.
		if in.Kind == KindUnblocked {
			_, err := st.CitizenSeen(ctx, in.UserID, in.ChatID, in.FirstName, locales.Normalize(in.LanguageCode), in.LanguageCode != "")
			return nil, err
		}
		return nil, nil
	}
	citizen, err := st.CitizenSeen(ctx, in.UserID, in.ChatID, in.FirstName, locales.Normalize(in.LanguageCode), in.LanguageCode != "")
	if err != nil {
		return nil, err
	}
	s := &session{ctx: ctx, e: e, st: st, in: in, citizen: citizen, lang: citizen.Language}
	if err := s.route(); err != nil {
		return nil, fmt.Errorf("flows: handling %s from citizen #%d: %w", in.Kind, citizen.ID, err)
	}
	return s.out, nil
}

func (s *session) route() error {
	switch s.in.Kind {
	case KindCallback:
		return s.handleCallback()
	case KindCommand:
		return s.handleCommand(s.in.Command)
	case KindText:
		if action, ok := s.e.labels.match(s.in.Text); ok {
			return s.handleMenu(action)
		}
	}
	conv, err := s.st.ConversationOf(s.ctx, s.citizen.ID)
	switch {
	case err == nil:
		return s.continueConversation(conv)
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	return s.fallback()
}

// fallback answers anything the bot did not expect, pointing at the menu.
// It never repeats what the citizen wrote: it may be 10 000 characters.
func (s *session) fallback() error {
	if asked, err := s.wasteQuestion(); asked || err != nil {
		return err
	}
	key := "fallback.text"
	switch s.in.Kind {
	case KindPhoto, KindDocument, KindSticker, KindVoice, KindLocation, KindVenue, KindOther:
		key = "fallback.media"
	}
	s.sendWithMenu(s.t(key, nil))
	return nil
}

// t translates id into the session's language. String values in data are
// HTML-escaped: they may come from a person.
func (s *session) t(id string, data map[string]any) string {
	return s.e.t(s.lang, id, data)
}

func (e *Engine) t(lang, id string, data map[string]any) string {
	safe := make(map[string]any, len(data)+2)
	for k, v := range data {
		switch val := v.(type) {
		case string:
			v = html.EscapeString(val)
		case safeHTML:
			v = string(val)
		}
		safe[k] = v
	}
	if _, ok := safe["Comune"]; !ok {
		safe["Comune"] = html.EscapeString(e.cfg.Comune)
	}
	return e.cat.T(lang, id, safe)
}

// plain translates id for what Telegram shows as plain text, button
// labels and callback answers, where escaping would show "&amp;".
func (s *session) plain(id string, data map[string]any) string {
	all := map[string]any{"Comune": s.e.cfg.Comune}
	maps.Copy(all, data)
	return s.e.cat.T(s.lang, id, all)
}

// safeHTML marks template data that is already valid Telegram HTML.
type safeHTML string

func (s *session) send(text string, buttons [][]Button) {
	s.out = append(s.out, Message{Action: ActionSend, ChatID: s.in.ChatID, Text: text, Buttons: buttons})
}

func (s *session) sendWithMenu(text string) {
	kb := s.e.mainMenu(s.lang)
	s.out = append(s.out, Message{Action: ActionSend, ChatID: s.in.ChatID, Text: text, Keyboard: &kb})
}

// answer acknowledges a pressed button; Telegram shows text as a toast.
func (s *session) answer(text string, alert bool) {
	s.out = append(s.out, Message{Action: ActionAnswerCallback, ChatID: s.in.ChatID, CallbackID: s.in.CallbackID, Text: text, Alert: alert})
}

func (s *session) editText(text string, buttons [][]Button) {
	s.out = append(s.out, Message{Action: ActionEditText, ChatID: s.in.ChatID, MessageID: s.in.MessageID, Text: text, Buttons: buttons})
}

func (s *session) editButtons(buttons [][]Button) {
	s.out = append(s.out, Message{Action: ActionEditButtons, ChatID: s.in.ChatID, MessageID: s.in.MessageID, Buttons: buttons})
}

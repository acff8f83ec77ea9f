package flows

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/campanile/campanile/flows/richtext"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// Emergency update errors; each changes nothing.
var (
	ErrNotAnAlert     = errors.New("flows: only an alert can be updated")
	ErrAlertNotOut    = errors.New("flows: the alert is not out (draft, scheduled or cancelled)")
	ErrUpdateUntitled = errors.New("flows: an update needs a title")
)

// UpdateEmergency changes an alert that went out ("allerta rossa
// prorogata", "cessata allerta"): every citizen's copy is edited in place
// with the update's title and text, then a short notice announces the
// change, so the chat both rings and keeps one current message. Both go
// through the outbox at emergency priority, after the alert's own
// messages in each chat. The update is stored as a post of its own
// (UpdateOf the alert) with its deliveries and figures. It returns how
// many citizens it reaches: those whose copy was or will be delivered.
func (e *Engine) UpdateEmergency(ctx context.Context, st *store.Store, alertID int64, update store.Post) (int, error) {
	alert, err := st.PostByID(ctx, alertID)
	if err != nil {
		return 0, err
	}
	switch {
	case alert.Kind != store.PostAlert:
		return 0, ErrNotAnAlert
	case alert.Status != store.PostSending && alert.Status != store.PostSent:
		return 0, ErrAlertNotOut
	case strings.TrimSpace(update.Title) == "":
		return 0, ErrUpdateUntitled
	}
	// The update may come straight from a form: stored and sent only as
	// Telegram's HTML.
	update.BodyHTML = richtext.Sanitize(update.BodyHTML)
	var recipients int
	err = st.InTx(ctx, func(tx *store.Store) error {
		now := tx.Now()
		update.ID, update.Kind, update.UpdateOf, update.Status = 0, store.PostAlert, alertID, store.PostDraft
		update.Audience, update.TopicIDs, update.ZoneIDs, update.AreaGeoJSON = alert.Audience, alert.TopicIDs, alert.ZoneIDs, alert.AreaGeoJSON
		update.Loudness, update.MediaPath, update.MediaKind, update.MediaName = store.LoudnessLoud, "", "", ""
		created, err := tx.CreatePost(ctx, update)
		if err != nil {
			return err
		}
		if err := tx.SetPostStatus(ctx, created.ID, store.PostSending, []string{store.PostDraft}, now.Unix()); err != nil {
			return err
		}
		msgs, err := e.alertUpdateMessages(alert, created)
		if err != nil {
			return err
		}
		if recipients, err = tx.EnqueueAlertUpdate(ctx, alertID, created.ID, store.PriorityEmergency, msgs); err != nil {
			return err
		}
		if err := tx.RecordPostBroadcast(ctx, created.ID, recipients); err != nil {
			return err
		}
		if recipients == 0 {
			return tx.SetPostStatus(ctx, created.ID, store.PostSent, []string{store.PostSending}, 0)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("flows: updating alert %d: %w", alertID, err)
	}
	e.log.Info("alert updated", "post_id", alertID, "recipients", recipients)
	return recipients, nil
}

// alertUpdateMessages renders, per language, the new text of the copy
// (with its "Ricevuto" button as pressed or not) and the notice.
func (e *Engine) alertUpdateMessages(alert, update store.Post) ([]store.AlertUpdateMessages, error) {
	// The copy shows the alert as it now stands: the update's words
	// under the alert's buttons, so "Ricevuto" still answers the alert.
	current := alert
	current.Title, current.BodyHTML, current.EventAt, current.EventPlace = update.Title, update.BodyHTML, 0, ""
	limit := postTextLimit
	if alert.MediaPath != "" && strings.TrimSpace(alert.BodyHTML) == "" {
		limit = postCaptionLimit // the copy is the photo or document: its caption is edited
	}
	at := update.CreatedAt
	var out []store.AlertUpdateMessages
	for _, lang := range locales.Supported {
		when := unixIn(at)
		text := e.postHeading(current, lang)
		if body := strings.TrimSpace(current.BodyHTML); body != "" {
			text += "\n\n" + body
		}
		stamp := e.t(lang, "posts.updated_at", map[string]any{"Date": when.Format("02/01/2006"), "Time": when.Format("15:04")})
		text = firstPiece(text, limit-visibleLen(stamp)-2) + "\n\n" + stamp
		edit := func(acked bool) (string, error) {
			return encodeMessage(Message{Action: ActionEditText, EditPostID: alert.ID, PostID: update.ID, Text: text,
				Buttons: e.postButtons(current, lang, acked), PaidBroadcast: true})
		}
		unacked, err := edit(false)
		if err != nil {
			return nil, err
		}
		acked, err := edit(true)
		if err != nil {
			return nil, err
		}
		notice := Message{Action: ActionSend, PostID: update.ID, PaidBroadcast: true,
			Text: e.t(lang, "posts.update_notice", map[string]any{"Title": update.Title})}
		if update.Link != "" {
			notice.Buttons = [][]Button{{{Text: e.cat.T(lang, "posts.link_button", nil), URL: update.Link}}}
		}
		encoded, err := encodeMessage(notice)
		if err != nil {
			return nil, err
		}
		out = append(out, store.AlertUpdateMessages{Lang: lang, EditUnacked: unacked, EditAcked: acked, Notice: encoded})
	}
	return out, nil
}

func encodeMessage(m Message) (string, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("flows: unable to encode a post's message: %w", err)
	}
	return string(b), nil
}

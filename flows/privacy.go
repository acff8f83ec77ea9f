package flows

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/campanile/campanile/store"
)

// myData is everything the store keeps about a citizen, as they receive it
// from /mydata. Add a section here whenever a table gains personal data.
type myData struct {
	ExportedAt    string           `json:"exported_at"`
	Controller    string           `json:"controller"`
	Citizen       myDataCitizen    `json:"citizen"`
	Subscriptions []myDataTopic    `json:"subscriptions"`
	Conversation  *myDataConvState `json:"conversation_in_progress,omitempty"`
	Reports       []myDataReport   `json:"reports"`
	Place         *myDataPlace     `json:"saved_place,omitempty"`
}

type myDataCitizen struct {
	TelegramUserID int64  `json:"telegram_user_id"`
	FirstName      string `json:"first_name"`
	Language       string `json:"language"`
	LanguageChosen bool   `json:"language_chosen_by_you"`
	Active         bool   `json:"receiving_messages"`
	FirstContact   string `json:"first_contact"`
	LastContact    string `json:"last_contact"`
}

type myDataTopic struct {
	Topic string `json:"topic"`
	Since string `json:"since"`
}

type myDataConvState struct {
	Flow  string          `json:"flow"`
	Step  string          `json:"step"`
	Data  json.RawMessage `json:"data"`
	Since string          `json:"since"`
}

func unixRFC3339(t int64) string { return time.Unix(t, 0).UTC().Format(time.RFC3339) }

func (s *session) sendMyData() error {
	c, err := s.st.CitizenByID(s.ctx, s.citizen.ID)
	if err != nil {
		return err
	}
	doc := myData{
		ExportedAt: s.st.Now().UTC().Format(time.RFC3339),
		Controller: s.e.cfg.Comune,
		Citizen: myDataCitizen{
			TelegramUserID: c.TelegramUserID, FirstName: c.FirstName, Language: c.Language,
			LanguageChosen: c.LanguageChosen, Active: c.Active,
			FirstContact: unixRFC3339(c.CreatedAt), LastContact: unixRFC3339(c.LastSeenAt),
		},
		Subscriptions: []myDataTopic{},
	}
	subs, err := s.st.Subscriptions(s.ctx, c.ID)
	if err != nil {
		return err
	}
	for _, sub := range subs {
		t, err := s.st.TopicByID(s.ctx, sub.TopicID)
		if err != nil {
			return err
		}
		doc.Subscriptions = append(doc.Subscriptions, myDataTopic{Topic: t.Name(s.lang), Since: unixRFC3339(sub.CreatedAt)})
	}
	if doc.Reports, err = s.myReports(); err != nil {
		return err
	}
	if doc.Place, err = s.myPlace(); err != nil {
		return err
	}
	conv, err := s.st.ConversationOf(s.ctx, c.ID)
	switch {
	case err == nil:
		doc.Conversation = &myDataConvState{Flow: conv.Flow, Step: conv.Step, Data: conv.Data, Since: unixRFC3339(conv.UpdatedAt)}
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	s.out = append(s.out, Message{
		Action: ActionSendDocument, ChatID: s.in.ChatID,
		Text: s.t("mydata.caption", nil),
		File: &File{Name: "campanile-mydata.json", MIME: "application/json", Data: data},
	})
	return nil
}

func (s *session) forgetButtons() [][]Button {
	return [][]Button{{{Text: s.t("forget.yes", nil), Data: cbForgetYes}, {Text: s.t("forget.no", nil), Data: cbForgetNo}}}
}

// askForget opens a confirmation: erasing is final, so it takes two steps.
func (s *session) askForget() error {
	if err := s.startConversation(flowForget, stepForgetConfirm); err != nil {
		return err
	}
	note, err := s.forgetPlaceNote()
	if err != nil {
		return err
	}
	s.send(s.t("forget.confirm", nil)+note, s.forgetButtons())
	return nil
}

func (s *session) answerForget(yes bool) error {
	conv, err := s.st.ConversationOf(s.ctx, s.citizen.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && conv.Flow != flowForget) {
		// An old or forged confirmation: erasing needs a fresh /forget.
		return s.refuseCallback()
	}
	if err != nil {
		return err
	}
	s.answer("", false)
	if !yes {
		if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
			return err
		}
		s.editText(s.t("forget.kept", nil), nil)
		return nil
	}
	if err := s.st.DeleteCitizen(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	s.editText(s.t("forget.done", nil), nil)
	s.out = append(s.out, Message{Action: ActionSend, ChatID: s.in.ChatID, Text: s.t("forget.bye", nil), RemoveKeyboard: true})
	return nil
}

func (s *session) stopAll() error {
	n, err := s.st.UnsubscribeAll(s.ctx, s.citizen.ID)
	if err != nil {
		return err
	}
	if n == 0 {
		s.sendWithMenu(s.t("stop.none", nil))
		return nil
	}
	s.sendWithMenu(s.t("stop.done", nil))
	return nil
}

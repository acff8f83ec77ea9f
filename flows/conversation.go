package flows

import (
	"github.com/campanile/campanile/store"
)

// Conversations that span several inputs keep their position in the
// store, so a restart resumes where the citizen was. Flow and step names
// are stored: never rename them.
const (
	flowForget        = "forget"
	stepForgetConfirm = "confirm"
)

func (s *session) startConversation(flow, step string) error {
	return s.st.SaveConversation(s.ctx, store.Conversation{CitizenID: s.citizen.ID, Flow: flow, Step: step})
}

// continueConversation handles free input while a flow waits for an answer.
func (s *session) continueConversation(conv store.Conversation) error {
	switch conv.Flow {
	case flowReport:
		return s.continueReport(conv)
	case flowComment:
		return s.continueComment(conv)
	case flowWaste:
		return s.continueWaste(conv)
	case flowPlace:
		return s.continuePlace(conv)
	case flowForget:
		// The question is answered with its buttons; anything else keeps
		// the data and says so, rather than guessing.
		s.send(s.t("forget.use_buttons", nil), s.forgetButtons())
		return nil
	}
	// A flow this version does not know (written by a newer one): start over.
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	return s.fallback()
}

func (s *session) cancel() error {
	_, err := s.st.ConversationOf(s.ctx, s.citizen.ID)
	if err != nil {
		s.sendWithMenu(s.t("cancel.nothing", nil))
		return nil
	}
	if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
		return err
	}
	s.sendWithMenu(s.t("cancel.done", nil))
	return nil
}

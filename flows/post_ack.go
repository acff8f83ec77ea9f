package flows

import (
	"errors"

	"github.com/campanile/campanile/store"
)

// handleAckCallback records a citizen's "Ricevuto" under an alert, once:
// pressing again only thanks them again. A button for a post that never
// reached this chat (forged, or forwarded from someone else's chat) gets
// a kind word and changes nothing.
func (s *session) handleAckCallback(cb callback) error {
	id, ok := cb.id()
	if !ok {
		s.answer(s.plain("posts.ack_unknown", nil), false)
		return nil
	}
	first, err := s.st.AckPostDelivery(s.ctx, id, s.in.ChatID)
	if errors.Is(err, store.ErrNotFound) {
		s.answer(s.plain("posts.ack_unknown", nil), false)
		return nil
	}
	if err != nil {
		return err
	}
	if !first {
		s.answer(s.plain("posts.ack_already", nil), false)
		return nil
	}
	s.answer(s.plain("posts.ack_thanks", nil), false)
	p, err := s.st.PostByID(s.ctx, id)
	if err != nil {
		return err
	}
	s.editButtons(s.e.postButtons(p, s.lang, true))
	return nil
}

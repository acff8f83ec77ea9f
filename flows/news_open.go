package flows

import (
	"errors"
	"strings"

	"github.com/campanile/campanile/store"
)

// openPost sends a public post whole, as it was broadcast. A button of a
// post that is not public (a draft, a forged number) or no longer exists
// gets a kind word and changes nothing.
func (s *session) openPost(id int64) error {
	p, err := s.st.PublicPost(s.ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		s.answer(s.plain("news.gone", nil), true)
		return nil
	}
	if err != nil {
		return err
	}
	s.answer("", false)
	for _, m := range s.e.renderPublicPost(p, s.lang) {
		m.ChatID = s.in.ChatID
		s.out = append(s.out, m)
	}
	return nil
}

// renderPublicPost is a post as a citizen reads it back from /news: the
// broadcast's rendering without its "Ricevuto" button, which belongs to
// the copy the citizen was sent and is answered there.
func (e *Engine) renderPublicPost(p store.Post, lang string) []Message {
	msgs := e.RenderPost(p, lang)
	for i := range msgs {
		msgs[i].PostID, msgs[i].Pin, msgs[i].PaidBroadcast, msgs[i].Silent = 0, false, false, false
		msgs[i].Buttons = withoutAckButtons(msgs[i].Buttons)
	}
	return msgs
}

func withoutAckButtons(rows [][]Button) [][]Button {
	var out [][]Button
	for _, row := range rows {
		var kept []Button
		for _, b := range row {
			if !strings.HasPrefix(b.Data, ackVerb+":") {
				kept = append(kept, b)
			}
		}
		if len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return out
}

package admin

import (
	"fmt"
	"html/template"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/richtext"
	"github.com/campanile/campanile/store"
)

// bubble is one message of a post as the citizen's chat shows it.
type bubble struct {
	HTML     template.HTML // Telegram's HTML, which is a safe subset of the web's
	PhotoURL string
	Document string
	Buttons  []string
	Pinned   bool
	Silent   bool
}

// bubblesOf turns what the flows would send into the preview's bubbles.
// The text is sanitized once more before it is trusted as HTML: the
// preview must stay safe whatever the renderer puts in a message.
func bubblesOf(post store.Post, msgs []flows.Message) []bubble {
	out := make([]bubble, 0, len(msgs))
	for _, m := range msgs {
		b := bubble{HTML: template.HTML(richtext.Sanitize(m.Text)), Pinned: m.Pin, Silent: m.Silent}
		switch m.Action {
		case flows.ActionSendPhoto:
			b.PhotoURL = fmt.Sprintf("/admin/posts/%d/media", post.ID)
		case flows.ActionSendDocument:
			b.Document = post.MediaName
			if m.File != nil && m.File.Name != "" {
				b.Document = m.File.Name
			}
			if b.Document == "" {
				b.Document = "PDF"
			}
		}
		for _, row := range m.Buttons {
			for _, btn := range row {
				b.Buttons = append(b.Buttons, btn.Text)
			}
		}
		out = append(out, b)
	}
	return out
}

package playground

import (
	"net/http"
)

// chatView is one entry of the page's chat list.
type chatView struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"` // "private" or "group"
	Title string `json:"title"`
	// Lang is the citizen's Telegram language, for the list's subtitle.
	Lang    string       `json:"lang,omitempty"`
	Members []fromView   `json:"members,omitempty"`
	Last    *messageView `json:"last,omitempty"`
	Count   int          `json:"count"`
}

// apiChats lists the demo citizens' chats, then the staff group, with
// the event sequence number to follow them from (see apiMessages).
func (p *Playground) apiChats(w http.ResponseWriter, r *http.Request) {
	seq := p.seq()
	writeJSON(w, http.StatusOK, map[string]any{"chats": p.chatViews(), "seq": seq})
}

func (p *Playground) chatViews() []chatView {
	out := make([]chatView, 0, len(p.order))
	for _, id := range p.order {
		out = append(out, p.chatView(p.chats[id]))
	}
	return out
}

func (p *Playground) chatView(c *chatRef) chatView {
	v := chatView{ID: c.id}
	if c.isGroup() {
		v.Kind, v.Title = "group", c.group.Chat().Title
		for _, s := range p.cfg.Staff {
			v.Members = append(v.Members, fromView{ID: s.ID, Name: s.Name})
		}
	} else {
		v.Kind, v.Title, v.Lang = "private", c.person.Name, c.person.Lang
	}
	msgs := p.messagesOf(c)
	v.Count = len(msgs)
	if len(msgs) > 0 {
		last := p.view(msgs[len(msgs)-1])
		v.Last = &last
	}
	return v
}

package playground

import (
	"fmt"
	"net/http"
)

// apiContact shares the citizen's phone number, as a reply-keyboard
// button with request_contact does. The number is made up from the
// citizen's id: the playground knows nobody's real one.
func (p *Playground) apiContact(w http.ResponseWriter, r *http.Request) {
	c, e := p.chatOf(r)
	if e != nil {
		writeError(w, e)
		return
	}
	if c.isGroup() {
		writeError(w, badRequest("private_only", "a contact is shared by a citizen, in their private chat"))
		return
	}
	var req struct{}
	if e := decodeJSON(w, r, &req); e != nil {
		writeError(w, e)
		return
	}
	m := c.user.SendContact(demoPhone(c.user.ID()))
	writeJSON(w, http.StatusOK, map[string]any{"message": p.view(m)})
}

// demoPhone is a number in the 555 range no Italian mobile uses.
func demoPhone(id int64) string { return fmt.Sprintf("+39 555 %07d", id%10_000_000) }

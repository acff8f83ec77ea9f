package playground

import (
	"strconv"

	"github.com/campanile/campanile/bot/emulator"
)

// author is who writes in a chat: the citizen of a private chat, or the
// staff member the visitor chose in the group (the first one by default).
// as is the user id the page sent, or "" for the default.
func (c *chatRef) author(as string) (*emulator.User, *apiError) {
	if !c.isGroup() {
		if as != "" && as != strconv.FormatInt(c.user.ID(), 10) {
			return nil, badRequest("unknown_member", "in a private chat only its citizen (%d) writes", c.user.ID())
		}
		return c.user, nil
	}
	if len(c.staff) == 0 {
		return nil, badRequest("unknown_member", "the staff group has no staff member to write as")
	}
	if as == "" {
		return c.staff[0], nil
	}
	for _, u := range c.staff {
		if strconv.FormatInt(u.ID(), 10) == as {
			return u, nil
		}
	}
	return nil, badRequest("unknown_member", "%q is not a staff member of the group", as)
}

// message finds a message of the chat by id, in its current state.
func (p *Playground) message(c *chatRef, id int) (emulator.Message, *apiError) {
	if id > 0 {
		for _, m := range p.messagesOf(c) {
			if m.ID == id {
				return m, nil
			}
		}
	}
	return emulator.Message{}, notFound("unknown_message", "no message %d in chat %d", id, c.id)
}

package playground

import (
	"math"
	"net/http"

	"github.com/campanile/campanile/bot/emulator"
)

// apiMessages is a chat's whole history, in order, in its current state,
// with the event sequence number to follow it from: the page then asks
// for events after that number and misses nothing in between.
func (p *Playground) apiMessages(w http.ResponseWriter, r *http.Request) {
	c, e := p.chatOf(r)
	if e != nil {
		writeError(w, e)
		return
	}
	seq := p.seq()
	writeJSON(w, http.StatusOK, map[string]any{"messages": p.views(p.messagesOf(c)), "seq": seq})
}

func (p *Playground) messagesOf(c *chatRef) []emulator.Message {
	if c.isGroup() {
		return c.group.Messages()
	}
	return c.user.Messages()
}

// seq is the number of the latest event. It is read before the state it
// goes with, so that an event in between is sent again rather than lost:
// the page applies events by message id, and twice is harmless.
func (p *Playground) seq() int {
	_, seq := p.emu.Events(math.MaxInt32)
	return seq
}

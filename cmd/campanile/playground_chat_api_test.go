package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// apiChat is a citizen's chat in the playground, driven through the
// playground's JSON API (the one its page uses): faster than the page when
// a test only needs the citizen to get somewhere, as real as the page for
// what the bot receives.
type apiChat struct {
	t    *testing.T
	base string
	id   int64
}

// apiMessage is what a test reads of a message.
type apiMessage struct {
	ID      int    `json:"id"`
	FromBot bool   `json:"from_bot"`
	Plain   string `json:"plain"`
	Inline  [][]struct {
		Text string `json:"text"`
		Data string `json:"data"`
	} `json:"inline_keyboard"`
	ReplyKeyboard [][]struct {
		Text string `json:"text"`
	} `json:"reply_keyboard"`
}

// messages is the chat's whole history, oldest first.
func (c apiChat) messages() []apiMessage {
	c.t.Helper()
	resp, err := http.Get(fmt.Sprintf("%s/playground/api/chats/%d/messages", c.base, c.id))
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Messages []apiMessage `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusOK {
		c.t.Fatalf("chat %d messages: %d, %v", c.id, resp.StatusCode, err)
	}
	return body.Messages
}

// post sends one of the citizen's actions; the API checks the Origin as a
// browser would send it.
func (c apiChat) post(action string, body any) {
	c.t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		c.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/playground/api/chats/%d/%s", c.base, c.id, action), bytes.NewReader(data))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", c.base)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("%s %s in chat %d: %d", action, data, c.id, resp.StatusCode)
	}
}

func (c apiChat) say(text string) { c.post("text", map[string]any{"text": text}) }

func (c apiChat) shareLocation(lat, lon float64) {
	c.post("location", map[string]any{"lat": lat, "lon": lon})
}

// waitFor polls the chat until cond holds and returns the messages that
// made it hold; the bot answers asynchronously, so there is no other way
// to know it has.
func (c apiChat) waitFor(what string, cond func([]apiMessage) bool) []apiMessage {
	c.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		msgs := c.messages()
		if cond(msgs) {
			return msgs
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("chat %d: waited 15s for %s; the chat:\n%s", c.id, what, transcript(msgs))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// press waits for the bot to offer an inline button labelled label, on any
// of its messages (a message edited in place keeps its id), and taps it.
func (c apiChat) press(label string) {
	c.t.Helper()
	var id int
	var data string
	c.waitFor("the button "+label, func(msgs []apiMessage) bool {
		for _, m := range slices.Backward(msgs) {
			for _, row := range m.Inline {
				for _, b := range row {
					if m.FromBot && b.Text == label {
						id, data = m.ID, b.Data
						return true
					}
				}
			}
		}
		return false
	})
	c.post("press", map[string]any{"message_id": id, "data": data})
}

// keyOffered holds when the bot's latest reply keyboard has the key label.
func keyOffered(label string) func([]apiMessage) bool {
	return func(msgs []apiMessage) bool {
		for _, m := range slices.Backward(msgs) {
			if !m.FromBot || len(m.ReplyKeyboard) == 0 {
				continue
			}
			for _, row := range m.ReplyKeyboard {
				for _, k := range row {
					if k.Text == label {
						return true
					}
				}
			}
			return false
		}
		return false
	}
}

// botSaid holds when one of the bot's messages contains every part.
func botSaid(parts ...string) func([]apiMessage) bool {
	return func(msgs []apiMessage) bool {
		return slices.ContainsFunc(msgs, func(m apiMessage) bool {
			return m.FromBot && !slices.ContainsFunc(parts, func(p string) bool { return !strings.Contains(m.Plain, p) })
		})
	}
}

// transcript is the chat as a failure message shows it.
func transcript(msgs []apiMessage) string {
	var b strings.Builder
	for _, m := range msgs {
		who := "citizen"
		if m.FromBot {
			who = "bot"
		}
		fmt.Fprintf(&b, "  %d %s: %q\n", m.ID, who, m.Plain)
	}
	return b.String()
}

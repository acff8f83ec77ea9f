package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// The chat's side of the harness: message ids, the buttons each message
// shows, and the harness's own inputs, which act on the store directly
// rather than through the engine.

// buttonMessage finds the message a pressed button sits on: the latest
// one showing data, else the latest one with any buttons.
func (r *caseRun) buttonMessage(chat int64, data string) int {
	ids := make([]int, 0, len(r.chats[chat]))
	for id := range r.chats[chat] {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	slices.Reverse(ids)
	for _, id := range ids {
		if slices.Contains(r.chats[chat][id], data) {
			return id
		}
	}
	for _, id := range ids {
		if len(r.chats[chat][id]) > 0 {
			return id
		}
	}
	return 0
}

// deliver plays the chat's part: new messages get the next id, edits
// change the buttons of the message they target, which must exist.
func (r *caseRun) deliver(t *testing.T, in Input, m Message) int {
	t.Helper()
	var data []string
	for _, row := range m.Buttons {
		for _, b := range row {
			data = append(data, b.Data)
		}
	}
	if r.chats[m.ChatID] == nil {
		r.chats[m.ChatID] = map[int][]string{}
	}
	switch m.Action {
	case ActionSend, ActionSendDocument:
		r.nextMsgID[m.ChatID]++
		id := r.nextMsgID[m.ChatID]
		r.chats[m.ChatID][id] = data
		return id
	case ActionEditText, ActionEditButtons:
		if _, ok := r.chats[m.ChatID][m.MessageID]; !ok {
			t.Errorf("%s of message %d in chat %d, which the bot never sent", m.Action, m.MessageID, m.ChatID)
		}
		r.chats[m.ChatID][m.MessageID] = data
		return m.MessageID
	case ActionAnswerCallback:
		if m.CallbackID != in.CallbackID || in.Kind != KindCallback {
			t.Errorf("answer to callback %q while handling %s %q", m.CallbackID, in.Kind, in.CallbackID)
		}
		return 0
	}
	t.Errorf("unknown action %q", m.Action)
	return 0
}

// state renders what the store knows about a user, for scripts to show
// the effect of what came before.
func (r *caseRun) state(t *testing.T, args map[string]string) string {
	ctx := context.Background()
	user := r.lastUser
	if v, ok := args["user"]; ok {
		user, _ = strconv.ParseInt(v, 10, 64)
	}
	c, err := r.st.CitizenByTelegramID(ctx, user)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Sprintf("state user=%d: no citizen", user)
	}
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "state user=%d: citizen name=%q lang=%s chosen=%v active=%v", user, c.FirstName, c.Language, c.LanguageChosen, c.Active)
	subs, err := r.st.Subscriptions(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, s := range subs {
		tp, err := r.st.TopicByID(ctx, s.TopicID)
		if err != nil {
			t.Fatal(err)
		}
		slugs = append(slugs, tp.Slug)
	}
	if len(slugs) == 0 {
		slugs = []string{"(none)"}
	}
	fmt.Fprintf(&b, "\n  subscriptions: %s", strings.Join(slugs, ", "))
	if conv, err := r.st.ConversationOf(ctx, c.ID); err == nil {
		fmt.Fprintf(&b, "\n  conversation: %s/%s %s", conv.Flow, conv.Step, conv.Data)
	}
	return b.String()
}

// createTopic is what staff do in the admin: topic parent=<slug> slug=...
// it=... en=... de=...
func (r *caseRun) createTopic(t *testing.T, args map[string]string) string {
	ctx := context.Background()
	tp := store.Topic{Slug: args["slug"], NameIT: args["it"], NameEN: args["en"], NameDE: args["de"]}
	if parent := args["parent"]; parent != "" {
		all, err := r.st.AllTopics(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range all {
			if p.Slug == parent {
				tp.ParentID = p.ID
			}
		}
	}
	created, err := r.st.CreateTopic(ctx, tp)
	if err != nil {
		t.Fatalf("creating topic %+v: %v", tp, err)
	}
	return fmt.Sprintf("topic #%d %s parent=%d", created.ID, created.Slug, created.ParentID)
}

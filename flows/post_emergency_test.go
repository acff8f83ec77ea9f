package flows

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// publishedAlert is an alert to everyone, already enqueued, in a town of
// three active citizens (1 and 2 in Centro, 3 German with no place) and
// one who blocked the bot.
func publishedAlert(t *testing.T) (*postTown, store.Post) {
	t.Helper()
	tw := newPostTown(t)
	tw.add(t, townsman{chat: 1, zone: tw.centro}, townsman{chat: 2, zone: tw.centro}, townsman{chat: 3, lang: "de"},
		townsman{chat: 4, inactive: true})
	p := tw.create(t, store.Post{Kind: store.PostAlert, Title: "Allerta rossa", BodyHTML: "Fiume in piena.", Audience: store.AudienceEveryone})
	if _, err := tw.e.PublishPost(context.Background(), tw.st, p.ID); err != nil {
		t.Fatal(err)
	}
	return tw, p
}

// press is the citizen of chat pressing a button under message 77.
func (tw *postTown) press(t *testing.T, chat int64, data string) []Message {
	t.Helper()
	out, err := tw.e.Handle(context.Background(), tw.st, Input{Kind: KindCallback, ChatType: ChatPrivate, ChatID: chat, UserID: chat,
		CallbackID: "cb", CallbackData: data, MessageID: 77})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRicevutoIsRecordedOnceAndForgedOnesChangeNothing(t *testing.T) {
	ctx := context.Background()
	tw, alert := publishedAlert(t)
	other := tw.create(t, store.Post{Kind: store.PostAlert, Title: "Non tua", Audience: store.AudienceTopics, TopicIDs: tw.topics("viabilita")})
	first := tw.press(t, 1, cbData(ackVerb, alert.ID))
	if len(first) != 2 || first[0].Action != ActionAnswerCallback || first[0].Text != tw.e.cat.T("it", "posts.ack_thanks", nil) ||
		first[1].Action != ActionEditButtons || first[1].MessageID != 77 || first[1].Buttons[0][0].Text != "✓ Ricevuto" {
		t.Fatalf("first press answered %+v", first)
	}
	again := tw.press(t, 1, cbData(ackVerb, alert.ID))
	if len(again) != 1 || again[0].Text != tw.e.cat.T("it", "posts.ack_already", nil) {
		t.Errorf("second press answered %+v", again)
	}
	unknown := tw.e.cat.T("it", "posts.ack_unknown", nil)
	for _, data := range []string{cbData(ackVerb, other.ID), cbData(ackVerb, 999999), "ack:-1", "ack:abc", "ack:"} {
		out := tw.press(t, 2, data)
		if len(out) != 1 || out[0].Text != unknown || out[0].Alert {
			t.Errorf("%q answered %+v, want a kind word", data, out)
		}
	}
	stats, err := tw.st.PostDeliveryStats(ctx, alert.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Acknowledged != 1 || stats.Recipients != 3 {
		t.Errorf("figures %+v, want one acknowledgement of three", stats.DeliveryCounts)
	}
	d, err := tw.st.PostDeliveryOf(ctx, alert.ID, 1)
	if err != nil || d.AckedAt != tw.st.Now().Unix() {
		t.Errorf("delivery %+v, %v", d, err)
	}
}

func TestCancelLeavesTheRestUnsentAndFiguresShowIt(t *testing.T) {
	ctx := context.Background()
	tw, alert := publishedAlert(t)
	q := tw.queued(t)
	// The sender got through to chat 1 and found chat 2 blocked.
	results := []store.OutboxResult{
		{ID: outboxIDs(t, tw, 1)[0], ChatID: 1, Status: store.OutboxSent, MessageID: 500},
		{ID: outboxIDs(t, tw, 2)[0], ChatID: 2, Status: store.OutboxBlocked},
	}
	if err := tw.st.RecordOutboxResults(ctx, results); err != nil {
		t.Fatal(err)
	}
	n, err := tw.e.CancelBroadcast(ctx, tw.st, alert.ID)
	if err != nil || n != len(q[3]) {
		t.Fatalf("cancelled %d, %v; want chat 3's %d messages", n, err, len(q[3]))
	}
	if left := tw.queued(t); len(left) != 0 {
		t.Errorf("still queued: %v", chatsOf(left))
	}
	stats, err := tw.st.PostDeliveryStats(ctx, alert.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := store.DeliveryCounts{Recipients: 3, Sent: 1, Blocked: 1, Cancelled: 1}
	if stats.DeliveryCounts != want {
		t.Errorf("figures %+v, want %+v", stats.DeliveryCounts, want)
	}
	if len(stats.Zones) != 2 || stats.Zones[0].ZoneName != "Centro" || stats.Zones[0].Recipients != 2 || stats.Zones[1].ZoneID != 0 {
		t.Errorf("by zone %+v, want Centro with 2 then no zone", stats.Zones)
	}
	if after, _ := tw.st.PostByID(ctx, alert.ID); after.Status != store.PostCancelled {
		t.Errorf("status %s, want cancelled", after.Status)
	}
	if n, err := tw.e.CancelBroadcast(ctx, tw.st, alert.ID); err != nil || n != 0 {
		t.Errorf("cancelling again: %d, %v", n, err)
	}
}

func outboxIDs(t *testing.T, tw *postTown, chat int64) []int64 {
	t.Helper()
	items, err := tw.st.DueOutbox(context.Background(), 1<<62, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, it := range items {
		if it.ChatID == chat {
			ids = append(ids, it.ID)
		}
	}
	return ids
}

func TestEmergencyUpdateEditsEveryCopyThenNotifies(t *testing.T) {
	ctx := context.Background()
	tw, alert := publishedAlert(t)
	tw.press(t, 2, cbData(ackVerb, alert.ID))
	blocked := outboxIDs(t, tw, 3)
	if err := tw.st.RecordOutboxResults(ctx, []store.OutboxResult{{ID: blocked[0], ChatID: 3, Status: store.OutboxFailed}}); err != nil {
		t.Fatal(err)
	}
	n, err := tw.e.UpdateEmergency(ctx, tw.st, alert.ID, store.Post{Title: "Allerta rossa prorogata", BodyHTML: "Fino a <b>domani</b>."})
	if err != nil || n != 2 {
		t.Fatalf("update reached %d, %v; want the two whose copy went out", n, err)
	}
	for chat, acked := range map[int64]bool{1: false, 2: true} {
		var update []queued
		for _, q := range tw.queued(t)[chat] {
			if q.m.PostID != alert.ID {
				update = append(update, q)
			}
		}
		if len(update) != 2 {
			t.Fatalf("chat %d: %d update messages", chat, len(update))
		}
		edit, notice := update[0].m, update[1].m
		if edit.Action != ActionEditText || edit.EditPostID != alert.ID || !strings.Contains(edit.Text, "Allerta rossa prorogata") ||
			!strings.Contains(edit.Text, "<b>domani</b>") || update[0].priority != store.PriorityEmergency {
			t.Errorf("chat %d: edit %+v", chat, edit)
		}
		wantButton := map[bool]string{false: "Ricevuto", true: "✓ Ricevuto"}[acked]
		if len(edit.Buttons) != 1 || edit.Buttons[0][0].Text != wantButton || edit.Buttons[0][0].Data != cbData(ackVerb, alert.ID) {
			t.Errorf("chat %d: edit buttons %+v, want %q for the alert", chat, edit.Buttons, wantButton)
		}
		if notice.Action != ActionSend || notice.Silent || !strings.Contains(notice.Text, "Aggiornamento") {
			t.Errorf("chat %d: notice %+v", chat, notice)
		}
	}
	if q := tw.queued(t)[3]; len(q) != 0 {
		t.Errorf("chat 3, whose alert failed, got %d update messages", len(q))
	}
}

func TestEmergencyUpdateRefusals(t *testing.T) {
	ctx := context.Background()
	tw, alert := publishedAlert(t)
	news := tw.create(t, store.Post{Audience: store.AudienceTopics, TopicIDs: tw.topics("viabilita")})
	draft := tw.create(t, store.Post{Kind: store.PostAlert, Audience: store.AudienceEveryone})
	cases := []struct {
		name string
		id   int64
		post store.Post
		want error
	}{
		{"not an alert", news.ID, store.Post{Title: "x"}, ErrNotAnAlert},
		{"an alert not gone out", draft.ID, store.Post{Title: "x"}, ErrAlertNotOut},
		{"no title", alert.ID, store.Post{Title: "  "}, ErrUpdateUntitled},
		{"no such alert", 999, store.Post{Title: "x"}, store.ErrNotFound},
	}
	before := len(tw.queued(t)[1])
	for _, c := range cases {
		if _, err := tw.e.UpdateEmergency(ctx, tw.st, c.id, c.post); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if after := len(tw.queued(t)[1]); after != before {
		t.Errorf("refused updates queued %d messages", after-before)
	}
}

package flows

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/campanile/campanile/flows/richtext"
	"github.com/campanile/campanile/store"
)

func TestQuietHoursSilenceRoutinePostsNotAlerts(t *testing.T) {
	cases := []struct {
		name         string
		hour, minute int
		kind         string
		loudness     string
		silent       bool
	}{
		{"news by day rings", 10, 0, store.PostNews, store.LoudnessAuto, false},
		{"news at 21:00 is silent", 21, 0, store.PostNews, store.LoudnessAuto, true},
		{"news at 7:59 is silent", 7, 59, store.PostNews, store.LoudnessAuto, true},
		{"news at 8:00 rings", 8, 0, store.PostNews, store.LoudnessAuto, false},
		{"staff chose loud at night", 23, 30, store.PostNotice, store.LoudnessLoud, false},
		{"staff chose silent by day", 10, 0, store.PostNotice, store.LoudnessSilent, true},
		{"an alert at night rings", 23, 30, store.PostAlert, store.LoudnessAuto, false},
		{"an alert rings even if marked silent", 2, 0, store.PostAlert, store.LoudnessSilent, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tw := newPostTown(t)
			tw.add(t, townsman{chat: 1, topics: []string{"viabilita"}})
			tw.at(c.hour, c.minute)
			p := tw.create(t, store.Post{Kind: c.kind, Loudness: c.loudness, Audience: store.AudienceTopics, TopicIDs: tw.topics("viabilita")})
			if _, err := tw.e.PublishPost(context.Background(), tw.st, p.ID); err != nil {
				t.Fatal(err)
			}
			msgs := tw.queued(t)[1]
			if len(msgs) == 0 {
				t.Fatal("nothing queued")
			}
			for _, q := range msgs {
				if q.m.Silent != c.silent {
					t.Errorf("silent %v, want %v", q.m.Silent, c.silent)
				}
				alert := c.kind == store.PostAlert
				if wantPriority := map[bool]int{true: store.PriorityEmergency, false: store.PriorityBulk}[alert]; q.priority != wantPriority {
					t.Errorf("priority %d, want %d", q.priority, wantPriority)
				}
				if q.m.PaidBroadcast != alert || q.m.Pin != alert {
					t.Errorf("paid broadcast %v, pin %v for kind %s", q.m.PaidBroadcast, q.m.Pin, c.kind)
				}
			}
		})
	}
}

func TestRenderPostSplitsLongBodiesAndPutsButtonsOnTheCopy(t *testing.T) {
	tw := newPostTown(t)
	body := strings.Repeat("<p>Il Comune informa che i lavori proseguono in <b>via Roma</b> fino a venerdì. </p>", 150)
	p := store.Post{ID: 42, Kind: store.PostAlert, Title: "Piena del <Po>", BodyHTML: body, Link: "https://comune.example/allerta",
		MediaPath: "ab/abcdef.jpg", MediaKind: "photo"}
	msgs := tw.e.RenderPost(p, "it")
	if len(msgs) < 3 {
		t.Fatalf("%d messages, want the photo and at least two pieces of text", len(msgs))
	}
	if msgs[0].Action != ActionSendPhoto || msgs[0].MediaPath != p.MediaPath || !strings.Contains(msgs[0].Text, "<b>Piena del &lt;Po&gt;</b>") {
		t.Errorf("first message %+v, want the photo captioned with the escaped title", msgs[0])
	}
	if richtext.VisibleLength(msgs[0].Text) > postCaptionLimit {
		t.Errorf("caption of %d characters", richtext.VisibleLength(msgs[0].Text))
	}
	for i, m := range msgs[1:] {
		if m.Action != ActionSend || richtext.VisibleLength(m.Text) > postTextLimit {
			t.Errorf("piece %d: %s of %d characters", i, m.Action, richtext.VisibleLength(m.Text))
		}
		if len(m.Buttons) > 0 && i != len(msgs)-2 {
			t.Errorf("piece %d has buttons: only the last message should", i)
		}
	}
	last := msgs[len(msgs)-1]
	if len(last.Buttons) != 2 || last.Buttons[0][0].URL != p.Link || last.Buttons[1][0].Data != "ack:42" || last.Buttons[1][0].Text != "Ricevuto" {
		t.Errorf("last message buttons %+v, want the link and Ricevuto", last.Buttons)
	}
	event := tw.e.RenderPost(store.Post{Kind: store.PostEvent, Title: "Sagra", EventAt: 1777725000, EventPlace: "Piazza & Duomo"}, "en")
	if len(event) != 1 || !strings.Contains(event[0].Text, "📅 Event") || !strings.Contains(event[0].Text, "Piazza &amp; Duomo") ||
		!strings.Contains(event[0].Text, "02/05/2026 at 14:30") || len(event[0].Buttons) != 0 {
		t.Errorf("event rendered as %+v", event)
	}
}

func TestPublishPostEnqueuesInOrderOnce(t *testing.T) {
	ctx := context.Background()
	tw := newPostTown(t)
	tw.add(t, townsman{chat: 1, topics: []string{"viabilita"}}, townsman{chat: 2, lang: "en", topics: []string{"viabilita"}})
	p := tw.create(t, store.Post{Audience: store.AudienceTopics, TopicIDs: tw.topics("viabilita"), MediaPath: "ab/abc.pdf",
		MediaKind: "document", MediaName: "ordinanza.pdf", BodyHTML: "<b>Chiusa</b> dalle 8 alle 18."})
	if _, err := tw.e.PublishPost(ctx, tw.st, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.e.PublishPost(ctx, tw.st, p.ID); !errors.Is(err, store.ErrPostLocked) {
		t.Errorf("second publish: %v, want ErrPostLocked", err)
	}
	q := tw.queued(t)
	for chat, kind := range map[int64]string{1: "📰 Notizia", 2: "📰 News"} {
		msgs := q[chat]
		if len(msgs) != 2 || msgs[0].m.Action != ActionSendDocument || msgs[0].m.File.Name != "ordinanza.pdf" ||
			msgs[1].m.Action != ActionSend || !strings.Contains(msgs[0].m.Text, kind) {
			t.Errorf("chat %d got %+v, want the document then the text, in its language", chat, msgs)
		}
	}
	after, err := tw.st.PostByID(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Status != store.PostSending || after.Recipients != 2 || after.SentAt != tw.st.Now().Unix() {
		t.Errorf("post after publishing: status %s, %d recipients, sent at %d", after.Status, after.Recipients, after.SentAt)
	}
}

func TestPublishingToNobodyIsSentAtOnce(t *testing.T) {
	ctx := context.Background()
	tw := newPostTown(t)
	p := tw.create(t, store.Post{Audience: store.AudienceTopics, TopicIDs: tw.topics("viabilita"), Status: store.PostScheduled})
	if n, err := tw.e.PublishPost(ctx, tw.st, p.ID); err != nil || n != 0 {
		t.Fatalf("publish: %d, %v", n, err)
	}
	if after, _ := tw.st.PostByID(ctx, p.ID); after.Status != store.PostSent {
		t.Errorf("status %s, want sent", after.Status)
	}
}

func TestSendToClerkIsACopyOutsideTheBroadcast(t *testing.T) {
	ctx := context.Background()
	tw := newPostTown(t)
	p := tw.create(t, store.Post{Kind: store.PostAlert, Title: "Prova", Audience: store.AudienceEveryone})
	if err := tw.e.SendToClerk(ctx, tw.st, p, 0); !errors.Is(err, ErrNoClerkChat) {
		t.Errorf("no chat: %v, want ErrNoClerkChat", err)
	}
	if err := tw.e.SendToClerk(ctx, tw.st, p, 555); err != nil {
		t.Fatal(err)
	}
	q := tw.queued(t)
	if len(q) != 1 || len(q[555]) != 1 {
		t.Fatalf("queued %v, want one message to the clerk", chatsOf(q))
	}
	got := q[555][0]
	if got.postID != 0 || got.m.Pin || got.priority != store.PriorityReply || !strings.Contains(got.m.Text, "Prova") {
		t.Errorf("clerk's copy %+v, priority %d: want the rendering without the broadcast's marks", got.m, got.priority)
	}
	if after, _ := tw.st.PostByID(ctx, p.ID); after.Status != store.PostDraft {
		t.Errorf("status %s after a test copy, want draft", after.Status)
	}
}

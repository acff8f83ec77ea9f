package scheduler

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// A running scheduler polls the feeds at start-up and sends a new item of
// an auto-publishing feed to the topic's citizens, once, through the same
// road as every scheduled post.
func TestRunPublishesANewFeedItemOnce(t *testing.T) {
	tw := newTown(t)
	ctx := context.Background()
	var items atomic.Pointer[string]
	first := `<item><title>Concerto</title><guid>n1</guid></item>`
	items.Store(&first)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<rss version="2.0"><channel><title>Sito</title>` + *items.Load() + `</channel></rss>`))
	}))
	defer site.Close()
	f, err := tw.st.CreateFeed(ctx, store.Feed{Name: "Sito", URL: site.URL, TopicID: tw.eventi, AutoPublish: true, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	poller := flows.NewFeedPoller(slog.New(slog.DiscardHandler))
	poller.AllowPrivate = true // the test's feed is on 127.0.0.1
	if res, err := poller.Poll(ctx, tw.st, f); err != nil || res.Seen != 1 {
		t.Fatalf("registration poll %+v %v", res, err)
	}
	both := `<item><title>Mercatino</title><guid>n2</guid></item>` + first
	items.Store(&both)

	var woken atomic.Int32
	s, err := New(Config{Now: tw.clock.now, Feeds: poller, Notify: func() { woken.Add(1) }}, tw.st, tw.engine, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- s.Run(runCtx) }()
	var sent store.Post
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		posts, err := tw.st.ListPosts(ctx, store.PostFilter{Statuses: []string{store.PostSending}})
		if err != nil {
			t.Fatal(err)
		}
		if len(posts) > 0 {
			sent = posts[0]
			break
		}
	}
	// Let a few more ticks and a second poll pass: nothing goes twice.
	time.Sleep(1500 * time.Millisecond)
	if _, err := s.PollFeeds(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if sent.FeedGUID != "n2" {
		t.Fatalf("sent %+v, want the new item n2", sent)
	}
	if n := tw.delivered(t, sent.ID); n != 3 {
		t.Errorf("%d recipients, want the 3 who follow eventi", n)
	}
	all, _ := tw.st.ListPosts(ctx, store.PostFilter{Statuses: []string{store.PostSending, store.PostSent, store.PostScheduled}})
	if len(all) != 1 {
		t.Errorf("posts going out: %+v, want n2 alone", all)
	}
	if woken.Load() != 1 {
		t.Errorf("the sender was woken %d times, want once", woken.Load())
	}
}

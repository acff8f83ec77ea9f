package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestFeedsAreRegisteredOncePerURLAndUpdatedOrDeletedByID(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	f, err := s.CreateFeed(ctx, Feed{Name: "Albo", URL: "https://albo.example.it/rss", Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateFeed(ctx, Feed{Name: "Ancora", URL: f.URL}); !errors.Is(err, ErrDuplicateFeed) {
		t.Fatalf("the same URL again: %v, want ErrDuplicateFeed", err)
	}
	if err := s.UpdateFeed(ctx, Feed{ID: 999, Name: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("updating an unknown feed: %v", err)
	}
	if err := s.DeleteFeed(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting an unknown feed: %v", err)
	}
	f.Name, f.Enabled, f.AutoPublish = "Albo pretorio", false, true
	if err := s.UpdateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if on, _ := s.Feeds(ctx, true); len(on) != 0 {
		t.Errorf("a disabled feed is listed for polling: %+v", on)
	}
	got, err := s.FeedByID(ctx, f.ID)
	if err != nil || got.Name != "Albo pretorio" || !got.AutoPublish || got.Enabled || got.CreatedAt != testEpoch.Unix() {
		t.Fatalf("%+v %v", got, err)
	}
}

func TestRecordFeedPollKeepsTheLastSuccessAndValidatorsOnFailure(t *testing.T) {
	s, clock := newTestStoreClock(t)
	ctx := context.Background()
	f, _ := s.CreateFeed(ctx, Feed{Name: "Sito", URL: "https://e.it/feed", Enabled: true})
	if err := s.RecordFeedPoll(ctx, f.ID, FeedPoll{ETag: `"a"`, LastModified: "Mon, 02 Mar 2026 09:00:00 GMT"}); err != nil {
		t.Fatal(err)
	}
	okAt := clock.Now().Unix()
	clock.Advance(15 * time.Minute)
	if err := s.RecordFeedPoll(ctx, f.ID, FeedPoll{Err: "the site answered 500"}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FeedByID(ctx, f.ID)
	if got.LastOKAt != okAt || got.LastPolledAt != clock.Now().Unix() || got.LastError != "the site answered 500" || got.ETag != `"a"` {
		t.Fatalf("after a failure: %+v", got)
	}
	if err := s.RecordFeedPoll(ctx, f.ID, FeedPoll{ETag: `"b"`}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FeedByID(ctx, f.ID); got.LastError != "" || got.ETag != `"b"` || got.LastOKAt != clock.Now().Unix() {
		t.Fatalf("after a success: %+v", got)
	}
}

func TestDuePostIDsAreTheScheduledPostsWhoseTimeHasCome(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	now := testEpoch.Unix()
	mk := func(status string, at int64) int64 {
		p, err := s.CreatePost(ctx, Post{Kind: PostNews, Title: "t", Status: status, PublishAt: at})
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	late := mk(PostScheduled, now-60)
	onTime := mk(PostScheduled, now)
	mk(PostScheduled, now+1)
	mk(PostDraft, now-60)
	mk(PostCancelled, now-60)
	atOnce := mk(PostScheduled, 0)
	got, err := s.DuePostIDs(ctx, now, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{atOnce, late, onTime}; !slices.Equal(got, want) {
		t.Fatalf("due %v, want %v (oldest first)", got, want)
	}
	if got, _ := s.DuePostIDs(ctx, now, 1); len(got) != 1 {
		t.Errorf("limit not applied: %v", got)
	}
}

func TestDeletingAFeedDiscardsItsPendingItemsAndKeepsItsPosts(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	f, _ := s.CreateFeed(ctx, Feed{Name: "Sito", URL: "https://e.it/feed", Enabled: true})
	pending, err := s.CreatePost(ctx, Post{Kind: PostNews, Title: "In attesa", Status: PostPendingApproval, FeedID: f.ID, FeedGUID: "a"})
	if err != nil {
		t.Fatal(err)
	}
	sent, _ := s.CreatePost(ctx, Post{Kind: PostNews, Title: "Uscita", Status: PostSent, FeedID: f.ID, FeedGUID: "b"})
	own, _ := s.CreatePost(ctx, Post{Kind: PostNews, Title: "Redazione", Status: PostPendingApproval})
	if list, _ := s.PendingFeedPosts(ctx, 10); len(list) != 1 || list[0].ID != pending.ID {
		t.Fatalf("pending feed items %+v, want only the feed's", list)
	}
	if err := s.DeleteFeed(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{pending.ID: PostCancelled, sent.ID: PostSent, own.ID: PostPendingApproval} {
		if p, _ := s.PostByID(ctx, id); p.Status != want {
			t.Errorf("post %q is %s, want %s", p.Title, p.Status, want)
		}
	}
}

package store

import (
	"context"
	"errors"
	"testing"
)

func TestPostsKeepTheirAudienceAndLockOnceSent(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	topics, _ := s.AllTopics(ctx)
	p, err := s.CreatePost(ctx, Post{Kind: PostNews, Title: "Mercato", BodyHTML: "<b>Sabato</b>", TopicIDs: []int64{topics[0].ID, topics[1].ID}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.PostByID(ctx, p.ID)
	if err != nil || got.Status != PostDraft || got.Audience != AudienceTopics || got.Loudness != LoudnessAuto || len(got.TopicIDs) != 2 {
		t.Fatalf("%+v %v", got, err)
	}
	got.Title, got.TopicIDs, got.Status, got.PublishAt = "Mercato di Natale", []int64{topics[1].ID}, PostScheduled, 1_900_000_000
	if got, err = s.UpdatePost(ctx, got); err != nil || got.Title != "Mercato di Natale" || len(got.TopicIDs) != 1 || got.Status != PostScheduled {
		t.Fatalf("update: %+v %v", got, err)
	}
	if err := s.SetPostStatus(ctx, p.ID, PostSending, []string{PostScheduled}, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPostStatus(ctx, p.ID, PostSending, []string{PostScheduled}, 0); !errors.Is(err, ErrPostLocked) {
		t.Fatalf("taken twice: %v", err)
	}
	if _, err := s.UpdatePost(ctx, got); !errors.Is(err, ErrPostLocked) {
		t.Fatalf("edited while sending: %v", err)
	}
	if err := s.SetPostStatus(ctx, p.ID, PostSent, []string{PostSending}, 1_900_000_100); err != nil {
		t.Fatal(err)
	}
	if list, err := s.ListPosts(ctx, PostFilter{Statuses: []string{PostSent}}); err != nil || len(list) != 1 || list[0].SentAt != 1_900_000_100 {
		t.Fatalf("list: %+v %v", list, err)
	}
	if err := s.SetPostStatus(ctx, 9999, PostSent, []string{PostSending}, 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown post: %v", err)
	}
	// A feed item becomes a post once.
	feed, err := s.db.Exec(`INSERT INTO feeds (name, url, created_at) VALUES ('Sito', 'https://comune.example.it/rss', 0)`)
	if err != nil {
		t.Fatal(err)
	}
	feedID, _ := feed.LastInsertId()
	item := Post{Kind: PostNews, Title: "Dal sito", FeedID: feedID, FeedGUID: "urn:1"}
	if _, err := s.CreatePost(ctx, item); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePost(ctx, item); !errors.Is(err, ErrDuplicateFeedItem) {
		t.Fatalf("feed item twice: %v", err)
	}
}

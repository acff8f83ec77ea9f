package store

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"
)

func slugs(topics []Topic) []string {
	out := make([]string, len(topics))
	for i, t := range topics {
		out[i] = t.Slug
	}
	return out
}

func topicBySlug(t *testing.T, s *Store, slug string) Topic {
	t.Helper()
	all, err := s.AllTopics(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range all {
		if tp.Slug == slug {
			return tp
		}
	}
	t.Fatalf("no topic %q", slug)
	return Topic{}
}

func TestSeededTopicsHaveTwoLevels(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	top, err := s.Topics(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantTop := []string{"rifiuti", "viabilita", "eventi", "protezione-civile", "bandi"}
	if got := slugs(top); !slices.Equal(got, wantTop) {
		t.Fatalf("top level = %v, want %v", got, wantTop)
	}
	waste := top[0]
	children, err := s.Topics(ctx, waste.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantChildren := []string{"rifiuti-carta", "rifiuti-plastica", "rifiuti-vetro", "rifiuti-umido", "rifiuti-secco"}
	if got := slugs(children); !slices.Equal(got, wantChildren) {
		t.Fatalf("children of rifiuti = %v, want %v", got, wantChildren)
	}
	for _, c := range children {
		if c.ParentID != waste.ID {
			t.Errorf("%s has parent %d, want %d", c.Slug, c.ParentID, waste.ID)
		}
		if grand, _ := s.Topics(ctx, c.ID); len(grand) != 0 {
			t.Errorf("%s has subtopics: topics have two levels", c.Slug)
		}
	}
	for _, tp := range top {
		if tp.NameIT == "" || tp.NameEN == "" || tp.NameDE == "" {
			t.Errorf("%s lacks a translation: %+v", tp.Slug, tp)
		}
	}

	all, _ := s.AllTopics(ctx)
	if len(all) != len(wantTop)+len(wantChildren) {
		t.Fatalf("AllTopics has %d, want %d", len(all), len(wantTop)+len(wantChildren))
	}
	seen := map[int64]bool{}
	for _, tp := range all {
		if tp.ParentID != 0 && !seen[tp.ParentID] {
			t.Errorf("AllTopics lists %s before its parent", tp.Slug)
		}
		seen[tp.ID] = true
	}
	got, err := s.TopicByID(ctx, waste.ID)
	if err != nil || got != waste {
		t.Errorf("TopicByID = %+v, %v; want %+v", got, err, waste)
	}
}

func TestTopicName(t *testing.T) {
	full := Topic{NameIT: "Vetro", NameEN: "Glass", NameDE: "Glas"}
	onlyIT := Topic{NameIT: "Sagra"}
	tests := []struct {
		label string
		topic Topic
		lang  string
		want  string
	}{
		{"italian", full, "it", "Vetro"},
		{"english", full, "en", "Glass"},
		{"german", full, "de", "Glas"},
		{"unknown language", full, "fr", "Vetro"},
		{"english missing", onlyIT, "en", "Sagra"},
		{"german missing", onlyIT, "de", "Sagra"},
	}
	for _, tt := range tests {
		if got := tt.topic.Name(tt.lang); got != tt.want {
			t.Errorf("%s: Name(%q) = %q, want %q", tt.label, tt.lang, got, tt.want)
		}
	}
}

func TestCreateTopicGoesLastInItsLevel(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	waste := topicBySlug(t, s, "rifiuti")
	child, err := s.CreateTopic(ctx, Topic{ParentID: waste.ID, Slug: "rifiuti-verde", NameIT: "Verde"})
	if err != nil {
		t.Fatal(err)
	}
	if child.ParentID != waste.ID || child.Position != 6 || child.NameIT != "Verde" || child.Name("en") != "Verde" {
		t.Errorf("created child = %+v", child)
	}
	top, err := s.CreateTopic(ctx, Topic{Slug: "scuola", NameIT: "Scuola", NameEN: "School"})
	if err != nil {
		t.Fatal(err)
	}
	level, _ := s.Topics(ctx, 0)
	if top.ParentID != 0 || level[len(level)-1].ID != top.ID {
		t.Errorf("created top-level topic %+v is not last of %v", top, slugs(level))
	}
	if _, err := s.CreateTopic(ctx, Topic{Slug: "scuola", NameIT: "Doppione"}); err == nil {
		t.Error("created two topics with one slug")
	}
	if _, err := s.CreateTopic(ctx, Topic{ParentID: 999, Slug: "orfano", NameIT: "Orfano"}); err == nil {
		t.Error("created a topic under a parent that does not exist (foreign keys off?)")
	}
}

func TestSubscriptions(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	anna, _ := s.CitizenSeen(ctx, 1, 1, "Anna", "it", true)
	bruno, _ := s.CitizenSeen(ctx, 2, 2, "Bruno", "it", true)
	glass := topicBySlug(t, s, "rifiuti-vetro").ID
	paper := topicBySlug(t, s, "rifiuti-carta").ID
	events := topicBySlug(t, s, "eventi").ID

	if err := s.Subscribe(ctx, anna.ID, glass, paper); err != nil {
		t.Fatal(err)
	}
	clock.Advance(24 * time.Hour)
	// Subscribing again is harmless and keeps the date of the consent.
	if err := s.Subscribe(ctx, anna.ID, glass, events); err != nil {
		t.Fatal(err)
	}
	subs, err := s.Subscriptions(ctx, anna.ID)
	if err != nil {
		t.Fatal(err)
	}
	since := map[int64]int64{}
	for _, sub := range subs {
		since[sub.TopicID] = sub.CreatedAt
	}
	want := map[int64]int64{glass: testEpoch.Unix(), paper: testEpoch.Unix(), events: testEpoch.Add(24 * time.Hour).Unix()}
	if !maps.Equal(since, want) {
		t.Errorf("subscriptions = %v, want %v", since, want)
	}
	if err := s.Subscribe(ctx, bruno.ID, glass); err != nil {
		t.Fatal(err)
	}

	counts, err := s.TopicSubscriberCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int64]int{glass: 2, paper: 1, events: 1}; !maps.Equal(counts, want) {
		t.Errorf("TopicSubscriberCounts = %v, want %v", counts, want)
	}

	if err := s.Unsubscribe(ctx, anna.ID, paper, paper, 999); err != nil {
		t.Fatal(err)
	}
	set, _ := s.SubscribedTopicIDs(ctx, anna.ID)
	if want := map[int64]bool{glass: true, events: true}; !maps.Equal(set, want) {
		t.Errorf("after Unsubscribe: %v, want %v", set, want)
	}

	n, err := s.UnsubscribeAll(ctx, anna.ID)
	if err != nil || n != 2 {
		t.Errorf("UnsubscribeAll = %d, %v; want 2", n, err)
	}
	if n, _ := s.UnsubscribeAll(ctx, anna.ID); n != 0 {
		t.Errorf("second UnsubscribeAll = %d, want 0", n)
	}
	if set, _ := s.SubscribedTopicIDs(ctx, bruno.ID); !set[glass] {
		t.Error("UnsubscribeAll of one citizen touched another")
	}
	if err := s.Subscribe(ctx, anna.ID, 999); err == nil {
		t.Error("subscribed to a topic that does not exist (foreign keys off?)")
	}
}

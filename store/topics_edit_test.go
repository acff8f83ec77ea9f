package store

import (
	"context"
	"errors"
	"testing"
)

func TestAddTopicDerivesSlugAndStaysOnTwoLevels(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	rifiuti := topicBySlug(t, s, "rifiuti")
	tp, err := s.AddTopic(ctx, Topic{ParentID: rifiuti.ID, NameIT: "Sfalci e potature", NameDE: "Grünschnitt"})
	if err != nil {
		t.Fatal(err)
	}
	want := Topic{ID: tp.ID, ParentID: rifiuti.ID, Slug: "sfalci-e-potature", Position: 6, NameIT: "Sfalci e potature", NameDE: "Grünschnitt"}
	if tp != want {
		t.Errorf("added %+v, want %+v", tp, want)
	}
	for _, parent := range []int64{tp.ID, 99999} {
		if _, err := s.AddTopic(ctx, Topic{ParentID: parent, NameIT: "X"}); !errors.Is(err, ErrTopicParent) {
			t.Errorf("under %d: %v", parent, err)
		}
	}
	if n := countRows(t, s, "topics"); n != 11 {
		t.Errorf("%d topics, want 10 seeded and 1 added", n)
	}
}

func TestUpdateTopicChangesNamesAndPositionOnly(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	vetro := topicBySlug(t, s, "rifiuti-vetro")
	got, err := s.UpdateTopic(ctx, Topic{ID: vetro.ID, ParentID: 0, Slug: "x", NameIT: "Vetro e lattine", NameEN: "Glass and cans", Position: 9})
	if err != nil {
		t.Fatal(err)
	}
	want := vetro
	want.NameIT, want.NameEN, want.NameDE, want.Position = "Vetro e lattine", "Glass and cans", "", 9
	if got != want {
		t.Errorf("updated %+v, want %+v", got, want)
	}
	if _, err := s.UpdateTopic(ctx, Topic{ID: 99999, NameIT: "X"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing topic: %v", err)
	}
}

func TestDeleteTopicTakesSubtopicsAndConsents(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	rifiuti, carta, vetro := topicBySlug(t, s, "rifiuti"), topicBySlug(t, s, "rifiuti-carta"), topicBySlug(t, s, "rifiuti-vetro")
	eventi := topicBySlug(t, s, "eventi")
	anna, _ := s.CitizenSeen(ctx, 1, 1, "Anna", "it", true)
	bruno, _ := s.CitizenSeen(ctx, 2, 2, "Bruno", "it", true)
	carla, _ := s.CitizenSeen(ctx, 3, 3, "Carla", "it", true)
	for _, sub := range []struct {
		c      Citizen
		topics []int64
	}{{anna, []int64{carta.ID, vetro.ID, eventi.ID}}, {bruno, []int64{vetro.ID}}, {carla, []int64{eventi.ID}}} {
		if err := s.Subscribe(ctx, sub.c.ID, sub.topics...); err != nil {
			t.Fatal(err)
		}
	}
	want := TopicRemoval{Subtopics: 5, Citizens: 2, Subscriptions: 3}
	if got, err := s.TopicRemovalOf(ctx, rifiuti.ID); err != nil || got != want {
		t.Fatalf("before: %+v %v, want %+v", got, err, want)
	}
	got, err := s.DeleteTopic(ctx, rifiuti.ID)
	if err != nil || got != want {
		t.Fatalf("deleted %+v %v, want %+v", got, err, want)
	}
	for _, id := range []int64{rifiuti.ID, carta.ID, vetro.ID} {
		if _, err := s.TopicByID(ctx, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("topic %d still there: %v", id, err)
		}
	}
	if n := countRows(t, s, "subscriptions"); n != 2 {
		t.Errorf("%d subscriptions left, want the 2 to eventi", n)
	}
	if subs, _ := s.SubscribedTopicIDs(ctx, anna.ID); len(subs) != 1 || !subs[eventi.ID] {
		t.Errorf("Anna keeps %v, want eventi only", subs)
	}
	if got, err := s.DeleteTopic(ctx, topicBySlug(t, s, "bandi").ID); err != nil || got != (TopicRemoval{}) {
		t.Errorf("a topic nobody follows: %+v %v", got, err)
	}
	if _, err := s.DeleteTopic(ctx, rifiuti.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting it twice: %v", err)
	}
}

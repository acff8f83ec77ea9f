package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestCitizenSeenCreatesThenUpdates(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)

	c, err := s.CitizenSeen(ctx, 42, 4242, "Anna", "it", true)
	if err != nil {
		t.Fatal(err)
	}
	want := Citizen{ID: c.ID, TelegramUserID: 42, ChatID: 4242, FirstName: "Anna", Language: "it", Active: true,
		CreatedAt: testEpoch.Unix(), LastSeenAt: testEpoch.Unix()}
	if c.ID == 0 || c != want {
		t.Fatalf("first contact = %+v, want %+v", c, want)
	}

	clock.Advance(time.Hour)
	again, err := s.CitizenSeen(ctx, 42, 4242, "Annalisa", "en", true)
	if err != nil {
		t.Fatal(err)
	}
	want.FirstName, want.Language, want.LastSeenAt = "Annalisa", "en", testEpoch.Add(time.Hour).Unix()
	if again != want {
		t.Errorf("second contact = %+v, want %+v", again, want)
	}
	if total, active, _ := s.CountCitizens(ctx); total != 1 || active != 1 {
		t.Errorf("CountCitizens = %d, %d; want 1, 1", total, active)
	}
}

func TestChosenLanguageWinsOverTelegrams(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, _ := s.CitizenSeen(ctx, 1, 1, "Hans", "it", true)
	if err := s.SetCitizenLanguage(ctx, c.ID, "de"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.CitizenByID(ctx, c.ID)
	if got.Language != "de" || !got.LanguageChosen {
		t.Fatalf("after SetCitizenLanguage: %q chosen=%v", got.Language, got.LanguageChosen)
	}
	got, _ = s.CitizenSeen(ctx, 1, 1, "Hans", "en", true)
	if got.Language != "de" {
		t.Errorf("Telegram's language_code overrode the chosen language: %q", got.Language)
	}
}

func TestDeactivateAndReactivate(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, _ := s.CitizenSeen(ctx, 1, 11, "Anna", "it", true)

	tests := []struct {
		label  string
		chatID int64
		want   bool
	}{
		{"active citizen", 11, true},
		{"already inactive", 11, false},
		{"unknown chat", 999, false},
	}
	for _, tt := range tests {
		got, err := s.DeactivateChat(ctx, tt.chatID, "blocked")
		if err != nil || got != tt.want {
			t.Errorf("%s: DeactivateChat = %v, %v; want %v", tt.label, got, err, tt.want)
		}
	}
	got, _ := s.CitizenByID(ctx, c.ID)
	if got.Active || got.InactiveReason != "blocked" {
		t.Errorf("deactivated citizen: active=%v reason=%q", got.Active, got.InactiveReason)
	}
	if _, active, _ := s.CountCitizens(ctx); active != 0 {
		t.Errorf("%d active citizens, want 0", active)
	}
	got, _ = s.CitizenSeen(ctx, 1, 11, "Anna", "it", true)
	if !got.Active || got.InactiveReason != "" {
		t.Errorf("writing again did not reactivate: active=%v reason=%q", got.Active, got.InactiveReason)
	}
}

func TestLookupsReturnErrNotFound(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	tests := []struct {
		label string
		call  func() error
	}{
		{"CitizenByID", func() error { _, err := s.CitizenByID(ctx, 999); return err }},
		{"CitizenByTelegramID", func() error { _, err := s.CitizenByTelegramID(ctx, 999); return err }},
		{"ConversationOf", func() error { _, err := s.ConversationOf(ctx, 999); return err }},
		{"TopicByID", func() error { _, err := s.TopicByID(ctx, 999); return err }},
		{"Setting", func() error { _, err := s.Setting(ctx, "nope"); return err }},
		{"DeleteCitizen", func() error { return s.DeleteCitizen(ctx, 999) }},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, ErrNotFound) {
				t.Errorf("%s of a missing row = %v, want ErrNotFound", tt.label, err)
			}
		})
	}
}

func TestDeleteCitizenErasesEverythingOfTheirs(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	gone, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	stays, _ := s.CitizenSeen(ctx, 2, 102, "Bruno", "it", true)
	for _, c := range []Citizen{gone, stays} {
		if err := s.Subscribe(ctx, c.ID, 1, 2); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveConversation(ctx, Conversation{CitizenID: c.ID, Flow: "forget", Step: "confirm"}); err != nil {
			t.Fatal(err)
		}
		if err := s.Enqueue(ctx, OutboxItem{ChatID: c.ChatID, Priority: PriorityBulk, Payload: []byte(`{}`)},
			OutboxItem{ChatID: c.ChatID, Priority: PriorityBulk, Payload: []byte(`{}`)}); err != nil {
			t.Fatal(err)
		}
	}
	// One message to Anna was already delivered: its record is statistics,
	// not something still waiting for her.
	due, _ := s.DueOutbox(ctx, 0, 1)
	if err := s.RecordOutboxResults(ctx, []OutboxResult{{ID: due[0].ID, ChatID: gone.ChatID, Status: OutboxSent, MessageID: 5}}); err != nil {
		t.Fatal(err)
	}

	if err := s.DeleteCitizen(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CitizenByID(ctx, gone.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted citizen still found: %v", err)
	}
	if subs, _ := s.Subscriptions(ctx, gone.ID); len(subs) != 0 {
		t.Errorf("deleted citizen keeps %d subscriptions", len(subs))
	}
	if _, err := s.ConversationOf(ctx, gone.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted citizen keeps a conversation: %v", err)
	}
	var pending int
	s.db.QueryRow(`SELECT COUNT(*) FROM outbox WHERE chat_id = ? AND status = 'pending'`, gone.ChatID).Scan(&pending)
	if pending != 0 {
		t.Errorf("%d messages still wait for a deleted citizen", pending)
	}

	if subs, _ := s.Subscriptions(ctx, stays.ID); len(subs) != 2 {
		t.Errorf("the other citizen has %d subscriptions, want 2", len(subs))
	}
	if _, err := s.ConversationOf(ctx, stays.ID); err != nil {
		t.Errorf("the other citizen lost their conversation: %v", err)
	}
	if counts, _ := s.OutboxCounts(ctx); counts[OutboxPending] != 2 || counts[OutboxSent] != 1 {
		t.Errorf("outbox after deletion = %v, want 2 pending (the other citizen's) and 1 sent", counts)
	}
}

func TestConversations(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	c, _ := s.CitizenSeen(ctx, 1, 1, "Anna", "it", true)

	if err := s.SaveConversation(ctx, Conversation{CitizenID: c.ID, Flow: "report", Step: "place"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ConversationOf(ctx, c.ID)
	if err != nil || got.Flow != "report" || got.Step != "place" || string(got.Data) != "{}" || got.UpdatedAt != testEpoch.Unix() {
		t.Fatalf("ConversationOf = %+v (data %s), %v", got, got.Data, err)
	}

	clock.Advance(time.Minute)
	if err := s.SaveConversation(ctx, Conversation{CitizenID: c.ID, Flow: "report", Step: "photo", Data: []byte(`{"lat":45.1}`)}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ConversationOf(ctx, c.ID)
	if got.Step != "photo" || string(got.Data) != `{"lat":45.1}` || got.UpdatedAt != testEpoch.Add(time.Minute).Unix() {
		t.Errorf("after a second save: %+v (data %s)", got, got.Data)
	}

	if err := s.EndConversation(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ConversationOf(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("ended conversation: %v, want ErrNotFound", err)
	}
	if err := s.EndConversation(ctx, c.ID); err != nil {
		t.Errorf("ending no conversation: %v", err)
	}
	if err := s.SaveConversation(ctx, Conversation{CitizenID: 999, Flow: "x", Step: "y"}); err == nil {
		t.Error("saved a conversation for a citizen who does not exist (foreign keys off?)")
	}
}

func TestCitizenSeenWithoutLanguageKeepsTheStoredOne(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if _, err := s.CitizenSeen(ctx, 5, 5, "Greta", "de", true); err != nil {
		t.Fatal(err)
	}
	// Some updates (a callback from an old client, a location) carry no
	// language_code: they must not switch a German citizen to Italian.
	got, err := s.CitizenSeen(ctx, 5, 5, "Greta", "it", false)
	if err != nil {
		t.Fatal(err)
	}
	if got.Language != "de" {
		t.Errorf("language %q, want de kept", got.Language)
	}
}

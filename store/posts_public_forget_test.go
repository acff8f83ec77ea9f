package store

import (
	"context"
	"errors"
	"testing"
)

func TestForgettingACitizenErasesTheirDeliveries(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	anna, err := s.CitizenSeen(ctx, 101, 101, "Anna", "it", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CitizenSeen(ctx, 102, 102, "Bruno", "it", true); err != nil {
		t.Fatal(err)
	}
	p, err := s.CreatePost(ctx, Post{Kind: PostAlert, Title: "Allerta rossa", Audience: AudienceEveryone})
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.EnqueuePostBroadcast(ctx, p.ID, Audience{Everyone: true}, PriorityEmergency,
		[]BroadcastMessage{{Lang: "it", Seq: 0, Payload: `{"action":"send","text":"Allerta"}`}})
	if err != nil || n != 2 {
		t.Fatalf("broadcast to %d, %v; want 2", n, err)
	}
	if _, err := s.AckPostDelivery(ctx, p.ID, anna.ChatID); err != nil {
		t.Fatal(err)
	}
	// A failed attempt at linking a staff account is kept by chat id.
	if _, err := s.RedeemStaffLinkCode(ctx, "NOTACODE", anna.ChatID); !errors.Is(err, ErrStaffLinkInvalid) {
		t.Fatal(err)
	}

	if err := s.DeleteCitizen(ctx, anna.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PostDeliveryOf(ctx, p.ID, anna.ChatID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Anna's delivery survived /forget: %v", err)
	}
	if _, err := s.PostDeliveryOf(ctx, p.ID, 102); err != nil {
		t.Errorf("Bruno's delivery went with Anna: %v", err)
	}
	var rows int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM post_deliveries WHERE chat_id = ? OR citizen_id = ?`, anna.ChatID, anna.ID).Scan(&rows); err != nil || rows != 0 {
		t.Errorf("%d delivery rows of Anna left (%v)", rows, err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff_link_attempts WHERE chat_id = ?`, anna.ChatID).Scan(&rows); err != nil || rows != 0 {
		t.Errorf("%d link attempts of Anna's chat left (%v)", rows, err)
	}
}

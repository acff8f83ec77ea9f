package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func enqueueMail(t *testing.T, s *Store, m Mail) int64 {
	t.Helper()
	id, err := s.EnqueueMail(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func dueMailIDs(t *testing.T, s *Store, now time.Time) []int64 {
	t.Helper()
	due, err := s.DueMail(context.Background(), now, 100)
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{}
	for _, m := range due {
		ids = append(ids, m.ID)
	}
	return ids
}

func TestEnqueueMailKeepsEverything(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, _ := s.CitizenSeen(context.Background(), 1, 101, "Anna", "it", true)
	r := fileReport(t, s, c, 45.0, 9.0)
	want := Mail{
		To: "tecnico@comune.example.it", Subject: "[Segnalazione 1] Buca", Text: "testo", HTML: "<p>testo</p>",
		Attachments: []MailAttachment{{Name: "foto.jpg", Path: "/media/ab/abcd.jpg", MIME: "image/jpeg"}},
		ReportID:    r.ID,
	}
	id := enqueueMail(t, s, want)
	got, err := s.MailByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want.ID, want.Status, want.CreatedAt = id, MailPending, testEpoch.Unix()
	if got.To != want.To || got.Subject != want.Subject || got.Text != want.Text || got.HTML != want.HTML ||
		got.ReportID != want.ReportID || got.Status != want.Status || got.CreatedAt != want.CreatedAt ||
		!slices.Equal(got.Attachments, want.Attachments) {
		t.Errorf("MailByID = %+v, want %+v", got, want)
	}

	// A text-only mail stores no HTML and an empty attachment list.
	plain := enqueueMail(t, s, Mail{To: "urp@comune.example.it", Subject: "s", Text: "t"})
	if got, _ := s.MailByID(ctx, plain); got.HTML != "" || len(got.Attachments) != 0 || got.ReportID != 0 {
		t.Errorf("text-only mail read back as %+v", got)
	}
	if _, err := s.EnqueueMail(ctx, Mail{To: "  ", Subject: "s"}); err == nil {
		t.Error("a mail without recipient was enqueued")
	}
	if _, err := s.MailByID(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("MailByID(999) = %v, want ErrNotFound", err)
	}
}

func TestDueMailHonoursRetryTimes(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	now := testEpoch
	a := enqueueMail(t, s, Mail{To: "a@example.it", Subject: "a", Text: "a"})
	b := enqueueMail(t, s, Mail{To: "b@example.it", Subject: "b", Text: "b"})
	if got := dueMailIDs(t, s, now); !slices.Equal(got, []int64{a, b}) {
		t.Fatalf("due = %v, want [%d %d]", got, a, b)
	}
	if err := s.RecordMailResult(ctx, MailResult{ID: a, Status: MailPending, Error: "dial tcp: connection refused", RetryAt: now.Add(30 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	if got := dueMailIDs(t, s, now); !slices.Equal(got, []int64{b}) {
		t.Errorf("due while a waits = %v, want [%d]", got, b)
	}
	if next, ok, err := s.NextMailDue(ctx); err != nil || !ok || !next.Equal(time.UnixMilli(0)) {
		t.Errorf("NextMailDue = %v, %v, %v; want b's (the epoch of not_before 0)", next, ok, err)
	}
	if got := dueMailIDs(t, s, now.Add(30*time.Second)); !slices.Equal(got, []int64{b, a}) {
		t.Errorf("due after the retry time = %v, want [%d %d]", got, b, a)
	}
	m, _ := s.MailByID(ctx, a)
	if m.Status != MailPending || m.Attempts != 1 || m.LastError != "dial tcp: connection refused" {
		t.Errorf("after a retry, mail = %+v", m)
	}
}

func TestRecordMailResultEndsMails(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	sent := enqueueMail(t, s, Mail{To: "a@example.it", Subject: "a", Text: "a"})
	failed := enqueueMail(t, s, Mail{To: "b@example.it", Subject: "b", Text: "b"})
	pending := enqueueMail(t, s, Mail{To: "c@example.it", Subject: "c", Text: "c"})
	clock.Advance(time.Minute)
	if err := s.RecordMailResult(ctx, MailResult{ID: sent, Status: MailSent}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordMailResult(ctx, MailResult{ID: failed, Status: MailFailed, Error: "550 5.1.1 no such user"}); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.MailByID(ctx, sent); m.Status != MailSent || m.SentAt != testEpoch.Add(time.Minute).Unix() || m.Attempts != 1 {
		t.Errorf("sent mail = %+v", m)
	}
	if m, _ := s.MailByID(ctx, failed); m.Status != MailFailed || m.LastError != "550 5.1.1 no such user" || m.SentAt != 0 {
		t.Errorf("failed mail = %+v", m)
	}
	if got := dueMailIDs(t, s, testEpoch.Add(time.Hour)); !slices.Equal(got, []int64{pending}) {
		t.Errorf("due = %v, want only the pending one", got)
	}
	// A late verdict must not bring a finished mail back to life.
	if err := s.RecordMailResult(ctx, MailResult{ID: sent, Status: MailPending, RetryAt: testEpoch}); !errors.Is(err, ErrNotFound) {
		t.Errorf("retry of a sent mail = %v, want ErrNotFound", err)
	}
	if err := s.RecordMailResult(ctx, MailResult{ID: pending, Status: "bounced"}); err == nil {
		t.Error("an unknown status was accepted")
	}
	counts, err := s.MailCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[MailSent] != 1 || counts[MailFailed] != 1 || counts[MailPending] != 1 {
		t.Errorf("MailCounts = %v", counts)
	}

	clock.Advance(48 * time.Hour)
	n, err := s.PruneMail(ctx, clock.Now().Add(-24*time.Hour).Unix())
	if err != nil || n != 2 {
		t.Errorf("PruneMail = %d, %v; want the 2 finished mails", n, err)
	}
	if _, err := s.MailByID(ctx, pending); err != nil {
		t.Errorf("the pending mail was pruned: %v", err)
	}
}

func TestNextMailDueWhenNothingPending(t *testing.T) {
	s := newTestStore(t)
	if _, ok, err := s.NextMailDue(context.Background()); err != nil || ok {
		t.Errorf("NextMailDue on an empty outbox = %v, %v; want nothing due", ok, err)
	}
}

// TestPendingMailSurvivesReopening: the point of a durable outbox.
func TestPendingMailSurvivesReopening(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "campanile.db")
	s, _ := openTestStore(t, path)
	id := enqueueMail(t, s, Mail{To: "a@example.it", Subject: "a", Text: "a"})
	if err := s.RecordMailResult(ctx, MailResult{ID: id, Status: MailPending, Error: "timeout", RetryAt: testEpoch}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, _ = openTestStore(t, path)
	if got := dueMailIDs(t, s, testEpoch); !slices.Equal(got, []int64{id}) {
		t.Errorf("due after reopening = %v, want [%d]", got, id)
	}
}

// TestMailOutlivesItsReport: deleting a report keeps the mail's history.
func TestMailOutlivesItsReport(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, _ := s.CitizenSeen(context.Background(), 1, 101, "Anna", "it", true)
	r := fileReport(t, s, c, 45.0, 9.0)
	id := enqueueMail(t, s, Mail{To: "a@example.it", Subject: "a", Text: "a", ReportID: r.ID})
	if _, err := s.exec(ctx, `DELETE FROM reports WHERE id = ?`, r.ID); err != nil {
		t.Fatal(err)
	}
	if m, err := s.MailByID(ctx, id); err != nil || m.ReportID != 0 {
		t.Errorf("mail after its report's deletion = %+v, %v", m, err)
	}
}

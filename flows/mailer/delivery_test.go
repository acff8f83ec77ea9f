package mailer

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

// TestDeliveredAfterServerWasDown: while nothing listens the mail waits,
// counting attempts; once the server is up it arrives, exactly once.
func TestDeliveredAfterServerWasDown(t *testing.T) {
	st := newStore(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // connections to addr are now refused
	cert := newTestCert(t)
	id := enqueue(t, st, store.Mail{To: "tecnico@comune.example.it", Subject: "Buca", Text: "Buca in via Roma"})
	runMailer(t, newTestMailer(t, st, cert.pool, "smtp://campanile:s3cret-p%40ss@"+addr))

	waiting := waitMail(t, st, id, "retried twice", func(m store.Mail) bool { return m.Attempts >= 2 })
	if waiting.Status != store.MailPending || !strings.Contains(waiting.LastError, "refused") {
		t.Errorf("mail while the server is down = %+v", waiting)
	}
	if strings.Contains(waiting.LastError, "s3cret") {
		t.Errorf("the error shows the password: %q", waiting.LastError)
	}

	up := startTestSMTP(t, smtpOptions{addr: addr, cert: cert})
	up.waitMessages(1)
	sent := waitMail(t, st, id, "sent", func(m store.Mail) bool { return m.Status == store.MailSent })
	if sent.Attempts < 3 || sent.LastError != "" {
		t.Errorf("mail after the server came back = %+v", sent)
	}
	time.Sleep(300 * time.Millisecond) // longer than MaxBackoff: room for a duplicate
	if n := len(up.messages()); n != 1 {
		t.Errorf("the server got %d copies, want 1", n)
	}
}

// TestRejectedRecipientFailsForGood: a 550 for the only recipient ends
// the mail as failed, with the server's words, and it is not tried again.
func TestRejectedRecipientFailsForGood(t *testing.T) {
	st := newStore(t)
	srv := startTestSMTP(t, smtpOptions{})
	srv.reject["nessuno@comune.example.it"] = true
	bad := enqueue(t, st, store.Mail{To: "nessuno@comune.example.it", Subject: "Buca", Text: "Buca"})
	good := enqueue(t, st, store.Mail{To: "urp@comune.example.it", Subject: "Lampione", Text: "Lampione"})
	mixed := enqueue(t, st, store.Mail{To: "urp@comune.example.it, nessuno@comune.example.it", Subject: "Erba", Text: "Erba"})
	runMailer(t, newTestMailer(t, st, srv.pool, srv.url("smtp")))

	failed := waitMail(t, st, bad, "failed", func(m store.Mail) bool { return m.Status != store.MailPending })
	if failed.Status != store.MailFailed || !strings.Contains(failed.LastError, "550") || !strings.Contains(failed.LastError, "No such mailbox") {
		t.Errorf("rejected mail = %+v", failed)
	}
	waitMail(t, st, good, "sent", func(m store.Mail) bool { return m.Status == store.MailSent })
	// With one good recipient the mail goes, and the refusal is noted.
	m := waitMail(t, st, mixed, "sent", func(m store.Mail) bool { return m.Status == store.MailSent })
	if !strings.Contains(m.LastError, "nessuno@comune.example.it") {
		t.Errorf("partly refused mail = %+v", m)
	}
	time.Sleep(300 * time.Millisecond)
	if again, _ := st.MailByID(context.Background(), bad); again.Attempts != 1 {
		t.Errorf("a rejected mail was tried %d times", again.Attempts)
	}
	if n := len(srv.messages()); n != 2 {
		t.Errorf("the server got %d messages, want 2", n)
	}
}

// TestRestartLosesNothing: a mailer stopped in the middle of a
// conversation leaves every mail pending; the next one, on the reopened
// database, sends each exactly once.
func TestRestartLosesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mail.db")
	st := openStore(t, path)
	srv := startTestSMTP(t, smtpOptions{})
	var ids []int64
	for _, subject := range []string{"uno", "due", "tre"} {
		ids = append(ids, enqueue(t, st, store.Mail{To: "urp@comune.example.it", Subject: subject, Text: subject}))
	}
	srv.holdRecipients()
	stop := runMailer(t, newTestMailer(t, st, srv.pool, srv.url("smtp")))
	select {
	case <-srv.held:
	case <-time.After(5 * time.Second):
		t.Fatal("the mailer never reached RCPT")
	}
	stop() // mid-conversation: the server still holds the RCPT
	srv.release()
	counts, err := st.MailCounts(context.Background())
	if err != nil || counts[store.MailPending] != 3 {
		t.Fatalf("after the stop, counts = %v, %v; want 3 pending", counts, err)
	}
	if m, _ := st.MailByID(context.Background(), ids[0]); m.Attempts != 0 {
		t.Errorf("an interrupted attempt was counted: %+v", m)
	}
	st.Close()

	st = openStore(t, path)
	runMailer(t, newTestMailer(t, st, srv.pool, srv.url("smtp")))
	msgs := srv.waitMessages(3)
	for _, id := range ids {
		waitMail(t, st, id, "sent", func(m store.Mail) bool { return m.Status == store.MailSent })
	}
	seen := map[string]int{}
	for _, got := range msgs {
		seen[parseMail(t, got.data).subject]++
	}
	if len(seen) != 3 || seen["uno"] != 1 || seen["due"] != 1 || seen["tre"] != 1 {
		t.Errorf("subjects received = %v, want each once", seen)
	}
}

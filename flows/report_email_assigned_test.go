package flows

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

// A report handed to another office reaches that office's mailbox as the
// category's office got it, titled as an assignment; nothing is sent to
// the category's own office again, nor when the comune sends no email.
func TestAssignmentEmailGoesToTheOfficeItIsHandedTo(t *testing.T) {
	ctx := context.Background()
	f := newMailFixture(t)
	r := f.report(t, store.NewReport{PlaceText: "Via Roma 1", Description: "Buca profonda davanti alla scuola"})
	offices, err := f.st.Offices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]store.Office{}
	for _, o := range offices {
		byName[o.Name] = o
	}
	cfg := testConfig
	cfg.MailOffices = true
	e := NewEngine(cfg, testCatalog, slog.New(slog.DiscardHandler))
	due := func() []store.Mail {
		t.Helper()
		mails, err := f.st.DueMail(ctx, testNow.Add(time.Hour), 10)
		if err != nil {
			t.Fatal(err)
		}
		return mails
	}

	if err := e.EnqueueAssignmentEmail(ctx, f.st, r, byName["Ufficio tecnico"].ID, "boss"); err != nil || len(due()) != 0 {
		t.Fatalf("to the category's own office: %v, %d mails", err, len(due()))
	}
	if err := e.EnqueueAssignmentEmail(ctx, f.st, r, byName["Polizia locale"].ID, "Maria Rossi"); err != nil {
		t.Fatal(err)
	}
	mails := due()
	if len(mails) != 1 {
		t.Fatalf("%d mails, want one to the police", len(mails))
	}
	m := mails[0]
	if m.To != "polizia@comune.example.it" || m.ReportID != r.ID || !strings.HasPrefix(m.Subject, "Assegnata: [Segnalazione "+r.Number+"]") {
		t.Errorf("mail to %q, subject %q", m.To, m.Subject)
	}
	if !strings.Contains(m.Text, "Segnalazione "+r.Number+" assegnata a Polizia locale") || !strings.Contains(m.Text, "Maria Rossi ha assegnato") ||
		!strings.Contains(m.Text, "Buca profonda davanti alla scuola") {
		t.Errorf("text:\n%s", m.Text)
	}

	cfg.MailOffices = false
	quiet := NewEngine(cfg, testCatalog, slog.New(slog.DiscardHandler))
	if err := quiet.EnqueueAssignmentEmail(ctx, f.st, r, byName["Ufficio ambiente"].ID, "boss"); err != nil || len(due()) != 1 {
		t.Errorf("without office email: %v, %d mails", err, len(due()))
	}
}

package mailer

import (
	"context"
	"log/slog"
	"net/mail"
	"slices"
	"strings"
	"testing"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// fileReport files a pothole report and enqueues its office email the way
// the report flow does: in the transaction that creates it.
func fileReport(t *testing.T, st *store.Store, place, description string) store.Report {
	t.Helper()
	ctx := context.Background()
	c, err := st.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	if err != nil {
		t.Fatal(err)
	}
	e := flows.NewEngine(flows.Config{Comune: "Comune di Esempio"}, locales.MustLoad(), slog.New(slog.DiscardHandler))
	var r store.Report
	err = st.InTx(ctx, func(tx *store.Store) error {
		r, err = tx.CreateReport(ctx, store.NewReport{CitizenID: c.ID, ChatID: c.ChatID, AuthorName: c.FirstName,
			CategoryID: potholeCategory(t, tx), HasCoords: true, Lat: 46.498295, Lon: 11.354758, Geolocated: true,
			PlaceText: place, Description: description})
		if err != nil {
			return err
		}
		return e.EnqueueReportEmail(ctx, tx, r, "https://campanile.comune.example.it")
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func potholeCategory(t *testing.T, st *store.Store) int64 {
	t.Helper()
	ctx := context.Background()
	tops, err := st.Categories(ctx, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, top := range tops {
		subs, _ := st.Categories(ctx, top.ID, true)
		for _, c := range subs {
			if c.Slug == "strade-buca" {
				return c.ID
			}
		}
	}
	t.Fatal("no pothole category")
	return 0
}

// TestReportEmailArrives: a new report reaches its office over STARTTLS
// and AUTH, readable and with everything staff need.
func TestReportEmailArrives(t *testing.T) {
	st := newStore(t)
	srv := startTestSMTP(t, smtpOptions{})
	r := fileReport(t, st, "Via Roma 1", `Buca profonda <script>alert("x")</script> davanti alla scuola`)
	m := newTestMailer(t, st, srv.pool, srv.url("smtp"))
	runMailer(t, m)
	m.Wake()

	got := srv.waitMessages(1)[0]
	if got.from != "segnalazioni@comune.example.it" || !slices.Equal(got.to, []string{"tecnico@comune.example.it"}) {
		t.Errorf("envelope from %q to %v", got.from, got.to)
	}
	p := parseMail(t, got.data)
	if want := "[Segnalazione " + r.Number + "] Buca — Via Roma 1"; p.subject != want {
		t.Errorf("subject = %q, want %q", p.subject, want)
	}
	if to, err := mail.ParseAddress(p.header.Get("To")); err != nil || to.Address != "tecnico@comune.example.it" {
		t.Errorf("To = %q", p.header.Get("To"))
	}
	if from, err := p.header.AddressList("From"); err != nil || from[0].Name != "Comune di Esempio" {
		t.Errorf("From = %q", p.header.Get("From"))
	}
	if _, err := p.header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	if id := p.header.Get("Message-ID"); !strings.HasSuffix(id, "@comune.example.it>") {
		t.Errorf("Message-ID = %q", id)
	}
	for _, want := range []string{r.Number, "Via Roma 1", "https://www.openstreetmap.org/?mlat=46.498295&mlon=11.354758",
		`Buca profonda <script>alert("x")</script> davanti alla scuola`, "Segnalata da: Anna",
		"https://campanile.comune.example.it/admin/reports/"} {
		if !strings.Contains(p.text, want) {
			t.Errorf("text lacks %q:\n%s", want, p.text)
		}
	}
	if strings.Contains(p.html, "<script") || !strings.Contains(p.html, "&lt;script&gt;") {
		t.Errorf("HTML does not escape the description:\n%s", p.html)
	}
	sent := waitMail(t, st, 1, "sent", func(m store.Mail) bool { return m.Status == store.MailSent })
	if sent.Attempts != 1 || sent.ReportID != r.ID || sent.LastError != "" {
		t.Errorf("mail after delivery = %+v", sent)
	}
}

// TestNoHeaderInjection: neither a citizen's place nor a subject that
// reached the outbox some other way can add a header or a recipient.
func TestNoHeaderInjection(t *testing.T) {
	st := newStore(t)
	srv := startTestSMTP(t, smtpOptions{})
	fileReport(t, st, "Via Roma 1\r\nBcc: spy@evil.example\r\nX-Injected: yes", "Buca profonda davanti alla scuola")
	enqueue(t, st, store.Mail{To: "urp@comune.example.it", Subject: "Ciao\r\nBcc: spy@evil.example\nX-Injected: yes", Text: "."})
	runMailer(t, newTestMailer(t, st, srv.pool, srv.url("smtp")))

	msgs := srv.waitMessages(2)
	for _, got := range msgs {
		if len(got.to) != 1 || strings.Contains(got.to[0], "evil") {
			t.Errorf("envelope recipients %v", got.to)
		}
		p := parseMail(t, got.data)
		if p.header.Get("Bcc") != "" || p.header.Get("X-Injected") != "" {
			t.Errorf("a header was injected:\n%s", got.data)
		}
		if strings.ContainsAny(p.subject, "\r\n") || !strings.Contains(p.subject, "Bcc: spy@evil.example X-Injected: yes") {
			t.Errorf("subject = %q, want the injected text as one line", p.subject)
		}
	}
}

// TestImplicitTLS: smtps:// speaks TLS from the first byte.
func TestImplicitTLS(t *testing.T) {
	st := newStore(t)
	srv := startTestSMTP(t, smtpOptions{implicitTLS: true})
	id := enqueue(t, st, store.Mail{To: "urp@comune.example.it", Subject: "Prova è", Text: "testo", HTML: "<p>testo</p>"})
	runMailer(t, newTestMailer(t, st, srv.pool, srv.url("smtps")))
	p := parseMail(t, srv.waitMessages(1)[0].data)
	if p.subject != "Prova è" || strings.TrimSpace(p.text) != "testo" || strings.TrimSpace(p.html) != "<p>testo</p>" {
		t.Errorf("received %+v", p)
	}
	waitMail(t, st, id, "sent", func(m store.Mail) bool { return m.Status == store.MailSent })
}

// TestNoSTARTTLSIsNotSentInClear: a server that cannot do STARTTLS gets
// nothing (the mail waits), unless the URL says starttls=off.
func TestNoSTARTTLSIsNotSentInClear(t *testing.T) {
	st := newStore(t)
	srv := startTestSMTP(t, smtpOptions{noTLS: true})
	id := enqueue(t, st, store.Mail{To: "urp@comune.example.it", Subject: "s", Text: "t"})
	stop := runMailer(t, newTestMailer(t, st, srv.pool, srv.url("smtp")))
	m := waitMail(t, st, id, "retried", func(m store.Mail) bool { return m.Attempts >= 1 })
	stop()
	if m.Status != store.MailPending || !strings.Contains(m.LastError, "STARTTLS") || len(srv.messages()) != 0 {
		t.Errorf("mail to a server without STARTTLS = %+v", m)
	}
	// A local relay without TLS, said so explicitly: 127.0.0.1 is the
	// only place a password may go unencrypted.
	runMailer(t, newTestMailer(t, st, srv.pool, srv.url("smtp")+"?starttls=off"))
	srv.waitMessages(1)
	waitMail(t, st, id, "sent", func(m store.Mail) bool { return m.Status == store.MailSent })
}

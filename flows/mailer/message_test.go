package mailer

import (
	"bytes"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

func TestBuildMessage(t *testing.T) {
	from, _ := mail.ParseAddress("Città di Brà <noreply@comune.example.it>")
	to, _ := mail.ParseAddressList("Ufficio Tecnico <tecnico@comune.example.it>")
	long := strings.Repeat("Segnalazione con un oggetto molto lungo è ", 6)
	photo := bytes.Repeat([]byte{0xff, 0xd8, 0x00, '\r', '\n'}, 100)
	m := store.Mail{ID: 7, CreatedAt: 1700000000, Subject: long, Text: "Riga uno\nRiga due è lunga " + strings.Repeat("x", 200),
		HTML: "<p>Ciao</p>"}
	date := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	data, err := buildMessage(m, from, to, []attachment{{name: "foto è.jpg", mime: "image/jpeg", data: photo}}, date)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\r\n") {
		if len(line) > 998 || strings.Contains(line, "\n") {
			t.Errorf("line %d is not a valid SMTP line: %q", i, line)
		}
	}
	head, _, _ := strings.Cut(string(data), "\r\n\r\n")
	// Encoded words are up to 75 characters (RFC 2047): with the field
	// name before the first, a line may pass the 78 RFC 5322 recommends.
	for _, line := range strings.Split(head, "\r\n") {
		if len(line) > 90 {
			t.Errorf("header line of %d characters: %q", len(line), line)
		}
	}
	p := parseMail(t, data)
	if p.subject != strings.TrimSpace(long) {
		t.Errorf("subject = %q", p.subject)
	}
	if got, _ := p.header.AddressList("From"); len(got) != 1 || got[0].Name != "Città di Brà" {
		t.Errorf("From = %q", p.header.Get("From"))
	}
	if got := p.header.Get("Message-ID"); got != "<campanile.mail.7.1700000000@comune.example.it>" {
		t.Errorf("Message-ID = %q", got)
	}
	if got := p.header.Get("Date"); got != "Sat, 01 Mar 2025 09:00:00 +0000" {
		t.Errorf("Date = %q", got)
	}
	if p.header.Get("Auto-Submitted") != "auto-generated" || p.header.Get("MIME-Version") != "1.0" {
		t.Errorf("header = %v", p.header)
	}
	if want := "Riga uno\r\nRiga due è lunga " + strings.Repeat("x", 200); p.text != want {
		t.Errorf("text = %q, want %q", p.text, want)
	}
	if p.html != "<p>Ciao</p>" {
		t.Errorf("html = %q", p.html)
	}
	if !bytes.Equal(p.attachments["foto è.jpg"], photo) {
		t.Errorf("attachments = %v", p.attachments)
	}
}

func TestBuildMessageTextOnly(t *testing.T) {
	from, _ := mail.ParseAddress("noreply@comune.example.it")
	to, _ := mail.ParseAddressList("urp@comune.example.it")
	data, err := buildMessage(store.Mail{Subject: "Prova", Text: "Solo testo"}, from, to, nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	p := parseMail(t, data)
	if !strings.HasPrefix(p.header.Get("Content-Type"), "text/plain") || p.text != "Solo testo" || p.html != "" {
		t.Errorf("text-only mail = %+v", p)
	}
}

package mailer

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/base64"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

const testFrom = "Comune di Esempio <segnalazioni@comune.example.it>"

func openStore(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newStore(t *testing.T) *store.Store {
	t.Helper()
	return openStore(t, filepath.Join(t.TempDir(), "mail.db"))
}

// newTestMailer is a mailer with backoffs short enough for tests.
func newTestMailer(t *testing.T, st *store.Store, pool *x509.CertPool, url string) *Mailer {
	t.Helper()
	m, err := New(Config{URL: url, From: testFrom, HelloName: "campanile.test", Timeout: 3 * time.Second,
		MinBackoff: 50 * time.Millisecond, MaxBackoff: 200 * time.Millisecond, RootCAs: pool},
		st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// runMailer runs m until the returned stop is called (or the test ends).
func runMailer(t *testing.T, m *Mailer) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run = %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("the mailer did not stop")
		}
	}
	t.Cleanup(stop)
	return stop
}

func enqueue(t *testing.T, st *store.Store, m store.Mail) int64 {
	t.Helper()
	id, err := st.EnqueueMail(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// waitMail polls the store until mail id satisfies ok.
func waitMail(t *testing.T, st *store.Store, id int64, what string, ok func(store.Mail) bool) store.Mail {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		m, err := st.MailByID(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if ok(m) {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("mail %d never %s: %+v", id, what, m)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// parsedMail is a received message read back as a mail client would.
type parsedMail struct {
	header      mail.Header
	subject     string
	text, html  string
	attachments map[string][]byte
}

func parseMail(t *testing.T, data []byte) parsedMail {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the message does not parse: %v\n%s", err, data)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("the subject does not decode: %v", err)
	}
	p := parsedMail{header: msg.Header, subject: subject, attachments: map[string][]byte{}}
	p.walk(t, msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), "", msg.Body)
	return p
}

func (p *parsedMail) walk(t *testing.T, contentType, encoding, disposition string, body io.Reader) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		t.Fatalf("bad Content-Type %q: %v", contentType, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// NextPart decodes quoted-printable itself and drops the header.
			p.walk(t, part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part.Header.Get("Content-Disposition"), part)
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case disposition != "":
		_, dp, _ := mime.ParseMediaType(disposition)
		p.attachments[dp["filename"]] = data
	case mt == "text/plain":
		p.text = string(data)
	case mt == "text/html":
		p.html = string(data)
	}
}

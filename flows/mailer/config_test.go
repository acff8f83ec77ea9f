package mailer

import (
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestNewValidatesTheURL(t *testing.T) {
	tests := []struct {
		label, url string
		want       string // in the error; "" for a valid URL
	}{
		{"submission with STARTTLS", "smtp://user:pw@mail.example.it:587", ""},
		{"default smtp port", "smtp://user:pw@mail.example.it", ""},
		{"smtps", "smtps://user:pw@mail.example.it:465", ""},
		{"no credentials", "smtp://mail.example.it:587", ""},
		{"local relay in clear", "smtp://127.0.0.1:25?starttls=off", ""},
		{"local relay in clear with password", "smtp://u:pw@localhost:25?starttls=off", ""},
		{"escaped password", "smtp://u:p%40ss%2Fw@mail.example.it", ""},
		{"empty", "", "no SMTP URL"},
		{"wrong scheme", "https://mail.example.it", "scheme must be smtp://"},
		{"no scheme", "mail.example.it:587", "scheme must be"},
		{"no host", "smtp://:587", "no host"},
		{"opaque", "smtp:mail.example.it", "no host"},
		{"bad port", "smtp://mail.example.it:99999", "invalid port"},
		{"path", "smtp://mail.example.it/inbox", "path"},
		{"unknown parameter", "smtp://mail.example.it?tls=skip-verify", "unknown parameter tls"},
		{"starttls on", "smtp://mail.example.it?starttls=on", "can only be turned off"},
		{"starttls with smtps", "smtps://mail.example.it?starttls=off", "no meaning with smtps"},
		{"user without password", "smtp://user@mail.example.it", "a user without a password"},
		{"password without user", "smtp://:pw@mail.example.it", "a password without a user"},
		{"password in clear over the network", "smtp://u:pw@mail.example.it:25?starttls=off", "unencrypted"},
	}
	for _, tt := range tests {
		_, err := New(Config{URL: tt.url, From: testFrom}, nil, slog.New(slog.DiscardHandler))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: New(%q) = %v", tt.label, tt.url, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: New(%q) = %v, want an error with %q", tt.label, tt.url, err, tt.want)
		}
	}
}

// TestErrorsNeverShowThePassword, even for URLs that do not parse.
func TestErrorsNeverShowThePassword(t *testing.T) {
	for _, url := range []string{
		"ftp://user:hunter2@mail.example.it",
		"smtp://user:hunter2@mail.example.it:99999",
		"smtp://user:hunter2%zz@mail.example.it",
		"smtp://user:hunter2@mail example.it",
		"smtp://user:hunter2 x@mail.example.it:bad",
		"user:hunter2@mail.example.it:587",
		"smtp://user:hunter2@mail.example.it?starttls=off",
		"smtp://user:hunter2/x@mail.example.it",
		"smtp://user:12/hunter2@mail.example.it",
		"smtp://user:hun#ter2@mail.example.it",
		"smtp://user:hun?ter2@mail.example.it",
		"smtp://user:hunter2@:587",
	} {
		_, err := New(Config{URL: url, From: testFrom}, nil, slog.New(slog.DiscardHandler))
		if err == nil {
			t.Errorf("New(%q) accepted it", url)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("New(%q) = %q shows the password", url, err)
		}
	}
	m, err := New(Config{URL: "smtp://user:hunter2@mail.example.it", From: testFrom}, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if s := m.Server(); strings.Contains(s, "hunter2") || !strings.Contains(s, "user:xxxxx@mail.example.it") {
		t.Errorf("Server() = %q", s)
	}
}

func TestNewValidatesTheSender(t *testing.T) {
	for _, from := range []string{"", "not an address", "a@b.it\r\nBcc: c@d.it"} {
		if _, err := New(Config{URL: "smtp://mail.example.it", From: from}, nil, slog.New(slog.DiscardHandler)); err == nil {
			t.Errorf("From %q was accepted", from)
		}
	}
	if _, err := New(Config{URL: "smtp://mail.example.it", From: testFrom, HelloName: "bad name\r\n"}, nil, slog.New(slog.DiscardHandler)); err == nil {
		t.Error("a HelloName with spaces was accepted")
	}
}

func TestBackoffDoublesUpToTheMaximum(t *testing.T) {
	m, err := New(Config{URL: "smtp://mail.example.it", From: testFrom}, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
		16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour}
	for attempts, w := range want {
		if got := m.backoff(attempts); got != w {
			t.Errorf("backoff(%d) = %v, want %v", attempts, got, w)
		}
	}
	if got := m.backoff(1000); got != time.Hour {
		t.Errorf("backoff(1000) = %v", got)
	}
}

package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestConfigRejectsWrongValuesWithOneLineAndExit2(t *testing.T) {
	cases := []struct {
		label string
		env   []string
		args  []string
		names string // the variable the message must name
	}{
		{"malformed token", []string{"CAMPANILE_TELEGRAM_TOKEN", "not-a-token"}, nil, "CAMPANILE_TELEGRAM_TOKEN"},
		{"api url without scheme", []string{"CAMPANILE_TELEGRAM_API_URL", "api.telegram.org"}, nil, "CAMPANILE_TELEGRAM_API_URL"},
		{"http address without port", []string{"CAMPANILE_HTTP", "localhost"}, nil, "CAMPANILE_HTTP"},
		{"positive staff chat id", []string{"CAMPANILE_STAFF_CHAT_ID", "12345"}, nil, "CAMPANILE_STAFF_CHAT_ID"},
		{"staff chat id not a number", []string{"CAMPANILE_STAFF_CHAT_ID", "staff"}, nil, "CAMPANILE_STAFF_CHAT_ID"},
		{"webhook over plain http", []string{"CAMPANILE_TELEGRAM_TOKEN", "1:abc", "CAMPANILE_WEBHOOK_URL", "http://x.it/hook", "CAMPANILE_WEBHOOK_SECRET", "s"}, nil, "CAMPANILE_WEBHOOK_URL"},
		{"webhook without secret", []string{"CAMPANILE_TELEGRAM_TOKEN", "1:abc", "CAMPANILE_WEBHOOK_URL", "https://x.it/hook"}, nil, "CAMPANILE_WEBHOOK_SECRET"},
		{"webhook secret with spaces", []string{"CAMPANILE_WEBHOOK_SECRET", "a b"}, nil, "CAMPANILE_WEBHOOK_SECRET"},
		{"blank comune", []string{"CAMPANILE_COMUNE", "  "}, nil, "CAMPANILE_COMUNE"},
		{"rate above telegram's", []string{"CAMPANILE_RATE", "45"}, nil, "CAMPANILE_RATE"},
		{"rate not a number", []string{"CAMPANILE_RATE", "NaN"}, nil, "CAMPANILE_RATE"},
		{"unknown log level", []string{"CAMPANILE_LOG_LEVEL", "loud"}, nil, "CAMPANILE_LOG_LEVEL"},
		{"playground neither true nor false", []string{"CAMPANILE_PLAYGROUND", "maybe"}, nil, "CAMPANILE_PLAYGROUND"},
		{"playground flag with a wrong value", nil, []string{"--playground=often"}, "CAMPANILE_PLAYGROUND"},
		{"wrong flag value", nil, []string{"--http", "nowhere"}, "CAMPANILE_HTTP"},
		{"smtp url of another scheme", []string{"CAMPANILE_SMTP_URL", "http://user:s3cretpw@mail.example.it", "CAMPANILE_MAIL_FROM", "a@b.it"}, nil, "CAMPANILE_SMTP_URL"},
		{"smtp without a sender", []string{"CAMPANILE_SMTP_URL", "smtp://mail.example.it:587"}, nil, "CAMPANILE_MAIL_FROM"},
		{"public url without scheme", []string{"CAMPANILE_PUBLIC_URL", "segnalazioni.comune.it"}, nil, "CAMPANILE_PUBLIC_URL"},
		{"zero reports a day", []string{"CAMPANILE_REPORTS_PER_DAY", "0"}, nil, "CAMPANILE_REPORTS_PER_DAY"},
		{"anonymous not a boolean", []string{"CAMPANILE_ANONYMOUS_REPORTS", "maybe"}, nil, "CAMPANILE_ANONYMOUS_REPORTS"},
		{"trusted proxy not an address", []string{"CAMPANILE_TRUSTED_PROXIES", "10.0.0.1,proxy.local"}, nil, "CAMPANILE_TRUSTED_PROXIES"},
		{"session idle too short", []string{"CAMPANILE_SESSION_IDLE", "10s"}, nil, "CAMPANILE_SESSION_IDLE"},
		{"feed allow private not a boolean", []string{"CAMPANILE_FEED_ALLOW_PRIVATE", "sometimes"}, nil, "CAMPANILE_FEED_ALLOW_PRIVATE"},
		{"unknown flag", nil, []string{"--colour", "blue"}, "colour"},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"serve"}, c.args...)
			code := run(context.Background(), args, env(c.env...), &stdout, &stderr)
			if code != exitConfig {
				t.Fatalf("exit status %d, want %d (stderr %q)", code, exitConfig, stderr.String())
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") {
				t.Errorf("want exactly one line, got %q", msg)
			}
			if !strings.Contains(msg, c.names) {
				t.Errorf("message %q does not name %s", msg, c.names)
			}
			if strings.Contains(msg, "s3cretpw") {
				t.Errorf("the SMTP password leaked: %q", msg)
			}
			if !strings.Contains(msg, "expected") && c.label != "unknown flag" && !strings.HasPrefix(c.label, "smtp url") {
				t.Errorf("message %q does not say what is expected", msg)
			}
		})
	}
}

func TestConfigPrecedenceFlagOverEnvOverDefault(t *testing.T) {
	cfg, _, err := parseConfig("serve", nil, env(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DB != "campanile.db" || cfg.HTTP != "127.0.0.1:8080" || cfg.TelegramAPIURL != "https://api.telegram.org" {
		t.Errorf("defaults wrong: %+v", cfg)
	}
	cfg, _, err = parseConfig("serve", []string{"--db", "flag.db"}, env("CAMPANILE_DB", "env.db", "CAMPANILE_HTTP", ":9090"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DB != "flag.db" {
		t.Errorf("flag should win over environment, got %q", cfg.DB)
	}
	if cfg.HTTP != ":9090" {
		t.Errorf("environment should win over default, got %q", cfg.HTTP)
	}
}

func TestServeHelpListsEverySettingWithDefault(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"serve", "--help"}, env(), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	var c config
	for _, s := range c.settings() {
		if !strings.Contains(stdout.String(), s.env) || !strings.Contains(stdout.String(), "--"+s.flag) {
			t.Errorf("help does not list %s / --%s", s.env, s.flag)
		}
	}
	if !strings.Contains(stdout.String(), "default 127.0.0.1:8080") {
		t.Errorf("help does not show defaults:\n%s", stdout.String())
	}
}

func TestUnknownCommandExits2(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"frobnicate"}, env(), &stdout, &stderr); code != exitConfig {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), "frobnicate") {
		t.Errorf("stderr %q", stderr.String())
	}
}

func TestSecretsNeverPrinted(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"serve", "--webhook-secret", "hunter 2"}, env("CAMPANILE_TELEGRAM_TOKEN", "123:SECRETTOKEN"), &stdout, &stderr)
	if code != exitConfig {
		t.Fatalf("exit %d", code)
	}
	if strings.Contains(stderr.String(), "hunter") || strings.Contains(stderr.String(), "SECRETTOKEN") {
		t.Errorf("a secret leaked into %q", stderr.String())
	}
}

func TestTrustedProxiesAcceptAddressesRangesAndNone(t *testing.T) {
	got, err := parseTrustedProxies(" 10.0.0.1 , 192.168.1.7/16,::1")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.1/32", "192.168.0.0/16", "::1/128"}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("%d: %s, want %s", i, got[i], want[i])
		}
	}
	if none, err := parseTrustedProxies("none"); err != nil || none == nil || len(none) != 0 {
		t.Errorf("none: %v %v", none, err)
	}
}

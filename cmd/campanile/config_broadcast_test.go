package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestPaidBroadcastIsOffByDefaultAndReachesTheSender(t *testing.T) {
	cfg, _, err := parseConfig("serve", nil, env(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.PaidBroadcastRate != 0 || senderLimits(cfg).PaidBroadcast != 0 {
		t.Errorf("paid broadcast must be off unless the comune turns it on: %v", cfg.PaidBroadcastRate)
	}
	cfg, _, err = parseConfig("serve", []string{"--paid-broadcast-rate", "500"}, env("CAMPANILE_PAID_BROADCAST_RATE", "100"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := senderLimits(cfg); got.PaidBroadcast != 500 || got.Global != 25 {
		t.Errorf("flag over env, and the free rate untouched: paid %v global %v", got.PaidBroadcast, got.Global)
	}
}

func TestPaidBroadcastRateRejectsWhatTelegramWouldNotAllowWithOneLine(t *testing.T) {
	for _, v := range []string{"-1", "1001", "lots", "NaN"} {
		t.Run(v, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"serve"}, env("CAMPANILE_PAID_BROADCAST_RATE", v), &stdout, &stderr)
			if code != exitConfig {
				t.Fatalf("exit status %d, want %d (stderr %q)", code, exitConfig, stderr.String())
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "CAMPANILE_PAID_BROADCAST_RATE") || !strings.Contains(msg, "expected") {
				t.Errorf("want one line naming the variable and what is expected, got %q", msg)
			}
		})
	}
}

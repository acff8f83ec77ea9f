package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func TestFeedIntervalDefaultsToFifteenMinutes(t *testing.T) {
	cfg, _, err := parseConfig("serve", nil, env(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.FeedInterval != 15*time.Minute {
		t.Errorf("default %s, want 15m", cfg.FeedInterval)
	}
	cfg, _, err = parseConfig("serve", []string{"--feed-interval", "1h"}, env("CAMPANILE_FEED_INTERVAL", "5m"), nil)
	if err != nil || cfg.FeedInterval != time.Hour {
		t.Errorf("flag over env: %s %v", cfg.FeedInterval, err)
	}
}

func TestFeedIntervalRejectsWhatIsNotAPoliteDurationWithOneLine(t *testing.T) {
	for _, v := range []string{"15", "30s", "25h", "-5m", "quindici minuti"} {
		t.Run(v, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"serve"}, env("CAMPANILE_FEED_INTERVAL", v), &stdout, &stderr)
			if code != exitConfig {
				t.Fatalf("exit status %d, want %d (stderr %q)", code, exitConfig, stderr.String())
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "CAMPANILE_FEED_INTERVAL") || !strings.Contains(msg, "expected") {
				t.Errorf("want one line naming the variable and what is expected, got %q", msg)
			}
		})
	}
}

package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestWasteReminderTimeDefaultsToSevenAndReadsHHMM(t *testing.T) {
	cfg, _, err := parseConfig("serve", nil, env(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.WasteReminderHour != 19 || cfg.WasteReminderMinute != 0 {
		t.Errorf("default %02d:%02d, want 19:00", cfg.WasteReminderHour, cfg.WasteReminderMinute)
	}
	cfg, _, err = parseConfig("serve", []string{"--waste-reminder-time", "21:45"}, env("CAMPANILE_WASTE_REMINDER_TIME", "18:00"), nil)
	if err != nil || cfg.WasteReminderHour != 21 || cfg.WasteReminderMinute != 45 {
		t.Errorf("flag over env: %02d:%02d %v", cfg.WasteReminderHour, cfg.WasteReminderMinute, err)
	}
}

func TestWasteReminderTimeRejectsWhatIsNotAnEveningTimeWithOneLine(t *testing.T) {
	for _, v := range []string{"7pm", "19", "19:5", "19:60", "25:00", "23:30", "08:00", "19:00:00", " 19:00"} {
		t.Run(v, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"serve"}, env("CAMPANILE_WASTE_REMINDER_TIME", v), &stdout, &stderr)
			if code != exitConfig {
				t.Fatalf("exit status %d, want %d (stderr %q)", code, exitConfig, stderr.String())
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "CAMPANILE_WASTE_REMINDER_TIME") || !strings.Contains(msg, "expected") {
				t.Errorf("want one line naming the variable and what is expected, got %q", msg)
			}
		})
	}
}

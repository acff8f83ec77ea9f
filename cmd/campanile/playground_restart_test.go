package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// playgroundChats reads the playground's chat list.
func playgroundChats(t *testing.T, base string) []struct {
	ID    int64 `json:"id"`
	Kind  string
	Count int `json:"count"`
} {
	t.Helper()
	resp, err := http.Get(base + "/playground/api/chats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Chats []struct {
			ID    int64 `json:"id"`
			Kind  string
			Count int `json:"count"`
		} `json:"chats"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return body.Chats
}

func sayInPlayground(t *testing.T, base string, chat int64, text string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/playground/api/chats/"+strconv.FormatInt(chat, 10)+"/text", strings.NewReader(`{"text":`+strconv.Quote(text)+`}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", base)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("posting %q: %d", text, resp.StatusCode)
	}
}

// waitCount waits until the playground chat holds at least n messages.
func waitCount(t *testing.T, base string, chat int64, n int) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		for _, c := range playgroundChats(t, base) {
			if c.ID == chat && c.Count >= n {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("chat %d never reached %d messages", chat, n)
}

// The emulator is new at every start but the database is not: the first
// thing typed after a restart must be answered, not taken for an update
// the bot has already seen.
func TestPlaygroundAnswersTheFirstMessageAfterARestart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "campanile.db")
	for run := 1; run <= 2; run++ {
		_, health, stop := serveWith(t, nil, "CAMPANILE_DB", db)
		base := strings.TrimSuffix(health, "/healthz")
		chat := playgroundChats(t, base)[0].ID
		sayInPlayground(t, base, chat, "/start")
		waitCount(t, base, chat, 2) // what was typed, and the welcome
		if code := stop(); code != exitOK {
			t.Fatalf("run %d: serve exited %d", run, code)
		}
	}
}

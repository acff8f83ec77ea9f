package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestPlaygroundMode(t *testing.T) {
	cases := []struct {
		label      string
		args       []string
		env        []string
		playground bool
		announce   string
	}{
		{"no token: the playground", nil, nil, true, "(no CAMPANILE_TELEGRAM_TOKEN set)"},
		{"a token: Telegram, no playground", nil, []string{"CAMPANILE_TELEGRAM_TOKEN", "1:abc", "CAMPANILE_TELEGRAM_API_URL", "http://127.0.0.1:9"}, false, "long polling http://127.0.0.1:9"},
		{"a token and --playground", []string{"--playground"}, []string{"CAMPANILE_TELEGRAM_TOKEN", "1:abc"}, true, "the token is ignored"},
		{"a token and CAMPANILE_PLAYGROUND=true", nil, []string{"CAMPANILE_TELEGRAM_TOKEN", "1:abc", "CAMPANILE_PLAYGROUND", "true"}, true, "the token is ignored"},
		{"--playground=false with a token", []string{"--playground=false"}, []string{"CAMPANILE_TELEGRAM_TOKEN", "1:abc", "CAMPANILE_PLAYGROUND", "true", "CAMPANILE_TELEGRAM_API_URL", "http://127.0.0.1:9"}, false, "long polling"},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			kv := append([]string{"CAMPANILE_DB", filepath.Join(t.TempDir(), "campanile.db")}, c.env...)
			out, health, stop := serveWith(t, c.args, kv...)
			base := strings.TrimSuffix(health, "/healthz")
			if !strings.Contains(out, c.announce) {
				t.Errorf("announcement lacks %q:\n%s", c.announce, out)
			}
			wantLine := "  playground " + base + "/playground\n"
			if strings.Contains(out, wantLine) != c.playground {
				t.Errorf("playground line %q present: %v, want %v:\n%s", wantLine, !c.playground, c.playground, out)
			}
			status, body := get(t, base+"/playground")
			if c.playground && (status != 200 || !strings.Contains(body, "Simulazione")) {
				t.Errorf("playground page: %d", status)
			}
			if !c.playground && status != 404 {
				t.Errorf("with a token the playground answered %d", status)
			}
			// stop fails the test if shutdown hangs (a long poll held it).
			if code := stop(); code != exitOK {
				t.Errorf("serve exited %d", code)
			}
		})
	}
}

// TestPlaygroundStaffGroupFollowsTheStaffChatSetting checks the wiring: the
// group the playground shows is the one named by CAMPANILE_STAFF_CHAT_ID,
// or the playground's own when none is set.
func TestPlaygroundStaffGroupFollowsTheStaffChatSetting(t *testing.T) {
	for _, c := range []struct{ env, want string }{{"", "-1001000000777"}, {"-1009876543210", "-1009876543210"}} {
		kv := []string{"CAMPANILE_DB", filepath.Join(t.TempDir(), "campanile.db")}
		if c.env != "" {
			kv = append(kv, "CAMPANILE_STAFF_CHAT_ID", c.env)
		}
		_, health, stop := serveWith(t, nil, kv...)
		_, body := get(t, strings.TrimSuffix(health, "/healthz")+"/playground/api/chats")
		if !strings.Contains(body, `"id":`+c.want+`,"kind":"group"`) {
			t.Errorf("staff chat %q: chats %s", c.env, body)
		}
		stop()
	}
}

// TestPlaygroundMapDrawsTheStoredZones checks the wiring from the store's
// zones to the playground's map, in the shapes staff may upload.
func TestPlaygroundMapDrawsTheStoredZones(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "campanile.db")
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	square := `{"type":"Polygon","coordinates":[[[7.66,45.05],[7.71,45.05],[7.71,45.09],[7.66,45.09],[7.66,45.05]]]}`
	centre := `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[7.67,45.06],[7.69,45.06],[7.69,45.08],[7.67,45.06]]]}}`
	if err := st.ReplaceZones(context.Background(), store.ZoneKindBoundary, []store.Zone{{Name: "Comune", GeoJSON: square}}); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceZones(context.Background(), store.ZoneKindZone, []store.Zone{{Name: "Centro storico", GeoJSON: centre}}); err != nil {
		t.Fatal(err)
	}
	data, err := zoneMap(st)(context.Background())
	st.Close()
	if err != nil || !strings.Contains(string(data), `"Centro storico"`) || !strings.Contains(string(data), `"boundary"`) {
		t.Fatalf("map %s, error %v", data, err)
	}
	_, health, stop := serveWith(t, nil, "CAMPANILE_DB", dbPath)
	defer stop()
	_, body := get(t, strings.TrimSuffix(health, "/healthz")+"/playground")
	if !strings.Contains(body, `class="boundary"`) || !strings.Contains(body, "<title>Centro storico</title>") {
		t.Error("the playground's map does not show the stored zones")
	}
}

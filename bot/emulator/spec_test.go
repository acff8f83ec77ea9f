package emulator

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator/internal/specgen"
)

// apiJSONPath is where api.json sits relative to this package: the
// shared directory next to the repository, absent from a user's clone.
var apiJSONPath = filepath.Join("..", "..", "..", "shared", "telegram", "api.json")

func TestEmbeddedSpecDecodes(t *testing.T) {
	if _, err := loadSpec(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(SpecVersion(), "Bot API ") {
		t.Errorf("SpecVersion() = %q, want it to start with \"Bot API \"", SpecVersion())
	}
}

// TestSpecUpToDate fails when spec.json no longer matches what the
// generator makes of the current api.json: run go generate ./bot/emulator.
func TestSpecUpToDate(t *testing.T) {
	data, err := os.ReadFile(apiJSONPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found; cannot check that spec.json is up to date", apiJSONPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	want, err := specgen.Generate(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(specJSON, want) {
		t.Errorf("spec.json is stale against %s: run go generate ./bot/emulator", apiJSONPath)
	}
}

func TestMethodSpec(t *testing.T) {
	tests := []struct {
		label, query, name string
		found              bool
	}{
		{"exact", "sendMessage", "sendMessage", true},
		{"lower case", "sendmessage", "sendMessage", true},
		{"upper case", "SENDMEDIAGROUP", "sendMediaGroup", true},
		{"no fields", "getMe", "getMe", true},
		{"unknown", "sendTelegram", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			m, ok := MethodSpec(tt.query)
			if ok != tt.found || m.Name != tt.name {
				t.Fatalf("MethodSpec(%q) = %q, %v; want %q, %v", tt.query, m.Name, ok, tt.name, tt.found)
			}
		})
	}
}

func TestMethodSpecFields(t *testing.T) {
	m, ok := MethodSpec("sendMessage")
	if !ok {
		t.Fatal("sendMessage missing from the embedded spec")
	}
	tests := []struct {
		field    string
		required bool
		types    string
	}{
		{"chat_id", true, "Integer,String"},
		{"text", true, "String"},
		{"parse_mode", false, "String"},
		{"reply_markup", false, "InlineKeyboardMarkup,ReplyKeyboardMarkup,ReplyKeyboardRemove,ForceReply"},
	}
	for _, tt := range tests {
		f, ok := m.Fields[tt.field]
		if !ok {
			t.Errorf("sendMessage has no field %s", tt.field)
			continue
		}
		if f.Required != tt.required || strings.Join(f.Types, ",") != tt.types {
			t.Errorf("sendMessage.%s = %+v, want required=%v types=%s", tt.field, f, tt.required, tt.types)
		}
	}
	// The result is a copy: changing it must not leak into the next lookup.
	delete(m.Fields, "text")
	if again, _ := MethodSpec("sendMessage"); again.Fields["text"].Types == nil {
		t.Error("MethodSpec returned the shared map, not a copy")
	}
}

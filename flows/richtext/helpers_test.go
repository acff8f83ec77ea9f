package richtext_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/campanile/campanile/bot/emulator"
)

// telegramText parses html the way Telegram's HTML parse mode does (the
// emulator follows the Bot API server's parser) and fails the test if
// Telegram would reject it.
func telegramText(t testing.TB, html string) (string, []emulator.Entity) {
	t.Helper()
	plain, ents, err := emulator.ParseHTML(html)
	if err != nil {
		t.Fatalf("Telegram would reject %q: %v", html, err)
	}
	return plain, ents
}

// withoutSpace drops every whitespace character, to compare texts
// modulo the whitespace Split may drop at its cuts.
func withoutSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// checkPieces asserts what every caller of Split relies on: each piece
// parses, is non-empty and within limit, and together they show the same
// text as the whole.
func checkPieces(t testing.TB, sanitized string, pieces []string, limit int) {
	t.Helper()
	whole, _ := telegramText(t, sanitized)
	var joined strings.Builder
	for i, p := range pieces {
		plain, _ := telegramText(t, p)
		if n := emulator.UTF16Len(plain); n == 0 || n > limit {
			t.Fatalf("piece %d of %d has %d UTF-16 units, limit %d: %q", i, len(pieces), n, limit, p)
		}
		joined.WriteString(plain)
	}
	if got, want := withoutSpace(joined.String()), withoutSpace(whole); got != want {
		t.Fatalf("pieces show %q, the whole shows %q", got, want)
	}
}

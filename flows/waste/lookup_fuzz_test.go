package waste

import (
	"strings"
	"testing"
)

// FuzzLookup: whatever a citizen types, the matcher never panics, is only
// sure of an item it names, and suggests only items of the dictionary,
// at most five, best first.
func FuzzLookup(f *testing.F) {
	for _, s := range []string{"il cartone della pizza", "lampadna", "scontirno", "dell'olio", "Perché?", "", "   ",
		"ÀÉÎÕÜ ß İstanbul", "\xff\xfe", strings.Repeat("bottiglie ", 50), "a'b'c'd", "tè", "中文 пластик"} {
		f.Add(s)
	}
	d := starter(f)
	names := map[string]bool{}
	for _, it := range d.Items() {
		names[it.Name] = true
	}
	f.Fuzz(func(t *testing.T, query string) {
		for _, term := range terms(query) {
			if term == "" || strings.Contains(term, " ") {
				t.Fatalf("terms(%q) has %q", query, term)
			}
		}
		m := d.Lookup(query)
		if m.Sure && m.Item == nil {
			t.Fatalf("Lookup(%q): sure of nothing", query)
		}
		if m.Item != nil && !names[m.Item.Name] {
			t.Fatalf("Lookup(%q) = %q, not in the dictionary", query, m.Item.Name)
		}
		if m.Sure && len(m.Suggestions) > 0 {
			t.Fatalf("Lookup(%q): sure, yet suggestions", query)
		}
		if m.Item == nil && (len(m.Suggestions) > 0 || m.Score != 0) {
			t.Fatalf("Lookup(%q): suggestions without an item", query)
		}
		if !m.Sure && m.Item != nil && (len(m.Suggestions) == 0 || m.Suggestions[0].Name != m.Item.Name) {
			t.Fatalf("Lookup(%q): the item %q is not the first suggestion", query, m.Item.Name)
		}
		if len(m.Suggestions) > maxSuggestions {
			t.Fatalf("Lookup(%q): %d suggestions", query, len(m.Suggestions))
		}
		seen := map[string]bool{}
		for _, s := range m.Suggestions {
			if !names[s.Name] || seen[s.Name] {
				t.Fatalf("Lookup(%q) suggests %q: unknown or twice", query, s.Name)
			}
			seen[s.Name] = true
		}
		if m.Score < 0 || m.Score > 1 {
			t.Fatalf("Lookup(%q): score %v", query, m.Score)
		}
	})
}

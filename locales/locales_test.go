package locales

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestEveryLanguageHasEveryKey fails when a translation lacks a key the
// source has, or has one the source does not (a typo or a leftover).
func TestEveryLanguageHasEveryKey(t *testing.T) {
	c := MustLoad()
	source := c.Keys(Source)
	if len(source) == 0 {
		t.Fatal("the source language has no keys")
	}
	for _, lang := range Supported[1:] {
		keys := c.Keys(lang)
		for _, k := range source {
			if !slices.Contains(keys, k) {
				t.Errorf("%s.toml lacks %q", lang, k)
			}
		}
		for _, k := range keys {
			if !slices.Contains(source, k) {
				t.Errorf("%s.toml has %q, which %s.toml does not", lang, k, Source)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// TestTranslationsUseTheSourcePlaceholders catches a translation that
// drops or misspells a {{.Name}}: the citizen would see a blank.
func TestTranslationsUseTheSourcePlaceholders(t *testing.T) {
	c := MustLoad()
	vars := func(lang, key string) []string {
		var out []string
		for _, m := range placeholder.FindAllStringSubmatch(rawMessage(t, lang, key), -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	for _, key := range c.Keys(Source) {
		want := vars(Source, key)
		for _, lang := range Supported[1:] {
			if got := vars(lang, key); !slices.Equal(got, want) {
				t.Errorf("%s %q uses %v, source uses %v", lang, key, got, want)
			}
		}
	}
}

// rawMessage finds key's text in any of lang's message files (the chat's
// own, and each area's such as reports.it.toml).
func rawMessage(t *testing.T, lang, key string) string {
	t.Helper()
	entries, err := files.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if name != lang+".toml" && !strings.HasSuffix(name, "."+lang+".toml") {
			continue
		}
		data, err := files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		start := strings.Index(text, `"`+key+`" =`)
		if start < 0 {
			continue
		}
		rest := text[start+len(key)+4:]
		if next := strings.Index(rest, "\n\""); next >= 0 {
			rest = rest[:next]
		}
		return rest
	}
	return ""
}

func TestMissingKeysAreRecorded(t *testing.T) {
	c := MustLoad()
	if got := c.T("it", "no.such.key", nil); got != "no.such.key" {
		t.Errorf("missing key rendered as %q", got)
	}
	if !slices.Contains(c.Missing(), "no.such.key") {
		t.Errorf("missing key not recorded: %v", c.Missing())
	}
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{"": "it", "it": "it", "en": "en", "en-GB": "en", "de-AT": "de", "DE": "de", "fr": "it", "pt-br": "it"}
	for in, want := range cases {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTemplatesFill(t *testing.T) {
	c := MustLoad()
	for _, lang := range Supported {
		got := c.T(lang, "topics.toast_on", map[string]any{"Topic": "Vetro"})
		if !strings.Contains(got, "Vetro") {
			t.Errorf("%s: %q lacks the topic name", lang, got)
		}
	}
}

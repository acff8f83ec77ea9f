// Package locales holds every string a citizen or a clerk reads, in
// go-i18n TOML files embedded in the binary. Italian is the source
// language; English and German ship too.
package locales

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed *.toml
var files embed.FS

// Source is the language every other translation follows.
const Source = "it"

// Supported lists the languages that ship, source first.
var Supported = []string{"it", "en", "de"}

// Catalog translates message ids. It remembers ids that were asked for but
// do not exist, so tests can fail on them.
type Catalog struct {
	bundle     *i18n.Bundle
	localizers map[string]*i18n.Localizer
	keys       map[string][]string

	mu      sync.Mutex
	missing map[string]bool
}

// Load parses the embedded message files. It fails on a file that does not
// parse, so a broken translation stops start-up instead of a conversation.
func Load() (*Catalog, error) {
	bundle := i18n.NewBundle(language.Italian)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{bundle: bundle, localizers: map[string]*i18n.Localizer{}, keys: map[string][]string{}, missing: map[string]bool{}}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, fmt.Errorf("locales: unable to list message files: %w", err)
	}
	for _, lang := range Supported {
		// Each area may keep its texts in a file of its own: it.toml for the
		// citizen's chat, playground.it.toml for the playground page, ...
		for _, e := range entries {
			name := e.Name()
			if name != lang+".toml" && !strings.HasSuffix(name, "."+lang+".toml") {
				continue
			}
			data, err := fs.ReadFile(files, name)
			if err != nil {
				return nil, fmt.Errorf("locales: unable to read %s: %w", name, err)
			}
			mf, err := bundle.ParseMessageFileBytes(data, name)
			if err != nil {
				return nil, fmt.Errorf("locales: unable to parse %s: %w", name, err)
			}
			for _, m := range mf.Messages {
				c.keys[lang] = append(c.keys[lang], m.ID)
			}
		}
		sort.Strings(c.keys[lang])
		// Only the source language falls back: a key missing in German
		// shows the Italian text, never a bare id.
		c.localizers[lang] = i18n.NewLocalizer(bundle, lang, Source)
	}
	return c, nil
}

// MustLoad is Load for tests and for start-up code that cannot go on
// without translations.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Normalize maps a Telegram language_code ("en", "en-GB", "de-AT") to a
// supported language, Italian when there is none.
func Normalize(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	if i := strings.IndexAny(code, "-_"); i >= 0 {
		code = code[:i]
	}
	for _, l := range Supported {
		if code == l {
			return l
		}
	}
	return Source
}

// T returns message id in lang, filled with data. Values in data are used
// as given: callers escape what goes into HTML.
func (c *Catalog) T(lang, id string, data map[string]any) string {
	return c.localize(lang, &i18n.LocalizeConfig{MessageID: id, TemplateData: data})
}

// Plural returns message id in the plural form for count; data may use
// {{.Count}}.
func (c *Catalog) Plural(lang, id string, count int, data map[string]any) string {
	if data == nil {
		data = map[string]any{}
	}
	data["Count"] = count
	return c.localize(lang, &i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
}

func (c *Catalog) localize(lang string, cfg *i18n.LocalizeConfig) string {
	loc, ok := c.localizers[Normalize(lang)]
	if !ok {
		loc = c.localizers[Source]
	}
	s, err := loc.Localize(cfg)
	if err != nil {
		var notFound *i18n.MessageNotFoundErr
		if !errors.As(err, &notFound) || s == "" {
			c.mu.Lock()
			c.missing[cfg.MessageID] = true
			c.mu.Unlock()
			return cfg.MessageID
		}
	}
	return s
}

// Keys returns the message ids defined for lang, sorted.
func (c *Catalog) Keys(lang string) []string { return c.keys[lang] }

// Missing returns the ids that were asked for and not found, sorted.
func (c *Catalog) Missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.missing))
	for id := range c.missing {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

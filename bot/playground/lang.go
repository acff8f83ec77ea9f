package playground

import (
	"maps"
	"net/http"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/campanile/campanile/locales"
)

// langCookie remembers the language picked with the page's switch.
const langCookie = "campanile_playground_lang"

var langMatcher = func() language.Matcher {
	tags := make([]language.Tag, 0, len(locales.Supported))
	for _, l := range locales.Supported {
		tags = append(tags, language.Make(l))
	}
	return language.NewMatcher(tags)
}()

// pageLang picks the page's language: ?lang= (the switch, remembered in
// a cookie), then the cookie, then the browser's Accept-Language, then
// Italian, the source language.
func pageLang(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l != "" && supported(l) {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: Prefix, MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && supported(c.Value) {
		return c.Value
	}
	if accept := r.Header.Get("Accept-Language"); accept != "" {
		tags, _, err := language.ParseAcceptLanguage(accept)
		if err == nil && len(tags) > 0 {
			_, i, conf := langMatcher.Match(tags...)
			if conf != language.No {
				return locales.Supported[i]
			}
		}
	}
	return locales.Source
}

func supported(l string) bool { return slices.Contains(locales.Supported, l) }

// scriptArgs fill the placeholders of texts the script completes: it
// replaces {name} and the like with what it knows only when drawing.
var scriptArgs = map[string]any{"Name": "{name}", "Time": "{time}", "Count": "{count}"}

// pageStrings are the page's texts in lang: every playground.* key, so
// that a text added to the locale files reaches the script without a
// list to keep in step here.
func (p *Playground) pageStrings(lang string) map[string]string {
	args := map[string]any{"Comune": p.cfg.Comune}
	maps.Copy(args, scriptArgs)
	out := map[string]string{}
	for _, key := range p.cat.Keys(lang) {
		if short, ok := strings.CutPrefix(key, "playground."); ok {
			out[short] = p.cat.T(lang, key, args)
		}
	}
	return out
}

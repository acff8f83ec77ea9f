package playground

import (
	"context"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/campanile/campanile/locales"
)

func TestPageSpeaksTheVisitorsLanguage(t *testing.T) {
	f := newFixture(t, Config{})
	cat := locales.MustLoad()
	cases := []struct {
		label, path, accept, cookie, want string
	}{
		{"default", "/playground", "", "", "it"},
		{"browser in German", "/playground", "de-AT,de;q=0.9,en;q=0.5", "", "de"},
		{"browser in English first", "/playground/", "en-GB,it;q=0.5", "", "en"},
		{"browser in French", "/playground", "fr-FR,fr;q=0.9", "", "it"},
		{"the switch wins", "/playground?lang=en", "de", "", "en"},
		{"an unknown switch is ignored", "/playground?lang=xx", "de", "", "de"},
		{"the remembered choice", "/playground", "de", "en", "en"},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			h := map[string]string{}
			if c.accept != "" {
				h["Accept-Language"] = c.accept
			}
			if c.cookie != "" {
				h["Cookie"] = langCookie + "=" + c.cookie
			}
			rec := f.do(request{method: http.MethodGet, path: c.path, header: h})
			body := rec.Body.String()
			if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				t.Fatalf("status %d %q", rec.Code, rec.Header().Get("Content-Type"))
			}
			if !strings.Contains(body, `<html lang="`+c.want+`">`) {
				t.Errorf("page not in %s", c.want)
			}
			banner := cat.T(c.want, "playground.banner", nil)
			if !strings.Contains(body, banner) {
				t.Errorf("banner %q missing", banner)
			}
		})
	}
	rec := f.do(request{method: http.MethodGet, path: "/playground?lang=de"})
	if c := rec.Header().Get("Set-Cookie"); !strings.Contains(c, langCookie+"=de") {
		t.Errorf("the switch is not remembered: %q", c)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("content security policy %q", csp)
	}
}

func TestPageIsSelfContained(t *testing.T) {
	f := newFixture(t, Config{})
	body := f.do(request{method: http.MethodGet, path: "/playground"}).Body.String()
	// Nothing from another host: the playground works offline.
	for _, attr := range regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		if u := attr[1]; !strings.HasPrefix(u, "/playground/") && !strings.HasPrefix(u, "#") && !strings.HasPrefix(u, "?lang=") {
			t.Errorf("the page loads %q", u)
		}
	}
	for _, asset := range []struct{ path, ctype string }{
		{"/playground/assets/playground.js", "text/javascript"},
		{"/playground/assets/playground.css", "text/css"},
		{"/playground/samples/pothole.jpg", "image/jpeg"},
	} {
		rec := f.do(request{method: http.MethodGet, path: asset.path})
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), asset.ctype) || rec.Body.Len() == 0 {
			t.Errorf("%s: %d %q", asset.path, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
	for _, missing := range []string{"/playground/assets/page.html", "/playground/assets/page.go", "/playground/samples/selfie.jpg", "/playground/samples/pothole.png"} {
		if rec := f.do(request{method: http.MethodGet, path: missing}); rec.Code != 404 {
			t.Errorf("%s answered %d", missing, rec.Code)
		}
	}
}

// TestEveryTextThePageUsesExists reads the template and the script for
// the keys they ask for: a typo would show a bare key to the visitor.
func TestEveryTextThePageUsesExists(t *testing.T) {
	cat := locales.MustLoad()
	page, _ := os.ReadFile("assets/page.html")
	script, _ := os.ReadFile("assets/playground.js")
	var keys []string
	for _, m := range regexp.MustCompile(`call \.T "([a-z_.]+)"`).FindAllStringSubmatch(string(page), -1) {
		keys = append(keys, m[1])
	}
	for _, m := range regexp.MustCompile(`\bt\("([a-z_.]+)"`).FindAllStringSubmatch(string(script), -1) {
		if !strings.HasSuffix(m[1], ".") { // t("lang." + code): the languages, below
			keys = append(keys, m[1])
		}
	}
	for _, lang := range locales.Supported {
		keys = append(keys, "lang_name."+lang, "lang."+lang)
	}
	if len(keys) < 40 {
		t.Fatalf("found only %d keys: the patterns no longer match the files", len(keys))
	}
	for _, lang := range locales.Supported {
		have := map[string]bool{}
		for _, k := range cat.Keys(lang) {
			have[k] = true
		}
		for _, k := range keys {
			if !have["playground."+k] {
				t.Errorf("%s: playground.%s is used by the page but missing", lang, k)
			}
		}
	}
}

func TestEveryPlaygroundTextRenders(t *testing.T) {
	f := newFixture(t, Config{})
	for _, lang := range locales.Supported {
		for key, text := range f.p.pageStrings(lang) {
			if text == "" || strings.Contains(text, "<no value>") || strings.Contains(text, "{{") {
				t.Errorf("%s %s renders as %q", lang, key, text)
			}
		}
	}
}

func TestMapFromTheComunesZones(t *testing.T) {
	zones := `{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{"name":"Comune","kind":"boundary"},"geometry":{"type":"Polygon","coordinates":[[[7.66,45.05],[7.71,45.05],[7.71,45.09],[7.66,45.09],[7.66,45.05]]]}},
		{"type":"Feature","properties":{"name":"Centro"},"geometry":{"type":"Polygon","coordinates":[[[7.67,45.06],[7.69,45.06],[7.69,45.08],[7.67,45.06]]]}}
	]}`
	f := newFixture(t, Config{Map: func(context.Context) ([]byte, error) { return []byte(zones), nil }})
	body := f.do(request{method: http.MethodGet, path: "/playground"}).Body.String()
	if !strings.Contains(body, `class="boundary"`) || !strings.Contains(body, `class="zone zone-0"`) || !strings.Contains(body, "<title>Centro</title>") {
		t.Errorf("the zones are not drawn")
	}
}

package playground

import (
	"embed"
	"html/template"
	"net/http"
	"path"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/locales"
)

//go:embed assets
var assets embed.FS

func mustParsePage() *template.Template {
	return template.Must(template.New("page.html").ParseFS(assets, "assets/page.html"))
}

// pageData is what page.html draws; Boot goes to the script as JSON.
type pageData struct {
	Lang    string
	Langs   []string
	Comune  string
	T       func(key string) string
	Map     mapView
	Samples []sampleView
	Boot    bootData
}

// bootData is everything the script needs before its first API call.
type bootData struct {
	Lang    string            `json:"lang"`
	Prefix  string            `json:"prefix"`
	Strings map[string]string `json:"strings"`
	Map     mapView           `json:"map"`
	Samples []sampleView      `json:"samples"`
	Places  []placeMark       `json:"places"`
	BotName string            `json:"bot_name"`
}

type sampleView struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	URL   string `json:"url"`
}

// pageHandler draws the playground. Its texts are in the visitor's
// language; the chats themselves arrive through the API.
func (p *Playground) pageHandler(w http.ResponseWriter, r *http.Request) {
	lang := pageLang(w, r)
	strs := p.pageStrings(lang)
	m := p.mapView(r.Context())
	var samples []sampleView
	for _, s := range p.samples {
		samples = append(samples, sampleView{Name: s.Name, Label: p.cat.T(lang, s.Label, nil), URL: Prefix + "/samples/" + s.Name + ".jpg"})
	}
	data := pageData{
		Lang: lang, Langs: locales.Supported, Comune: p.cfg.Comune,
		T:   func(key string) string { return strs[key] },
		Map: m, Samples: samples,
		Boot: bootData{Lang: lang, Prefix: Prefix, Strings: strs, Map: m, Samples: samples, Places: m.Places, BotName: p.emu.BotUser().FirstName},
	}
	setPageHeaders(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := p.page.Execute(w, data); err != nil {
		p.log.Error("playground page failed", "error", err)
	}
}

// setPageHeaders keeps the page to its own scripts and styles: the only
// HTML it inserts is the emulator's rendering of message texts, and even
// a mistake there could not run a script.
func setPageHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
}

var assetTypes = map[string]string{
	"playground.js":  "text/javascript; charset=utf-8",
	"playground.css": "text/css; charset=utf-8",
}

// assetHandler serves the script and the style sheet.
func (p *Playground) assetHandler(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["name"]
	ctype, ok := assetTypes[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	data, err := assets.ReadFile(path.Join("assets", name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(data)
}

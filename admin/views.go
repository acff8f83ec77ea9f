package admin

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static/admin.css
var adminCSS []byte

// pages are the templates, each parsed with the layout.
var pages = []string{"login", "password", "dashboard", "totp", "audit", "error"}

type views struct{ pages map[string]*template.Template }

func mustParseViews() *views {
	funcs := template.FuncMap{
		"when": func(unix int64) string { return time.Unix(unix, 0).Local().Format("02/01/2006 15:04") },
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, p := range pages {
		v.pages[p] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/"+p+".html"))
	}
	return v
}

// page is what every template receives: the clerk (nil before sign-in),
// the form token, the language, and the page's own data.
type page struct {
	Lang    string
	Title   string
	Account *store.StaffAccount
	CSRF    string
	Data    any
	cat     *locales.Catalog
}

// T translates id; args are name, value pairs for the message's fields.
func (p page) T(id string, args ...any) string {
	var data map[string]any
	if len(args) > 1 {
		data = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			name, _ := args[i].(string)
			data[name] = args[i+1]
		}
	}
	return p.cat.T(p.Lang, id, data)
}

// RoleName is the role's name in the page's language.
func (p page) RoleName(r store.StaffRole) string { return p.T("admin.role." + string(r)) }

// requestLang picks the first supported language the browser asks for,
// Italian when none.
func requestLang(r *http.Request) string {
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil {
		return locales.Source
	}
	for _, t := range tags {
		base, _ := t.Base()
		for _, l := range locales.Supported {
			if strings.EqualFold(base.String(), l) {
				return l
			}
		}
	}
	return locales.Source
}

func (s *Server) newPage(r *http.Request, titleID string, data any) page {
	p := page{Lang: requestLang(r), Data: data, cat: s.cat}
	p.Title = p.T(titleID)
	if st := stateFrom(r); st != nil {
		p.Account = &st.acct
		p.CSRF = st.sess.CSRFToken
	}
	return p
}

// render writes a page; the template runs into a buffer first so an error
// becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, p page) {
	var buf bytes.Buffer
	if err := s.views.pages[name].Execute(&buf, p); err != nil {
		s.log.Error("unable to render page", "page", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, code int, messageID string) {
	s.render(w, r, code, "error", s.newPage(r, "admin.error.title", messageID))
}

func (s *Server) cssHandler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		_, _ = w.Write(adminCSS)
	}
}

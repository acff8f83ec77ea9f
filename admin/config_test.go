package admin

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// configDesk is a harness with an admin signed in, for the configuration
// pages. Every test using it fails on a message id the locales lack.
type configDesk struct {
	*harness
	c    *http.Client
	csrf string
}

func newConfigDesk(t *testing.T) *configDesk {
	t.Helper()
	h := newHarness(t)
	d := &configDesk{harness: h}
	d.c, d.csrf = h.signedInClient(h.account("capo", store.RoleAdmin, "a long enough password", false))
	t.Cleanup(func() {
		if missing := h.s.cat.Missing(); len(missing) > 0 {
			t.Errorf("missing messages: %v", missing)
		}
	})
	return d
}

// send posts form, with the CSRF token, as the admin.
func (d *configDesk) send(path string, form url.Values) (*http.Response, string) {
	d.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("csrf", d.csrf)
	return d.post(d.c, path, f)
}

// text is a message as the Italian page shows it, HTML-escaped.
func (d *configDesk) text(id string, args ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[args[i].(string)] = args[i+1]
	}
	return template.HTMLEscapeString(d.s.cat.T("it", id, data))
}

// audits are the audit entries with actions starting with prefix, oldest
// first.
func (d *configDesk) audits(prefix string) []store.AuditEntry {
	d.t.Helper()
	entries, _, err := d.st.AuditEntries(context.Background(), 0, 1000)
	if err != nil {
		d.t.Fatal(err)
	}
	var out []store.AuditEntry
	for _, e := range slices.Backward(entries) {
		if strings.HasPrefix(e.Action, prefix) {
			out = append(out, e)
		}
	}
	return out
}

// redirectedTo checks a POST ended with 303 to want.
func redirectedTo(t *testing.T, resp *http.Response, body, want string) {
	t.Helper()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Fatalf("got %d %q, want 303 to %q: %s", resp.StatusCode, resp.Header.Get("Location"), want, body)
	}
}

func TestConfigIndexLinksEveryPartForAdminsOnly(t *testing.T) {
	d := newConfigDesk(t)
	resp, body := d.get(d.c, "/admin/config")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	for _, want := range []string{`href="/admin/config/categories"`, `href="/admin/config/topics"`, `href="/admin/config/zones"`, `href="/admin/staff"`,
		d.text("admin.config.categories_hint"), d.text("admin.config.link_zones_hint")} {
		if !strings.Contains(body, want) {
			t.Errorf("index lacks %q", want)
		}
	}
	if _, home := d.get(d.c, "/admin/"); !strings.Contains(home, `href="/admin/config"`) {
		t.Error("the dashboard does not link the configuration")
	}
	editor, _ := d.signedInClient(d.account("redattrice", store.RoleEditor, "a long enough password", false))
	for _, path := range []string{"/admin/config", "/admin/config/categories", "/admin/config/topics/new"} {
		if resp, _ := d.get(editor, path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an editor opened %s: %d", path, resp.StatusCode)
		}
	}
}

func TestConfigUnknownIDsAre404(t *testing.T) {
	d := newConfigDesk(t)
	for _, path := range []string{"/admin/config/categories/99999", "/admin/config/categories/abc", "/admin/config/offices/99999", "/admin/config/topics/99999"} {
		if resp, _ := d.get(d.c, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
		for _, suffix := range []string{"", "/delete"} {
			if resp, _ := d.send(path+suffix, url.Values{"name_it": {"X"}, "name": {"X"}}); resp.StatusCode != http.StatusNotFound {
				t.Errorf("POST %s%s: %d", path, suffix, resp.StatusCode)
			}
		}
	}
	if got := d.audits("config."); len(got) != 0 {
		t.Errorf("audited %v", got)
	}
}

package admin

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/admin/auth"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// testParams keep argon2id cheap so that the suite stays fast.
var testParams = auth.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

type harness struct {
	t   *testing.T
	st  *store.Store
	s   *Server
	srv *httptest.Server
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "campanile.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := New(st, locales.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Password: testParams})
	r := mux.NewRouter()
	s.Register(r)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return &harness{t: t, st: st, s: s, srv: srv}
}

func (h *harness) account(name string, role store.StaffRole, password string, mustChange bool) store.StaffAccount {
	h.t.Helper()
	hash, err := auth.HashPassword(password, testParams)
	if err != nil {
		h.t.Fatal(err)
	}
	a, err := h.st.CreateStaffAccount(context.Background(), store.StaffAccount{Username: name, Role: role, PasswordHash: hash, MustChangePassword: mustChange})
	if err != nil {
		h.t.Fatal(err)
	}
	return a
}

// client is a browser: a cookie jar, no automatic redirects.
func (h *harness) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signedInClient is a browser with a session of acct, made directly in
// the store (no HTTP sign-in) to keep the role table fast.
func (h *harness) signedInClient(acct store.StaffAccount) (*http.Client, string) {
	h.t.Helper()
	id, sess, err := h.s.startSession(context.Background(), acct, "127.0.0.1", "test")
	if err != nil {
		h.t.Fatal(err)
	}
	c := h.client()
	u, _ := url.Parse(h.srv.URL + "/admin/")
	c.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: id, Path: "/admin"}})
	return c, sess.CSRFToken
}

func (h *harness) get(c *http.Client, path string) (*http.Response, string) {
	h.t.Helper()
	resp, err := c.Get(h.srv.URL + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (h *harness) post(c *http.Client, path string, form url.Values) (*http.Response, string) {
	h.t.Helper()
	resp, err := c.PostForm(h.srv.URL+path, form)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (h *harness) login(c *http.Client, user, password, code string) *http.Response {
	h.t.Helper()
	resp, _ := h.post(c, "/admin/login", url.Values{"username": {user}, "password": {password}, "code": {code}})
	return resp
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (h *harness) csrfOf(c *http.Client, path string) string {
	h.t.Helper()
	_, body := h.get(c, path)
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		h.t.Fatalf("no csrf field on %s: %s", path, body)
	}
	return m[1]
}

func (h *harness) auditActions() []string {
	entries, _, err := h.st.AuditEntries(context.Background(), 0, 1000)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Action)
	}
	return out
}

func TestEveryRouteDeclaresRolesOrRegistrationPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a route without roles registered")
		}
	}()
	s := &Server{}
	s.wrap(route{http.MethodGet, "/admin/nowhere", (*Server).dashboard, nil})
}

// TestRoleTable tries every route of the table with no session and with a
// session of each role: a new route is covered as soon as it is listed.
func TestRoleTable(t *testing.T) {
	h := newHarness(t)
	accounts := map[store.StaffRole]store.StaffAccount{}
	for _, role := range store.StaffRoles {
		accounts[role] = h.account("u-"+string(role), role, "a long enough password", false)
	}
	for _, rt := range routes {
		if isPublic(rt.roles) {
			continue
		}
		t.Run("anonymous "+rt.method+" "+rt.path, func(t *testing.T) {
			c := h.client()
			if rt.method == http.MethodGet {
				resp, _ := h.get(c, rt.path)
				if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login" {
					t.Errorf("%d %s", resp.StatusCode, resp.Header.Get("Location"))
				}
				return
			}
			resp, _ := h.post(c, rt.path, url.Values{})
			if resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusForbidden {
				t.Errorf("%d", resp.StatusCode)
			}
		})
		for _, role := range store.StaffRoles {
			allowed := false
			for _, r := range rt.roles {
				allowed = allowed || r == role
			}
			t.Run(string(role)+" "+rt.method+" "+rt.path, func(t *testing.T) {
				c, csrf := h.signedInClient(accounts[role])
				var resp *http.Response
				if rt.method == http.MethodGet {
					resp, _ = h.get(c, rt.path)
				} else {
					resp, _ = h.post(c, rt.path, url.Values{"csrf": {csrf}})
				}
				switch {
				case allowed && resp.StatusCode == http.StatusForbidden:
					t.Errorf("allowed role refused: %d", resp.StatusCode)
				case allowed && resp.StatusCode >= 500:
					t.Errorf("allowed role got %d", resp.StatusCode)
				case !allowed && resp.StatusCode != http.StatusForbidden:
					t.Errorf("role not allowed got %d", resp.StatusCode)
				}
				if resp.Header.Get("X-Frame-Options") != "DENY" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
					t.Error("security headers missing")
				}
			})
		}
	}
}

func TestPostWithoutCSRFTokenIsRefusedAndChangesNothing(t *testing.T) {
	h := newHarness(t)
	acct := h.account("maria", store.RoleEditor, "a long enough password", false)
	c, csrf := h.signedInClient(acct)
	form := url.Values{"current": {"a long enough password"}, "new": {"another long password"}, "confirm": {"another long password"}}
	resp, _ := h.post(c, "/admin/password", form)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("no token: %d", resp.StatusCode)
	}
	wrong := "x"
	if csrf[0] == 'x' { // one token in 64 starts with x: keep it wrong
		wrong = "y"
	}
	form.Set("csrf", wrong+csrf[1:])
	if resp, _ = h.post(c, "/admin/password", form); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("wrong token: %d", resp.StatusCode)
	}
	form.Set("csrf", csrf)
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/admin/password", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	if resp, err := c.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("foreign origin: %v %v", resp.StatusCode, err)
	}
	after, _ := h.st.StaffAccount(context.Background(), acct.ID)
	if after.PasswordHash != acct.PasswordHash {
		t.Fatal("the password changed without a valid token")
	}
	if resp, _ = h.post(c, "/admin/password", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("with the token: %d", resp.StatusCode)
	}
}

func TestSignInRotatesTheSessionIDAndWritesTheAudit(t *testing.T) {
	h := newHarness(t)
	h.account("maria", store.RoleOperator, "a long enough password", false)
	c := h.client()
	u, _ := url.Parse(h.srv.URL + "/admin/")
	planted := auth.RandomToken(32)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: planted, Path: "/admin"}})
	if resp := h.login(c, "maria", "wrong password", ""); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	resp := h.login(c, "MARIA", "a long enough password", "")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/" {
		t.Fatalf("sign-in: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	var got *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie {
			got = ck
		}
	}
	if got == nil || got.Value == planted || !got.HttpOnly || got.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie: %+v", got)
	}
	if _, err := h.st.StaffSession(context.Background(), got.Value); err == nil {
		t.Error("the store keeps the session id in clear")
	}
	r, body := h.get(c, "/admin/")
	if r.StatusCode != http.StatusOK || !strings.Contains(body, "127.0.0.1") || !strings.Contains(body, "maria") {
		t.Errorf("dashboard: %d", r.StatusCode)
	}
	if strings.Contains(body, "/admin/audit") {
		t.Error("an operator is offered the audit log")
	}
	csrf := h.csrfOf(c, "/admin/")
	if resp, _ := h.post(c, "/admin/logout", url.Values{"csrf": {csrf}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout %d", resp.StatusCode)
	}
	if r, _ := h.get(c, "/admin/"); r.StatusCode != http.StatusSeeOther {
		t.Error("still signed in after logout")
	}
	want := []string{"logout", "signin.success", "signin.failure"}
	if got := h.auditActions(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("audit %v, want %v", got, want)
	}
}

func TestSixthFailureIsThrottledEvenWithTheRightPassword(t *testing.T) {
	h := newHarness(t)
	h.account("maria", store.RoleOperator, "a long enough password", false)
	c := h.client()
	for i := range 5 {
		if resp := h.login(c, "maria", "guess", ""); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, resp.StatusCode)
		}
	}
	if resp := h.login(c, "maria", "guess", ""); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("6th failure: %d", resp.StatusCode)
	}
	resp, body := h.post(c, "/admin/login", url.Values{"username": {"maria"}, "password": {"a long enough password"}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "15 minuti") {
		t.Fatalf("right password while throttled: %d", resp.StatusCode)
	}
	// An unknown username is throttled the same way.
	for range 5 {
		h.login(c, "nobody", "guess", "")
	}
	if resp := h.login(c, "nobody", "guess", ""); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("unknown user: %d", resp.StatusCode)
	}
}

func TestLogoutEverywhereEndsOtherSessions(t *testing.T) {
	h := newHarness(t)
	acct := h.account("maria", store.RoleEditor, "a long enough password", false)
	phone, _ := h.signedInClient(acct)
	desk, csrf := h.signedInClient(acct)
	if resp, _ := h.post(desk, "/admin/logout-everywhere", url.Values{"csrf": {csrf}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("%d", resp.StatusCode)
	}
	if r, _ := h.get(phone, "/admin/"); r.StatusCode != http.StatusSeeOther {
		t.Error("the other session survived")
	}
	if r, _ := h.get(desk, "/admin/"); r.StatusCode != http.StatusOK {
		t.Error("this session ended too")
	}
}

func TestMustChangePasswordComesFirst(t *testing.T) {
	h := newHarness(t)
	h.account("maria", store.RoleAdmin, "one-time-password-123", true)
	c := h.client()
	if resp := h.login(c, "maria", "one-time-password-123", ""); resp.Header.Get("Location") != "/admin/password" {
		t.Fatalf("sign-in went to %s", resp.Header.Get("Location"))
	}
	if r, _ := h.get(c, "/admin/audit"); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/admin/password" {
		t.Fatalf("another page: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	csrf := h.csrfOf(c, "/admin/password")
	if r, _ := h.post(c, "/admin/totp", url.Values{"csrf": {csrf}, "action": {"enable"}}); r.StatusCode != http.StatusForbidden {
		t.Fatalf("a form elsewhere: %d", r.StatusCode)
	}
	form := url.Values{"csrf": {csrf}, "current": {"one-time-password-123"}, "new": {"short"}, "confirm": {"short"}}
	if r, _ := h.post(c, "/admin/password", form); r.StatusCode != http.StatusBadRequest {
		t.Fatalf("short password: %d", r.StatusCode)
	}
	form.Set("new", "il campanile suona a mezzogiorno")
	form.Set("confirm", "il campanile suona a mezzogiorno")
	if r, _ := h.post(c, "/admin/password", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", r.StatusCode)
	}
	if r, _ := h.get(c, "/admin/audit"); r.StatusCode != http.StatusOK {
		t.Fatalf("after the change: %d", r.StatusCode)
	}
}

func TestTOTPIsRequiredOnceEnabled(t *testing.T) {
	h := newHarness(t)
	acct := h.account("maria", store.RoleEditor, "a long enough password", false)
	c, csrf := h.signedInClient(acct)
	_, body := h.get(c, "/admin/totp")
	m := regexp.MustCompile(`name="secret" value="([A-Z2-7]+)"`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, "otpauth://totp/") {
		t.Fatalf("no secret on the page")
	}
	secret := m[1]
	if r, _ := h.post(c, "/admin/totp", url.Values{"csrf": {csrf}, "action": {"enable"}, "secret": {secret}, "code": {"000000"}}); r.StatusCode != http.StatusBadRequest {
		t.Fatalf("wrong code enabled: %d", r.StatusCode)
	}
	code, _ := auth.TOTPCode(secret, time.Now())
	if r, _ := h.post(c, "/admin/totp", url.Values{"csrf": {csrf}, "action": {"enable"}, "secret": {secret}, "code": {code}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("enable: %d", r.StatusCode)
	}
	fresh := h.client()
	if r := h.login(fresh, "maria", "a long enough password", ""); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("no code: %d", r.StatusCode)
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if r := h.login(fresh, "maria", "a long enough password", wrong); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong code: %d", r.StatusCode)
	}
	if r := h.login(fresh, "maria", "a long enough password", code); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("right code: %d", r.StatusCode)
	}
	if got := strings.Join(h.auditActions(), ","); !strings.Contains(got, "totp.enable") || !strings.Contains(got, "signin.failure") {
		t.Errorf("audit: %s", got)
	}
}

func TestPagesFollowAcceptLanguage(t *testing.T) {
	h := newHarness(t)
	req, _ := http.NewRequest(http.MethodGet, h.srv.URL+"/admin/login", nil)
	req.Header.Set("Accept-Language", "de-AT,de;q=0.9,en;q=0.5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "Anmeldung") || !strings.Contains(string(b), `lang="de"`) {
		t.Error("German not chosen")
	}
	_, body := h.get(h.client(), "/admin/login")
	if !strings.Contains(body, "Accesso") {
		t.Error("Italian is not the default")
	}
	if missing := h.s.cat.Missing(); len(missing) > 0 {
		t.Errorf("missing messages: %v", missing)
	}
}

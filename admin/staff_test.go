package admin

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

const staffTestPassword = "a long enough password"

// staffDesk is a harness with an admin ("boss") signed in.
type staffDesk struct {
	*harness
	boss store.StaffAccount
	c    *http.Client
	csrf string
	cat  *locales.Catalog
}

func newStaffDesk(t *testing.T) *staffDesk {
	t.Helper()
	h := newHarness(t)
	d := &staffDesk{harness: h, cat: locales.MustLoad()}
	d.boss = h.account("boss", store.RoleAdmin, staffTestPassword, false)
	d.c, d.csrf = h.signedInClient(d.boss)
	return d
}

// do posts form (with the CSRF token) to path as boss.
func (d *staffDesk) do(path string, form url.Values) (*http.Response, string) {
	d.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", d.csrf)
	return d.post(d.c, path, form)
}

// msg is a message as the Italian page shows it, HTML-escaped.
func (d *staffDesk) msg(id string, args ...any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[args[i].(string)] = args[i+1]
	}
	return template.HTMLEscapeString(d.cat.T("it", id, data))
}

func (d *staffDesk) acct(id int64) store.StaffAccount {
	d.t.Helper()
	a, err := d.st.StaffAccount(context.Background(), id)
	if err != nil {
		d.t.Fatal(err)
	}
	return a
}

// lastAudit is the newest audit entry.
func (d *staffDesk) lastAudit() store.AuditEntry {
	d.t.Helper()
	entries, _, err := d.st.AuditEntries(context.Background(), 0, 1)
	if err != nil || len(entries) == 0 {
		d.t.Fatalf("audit: %v %v", entries, err)
	}
	return entries[0]
}

func staffPath(id int64, action string) string { return fmt.Sprintf("/admin/staff/%d%s", id, action) }

var shownPassword = regexp.MustCompile(`<code class="key">([^<]+)</code>`)

func TestCreatedAccountSignsInWithItsOneTimePasswordShownOnceAndMustChangeIt(t *testing.T) {
	d := newStaffDesk(t)
	resp, body := d.do("/admin/staff", url.Values{"username": {"maria.rossi"}, "display_name": {"  Maria Rossi "}, "role": {"operator"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", resp.StatusCode, body)
	}
	a, err := d.st.StaffAccountByUsername(context.Background(), "maria.rossi")
	if err != nil || a.Role != store.RoleOperator || a.DisplayName != "Maria Rossi" || !a.MustChangePassword || a.Disabled {
		t.Fatalf("stored: %+v %v", a, err)
	}
	if loc := resp.Header.Get("Location"); loc != staffPath(a.ID, "?done=created") {
		t.Fatalf("redirect to %q", loc)
	}
	if strings.Contains(resp.Header.Get("Location"), "password") {
		t.Fatal("the password travels in the URL")
	}
	// Another admin's browser does not receive it.
	other, _ := d.signedInClient(d.account("anna", store.RoleAdmin, staffTestPassword, false))
	if _, page := d.get(other, staffPath(a.ID, "?done=created")); shownPassword.MatchString(page) {
		t.Fatal("the password was shown to another admin")
	}
	_, page := d.get(d.c, staffPath(a.ID, "?done=created"))
	m := shownPassword.FindStringSubmatch(page)
	if m == nil || len(m[1]) != OneTimePasswordLen || !strings.Contains(page, d.msg("admin.staff.done_created")) {
		t.Fatalf("no one-time password on the page: %s", page)
	}
	password := m[1]
	// Shown once: a reload says it is gone.
	if _, again := d.get(d.c, staffPath(a.ID, "?done=created")); strings.Contains(again, password) || !strings.Contains(again, d.msg("admin.staff.password_gone")) {
		t.Fatal("the password was shown twice")
	}
	e := d.lastAudit()
	if e.Action != "account.create" || e.Target != "maria.rossi" || e.Actor != "boss" || e.Details != "role=operator" {
		t.Errorf("audit: %+v", e)
	}
	entries, _, _ := d.st.AuditEntries(context.Background(), 0, 100)
	for _, e := range entries {
		if strings.Contains(e.Details+e.Target, password) {
			t.Fatalf("the password is in the audit: %+v", e)
		}
	}

	// The clerk signs in with it and must choose their own first.
	clerk := d.client()
	if resp := d.login(clerk, "maria.rossi", password, ""); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/password" {
		t.Fatalf("sign-in with the one-time password: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := d.get(clerk, "/admin/reports"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/password" {
		t.Fatalf("before changing it: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The list shows the account, its status and its sign-in.
	_, list := d.get(d.c, "/admin/staff")
	for _, want := range []string{"maria.rossi", "Maria Rossi", d.msg("admin.role.operator"), d.msg("admin.staff.status_must_change"), "127.0.0.1"} {
		if !strings.Contains(list, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
}

func TestRoleChangeTakesEffectOnTheNextRequest(t *testing.T) {
	d := newStaffDesk(t)
	ed := d.account("ed", store.RoleAdmin, staffTestPassword, false)
	edC, _ := d.signedInClient(ed)
	if resp, _ := d.get(edC, "/admin/audit"); resp.StatusCode != http.StatusOK {
		t.Fatalf("admin on the audit: %d", resp.StatusCode)
	}
	resp, body := d.do(staffPath(ed.ID, ""), url.Values{"display_name": {"Edoardo"}, "role": {"editor"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d %s", resp.StatusCode, body)
	}
	if got := d.acct(ed.ID); got.Role != store.RoleEditor || got.DisplayName != "Edoardo" {
		t.Fatalf("stored: %+v", got)
	}
	if resp, _ := d.get(edC, "/admin/audit"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("demoted editor on the audit: %d", resp.StatusCode)
	}
	if resp, _ := d.get(edC, "/admin/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("the demoted editor was signed out: %d", resp.StatusCode)
	}
	if e := d.lastAudit(); e.Action != "account.update" || e.Target != "ed" || !strings.Contains(e.Details, "role=admin→editor") {
		t.Errorf("audit: %+v", e)
	}
}

func TestDisabledAccountsSessionStopsWorkingUntilEnabled(t *testing.T) {
	d := newStaffDesk(t)
	op := d.account("op", store.RoleOperator, staffTestPassword, false)
	opC, _ := d.signedInClient(op)
	if resp, _ := d.get(opC, "/admin/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("before: %d", resp.StatusCode)
	}
	if resp, body := d.do(staffPath(op.ID, "/disable"), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d %s", resp.StatusCode, body)
	}
	if resp, _ := d.get(opC, "/admin/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login" {
		t.Fatalf("the disabled clerk's session: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := d.login(d.client(), "op", staffTestPassword, ""); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("a disabled account signed in: %d", resp.StatusCode)
	}
	if e := d.lastAuditOf("account.disable"); e.Target != "op" {
		t.Errorf("audit: %+v", e)
	}
	if _, list := d.get(d.c, "/admin/staff"); !strings.Contains(list, d.msg("admin.staff.status_disabled")) {
		t.Error("the list does not say it is disabled")
	}
	if resp, body := d.do(staffPath(op.ID, "/enable"), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("enable: %d %s", resp.StatusCode, body)
	}
	if resp := d.login(d.client(), "op", staffTestPassword, ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in after enable: %d", resp.StatusCode)
	}
	if e := d.lastAuditOf("account.enable"); e.Target != "op" {
		t.Errorf("audit: %+v", e)
	}
}

// lastAuditOf is the newest audit entry of action.
func (d *staffDesk) lastAuditOf(action string) store.AuditEntry {
	d.t.Helper()
	entries, _, _ := d.st.AuditEntries(context.Background(), 0, 1000)
	for _, e := range entries {
		if e.Action == action {
			return e
		}
	}
	d.t.Fatalf("no %s in the audit", action)
	return store.AuditEntry{}
}

func TestAnAdminKeepsTheirOwnPowersAndTheLastAdminStays(t *testing.T) {
	d := newStaffDesk(t)
	self := staffPath(d.boss.ID, "")
	refused := func(path string, form url.Values, msgID string) {
		t.Helper()
		before := len(d.auditActions())
		resp, body := d.do(path, form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, d.msg(msgID)) {
			t.Errorf("%s: %d, want the message %q", path, resp.StatusCode, d.msg(msgID))
		}
		if after := len(d.auditActions()); after != before {
			t.Errorf("%s: a refused action was audited", path)
		}
	}
	// The only admin: the reason given is that they are the last one.
	refused(self, url.Values{"display_name": {"Capo"}, "role": {"editor"}}, "admin.staff.error_last_admin")
	refused(self+"/disable", nil, "admin.staff.error_last_admin")
	// With another admin around, still not their own account.
	anna := d.account("anna", store.RoleAdmin, staffTestPassword, false)
	refused(self, url.Values{"display_name": {"Capo"}, "role": {"operator"}}, "admin.staff.error_self_role")
	refused(self+"/disable", nil, "admin.staff.error_self_disable")
	refused(self+"/password", nil, "admin.staff.error_self_password")
	if err := d.st.SetStaffTOTP(context.Background(), d.boss.ID, "JBSWY3DPEHPK3PXPJBSWY3DP"); err != nil {
		t.Fatal(err)
	}
	refused(self+"/totp-off", nil, "admin.staff.error_self_totp")
	got := d.acct(d.boss.ID)
	if got.Role != store.RoleAdmin || got.Disabled || got.DisplayName != "" || got.TOTPSecret == "" || got.PasswordHash != d.boss.PasswordHash {
		t.Fatalf("a refused action changed the account: %+v", got)
	}
	// Their own name they may change; the session stays.
	if resp, _ := d.do(self, url.Values{"display_name": {"Capo"}, "role": {"admin"}}); resp.StatusCode != http.StatusSeeOther || d.acct(d.boss.ID).DisplayName != "Capo" {
		t.Fatalf("rename self: %d", resp.StatusCode)
	}
	// Anna demoted, boss is the last admin again.
	if resp, _ := d.do(staffPath(anna.ID, ""), url.Values{"role": {"editor"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("demote anna: %d", resp.StatusCode)
	}
	refused(self+"/disable", nil, "admin.staff.error_last_admin")
	if n, _ := d.st.EnabledAdminCount(context.Background()); n != 1 {
		t.Fatalf("enabled admins: %d", n)
	}
}

func TestOperatorScopeIsSavedAndWrongIDsChangeNothing(t *testing.T) {
	d := newStaffDesk(t)
	ctx := context.Background()
	op := d.account("op", store.RoleOperator, staffTestPassword, false)
	offices, _ := d.st.Offices(ctx)
	tops, _ := d.st.Categories(ctx, 0, false)
	if len(offices) < 2 || len(tops) < 1 {
		t.Fatalf("seed: %v %v", offices, tops)
	}
	if _, page := d.get(d.c, staffPath(op.ID, "")); !strings.Contains(page, `name="office" value="`+itoa(offices[1].ID)+`"`) || !strings.Contains(page, offices[1].Name) {
		t.Fatalf("no office checkboxes: %s", page)
	}
	form := url.Values{"office": {itoa(offices[1].ID)}, "category": {itoa(tops[0].ID), itoa(tops[0].ID)}}
	if resp, body := d.do(staffPath(op.ID, "/scope"), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save scope: %d %s", resp.StatusCode, body)
	}
	want := store.StaffScope{AccountID: op.ID, OfficeIDs: []int64{offices[1].ID}, CategoryIDs: []int64{tops[0].ID}}
	check := func(label string) {
		t.Helper()
		sc, err := d.st.StaffScopeOf(ctx, op.ID)
		if err != nil || !slices.Equal(sc.OfficeIDs, want.OfficeIDs) || !slices.Equal(sc.CategoryIDs, want.CategoryIDs) {
			t.Fatalf("%s: scope %+v %v, want %+v", label, sc, err, want)
		}
	}
	check("saved")
	if _, page := d.get(d.c, staffPath(op.ID, "")); !strings.Contains(page, `value="`+itoa(offices[1].ID)+`" checked`) {
		t.Error("the saved office is not checked on the page")
	}
	if e := d.lastAudit(); e.Action != "account.scope" || e.Target != "op" || e.Details != fmt.Sprintf("offices=%d categories=%d", offices[1].ID, tops[0].ID) {
		t.Errorf("audit: %+v", e)
	}
	for _, bad := range []url.Values{{"office": {"999999"}}, {"category": {"x"}}, {"office": {itoa(offices[0].ID)}, "category": {"-1"}}} {
		resp, body := d.do(staffPath(op.ID, "/scope"), bad)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, d.msg("admin.staff.error_scope_unknown")) {
			t.Errorf("%v: %d", bad, resp.StatusCode)
		}
		check("after a wrong id")
	}
	ed := d.account("ed", store.RoleEditor, staffTestPassword, false)
	resp, body := d.do(staffPath(ed.ID, "/scope"), url.Values{"office": {itoa(offices[0].ID)}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, d.msg("admin.staff.error_scope_role")) {
		t.Errorf("scope of an editor: %d", resp.StatusCode)
	}
	if sc, _ := d.st.StaffScopeOf(ctx, ed.ID); len(sc.OfficeIDs) != 0 {
		t.Errorf("an editor got a scope: %+v", sc)
	}
}

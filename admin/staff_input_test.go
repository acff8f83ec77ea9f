package admin

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/campanile/campanile/admin/auth"
	"github.com/campanile/campanile/store"
)

func TestWrongNewAccountsAreRefusedWithTheirReason(t *testing.T) {
	d := newStaffDesk(t)
	cases := []struct {
		label, username, display, role, msgID string
		args                                  []any
	}{
		{"empty username", "", "", "operator", "admin.staff.error_username", nil},
		{"one letter", "a", "", "operator", "admin.staff.error_username", nil},
		{"space", "maria rossi", "", "operator", "admin.staff.error_username", nil},
		{"starts with a digit", "1maria", "", "operator", "admin.staff.error_username", nil},
		{"accent", "màrio", "", "operator", "admin.staff.error_username", nil},
		{"too long", strings.Repeat("a", 33), "", "operator", "admin.staff.error_username", nil},
		{"markup", "<b>x", "", "operator", "admin.staff.error_username", nil},
		{"unknown role", "luca", "", "boss", "admin.staff.error_role", nil},
		{"no role", "luca", "", "", "admin.staff.error_role", nil},
		{"name with a line break", "luca", "Luca\nBianchi", "editor", "admin.staff.error_display_name", []any{"Max", maxDisplayNameLen}},
		{"name too long", "luca", strings.Repeat("è", maxDisplayNameLen+1), "editor", "admin.staff.error_display_name", []any{"Max", maxDisplayNameLen}},
		{"taken, in another case", "BOSS", "", "editor", "admin.staff.error_taken", []any{"Username", "BOSS"}},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			resp, body := d.do("/admin/staff", url.Values{"username": {c.username}, "display_name": {c.display}, "role": {c.role}})
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, d.msg(c.msgID, c.args...)) {
				t.Fatalf("%d, want the message %q in %s", resp.StatusCode, d.msg(c.msgID, c.args...), body)
			}
			if list, _ := d.st.StaffAccounts(context.Background()); len(list) != 1 {
				t.Fatalf("an account was created: %+v", list)
			}
		})
	}
	// What was typed stays in the form.
	_, body := d.do("/admin/staff", url.Values{"username": {"luca"}, "display_name": {"Luca Bianchi"}, "role": {"boss"}})
	if !strings.Contains(body, `value="luca"`) || !strings.Contains(body, `value="Luca Bianchi"`) {
		t.Error("the form lost what was typed")
	}
	if slices.Contains(d.auditActions(), "account.create") {
		t.Error("a refused creation was audited")
	}
}

func TestWrongEditsAreRefusedAndChangeNothing(t *testing.T) {
	d := newStaffDesk(t)
	op := d.account("op", store.RoleOperator, staffTestPassword, false)
	refused := func(path string, form url.Values, msgID string, args ...any) {
		t.Helper()
		resp, body := d.do(path, form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, d.msg(msgID, args...)) {
			t.Errorf("%s %v: %d, want %q", path, form, resp.StatusCode, d.msg(msgID, args...))
		}
		if got := d.acct(op.ID); got != op {
			t.Fatalf("%s changed the account: %+v", path, got)
		}
	}
	refused(staffPath(op.ID, ""), url.Values{"display_name": {"Olga"}, "role": {"boss"}}, "admin.staff.error_role")
	refused(staffPath(op.ID, ""), url.Values{"display_name": {strings.Repeat("x", 101)}, "role": {"editor"}}, "admin.staff.error_display_name", "Max", maxDisplayNameLen)
	refused(staffPath(op.ID, "/enable"), nil, "admin.staff.error_already_enabled")
	refused(staffPath(op.ID, "/totp-off"), nil, "admin.staff.error_totp_off")
	// The typed name stays in the form after a refusal.
	if _, body := d.do(staffPath(op.ID, ""), url.Values{"display_name": {"Olga Neri"}, "role": {"boss"}}); !strings.Contains(body, `value="Olga Neri"`) {
		t.Error("the form lost the typed name")
	}
	if err := d.st.SetStaffDisabled(context.Background(), op.ID, true); err != nil {
		t.Fatal(err)
	}
	op = d.acct(op.ID)
	refused(staffPath(op.ID, "/disable"), nil, "admin.staff.error_already_disabled")

	for _, path := range []string{"/admin/staff/999999", "/admin/staff/abc", "/admin/staff/0", "/admin/staff/999999/disable"} {
		var resp *http.Response
		if strings.HasSuffix(path, "/disable") {
			resp, _ = d.do(path, nil)
		} else {
			resp, _ = d.get(d.c, path)
		}
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	for _, a := range d.auditActions() {
		if strings.HasPrefix(a, "account.") {
			t.Errorf("a refused action was audited: %s", a)
		}
	}
}

func TestResetPasswordAndTwoFactorOffEndTheSessions(t *testing.T) {
	d := newStaffDesk(t)
	ctx := context.Background()
	op := d.account("op", store.RoleOperator, staffTestPassword, false)
	secret := auth.NewTOTPSecret()
	if err := d.st.SetStaffTOTP(ctx, op.ID, secret); err != nil {
		t.Fatal(err)
	}
	opC, _ := d.signedInClient(op)
	if resp, body := d.do(staffPath(op.ID, "/totp-off"), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("two-factor off: %d %s", resp.StatusCode, body)
	}
	if d.acct(op.ID).TOTPSecret != "" {
		t.Fatal("two-factor still on")
	}
	if resp, _ := d.get(opC, "/admin/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login" {
		t.Fatalf("the session outlived two-factor: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Without the lost phone, the password alone signs in now.
	if resp := d.login(d.client(), "op", staffTestPassword, ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in without a code: %d", resp.StatusCode)
	}
	if e := d.lastAuditOf("account.totp_off"); e.Target != "op" {
		t.Errorf("audit: %+v", e)
	}

	opC, _ = d.signedInClient(d.acct(op.ID))
	resp, body := d.do(staffPath(op.ID, "/password"), nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != staffPath(op.ID, "?done=password") {
		t.Fatalf("reset: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	if resp, _ := d.get(opC, "/admin/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/login" {
		t.Fatalf("the session outlived the reset: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page := d.get(d.c, resp.Header.Get("Location"))
	m := shownPassword.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no new password shown: %s", page)
	}
	if resp := d.login(d.client(), "op", staffTestPassword, ""); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the old password still signs in: %d", resp.StatusCode)
	}
	if resp := d.login(d.client(), "op", m[1], ""); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/password" {
		t.Fatalf("the new password: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if e := d.lastAuditOf("account.password_reset"); e.Target != "op" || strings.Contains(e.Details, m[1]) {
		t.Errorf("audit: %+v", e)
	}
}

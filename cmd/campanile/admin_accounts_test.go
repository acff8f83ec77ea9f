package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/campanile/campanile/admin/auth"
	"github.com/campanile/campanile/store"
)

func TestAdminCreateListDisable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "campanile.db")
	runAdmin := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append([]string{"admin"}, args...), env("CAMPANILE_DB", db), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	code, out, errOut := runAdmin("create", "Maria", "--role", "operator", "--name", "Maria Rossi")
	if code != exitOK {
		t.Fatalf("create: %d %s", code, errOut)
	}
	m := regexp.MustCompile(`one-time password: (\S+)`).FindStringSubmatch(out)
	if m == nil || len(m[1]) < 16 {
		t.Fatalf("no one-time password in %q", out)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.StaffAccountByUsername(context.Background(), "maria")
	st.Close()
	if err != nil || !a.MustChangePassword || a.Role != store.RoleOperator || a.DisplayName != "Maria Rossi" {
		t.Fatalf("stored: %+v %v", a, err)
	}
	if ok, _, _ := auth.VerifyPassword(m[1], a.PasswordHash, auth.DefaultParams); !ok {
		t.Error("the printed password does not sign in")
	}
	if strings.Contains(a.PasswordHash, m[1]) {
		t.Error("password stored in clear")
	}

	code, _, errOut = runAdmin("create", "maria", "--role", "admin")
	if code != exitConfig || strings.Count(errOut, "\n") != 1 {
		t.Errorf("duplicate: %d %q", code, errOut)
	}
	code, _, errOut = runAdmin("create", "luca", "--role", "boss")
	if code != exitConfig || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "expected admin, editor or operator") {
		t.Errorf("wrong role: %d %q", code, errOut)
	}
	// The same username rule as the web admin's staff page.
	code, _, errOut = runAdmin("create", "maria rossi", "--role", "editor")
	if code != exitConfig || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "username") {
		t.Errorf("username with a space: %d %q", code, errOut)
	}
	if code, _, _ = runAdmin("create", "--role", "editor", "luca"); code != exitOK {
		t.Error("flags before the name refused")
	}

	code, out, _ = runAdmin("list")
	if code != exitOK || !strings.Contains(out, "Maria") || !strings.Contains(out, "luca") || !strings.Contains(out, "must change password") {
		t.Errorf("list: %d %q", code, out)
	}
	if code, _, _ = runAdmin("disable", "MARIA"); code != exitOK {
		t.Error("disable failed")
	}
	if code, _, errOut = runAdmin("disable", "nobody"); code != exitConfig {
		t.Errorf("disable unknown: %d %q", code, errOut)
	}
	if _, out, _ = runAdmin("list"); !strings.Contains(out, "disabled") {
		t.Errorf("list after disable: %q", out)
	}
	if code, _, _ = runAdmin("rename"); code != exitConfig {
		t.Error("unknown subcommand accepted")
	}
}

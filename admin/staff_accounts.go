package admin

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/campanile/campanile/admin/auth"
	"github.com/campanile/campanile/store"
)

// OneTimePasswordLen is the length of the passwords an admin hands out
// (a new account, a reset); the clerk must replace it at the first
// sign-in.
const OneTimePasswordLen = 20

// maxDisplayNameLen bounds a clerk's full name, in characters.
const maxDisplayNameLen = 100

// usernamePattern is what a username may look like: short, typed easily
// on any keyboard, safe in logs and URLs ("maria.rossi", "urp-2").
// The hyphen is escaped so that browsers, which read a pattern attribute
// in the strict "v" mode, accept the same expression.
var usernamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._\-]{1,31}$`)

// usernameHTMLPattern is usernamePattern for an input's pattern
// attribute, which the browser anchors itself.
var usernameHTMLPattern = strings.TrimSuffix(strings.TrimPrefix(usernamePattern.String(), "^"), "$")

// Reasons a new account is refused; store.ErrUsernameTaken is the third.
var (
	ErrInvalidUsername    = errors.New("admin: a username has 2 to 32 letters, digits, dots, hyphens or underscores and starts with a letter")
	ErrInvalidDisplayName = fmt.Errorf("admin: a display name has at most %d characters and no control characters", maxDisplayNameLen)
)

// ValidUsername tells whether name fits usernamePattern.
func ValidUsername(name string) bool { return usernamePattern.MatchString(name) }

// CleanDisplayName trims a clerk's full name and checks it; an empty name
// is allowed (the username stands in).
func CleanDisplayName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > maxDisplayNameLen || !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return "", ErrInvalidDisplayName
	}
	return name, nil
}

// IssueOneTimePassword draws a random password and hashes it with p. The
// caller shows the password once and stores only the hash.
func IssueOneTimePassword(p auth.Params) (password, hash string, err error) {
	password = auth.RandomPassword(OneTimePasswordLen)
	hash, err = auth.HashPassword(password, p)
	if err != nil {
		return "", "", fmt.Errorf("admin: unable to hash a one-time password: %w", err)
	}
	return password, hash, nil
}

// CreateStaffAccount is the one road to a new account, for the command
// line and the web admin alike: it checks the username and display name,
// stores the account with a one-time password that must be changed at the
// first sign-in, and returns that password for the caller to show once.
// It returns ErrInvalidUsername, ErrInvalidDisplayName or
// store.ErrUsernameTaken for input a person can fix. Auditing is the
// caller's: who acted differs (a clerk, or "cli").
func CreateStaffAccount(ctx context.Context, st *store.Store, p auth.Params, username, displayName string, role store.StaffRole) (store.StaffAccount, string, error) {
	if !ValidUsername(username) {
		return store.StaffAccount{}, "", ErrInvalidUsername
	}
	display, err := CleanDisplayName(displayName)
	if err != nil {
		return store.StaffAccount{}, "", err
	}
	if _, ok := store.ParseStaffRole(string(role)); !ok {
		return store.StaffAccount{}, "", fmt.Errorf("admin: unknown staff role %q", role)
	}
	password, hash, err := IssueOneTimePassword(p)
	if err != nil {
		return store.StaffAccount{}, "", err
	}
	a, err := st.CreateStaffAccount(ctx, store.StaffAccount{Username: username, DisplayName: display, Role: role, PasswordHash: hash, MustChangePassword: true})
	if err != nil {
		return store.StaffAccount{}, "", err
	}
	return a, password, nil
}

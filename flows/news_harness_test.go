package flows

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

// The news, place and link cases add their scene-setting inputs:
//
//	> post kind=notizia title=... [status=sent] [sent=RFC3339] [event=RFC3339] [place=...] [body=...] [link=...]
//	> staffcode account=maria            a one-time link code, kept for redeem
//	> redeem account=maria               /collega with that code, as the clerk types it
//	> staffchat account=maria            the chat linked to the account
func init() {
	harnessInputs["post"] = seedPost
	harnessInputs["staffcode"] = createStaffCode
	harnessInputs["redeem"] = redeemStaffCode
	harnessInputs["staffchat"] = showStaffChat
}

func seedPost(t *testing.T, r *caseRun, args map[string]string) string {
	ctx := context.Background()
	at := func(key string) int64 {
		v, ok := args[key]
		if !ok {
			return 0
		}
		ts, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t.Fatalf("post %s=%q: %v", key, v, err)
		}
		return ts.Unix()
	}
	p, err := r.st.CreatePost(ctx, store.Post{
		Kind: args["kind"], Title: args["title"], BodyHTML: args["body"], Link: args["link"],
		EventAt: at("event"), EventPlace: args["place"], Audience: args["audience"],
	})
	if err != nil {
		t.Fatal(err)
	}
	status := args["status"]
	if status == "" {
		status = store.PostSent
	}
	if status != store.PostDraft {
		if err := r.st.SetPostStatus(ctx, p.ID, status, []string{store.PostDraft}, at("sent")); err != nil {
			t.Fatal(err)
		}
	}
	return fmt.Sprintf("post #%d %s %s", p.ID, p.Kind, status)
}

// staffCodes keeps each run's clear codes between staffcode and redeem:
// the store keeps only their hashes.
var staffCodes = map[*caseRun]map[string]string{}

func staffAccount(t *testing.T, r *caseRun, username string) store.StaffAccount {
	t.Helper()
	ctx := context.Background()
	a, err := r.st.StaffAccountByUsername(ctx, username)
	if errors.Is(err, store.ErrNotFound) {
		a, err = r.st.CreateStaffAccount(ctx, store.StaffAccount{Username: username, DisplayName: "Ufficio " + username, Role: store.RoleEditor, PasswordHash: "x"})
	}
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func createStaffCode(t *testing.T, r *caseRun, args map[string]string) string {
	a := staffAccount(t, r, args["account"])
	code, err := r.st.CreateStaffLinkCode(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if staffCodes[r] == nil {
		staffCodes[r] = map[string]string{}
		t.Cleanup(func() { delete(staffCodes, r) })
	}
	staffCodes[r][a.Username] = code
	return fmt.Sprintf("staffcode %s: created", a.Username)
}

// redeemStaffCode types the account's code the way a clerk may: in lower
// case, split by a space.
func redeemStaffCode(t *testing.T, r *caseRun, args map[string]string) string {
	code, ok := staffCodes[r][args["account"]]
	if !ok {
		t.Fatalf("redeem: no staffcode for %q yet", args["account"])
	}
	typed := strings.ToLower(code[:4] + " " + code[4:])
	return r.play(t, newTestEngine(), fmt.Sprintf("command cmd=collega args=%q", typed))
}

func showStaffChat(t *testing.T, r *caseRun, args map[string]string) string {
	a := staffAccount(t, r, args["account"])
	p, err := r.st.StaffPublishingOf(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("staffchat %s: %d", a.Username, p.TelegramChatID)
}

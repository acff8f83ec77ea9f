package admin

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// alertForm is an emergency to everyone.
func (n *newsroom) alertForm(csrf string) url.Values {
	return url.Values{"csrf": {csrf}, "kind": {store.PostAlert}, "title": {"Allerta rossa: esondazione"},
		"body": {"Restate ai piani alti."}, "audience": {store.AudienceEveryone}, "area_mode": {areaZones}, "loudness": {store.LoudnessAuto}}
}

func TestEveryoneIsForAdminsAndCivilProtectionOnly(t *testing.T) {
	n := newNewsroom(t)
	resp, body := n.post(n.ed, "/admin/posts", n.alertForm(n.edCSRF))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, htmlEscape(n.s.cat.T("it", "admin.posts.error_everyone_forbidden", nil))) {
		t.Fatalf("an editor alerting everyone: %d", resp.StatusCode)
	}
	if n.countPosts() != 0 {
		t.Fatal("the refused alert was stored")
	}

	// An admin made the alert; the editor may not send it either.
	id := n.create(n.ad, n.alertForm(n.adCSRF))
	resp, _ = n.post(n.ed, postPath(id, "send"), url.Values{"csrf": {n.edCSRF}, "confirm": {"CONFERMO"}})
	if resp.StatusCode != http.StatusForbidden || len(n.outboxChats()) != 0 {
		t.Fatalf("an editor sending an admin's alert: %d", resp.StatusCode)
	}

	// The admin gives the editor the capability on the staff page.
	staffPath := "/admin/staff/" + strconv.FormatInt(n.editor.ID, 10)
	if _, page := n.get(n.ad, staffPath); !strings.Contains(page, `name="civil_protection"`) {
		t.Fatal("the staff page offers no civil protection checkbox")
	}
	resp, _ = n.post(n.ad, staffPath+"/civil-protection", url.Values{"csrf": {n.adCSRF}, "civil_protection": {"1"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("civil protection on: %d", resp.StatusCode)
	}
	if !slices.Contains(n.auditActions(), "account.civil_protection") {
		t.Error("the capability change is not audited")
	}
	if resp, body := n.post(n.ed, "/admin/posts", n.alertForm(n.edCSRF)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a civil protection editor alerting everyone: %d %s", resp.StatusCode, body)
	}
	// And takes it back.
	n.post(n.ad, staffPath+"/civil-protection", url.Values{"csrf": {n.adCSRF}})
	if rights, _ := n.st.StaffPublishingOf(context.Background(), n.editor.ID); rights.CivilProtection {
		t.Error("the capability was not taken back")
	}
}

func TestAlertToEveryoneNeedsTheConfirmationWord(t *testing.T) {
	n := newNewsroom(t)
	id := n.create(n.ad, n.alertForm(n.adCSRF))
	// "Invia ora" on the post page leads to the confirmation.
	resp, _ := n.post(n.ad, postPath(id, "send"), url.Values{"csrf": {n.adCSRF}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != postPath(id, "confirm")+"?action=send" {
		t.Fatalf("send without the word: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page := n.get(n.ad, resp.Header.Get("Location"))
	if !strings.Contains(page, htmlEscape(n.s.cat.T("it", "admin.posts.confirm_everyone", map[string]any{"Count": 4}))) {
		t.Error("the confirmation does not state the four active citizens")
	}
	resp, page = n.post(n.ad, postPath(id, "send"), url.Values{"csrf": {n.adCSRF}, "confirm": {"OK"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "CONFERMO") {
		t.Fatalf("a wrong word: %d", resp.StatusCode)
	}
	if len(n.outboxChats()) != 0 || n.postByID(id).Status != store.PostDraft {
		t.Fatal("a wrong word sent the alert")
	}
	resp, _ = n.post(n.ad, postPath(id, "send"), url.Values{"csrf": {n.adCSRF}, "confirm": {" confermo "}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the word: %d", resp.StatusCode)
	}
	want := []int64{n.anna.ChatID, n.bruno.ChatID, n.carla.ChatID, n.dario.ChatID}
	if got := slices.Sorted(maps.Keys(n.outboxChats())); !slices.Equal(got, want) {
		t.Errorf("alert reached %v, want every active citizen %v", got, want)
	}
}

func TestAlertCanBeUpdatedAndEnded(t *testing.T) {
	n := newNewsroom(t)
	form := n.alertForm(n.adCSRF)
	form.Set("audience", store.AudienceTopics)
	form.Set("topic", strconv.FormatInt(n.roadworks, 10))
	id := n.create(n.ad, form)
	if resp, _ := n.post(n.ad, postPath(id, "alert-update"), url.Values{"csrf": {n.adCSRF}, "title": {"Prorogata"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("updating an alert not sent: %d", resp.StatusCode)
	}
	n.post(n.ad, postPath(id, "send"), url.Values{"csrf": {n.adCSRF}})
	before := n.outboxChats()[n.anna.ChatID]
	if resp, _ := n.post(n.ad, postPath(id, "alert-update"), url.Values{"csrf": {n.adCSRF}, "title": {"  "}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an update without a title: %d", resp.StatusCode)
	}
	resp, _ := n.post(n.ad, postPath(id, "alert-update"), url.Values{"csrf": {n.adCSRF}, "title": {"Allerta rossa prorogata"}, "body": {"Fino a domani alle 12."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d", resp.StatusCode)
	}
	if after := n.outboxChats()[n.anna.ChatID]; after <= before {
		t.Errorf("the update enqueued nothing for Anna (%d then %d)", before, after)
	}
	if resp, _ := n.post(n.ad, postPath(id, "alert-update"), url.Values{"csrf": {n.adCSRF}, "ended": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("end: %d", resp.StatusCode)
	}
	actions := n.auditActions()
	if !slices.Contains(actions, "post.alert_update") || !slices.Contains(actions, "post.alert_end") {
		t.Errorf("audit %v", actions)
	}
}

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
	"time"

	"github.com/campanile/campanile/store"
)

func postPath(id int64, action string) string {
	p := "/admin/posts/" + strconv.FormatInt(id, 10)
	if action != "" {
		p += "/" + action
	}
	return p
}

func TestPublishNowReachesTheSubscribersThroughTheOutbox(t *testing.T) {
	n := newNewsroom(t)
	id := n.create(n.ed, n.newsForm(n.edCSRF))
	_, page := n.get(n.ed, postPath(id, ""))
	if !strings.Contains(page, "Destinatari: 2") {
		t.Fatal("the preview does not count the two subscribers")
	}
	if len(n.outboxChats()) != 0 {
		t.Fatal("saving sent something")
	}
	resp, _ := n.post(n.ed, postPath(id, "send"), url.Values{"csrf": {n.edCSRF}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != postPath(id, "")+"?done=sent" {
		t.Fatalf("send: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	chats := n.outboxChats()
	if got := slices.Sorted(maps.Keys(chats)); !slices.Equal(got, []int64{n.anna.ChatID, n.bruno.ChatID}) {
		t.Errorf("outbox chats %v, want Anna's and Bruno's", got)
	}
	if st := n.postByID(id).Status; st != store.PostSending && st != store.PostSent {
		t.Errorf("status after sending %q", st)
	}
	r, page := n.get(n.ed, postPath(id, ""))
	if !strings.Contains(page, `id="d-pending">2<`) {
		t.Error("the delivery page does not show two pending")
	}
	if r.Header.Get("Refresh") != "5" {
		t.Error("the delivery page does not refresh itself while sending")
	}
	// A second press (a reload, a colleague) sends nothing more.
	if resp, _ := n.post(n.ed, postPath(id, "send"), url.Values{"csrf": {n.edCSRF}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("second send: %d", resp.StatusCode)
	}
	if len(n.outboxChats()) != 2 || n.outboxChats()[n.anna.ChatID] != chats[n.anna.ChatID] {
		t.Error("a second send enqueued again")
	}
	if !slices.Contains(n.auditActions(), "post.send") {
		t.Error("sending is not audited")
	}
}

func TestRunningBroadcastCanBeStopped(t *testing.T) {
	n := newNewsroom(t)
	id := n.create(n.ed, n.newsForm(n.edCSRF))
	if resp, _ := n.post(n.ed, postPath(id, "stop"), url.Values{"csrf": {n.edCSRF}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("stopping a draft: %d", resp.StatusCode)
	}
	n.post(n.ed, postPath(id, "send"), url.Values{"csrf": {n.edCSRF}})
	resp, _ := n.post(n.ed, postPath(id, "stop"), url.Values{"csrf": {n.edCSRF}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("stop: %d", resp.StatusCode)
	}
	if len(n.outboxChats()) != 0 {
		t.Error("messages still pending after the stop")
	}
	stats, err := n.st.PostDeliveryStats(context.Background(), id)
	if err != nil || stats.Cancelled != 2 {
		t.Errorf("cancelled %d, %v", stats.Cancelled, err)
	}
	if !slices.Contains(n.auditActions(), "post.stop") {
		t.Error("stopping is not audited")
	}
}

// TestSchedulingReadsRomeTimeAcrossDaylightSaving: the clock reads 20
// March 2027 (winter time); a post for 10:00 on 28 March, the day summer
// time starts, goes at 08:00 UTC, not 09:00.
func TestSchedulingReadsRomeTimeAcrossDaylightSaving(t *testing.T) {
	n := newNewsroom(t)
	cases := []struct {
		local string
		want  time.Time
	}{
		{"2027-03-28T10:00", time.Date(2027, 3, 28, 8, 0, 0, 0, time.UTC)},   // summer time, UTC+2
		{"2027-03-27T10:00", time.Date(2027, 3, 27, 9, 0, 0, 0, time.UTC)},   // the day before, UTC+1
		{"2027-10-31T10:00", time.Date(2027, 10, 31, 9, 0, 0, 0, time.UTC)},  // winter time again
		{"2027-10-31T02:30", time.Date(2027, 10, 31, 0, 30, 0, 0, time.UTC)}, // twice on the wall: the first
	}
	for _, c := range cases {
		form := n.newsForm(n.edCSRF)
		form.Set("publish_at", c.local)
		id := n.create(n.ed, form)
		if got := n.postByID(id).PublishAt; got != c.want.Unix() {
			t.Errorf("%s stored as %s, want %s", c.local, time.Unix(got, 0).UTC(), c.want)
		}
		resp, _ := n.post(n.ed, postPath(id, "schedule"), url.Values{"csrf": {n.edCSRF}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("schedule %s: %d", c.local, resp.StatusCode)
		}
		p := n.postByID(id)
		if p.Status != store.PostScheduled || p.PublishAt != c.want.Unix() {
			t.Errorf("%s: status %s at %s", c.local, p.Status, time.Unix(p.PublishAt, 0).UTC())
		}
		if _, page := n.get(n.ed, postPath(id, "")); !strings.Contains(page, romeTime(c.want.Unix())) {
			t.Errorf("%s: the page does not show the Rome time", c.local)
		}
	}
	if len(n.outboxChats()) != 0 {
		t.Error("scheduling sent something")
	}
	if !slices.Contains(n.auditActions(), "post.schedule") {
		t.Error("scheduling is not audited")
	}
}

func TestScheduledPostCanBeCancelledAndThenNeverSent(t *testing.T) {
	n := newNewsroom(t)
	form := n.newsForm(n.edCSRF)
	form.Set("publish_at", "2027-03-22T09:00")
	id := n.create(n.ed, form)
	n.post(n.ed, postPath(id, "schedule"), url.Values{"csrf": {n.edCSRF}})
	resp, _ := n.post(n.ed, postPath(id, "cancel"), url.Values{"csrf": {n.edCSRF}})
	if resp.StatusCode != http.StatusSeeOther || n.postByID(id).Status != store.PostCancelled {
		t.Fatalf("cancel: %d %s", resp.StatusCode, n.postByID(id).Status)
	}
	if resp, _ := n.post(n.ed, postPath(id, "send"), url.Values{"csrf": {n.edCSRF}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("sending a cancelled post: %d", resp.StatusCode)
	}
	if resp, _ := n.post(n.ed, postPath(id, "cancel"), url.Values{"csrf": {n.edCSRF}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("cancelling twice: %d", resp.StatusCode)
	}
	if len(n.outboxChats()) != 0 {
		t.Error("a cancelled post was sent")
	}
	if !slices.Contains(n.auditActions(), "post.cancel") {
		t.Error("cancelling is not audited")
	}
}

func TestEditingAScheduledPostMakesItADraftAgain(t *testing.T) {
	n := newNewsroom(t)
	form := n.newsForm(n.edCSRF)
	form.Set("publish_at", "2027-03-22T09:00")
	id := n.create(n.ed, form)
	n.post(n.ed, postPath(id, "schedule"), url.Values{"csrf": {n.edCSRF}})
	form.Set("title", "Lavori rinviati")
	resp, _ := n.post(n.ed, postPath(id, "edit"), form)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "done=unscheduled") {
		t.Fatalf("edit: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if p := n.postByID(id); p.Status != store.PostDraft || p.Title != "Lavori rinviati" {
		t.Errorf("after the edit: %s %q", p.Status, p.Title)
	}
}

func TestPostWhoseTopicWasDeletedIsNotSent(t *testing.T) {
	n := newNewsroom(t)
	id := n.create(n.ed, n.newsForm(n.edCSRF))
	if _, err := n.st.DeleteTopic(context.Background(), n.roadworks); err != nil {
		t.Fatal(err)
	}
	gone := htmlEscape(n.s.cat.T("it", "admin.posts.error_audience_gone", nil))
	if _, page := n.get(n.ed, postPath(id, "")); !strings.Contains(page, gone) || strings.Contains(page, `id="a-send"`) {
		t.Error("the page offers to send a post with no audience")
	}
	resp, page := n.post(n.ed, postPath(id, "send"), url.Values{"csrf": {n.edCSRF}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, gone) {
		t.Errorf("send: %d", resp.StatusCode)
	}
	if len(n.outboxChats()) != 0 || n.postByID(id).Status != store.PostDraft {
		t.Error("a post with no audience went out")
	}
}

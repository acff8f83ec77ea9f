package admin

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/campanile/campanile/store"
)

func TestSendToMeDeliversToTheClerksChatOnly(t *testing.T) {
	n := newNewsroom(t)
	ctx := context.Background()
	code, err := n.st.CreateStaffLinkCode(ctx, n.editor.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.st.RedeemStaffLinkCode(ctx, code, 4242); err != nil {
		t.Fatal(err)
	}
	id := n.create(n.ed, n.newsForm(n.edCSRF))
	resp, _ := n.post(n.ed, postPath(id, "send-to-me"), url.Values{"csrf": {n.edCSRF}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != postPath(id, "")+"?done=to_me" {
		t.Fatalf("send to me: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	chats := n.outboxChats()
	if len(chats) != 1 || chats[4242] == 0 {
		t.Errorf("outbox %v, want the clerk's chat alone", chats)
	}
	if n.postByID(id).Status != store.PostDraft {
		t.Error("a copy to the clerk changed the post's status")
	}
	if !slices.Contains(n.auditActions(), "post.send_to_me") {
		t.Error("the copy is not audited")
	}
}

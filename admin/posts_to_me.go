package admin

import (
	"fmt"
	"net/http"
)

// postSendToMe delivers the post to the clerk's own linked Telegram chat,
// to see it on a phone before citizens do. It counts for nothing: no
// delivery row, no status change.
func (s *Server) postSendToMe() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		post, ok := s.loadPost(w, r)
		if !ok {
			return
		}
		ctx := r.Context()
		acct := stateFrom(r).acct
		rights, err := s.st.StaffPublishingOf(ctx, acct.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if rights.TelegramChatID == 0 {
			p := s.newPage(r, "admin.posts.post_title", nil)
			s.showPost(w, r, http.StatusUnprocessableEntity, postView{Error: p.T("admin.posts.error_no_chat")})
			return
		}
		e, err := s.posts()
		if err == nil {
			err = e.SendToClerk(ctx, s.st, post, rights.TelegramChatID)
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.notify(1)
		s.audit(r, acct, "post.send_to_me", postTarget(post), "")
		http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d?done=to_me", post.ID), http.StatusSeeOther)
	}
}

// postLinkCode makes a one-time code with which the clerk links their
// Telegram chat: they send "/collega CODE" to the bot. The code is shown
// once, on the page the browser is redirected to, and never stored in
// clear; it is kept for that page under the clerk's negative account id,
// apart from the passwords the staff pages keep under positive ones.
func (s *Server) postLinkCode() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		post, ok := s.loadPost(w, r)
		if !ok {
			return
		}
		st := stateFrom(r)
		code, err := s.st.CreateStaffLinkCode(r.Context(), st.acct.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.secrets.put(s.st.Now(), st.sess.IDHash, -st.acct.ID, code)
		s.audit(r, st.acct, "account.telegram_link_code", st.acct.Username, "")
		http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d?done=link_code", post.ID), http.StatusSeeOther)
	}
}

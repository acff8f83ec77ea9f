package admin

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/campanile/campanile/store"
)

// postCancel withdraws a post that has not gone out: a draft, or a
// scheduled one before its time. Taking it from those statuses only is
// what keeps it from racing the scheduler: whichever moves it first wins.
func (s *Server) postCancel() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		post, ok := s.loadPost(w, r)
		if !ok {
			return
		}
		err := s.st.SetPostStatus(r.Context(), post.ID, store.PostCancelled,
			[]string{store.PostDraft, store.PostPendingApproval, store.PostScheduled}, 0)
		if errors.Is(err, store.ErrPostLocked) {
			p := s.newPage(r, "admin.posts.post_title", nil)
			s.showPost(w, r, http.StatusConflict, postView{Error: p.T("admin.posts.error_gone")})
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		acct := stateFrom(r).acct
		s.log.Info("post cancelled", "post_id", post.ID, "account_id", acct.ID, "was", post.Status)
		s.audit(r, acct, "post.cancel", postTarget(post), "was="+post.Status)
		http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d?done=cancelled", post.ID), http.StatusSeeOther)
	}
}

// postStop cancels a running broadcast: the messages not yet sent are
// withdrawn from the outbox (flows' CancelBroadcast); those sent stay.
func (s *Server) postStop() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		post, ok := s.loadPost(w, r)
		if !ok {
			return
		}
		p := s.newPage(r, "admin.posts.post_title", nil)
		if post.Status != store.PostSending {
			s.showPost(w, r, http.StatusConflict, postView{Error: p.T("admin.posts.error_not_sending")})
			return
		}
		e, err := s.posts()
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		n, err := e.CancelBroadcast(r.Context(), s.st, post.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		acct := stateFrom(r).acct
		s.log.Info("broadcast cancelled", "post_id", post.ID, "account_id", acct.ID, "cancelled", n)
		s.audit(r, acct, "post.stop", postTarget(post), fmt.Sprintf("cancelled=%d", n))
		http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d?done=stopped", post.ID), http.StatusSeeOther)
	}
}

package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// postSend is "Invia ora": the post goes to its audience through the
// outbox (flows' PublishPost takes it from draft or scheduled exactly
// once). Reaching everyone asks for the confirmation word first.
func (s *Server) postSend() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.sendOrSchedule(w, r, "send") }
}

// postSchedule is "Programma": the post waits for its publish time, when
// the scheduler sends it.
func (s *Server) postSchedule() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.sendOrSchedule(w, r, "schedule") }
}

func (s *Server) sendOrSchedule(w http.ResponseWriter, r *http.Request, action string) {
	ctx := r.Context()
	post, ok := s.loadPost(w, r)
	if !ok {
		return
	}
	acct := stateFrom(r).acct
	p := s.newPage(r, "admin.posts.post_title", nil)
	if err := flows.CheckAudience(post); err != nil {
		s.showPost(w, r, http.StatusUnprocessableEntity, postView{Error: p.T("admin.posts.error_audience_gone")})
		return
	}
	if post.Audience == store.AudienceEveryone {
		may, err := s.mayAlertEveryone(ctx, acct)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if !may {
			s.showPost(w, r, http.StatusForbidden, postView{Error: p.T("admin.posts.error_everyone_forbidden")})
			return
		}
		typed, sent := r.PostForm["confirm"]
		if !sent {
			http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d/confirm?action=%s", post.ID, action), http.StatusSeeOther)
			return
		}
		if !confirmed(p, typed[0]) {
			s.showConfirm(w, r, http.StatusUnprocessableEntity, post, action, p.T("admin.posts.error_confirm", "Word", p.T("admin.posts.confirm_word")))
			return
		}
	}
	var err error
	if action == "send" {
		err = s.publishNow(r, post)
	} else {
		err = s.schedule(r, post)
	}
	switch {
	case errors.Is(err, store.ErrPostLocked):
		s.showPost(w, r, http.StatusConflict, postView{Error: p.T("admin.posts.error_gone")})
	case errors.Is(err, errPublishPast):
		s.showPost(w, r, http.StatusUnprocessableEntity, postView{Error: p.T("admin.posts.error_schedule_past")})
	case err != nil:
		s.serverError(w, r, err)
	default:
		done := map[string]string{"send": "sent", "schedule": "scheduled"}[action]
		http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d?done=%s", post.ID, done), http.StatusSeeOther)
	}
}

// confirmed compares the typed word without regard to case or spaces
// around it: the point is a deliberate second step, not a spelling test.
func confirmed(p page, typed string) bool {
	return strings.EqualFold(strings.TrimSpace(typed), p.T("admin.posts.confirm_word"))
}

var errPublishPast = errors.New("admin: the publish time has passed")

func (s *Server) publishNow(r *http.Request, post store.Post) error {
	e, err := s.posts()
	if err != nil {
		return err
	}
	n, err := e.PublishPost(r.Context(), s.st, post.ID)
	if err != nil {
		return err
	}
	s.notify(n)
	acct := stateFrom(r).acct
	s.log.Info("post published", "post_id", post.ID, "account_id", acct.ID, "recipients", n)
	s.audit(r, acct, "post.send", postTarget(post), fmt.Sprintf("audience=%s recipients=%d", post.Audience, n))
	return nil
}

func (s *Server) schedule(r *http.Request, post store.Post) error {
	if post.PublishAt <= s.st.Now().Unix() {
		return errPublishPast
	}
	if err := s.st.SetPostStatus(r.Context(), post.ID, store.PostScheduled, []string{store.PostDraft, store.PostPendingApproval}, 0); err != nil {
		return err
	}
	acct := stateFrom(r).acct
	s.log.Info("post scheduled", "post_id", post.ID, "account_id", acct.ID, "publish_at", post.PublishAt)
	s.audit(r, acct, "post.schedule", postTarget(post), "publish_at="+romeTime(post.PublishAt))
	return nil
}

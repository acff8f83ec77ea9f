package admin

import (
	"fmt"
	"net/http"

	"github.com/campanile/campanile/store"
)

// confirmView is the second step before alerting everyone: what will go,
// to how many, and the word to type.
type confirmView struct {
	P          store.Post
	Action     string // "send" or "schedule"
	URL        string
	Recipients int
	PublishAt  string
	Error      string
}

// postConfirm asks for the confirmation word before a post reaches every
// citizen; other posts need none and go back to their page.
func (s *Server) postConfirm() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		post, ok := s.loadPost(w, r)
		if !ok {
			return
		}
		if post.Audience != store.AudienceEveryone {
			http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d", post.ID), http.StatusSeeOther)
			return
		}
		s.showConfirm(w, r, http.StatusOK, post, r.URL.Query().Get("action"), "")
	}
}

func (s *Server) showConfirm(w http.ResponseWriter, r *http.Request, code int, post store.Post, action, errText string) {
	if action != "schedule" {
		action = "send"
	}
	v := confirmView{P: post, Action: action, URL: fmt.Sprintf("/admin/posts/%d/%s", post.ID, action),
		PublishAt: romeTime(post.PublishAt), Error: errText}
	e, err := s.posts()
	if err == nil {
		v.Recipients, err = e.CountRecipients(r.Context(), s.st, post)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, code, "post_confirm", s.newPage(r, "admin.posts.confirm_title", v))
}

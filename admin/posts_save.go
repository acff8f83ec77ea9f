package admin

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/campanile/campanile/store"
)

// postCreate stores a new post as a draft and shows its preview.
func (s *Server) postCreate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.savePost(w, r, store.Post{}) }
}

// postUpdate rewrites a post that has not gone out. A scheduled post comes
// back as a draft: what was checked and scheduled is no longer what will
// be sent, so the clerk looks at the preview and schedules it again.
func (s *Server) postUpdate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		old, ok := s.editablePost(w, r)
		if !ok {
			return
		}
		s.savePost(w, r, old)
	}
}

// savePost checks the form and stores it over old (a new post when old's
// ID is 0). A refused form changes nothing and comes back as typed.
func (s *Server) savePost(w http.ResponseWriter, r *http.Request, old store.Post) {
	ctx := r.Context()
	acct := stateFrom(r).acct
	p := s.newPage(r, "admin.posts.new_title", nil)
	f := readPostForm(r)
	if text, ok := polygonUpload(r); ok {
		f.Polygon = text
	}
	v := postFormView{ID: old.ID, F: f, MediaName: mediaLabel(old)}
	if err := s.fillPostForm(ctx, p.Lang, acct, &v); err != nil {
		s.serverError(w, r, err)
		return
	}
	post, cleaned, errs := checkPostForm(p, f, v, s.st.Now())
	upload, err := readPostMedia(r)
	switch {
	case errors.Is(err, errMediaTooBig):
		errs["media"] = p.T("admin.posts.error_media_size", "Max", maxPostMediaBytes>>20)
	case errors.Is(err, errMediaKind):
		errs["media"] = p.T("admin.posts.error_media_kind")
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if len(errs) > 0 {
		v.Errors, v.Error = errs, p.T("admin.posts.error_summary", "Count", len(errs))
		s.renderPostForm(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	post.ID, post.Status = old.ID, store.PostDraft
	post.MediaPath, post.MediaKind, post.MediaName = old.MediaPath, old.MediaKind, old.MediaName
	if f.RemoveMedia {
		post.MediaPath, post.MediaKind, post.MediaName = "", "", ""
	}
	if upload != nil {
		if err := upload.store(s.opt.MediaDir, &post); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	action := "post.update"
	if old.ID == 0 {
		action, post.CreatedBy = "post.create", acct.ID
		post, err = s.st.CreatePost(ctx, post)
	} else {
		post, err = s.st.UpdatePost(ctx, post)
	}
	if errors.Is(err, store.ErrPostLocked) {
		s.renderError(w, r, http.StatusConflict, "admin.posts.error_locked")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("post saved", "post_id", post.ID, "account_id", acct.ID, "kind", post.Kind, "audience", post.Audience)
	s.audit(r, acct, action, postTarget(post), "kind="+post.Kind+" audience="+post.Audience)
	done := url.Values{"done": {"saved"}}
	if old.Status == store.PostScheduled {
		done.Set("done", "unscheduled")
	}
	cleaned.query(done)
	http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d?%s", post.ID, done.Encode()), http.StatusSeeOther)
}

// postTarget names a post in the audit log.
func postTarget(p store.Post) string { return fmt.Sprintf("#%d %s", p.ID, p.Title) }

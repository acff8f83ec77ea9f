package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/campanile/campanile/store"
)

type feedEditView struct {
	Feed      store.Feed
	ErrorText string
	Form      feedForm
	Errors    cfgErrors
	Topics    []idOption
}

// feedTarget is the feed of /admin/feeds/{id}; it answers 404 itself when
// there is none.
func (s *Server) feedTarget(w http.ResponseWriter, r *http.Request) (store.Feed, bool) {
	id, ok := cfgIDOf(r)
	if !ok {
		s.renderError(w, r, http.StatusNotFound, "admin.feeds.not_found")
		return store.Feed{}, false
	}
	f, err := s.st.FeedByID(r.Context(), id)
	if err != nil {
		s.configLookupFailed(w, r, err, "admin.feeds.not_found")
		return f, false
	}
	return f, true
}

func (s *Server) showFeedEdit(w http.ResponseWriter, r *http.Request, code int, v feedEditView) {
	p := s.newPage(r, "admin.feeds.title", nil)
	p.Title = p.T("admin.feeds.edit_title", "Name", v.Feed.Name)
	v.ErrorText = feedErrorText(p, v.Feed.LastError)
	var err error
	if v.Topics, err = s.topicOptions(r.Context(), p.Lang, v.Form.Topic); err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = v
	s.render(w, r, code, "feeds_edit", p)
}

func (s *Server) feedEdit() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, ok := s.feedTarget(w, r)
		if !ok {
			return
		}
		s.showFeedEdit(w, r, http.StatusOK, feedEditView{Feed: f, Form: feedFormFrom(f)})
	}
}

// feedUpdate changes a feed's name, topic, auto-publishing and whether it
// is polled; its address stays.
func (s *Server) feedUpdate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		old, ok := s.feedTarget(w, r)
		if !ok {
			return
		}
		p := s.newPage(r, "admin.feeds.title", nil)
		form := feedFormOf(r)
		form.ID, form.URL = old.ID, old.URL
		f, errs := s.checkFeedForm(r.Context(), p, form, false)
		if errs != nil {
			s.showFeedEdit(w, r, http.StatusUnprocessableEntity, feedEditView{Feed: old, Form: form, Errors: errs})
			return
		}
		if err := s.st.UpdateFeed(r.Context(), f); err != nil {
			s.configLookupFailed(w, r, err, "admin.feeds.not_found")
			return
		}
		s.audit(r, stateFrom(r).acct, "feeds.update", old.URL, cfgDiff(
			cfgChange{"name", old.Name, f.Name}, cfgChange{"topic", idText(old.TopicID), idText(f.TopicID)},
			cfgChange{"auto_publish", strconv.FormatBool(old.AutoPublish), strconv.FormatBool(f.AutoPublish)},
			cfgChange{"enabled", strconv.FormatBool(old.Enabled), strconv.FormatBool(f.Enabled)}))
		cfgDone(w, r, feedsPage, "feed_saved")
	}
}

// feedDelete forgets a feed; the posts it brought stay, those waiting for
// approval are discarded.
func (s *Server) feedDelete() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, ok := s.feedTarget(w, r)
		if !ok {
			return
		}
		if err := s.st.DeleteFeed(r.Context(), f.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
		s.audit(r, stateFrom(r).acct, "feeds.delete", f.URL, fmt.Sprintf("name=%q", f.Name))
		cfgDone(w, r, feedsPage, "feed_deleted")
	}
}

package admin

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// The website feeds whose items become posts, and the queue of items
// waiting for an editor. "queue" is registered before {id}, which would
// match it.
func init() {
	pages = append(pages, "feeds", "feeds_edit", "feeds_queue")
	routes = append(routes,
		route{http.MethodGet, "/admin/feeds", (*Server).feedsList, feedStaff},
		route{http.MethodPost, "/admin/feeds", (*Server).feedCreate, feedStaff},
		route{http.MethodGet, "/admin/feeds/queue", (*Server).feedQueue, feedStaff},
		route{http.MethodPost, "/admin/feeds/queue/{id}/approve", (*Server).feedItemApprove, feedStaff},
		route{http.MethodPost, "/admin/feeds/queue/{id}/discard", (*Server).feedItemDiscard, feedStaff},
		route{http.MethodGet, "/admin/feeds/{id}", (*Server).feedEdit, feedStaff},
		route{http.MethodPost, "/admin/feeds/{id}", (*Server).feedUpdate, feedStaff},
		route{http.MethodPost, "/admin/feeds/{id}/delete", (*Server).feedDelete, feedStaff},
	)
	// The home page links the feeds right after the posts they feed.
	at := len(sections)
	if i := slices.IndexFunc(sections, func(s section) bool { return s.Path == "/admin/posts" }); i >= 0 {
		at = i + 1
	}
	sections = slices.Insert(sections, at, section{"/admin/feeds", "admin.feeds.title", "admin.feeds.section_hint", feedStaff})
}

// feedStaff decide what the comune publishes: admins and editors.
var feedStaff = []store.StaffRole{store.RoleAdmin, store.RoleEditor}

const feedsPage = "/admin/feeds"

var feedNotices = []string{"feed_added", "feed_saved", "feed_deleted"}

type feedsView struct {
	Notice  string
	Feeds   []feedRow
	Pending int
	Form    feedForm
	Errors  cfgErrors
	Topics  []idOption
}

type feedRow struct {
	store.Feed
	Topic, ErrorText string
}

// feedsList shows every feed with how its last polls went, and the form
// to add one.
func (s *Server) feedsList() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.showFeeds(w, r, http.StatusOK, feedsView{Notice: feedNotice(r, feedNotices)})
	}
}

// feedNotice is the message id of a ?done= the feed pages know, or "".
func feedNotice(r *http.Request, known []string) string {
	if done := r.URL.Query().Get("done"); slices.Contains(known, done) {
		return "admin.feeds.done_" + done
	}
	return ""
}

func (s *Server) showFeeds(w http.ResponseWriter, r *http.Request, code int, v feedsView) {
	ctx := r.Context()
	p := s.newPage(r, "admin.feeds.title", nil)
	all, err := s.st.Feeds(ctx, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	names, err := s.topicNames(ctx, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, f := range all {
		v.Feeds = append(v.Feeds, feedRow{Feed: f, Topic: names[f.TopicID], ErrorText: feedErrorText(p, f.LastError)})
	}
	pending, err := s.st.PendingFeedPosts(ctx, feedQueueMax)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Pending = len(pending)
	if v.Topics, err = s.topicOptions(ctx, p.Lang, v.Form.Topic); err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = v
	s.render(w, r, code, "feeds", p)
}

// topicNames are the topics' names in lang, by id.
func (s *Server) topicNames(ctx context.Context, lang string) (map[int64]string, error) {
	all, err := s.st.AllTopics(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(all))
	for _, t := range all {
		out[t.ID] = t.Name(lang)
	}
	return out, nil
}

// topicOptions lists the topics for a feed's select, selected marked.
func (s *Server) topicOptions(ctx context.Context, lang, selected string) ([]idOption, error) {
	all, err := s.st.AllTopics(ctx)
	if err != nil {
		return nil, err
	}
	var out []idOption
	for _, t := range all {
		out = append(out, idOption{t.ID, t.Name(lang), idText(t.ID) == selected})
	}
	return out, nil
}

// feedCreate registers a feed and polls it once, so that a wrong address
// shows its error at once. That first poll marks the items already there
// as seen: citizens get only what the site publishes from now on.
func (s *Server) feedCreate() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		p := s.newPage(r, "admin.feeds.title", nil)
		form := feedFormOf(r)
		f, errs := s.checkFeedForm(ctx, p, form, true)
		if errs == nil {
			var err error
			f.Enabled = true
			if f, err = s.st.CreateFeed(ctx, f); err != nil {
				if err != store.ErrDuplicateFeed {
					s.serverError(w, r, err)
					return
				}
				errs.add("url", p.T("admin.feeds.error_url_taken"))
			}
		}
		if errs != nil {
			s.showFeeds(w, r, http.StatusUnprocessableEntity, feedsView{Form: form, Errors: errs})
			return
		}
		me := stateFrom(r).acct
		s.audit(r, me, "feeds.create", f.URL, fmt.Sprintf("name=%q topic=%d auto_publish=%t", f.Name, f.TopicID, f.AutoPublish))
		s.log.Info("feed registered", "feed_id", f.ID, "account_id", me.ID)
		poller := flows.NewFeedPoller(s.log)
		poller.AllowPrivate = s.opt.FeedsAllowPrivate
		res, err := poller.Poll(ctx, s.st, f)
		if err != nil {
			s.log.Warn("the first poll of a new feed failed", "feed_id", f.ID, "error", err)
		} else {
			s.log.Info("new feed's items marked as seen", "feed_id", f.ID, "seen_items", res.Seen)
		}
		cfgDone(w, r, feedsPage, "feed_added")
	}
}

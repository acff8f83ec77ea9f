package admin

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"github.com/campanile/campanile/store"
)

// feedQueueMax bounds the queue page; an editor who lets more pile up
// sees the oldest first and works down.
const feedQueueMax = 100

const feedQueuePage = "/admin/feeds/queue"

var feedQueueNotices = []string{"item_approved", "item_discarded", "item_gone"}

type feedQueueView struct {
	Notice string
	Items  []feedQueueItem
}

type feedQueueItem struct {
	store.Post
	Feed string
	Body template.HTML // sanitized to Telegram's few tags when the item was imported
}

// feedQueue lists the feed items waiting for an editor, with the body as
// citizens would read it.
func (s *Server) feedQueue() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		posts, err := s.st.PendingFeedPosts(ctx, feedQueueMax)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		feeds, err := s.st.Feeds(ctx, false)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		names := map[int64]string{}
		for _, f := range feeds {
			names[f.ID] = f.Name
		}
		v := feedQueueView{Notice: feedNotice(r, feedQueueNotices)}
		for _, p := range posts {
			// The body passed the Telegram sanitizer on import: only b, i,
			// u, s, a (web links), code, pre and blockquote remain.
			v.Items = append(v.Items, feedQueueItem{Post: p, Feed: names[p.FeedID], Body: template.HTML(rssBody(p.BodyHTML))})
		}
		s.render(w, r, http.StatusOK, "feeds_queue", s.newPage(r, "admin.feeds.queue_title", v))
	}
}

// feedItemApprove schedules the item for now: the post scheduler takes it
// within a second and sends it once, as it does every scheduled post.
func (s *Server) feedItemApprove() http.HandlerFunc {
	return s.feedItemDecide(store.PostScheduled, "feeds.item.approve", "item_approved")
}

// feedItemDiscard keeps the item as cancelled, so the next poll knows it
// and does not bring it back.
func (s *Server) feedItemDiscard() http.HandlerFunc {
	return s.feedItemDecide(store.PostCancelled, "feeds.item.discard", "item_discarded")
}

func (s *Server) feedItemDecide(to, action, done string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id, ok := cfgIDOf(r)
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "admin.feeds.item_not_found")
			return
		}
		p, err := s.st.PostByID(ctx, id)
		if err == nil && p.FeedID == 0 {
			err = store.ErrNotFound // a post written in the admin is not the queue's
		}
		if err != nil {
			s.configLookupFailed(w, r, err, "admin.feeds.item_not_found")
			return
		}
		err = s.st.SetPostStatus(ctx, id, to, []string{store.PostPendingApproval}, 0)
		switch {
		case errors.Is(err, store.ErrPostLocked):
			// Another editor decided first: nothing to do, and say so.
			cfgDone(w, r, feedQueuePage, "item_gone")
			return
		case err != nil:
			s.serverError(w, r, err)
			return
		}
		s.audit(r, stateFrom(r).acct, action, "post "+strconv.FormatInt(id, 10), fmt.Sprintf("feed=%d title=%q", p.FeedID, p.Title))
		cfgDone(w, r, feedQueuePage, done)
	}
}

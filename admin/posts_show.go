package admin

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// postView is one post: its facts, the preview, its audience's size, what
// the clerk may do now and, once it goes out, its delivery.
type postView struct {
	P                                    store.Post
	Kind, Status, Loudness, Audience     string
	Targets, CleanedTags                 string
	Created, PublishAt, SentAt, EventAt  string
	Bubbles                              []bubble
	Recipients                           int
	Editable, Sendable, Schedulable      bool
	Cancellable, Stoppable, AlertUpdates bool
	ClerkChat                            bool
	LinkCode                             string
	Delivery                             *deliveryView
	Refresh                              bool
	Notice                               string
	Cleaning                             cleaning
	Error                                string
	UpdateTitle, UpdateBody              string // an alert's update as typed, kept after a refusal
}

// postNotices are the actions a redirect may name in ?done=.
var postNotices = []string{"saved", "unscheduled", "sent", "scheduled", "cancelled", "stopped", "to_me", "link_code", "alert_updated"}

// postShow is a post's page: the preview before it goes, the delivery
// while and after.
func (s *Server) postShow() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := postView{}
		q := r.URL.Query()
		if done := q.Get("done"); slices.Contains(postNotices, done) {
			v.Notice = "admin.posts.done_" + done
		}
		v.Cleaning = cleaningFrom(q)
		s.showPost(w, r, http.StatusOK, v)
	}
}

// showPost renders the post page with v's notice or error: the page every
// action on a post ends on.
func (s *Server) showPost(w http.ResponseWriter, r *http.Request, code int, v postView) {
	post, ok := s.loadPost(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "admin.posts.post_title", nil)
	if err := s.fillPostView(r, p, post, &v); err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Title = post.Title
	p.Data = v
	if v.Refresh {
		// The figures move while it sends: the browser reloads the page
		// every few seconds, with no script (the CSP allows none inline).
		w.Header().Set("Refresh", "5")
	}
	s.render(w, r, code, "post", p)
}

func (s *Server) fillPostView(r *http.Request, p page, post store.Post, v *postView) error {
	ctx := r.Context()
	acct := stateFrom(r).acct
	v.P = post
	v.Kind, v.Status = p.T("admin.posts.kind_"+post.Kind), p.T("admin.posts.status_"+post.Status)
	v.Loudness, v.Audience = p.T("admin.posts.loudness_"+post.Loudness), p.T("admin.posts.audience_"+post.Audience)
	v.Created, v.PublishAt, v.SentAt, v.EventAt = romeTime(post.CreatedAt), romeTime(post.PublishAt), romeTime(post.SentAt), romeTime(post.EventAt)
	targets, err := s.postTargets(ctx, p, post)
	if err != nil {
		return err
	}
	v.Targets, v.CleanedTags = strings.Join(targets, ", "), strings.Join(v.Cleaning.Tags, ", ")
	v.Editable = editable(post.Status)
	// A feed item waiting for approval is approved by sending or
	// scheduling it.
	waiting := post.Status == store.PostDraft || post.Status == store.PostPendingApproval
	v.Sendable = waiting || post.Status == store.PostScheduled
	v.Schedulable = waiting && post.PublishAt > s.st.Now().Unix()
	v.Cancellable = v.Editable
	v.Stoppable = post.Status == store.PostSending
	v.AlertUpdates = post.Kind == store.PostAlert && post.UpdateOf == 0 && (post.Status == store.PostSending || post.Status == store.PostSent)
	v.Refresh = post.Status == store.PostSending
	rights, err := s.st.StaffPublishingOf(ctx, acct.ID)
	if err != nil {
		return err
	}
	v.ClerkChat = rights.TelegramChatID != 0
	if v.Notice == "admin.posts.done_link_code" {
		v.LinkCode, _ = s.secrets.take(s.st.Now(), stateFrom(r).sess.IDHash, -acct.ID)
	}
	if e, err := s.posts(); err == nil {
		v.Bubbles = bubblesOf(post, e.RenderPost(post, previewLang))
		if v.Sendable {
			// A topic or zone deleted since the post was written can
			// leave it with no audience: say so rather than fail.
			if err := flows.CheckAudience(post); err != nil {
				v.Sendable, v.Schedulable = false, false
				v.Error = p.T("admin.posts.error_audience_gone")
			} else if v.Recipients, err = e.CountRecipients(ctx, s.st, post); err != nil {
				return err
			}
		}
	}
	if post.Status == store.PostSending || post.Status == store.PostSent || post.Status == store.PostCancelled && post.SentAt != 0 {
		if v.Delivery, err = s.deliveryOf(ctx, post); err != nil {
			return err
		}
		v.Delivery.TimeLeft = timeLeft(p, v.Delivery.SecondsLeft)
	}
	return nil
}

// previewLang is the language of the preview: the comune writes in Italian,
// and most citizens read it so.
const previewLang = "it"

// postTargets names a post's audience: its topics, its zones, or its
// drawn area.
func (s *Server) postTargets(ctx context.Context, p page, post store.Post) ([]string, error) {
	var out []string
	for _, id := range post.TopicIDs {
		t, err := s.st.TopicByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, t.Name(p.Lang))
	}
	for _, id := range post.ZoneIDs {
		z, err := s.st.ZoneByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, z.Name)
	}
	if post.AreaGeoJSON != "" {
		if lat, lon, radius, ok := circleOf(post.AreaGeoJSON); ok {
			out = append(out, p.T("admin.posts.circle_text", "Radius", strconv.FormatFloat(radius, 'f', 0, 64),
				"Lat", strconv.FormatFloat(lat, 'f', 5, 64), "Lon", strconv.FormatFloat(lon, 'f', 5, 64)))
		} else {
			out = append(out, p.T("admin.posts.polygon_text"))
		}
	}
	return out, nil
}

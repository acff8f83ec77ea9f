package admin

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/campanile/campanile/store"
)

const postsPageSize = 30

// postStatuses in the order the filter offers them.
var postStatuses = []string{store.PostDraft, store.PostPendingApproval, store.PostScheduled, store.PostSending, store.PostSent, store.PostCancelled}

type postRow struct {
	P                    store.Post
	Kind, Status, When   string
	Sent, Total, Percent int
	Progress             bool
}

type postsData struct {
	Kind, Status     string
	Kinds            []string
	Statuses         []string
	Rows             []postRow
	Page             int
	PrevURL, NextURL string
}

// postsList is every post, newest first, filtered by kind and status,
// with each broadcast's progress.
func (s *Server) postsList() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		q := r.URL.Query()
		d := postsData{Kinds: postKinds, Statuses: postStatuses}
		f := store.PostFilter{Limit: postsPageSize + 1}
		if k := q.Get("kind"); slices.Contains(postKinds, k) {
			d.Kind, f.Kinds = k, []string{k}
		}
		if st := q.Get("status"); slices.Contains(postStatuses, st) {
			d.Status, f.Statuses = st, []string{st}
		}
		d.Page, _ = strconv.Atoi(q.Get("page"))
		d.Page = max(d.Page, 1)
		f.Offset = (d.Page - 1) * postsPageSize
		posts, err := s.st.ListPosts(ctx, f)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		p := s.newPage(r, "admin.posts.title", nil)
		if len(posts) > postsPageSize {
			posts = posts[:postsPageSize]
			d.NextURL = d.pageURL(d.Page + 1)
		}
		if d.Page > 1 {
			d.PrevURL = d.pageURL(d.Page - 1)
		}
		for _, post := range posts {
			row := postRow{P: post, Kind: p.T("admin.posts.kind_" + post.Kind), Status: p.T("admin.posts.status_" + post.Status)}
			switch {
			case post.SentAt != 0:
				row.When = romeTime(post.SentAt)
			case post.Status == store.PostScheduled:
				row.When = romeTime(post.PublishAt)
			}
			switch post.Status {
			case store.PostSent:
				row.Progress, row.Total, row.Percent = true, post.Recipients, 100
			case store.PostSending:
				// Counted for running broadcasts only: a finished one's
				// figures are on its page, and a page of them here would
				// count every delivery of the last thirty posts.
				stats, err := s.st.PostDeliveryStats(ctx, post.ID)
				if err != nil {
					s.serverError(w, r, err)
					return
				}
				row.Progress, row.Total, row.Sent = true, stats.Recipients, stats.Sent
				if stats.Recipients > 0 {
					row.Percent = (stats.Recipients - stats.Pending) * 100 / stats.Recipients
				}
			}
			d.Rows = append(d.Rows, row)
		}
		p.Data = d
		s.render(w, r, http.StatusOK, "posts", p)
	}
}

func (d postsData) pageURL(n int) string {
	v := url.Values{}
	if d.Kind != "" {
		v.Set("kind", d.Kind)
	}
	if d.Status != "" {
		v.Set("status", d.Status)
	}
	v.Set("page", strconv.Itoa(n))
	return "/admin/posts?" + v.Encode()
}

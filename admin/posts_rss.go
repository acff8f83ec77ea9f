package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/campanile/campanile/store"
)

// The comune's published posts as an RSS 2.0 feed, for its website and
// for citizens who read news in a feed reader rather than on Telegram.
func init() {
	routes = append(routes, route{http.MethodGet, "/notizie.xml", (*Server).postsRSS, public})
}

// rssItems is how many of the latest posts the feed carries.
const rssItems = 50

// rssLang is the feed's language: Italian, the comune's own.
const rssLang = "it"

// postsRSS writes the latest published posts. A post links to its own
// link when it has one, else to the feed; its guid is the post's number
// on this server, which never changes.
func (s *Server) postsRSS() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		posts, err := s.st.ListPosts(r.Context(), store.PostFilter{
			Kinds:    []string{store.PostNews, store.PostNotice, store.PostEvent, store.PostAlert},
			Statuses: []string{store.PostSending, store.PostSent},
			Limit:    rssItems,
		})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		self := s.publicBase(r) + "/notizie.xml"
		comune := s.opt.Issuer
		f := &feeds.Feed{
			Title:       comune,
			Link:        &feeds.Link{Href: s.publicBase(r) + "/"},
			Description: s.cat.T(rssLang, "admin.feeds.rss_description", map[string]any{"Comune": comune}),
		}
		for _, p := range posts {
			link := p.Link
			if link == "" {
				link = self
			}
			f.Items = append(f.Items, &feeds.Item{
				Title:       p.Title,
				Link:        &feeds.Link{Href: link},
				Description: rssBody(p.BodyHTML),
				Id:          self + "#post-" + strconv.FormatInt(p.ID, 10),
				IsPermaLink: "false",
				Created:     time.Unix(p.SentAt, 0).UTC(),
			})
		}
		if len(posts) > 0 {
			f.Updated = time.Unix(posts[0].SentAt, 0).UTC()
		}
		var b strings.Builder
		if err := f.WriteRss(&b); err != nil {
			s.serverError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=300")
		_, _ = w.Write([]byte(b.String()))
	}
}

// rssBody is a post's Telegram HTML for a feed reader, where newlines,
// Telegram's paragraphs, would run together.
func rssBody(html string) string {
	return strings.ReplaceAll(strings.TrimSpace(html), "\n", "<br>\n")
}

// publicBase is the scheme and host the request reached, as the links of
// the feed must name them.
func (s *Server) publicBase(r *http.Request) string {
	scheme := "http"
	if s.isHTTPS(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

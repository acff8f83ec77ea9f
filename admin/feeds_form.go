package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// Bounds of a feed's fields.
const (
	feedNameMax = 80
	feedURLMax  = 2000
)

// feedForm is the feed form as the clerk filled it in.
type feedForm struct {
	ID                   int64
	Name, URL, Topic     string
	AutoPublish, Enabled bool
}

func feedFormOf(r *http.Request) feedForm {
	return feedForm{
		Name:        strings.TrimSpace(r.PostFormValue("name")),
		URL:         strings.TrimSpace(r.PostFormValue("url")),
		Topic:       strings.TrimSpace(r.PostFormValue("topic")),
		AutoPublish: r.PostFormValue("auto_publish") == "on",
		Enabled:     r.PostFormValue("enabled") == "on",
	}
}

func feedFormFrom(f store.Feed) feedForm {
	return feedForm{ID: f.ID, Name: f.Name, URL: f.URL, Topic: idText(f.TopicID), AutoPublish: f.AutoPublish, Enabled: f.Enabled}
}

// checkFeedForm validates the form into a feed; withURL for a new feed,
// whose address is chosen once (a new address is a new feed).
func (s *Server) checkFeedForm(ctx context.Context, p page, form feedForm, withURL bool) (store.Feed, cfgErrors) {
	var errs cfgErrors
	f := store.Feed{ID: form.ID, Name: form.Name, URL: form.URL, AutoPublish: form.AutoPublish, Enabled: form.Enabled}
	switch n := utf8.RuneCountInString(form.Name); {
	case n == 0:
		errs.add("name", p.T("admin.feeds.error_name_required"))
	case n > feedNameMax:
		errs.add("name", p.T("admin.feeds.error_name_long", "Max", feedNameMax))
	}
	if withURL && !validFeedURL(form.URL) {
		errs.add("url", p.T("admin.feeds.error_url"))
	}
	id, ok := cfgOptionalID(form.Topic)
	if !ok || id == 0 {
		errs.add("topic", p.T("admin.feeds.error_topic"))
	} else if _, err := s.st.TopicByID(ctx, id); err != nil {
		errs.add("topic", p.T("admin.feeds.error_topic"))
	}
	f.TopicID = id
	return f, errs
}

// validFeedURL accepts a web address with a host, as a site publishes its
// feed.
func validFeedURL(v string) bool {
	if len(v) > feedURLMax {
		return false
	}
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}

// feedErrorText is a feed's recorded error in the clerk's language, with
// the technical detail a site's webmaster needs after it.
func feedErrorText(p page, recorded string) string {
	if recorded == "" {
		return ""
	}
	kind, detail := flows.ParseFeedError(recorded)
	if kind == "" {
		return recorded
	}
	return p.T("admin.feeds.fail_"+kind, "Detail", detail)
}
